/**
 * distributeMeeting: from the BUILT outputs of one meeting, write
 *
 *   output/<d>/<m>/copies/briefing-000001.pdf …     one numbered copy per recipient / unit
 *   output/<d>/<m>/copies/briefing-archive-F-T.pdf  the 存档 copies F…T collated in one PDF
 *   output/<d>/<m>/bundles/000009-区发展改革委.zip   copy + ledger-<unit>.xlsx + notice.pdf
 *   output/<d>/<m>/manifest.json                     every file: recipient/unit, bytes, sha256;
 *                                                    the build's input hashes
 *
 * Nothing is built here: missing or out-of-date outputs are an error ("run make first").
 * Every file is written atomically, and only when its bytes change; copies and bundles
 * left over from an earlier distribution (a renamed recipient) are removed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { JianbaoError, type Problem } from '../errors.js';
import { locate } from '../core/source.js';
import type { MeetingView } from '../core/view.js';
import { loadThemeConfig } from '../load/config.js';
import { projectFonts } from '../load/fonts.js';
import { fontSet, type FontSet } from '../render/pdf/fonts.js';
import { makeTheme, type Theme } from '../render/pdf/theme.js';
import { loadTemplates, type TemplateSet } from '../render/template.js';
import { writeZip } from '../core/zip.js';
import { removeOthers, safeName, sha256, writeIfChanged } from './files.js';
import {
  ARCHIVE_LABEL,
  buildManifest,
  BUNDLES_DIR,
  COPIES_DIR,
  MANIFEST_FILE,
  type ArchiveRecord,
  type BundleRecord,
  type CopyRecord,
  type Produced,
  type UnitRef,
} from './manifest.js';
import { assertBuilt, openMeeting, type OpenMeeting } from './meeting.js';
import { noticeData, noticeRenderer } from './notice.js';
import { planCopies, serialOf, type CopyAssignment, type CopyPlan } from './plan.js';
import { createStamper, type CopyStamp, type Stamper } from './stamp.js';
import { msg } from '../messages/index.js';

export {
  ARCHIVE_LABEL,
  BUNDLES_DIR,
  COPIES_DIR,
  MANIFEST_FILE,
  type ArchiveRecord,
  type BundleEntry,
  type BundleRecord,
  type CopyRecord,
  type Manifest,
  type ManifestFile,
  type UnitRef,
} from './manifest.js';

export interface DistributeOptions {
  outDir: string;
  dataDir: string;
  /** district/meeting */
  key: string;
  /** Project root (config/, templates/, fonts). */
  root: string;
  /** Paths in messages are shown relative to this (default: the current directory). */
  cwd?: string;
}

export interface DistributeReport {
  key: string;
  /** The meeting's output folder, as shown (relative to cwd). */
  dir: string;
  /** 共印X份 (undefined when the meeting does not say). */
  printed?: number;
  copies: CopyRecord[];
  archive?: ArchiveRecord;
  bundles: BundleRecord[];
  /** manifest.json, as shown. */
  manifest: string;
  /** Files whose bytes changed (shown paths). */
  written: string[];
  /** Leftover copies/bundles of an earlier distribution that were removed (shown paths). */
  removed: string[];
  /** Warnings: characters of a recipient name the fonts cannot show (they print as empty boxes). */
  warnings: Problem[];
  ms: number;
}

function copyFile(a: Pick<CopyAssignment, 'serial'>): string {
  return `${COPIES_DIR}/briefing-${a.serial}.pdf`;
}

function bundleFile(a: CopyAssignment): string {
  return `${BUNDLES_DIR}/${a.serial}-${safeName(a.recipient)}.zip`;
}

/** 共印X份 is fewer than the copies needed: located at the meeting's `briefing.copies` line. */
async function shortError(m: OpenMeeting, plan: CopyPlan, cwd: string): Promise<JianbaoError> {
  // only here is the meeting's file read (through the load layer), to point at the line
  const { loadEntry } = await import('../load/project.js');
  const loaded = loadEntry(m.entry, new Map(), cwd);
  const { line, col } = locate(loaded.source, ['briefing', 'copies']);
  const listed = plan.assignments.filter((a) => a.listed).length;
  const units = plan.assignments.length - listed;
  return new JianbaoError('data', [
    {
      location: { kind: 'file', file: loaded.file, line, col },
      field: 'briefing.copies',
      message: msg('distribute.copies', { n: plan.assignments.length, listed, units }),
      found: String(plan.printed),
    },
  ]);
}

/** What the copies and bundles are made with: the master PDF, the stamp, the fonts, who is who. */
interface Workshop {
  m: OpenMeeting;
  view: MeetingView;
  stamper: Stamper;
  theme: Theme;
  fonts: FontSet;
  unitRef: (id?: string) => UnitRef | undefined;
  /** Characters the stamp font (heiti) or the notes' fonts lack print as empty boxes: warn. */
  warnMissing: (what: string, file: string, chars: string[]) => void;
  warnings: Problem[];
  produced: Produced[];
}

export async function distributeMeeting(opts: DistributeOptions): Promise<DistributeReport> {
  const t0 = performance.now();
  const cwd = opts.cwd ?? process.cwd();
  const show = (p: string) => relative(cwd, p) || p;
  const m = await openMeeting(opts, cwd);
  const plan = planCopies(m.view);
  const needLedgers = plan.assignments.some((a) => a.unitId);
  assertBuilt(m, needLedgers ? ['briefing', 'ledger'] : ['briefing'], opts.root, cwd);
  if (plan.shortBy) throw await shortError(m, plan, cwd);

  const w = await workshop(m, opts.root, show);
  const { copies, copyBytes } = await numberedCopies(w, plan);
  const archive = await archiveCopies(w, plan);
  const templates = loadTemplates(join(opts.root, 'templates'));
  const bundles = await makeBundles(w, plan, copyBytes, templates, opts.root);
  const noticeTemplates = Object.fromEntries(
    templates.inputs('notice.md', m.view.districtId).map((t) => [relative(opts.root, t.file).split(sep).join('/'), sha256(readFileSync(t.file))]),
  );
  const manifest = buildManifest({ view: m.view, dir: m.dir, stamp: m.stamp, plan, copies, archive, bundles, produced: w.produced, noticeTemplates });
  const { written, removed } = writeAll(m.dir, [...w.produced, { path: MANIFEST_FILE, data: `${JSON.stringify(manifest, null, 2)}\n` }], show);

  return {
    key: m.entry.key,
    dir: show(m.dir),
    printed: plan.printed,
    copies,
    archive,
    bundles,
    manifest: show(join(m.dir, MANIFEST_FILE)),
    written,
    removed,
    warnings: w.warnings,
    ms: performance.now() - t0,
  };
}

async function workshop(m: OpenMeeting, root: string, show: (p: string) => string): Promise<Workshop> {
  const view = m.view;
  const master = new Uint8Array(readFileSync(join(m.dir, 'briefing.pdf')));
  const theme = makeTheme(loadThemeConfig(root));
  const fonts = fontSet(projectFonts(root));
  const heiti = fonts.face('heiti');
  const b = view.briefing;
  const stamper = await createStamper(master, { theme, font: { file: heiti.file, bytes: fonts.data('heiti'), ascender: heiti.ascender }, secrecy: b.secrecy }, { watermark: b.internal });
  const unitName = new Map(view.district.units.map((u) => [u.id, u.name]));
  const warnings: Problem[] = [];
  return {
    m,
    view,
    stamper,
    theme,
    fonts,
    unitRef: (id) => (id ? { id, name: unitName.get(id) ?? id } : undefined),
    warnMissing: (what, file, chars) => {
      if (!chars.length) return;
      warnings.push({
        location: { kind: 'file', file: show(join(m.dir, ...file.split('/'))) },
        message: msg('distribute.noGlyph', { chars: chars.map((c) => `${c} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', '), what }),
        severity: 'warning',
      });
    },
    warnings,
    produced: [],
  };
}

/** One numbered copy per recipient and unit: 份号 and recipient stamped on the master. */
async function numberedCopies(w: Workshop, plan: CopyPlan): Promise<{ copies: CopyRecord[]; copyBytes: Map<string, Uint8Array> }> {
  const copies: CopyRecord[] = [];
  const copyBytes = new Map<string, Uint8Array>();
  for (const a of plan.assignments) {
    const stamp: CopyStamp = { serial: a.serial, label: `${a.category}：${a.recipient}`, watermark: a.recipient, recipient: a.recipient };
    const data = await w.stamper.copy(stamp);
    const file = copyFile(a);
    w.warnMissing(msg('distribute.recipient', { name: JSON.stringify(a.recipient) }), file, w.fonts.missing('heiti', false, stamp.label).map((cp) => String.fromCodePoint(cp)));
    copyBytes.set(a.serial, data);
    w.produced.push({ path: file, data });
    copies.push({ serial: a.serial, recipient: a.recipient, category: a.category, unit: w.unitRef(a.unitId), file, bytes: data.byteLength });
  }
  return { copies, copyBytes };
}

/** The 存档 copies up to 共印X份, collated in one PDF. */
async function archiveCopies(w: Workshop, plan: CopyPlan): Promise<ArchiveRecord | undefined> {
  if (!plan.archive) return undefined;
  const stamps: CopyStamp[] = [];
  for (let no = plan.archive.from; no <= plan.archive.to; no++) {
    stamps.push({ serial: serialOf(no), label: ARCHIVE_LABEL, watermark: ARCHIVE_LABEL, recipient: ARCHIVE_LABEL });
  }
  const from = serialOf(plan.archive.from);
  const to = serialOf(plan.archive.to);
  const b = w.view.briefing;
  const data = await w.stamper.collated(stamps, `${b.name}${b.issueLabel}（存档，份号${from}—${to}）`);
  const file = `${COPIES_DIR}/briefing-archive-${from}-${to}.pdf`;
  w.produced.push({ path: file, data });
  return { from, to, count: plan.archive.count, file, bytes: data.byteLength };
}

/** One zip per recipient: its numbered copy, its ledger when it is a unit with one, and a notice. */
async function makeBundles(w: Workshop, plan: CopyPlan, copyBytes: Map<string, Uint8Array>, templates: TemplateSet, root: string): Promise<BundleRecord[]> {
  const { m, view } = w;
  const notices = noticeRenderer({ templates, root, theme: w.theme, fonts: w.fonts });
  const mtime = new Date(`${view.briefing.date}T00:00:00Z`);
  const bundles: BundleRecord[] = [];
  for (const a of plan.assignments) {
    const ledgerName = a.unitId ? `ledger-${a.unitId}.xlsx` : undefined;
    const ledgerFile = ledgerName && existsSync(join(m.dir, ledgerName)) ? ledgerName : undefined;
    const { pdf: notice, missing } = await notices.pdf(view, noticeData(view, a, ledgerFile));
    const entries: { name: string; data: Uint8Array }[] = [{ name: `briefing-${a.serial}.pdf`, data: copyBytes.get(a.serial)! }];
    if (ledgerFile) entries.push({ name: ledgerFile, data: new Uint8Array(readFileSync(join(m.dir, ledgerFile))) });
    entries.push({ name: 'notice.pdf', data: notice });
    const zip = writeZip(entries, mtime);
    const file = bundleFile(a);
    w.warnMissing(msg('distribute.notice'), file, missing);
    w.produced.push({ path: file, data: zip });
    bundles.push({
      serial: a.serial,
      recipient: a.recipient,
      category: a.category,
      unit: w.unitRef(a.unitId),
      file,
      bytes: zip.byteLength,
      entries: entries.map((e) => ({ name: e.name, bytes: e.data.byteLength, sha256: sha256(e.data) })),
    });
  }
  return bundles;
}

/** Write (atomic, only what changed), then remove copies and bundles left from an earlier distribution. */
function writeAll(dir: string, files: Produced[], show: (p: string) => string): { written: string[]; removed: string[] } {
  const written: string[] = [];
  for (const p of files) {
    const abs = join(dir, ...p.path.split('/'));
    if (writeIfChanged(abs, p.data)) written.push(show(abs));
  }
  const keep = (sub: string) => new Set(files.filter((p) => p.path.startsWith(`${sub}/`)).map((p) => p.path.slice(sub.length + 1)));
  const removed = [
    ...removeOthers(join(dir, COPIES_DIR), keep(COPIES_DIR), ['.pdf']).map((n) => show(join(dir, COPIES_DIR, n))),
    ...removeOthers(join(dir, BUNDLES_DIR), keep(BUNDLES_DIR), ['.zip']).map((n) => show(join(dir, BUNDLES_DIR, n))),
  ];
  return { written, removed };
}
