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
import { loadThemeConfig } from '../load/config.js';
import { projectFonts } from '../load/fonts.js';
import { fontSet } from '../render/pdf/fonts.js';
import { makeTheme } from '../render/pdf/theme.js';
import { loadTemplates } from '../render/template.js';
import { writeZip } from '../core/zip.js';
import { byteLength, removeOthers, safeName, sha256, writeIfChanged } from './files.js';
import { assertBuilt, openMeeting, type OpenMeeting } from './meeting.js';
import { noticeData, noticeRenderer } from './notice.js';
import { planCopies, serialOf, type Category, type CopyAssignment, type CopyPlan } from './plan.js';
import { createStamper, type CopyStamp } from './stamp.js';
import { msg } from '../messages/index.js';

export const MANIFEST_FILE = 'manifest.json';
export const COPIES_DIR = 'copies';
export const BUNDLES_DIR = 'bundles';
/** Label and watermark of the 存档 copies. */
export const ARCHIVE_LABEL = '存档';

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

export interface UnitRef {
  id: string;
  name: string;
}

export interface CopyRecord {
  serial: string;
  recipient: string;
  category: Category;
  unit?: UnitRef;
  /** Path inside the meeting's output folder (copies/briefing-000001.pdf). */
  file: string;
  bytes: number;
}

export interface BundleEntry {
  name: string;
  bytes: number;
  sha256: string;
}

export interface BundleRecord {
  serial: string;
  recipient: string;
  category: Category;
  unit?: UnitRef;
  file: string;
  bytes: number;
  entries: BundleEntry[];
}

export interface ArchiveRecord {
  from: string;
  to: string;
  count: number;
  file: string;
  bytes: number;
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

export interface ManifestFile {
  path: string;
  kind: 'briefing' | 'ledger' | 'slides' | 'copy' | 'archive' | 'bundle' | 'other';
  bytes: number;
  sha256: string;
  serial?: string;
  serials?: { from: string; to: string; count: number };
  recipient?: string;
  category?: Category | typeof ARCHIVE_LABEL;
  unit?: UnitRef;
  entries?: BundleEntry[];
}

export interface Manifest {
  manifest: 1;
  meeting: string;
  title: string;
  briefing: { name: string; issue: string; date: string; internal: boolean; copies?: number };
  build: { stamp: string; formats: Record<string, { inputs: string; files: string[] }> };
  /** Templates the notes were rendered from (relative to the project root) and their sha256. */
  notice: { templates: Record<string, string> };
  copies: { printed?: number; numbered: number; recipients: number; units: number; archive?: { from: string; to: string; count: number; file: string } };
  files: ManifestFile[];
}

interface Produced {
  path: string;
  data: Uint8Array | string;
}

function copyFile(a: Pick<CopyAssignment, 'serial'>): string {
  return `${COPIES_DIR}/briefing-${a.serial}.pdf`;
}

function bundleFile(a: CopyAssignment): string {
  return `${BUNDLES_DIR}/${a.serial}-${safeName(a.recipient)}.zip`;
}

function shortError(m: OpenMeeting, plan: CopyPlan): JianbaoError {
  const { line, col } = locate(m.loaded.source, ['briefing', 'copies']);
  const listed = plan.assignments.filter((a) => a.listed).length;
  const units = plan.assignments.length - listed;
  return new JianbaoError('data', [
    {
      location: { kind: 'file', file: m.loaded.file, line, col },
      field: 'briefing.copies',
      message: msg('distribute.copies', { n: plan.assignments.length, listed, units }),
      found: String(plan.printed),
    },
  ]);
}

export async function distributeMeeting(opts: DistributeOptions): Promise<DistributeReport> {
  const t0 = performance.now();
  const cwd = opts.cwd ?? process.cwd();
  const show = (p: string) => relative(cwd, p) || p;
  const m = await openMeeting(opts, cwd);
  const view = m.view;
  const plan = planCopies(view);
  if (plan.shortBy) throw shortError(m, plan);
  const needLedgers = plan.assignments.some((a) => a.unitId);
  assertBuilt(m, needLedgers ? ['briefing', 'ledger'] : ['briefing'], opts.root, cwd);

  const master = new Uint8Array(readFileSync(join(m.dir, 'briefing.pdf')));
  const theme = makeTheme(loadThemeConfig(opts.root));
  const fonts = fontSet(projectFonts(opts.root));
  const heiti = fonts.face('heiti');
  const b = view.briefing;
  const stamper = await createStamper(master, { theme, font: { file: heiti.file, bytes: fonts.data('heiti'), ascender: heiti.ascender }, secrecy: b.secrecy }, { watermark: b.internal });
  const unitName = new Map(view.district.units.map((u) => [u.id, u.name]));
  const unitRef = (id?: string): UnitRef | undefined => (id ? { id, name: unitName.get(id) ?? id } : undefined);

  // characters the stamp font (heiti) or the notes' fonts lack print as empty boxes: warn
  const warnings: Problem[] = [];
  const warnMissing = (what: string, file: string, chars: string[]) => {
    if (chars.length) {
      warnings.push({
        location: { kind: 'file', file: show(join(m.dir, ...file.split('/'))) },
        message: msg('distribute.noGlyph', { chars: chars.map((c) => `${c} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', '), what }),
        severity: 'warning',
      });
    }
  };

  // ---- numbered copies
  const produced: Produced[] = [];
  const copies: CopyRecord[] = [];
  const copyBytes = new Map<string, Uint8Array>();
  for (const a of plan.assignments) {
    const stamp: CopyStamp = { serial: a.serial, label: `${a.category}：${a.recipient}`, watermark: a.recipient, recipient: a.recipient };
    const data = await stamper.copy(stamp);
    const file = copyFile(a);
    warnMissing(msg('distribute.recipient', { name: JSON.stringify(a.recipient) }), file, fonts.missing('heiti', false, stamp.label).map((cp) => String.fromCodePoint(cp)));
    copyBytes.set(a.serial, data);
    produced.push({ path: file, data });
    copies.push({ serial: a.serial, recipient: a.recipient, category: a.category, unit: unitRef(a.unitId), file, bytes: data.byteLength });
  }

  // ---- 存档 copies: one collated PDF
  let archive: ArchiveRecord | undefined;
  if (plan.archive) {
    const stamps: CopyStamp[] = [];
    for (let no = plan.archive.from; no <= plan.archive.to; no++) {
      stamps.push({ serial: serialOf(no), label: ARCHIVE_LABEL, watermark: ARCHIVE_LABEL, recipient: ARCHIVE_LABEL });
    }
    const from = serialOf(plan.archive.from);
    const to = serialOf(plan.archive.to);
    const data = await stamper.collated(stamps, `${b.name}${b.issueLabel}（存档，份号${from}—${to}）`);
    const file = `${COPIES_DIR}/briefing-archive-${from}-${to}.pdf`;
    produced.push({ path: file, data });
    archive = { from, to, count: plan.archive.count, file, bytes: data.byteLength };
  }

  // ---- bundles: copy + ledger + notice
  const templates = loadTemplates(join(opts.root, 'templates'));
  const notices = noticeRenderer({ templates, root: opts.root, theme, fonts });
  const mtime = new Date(`${b.date}T00:00:00Z`);
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
    warnMissing(msg('distribute.notice'), file, missing);
    produced.push({ path: file, data: zip });
    bundles.push({
      serial: a.serial,
      recipient: a.recipient,
      category: a.category,
      unit: unitRef(a.unitId),
      file,
      bytes: zip.byteLength,
      entries: entries.map((e) => ({ name: e.name, bytes: e.data.byteLength, sha256: sha256(e.data) })),
    });
  }

  // ---- manifest
  const noticeTemplates = Object.fromEntries(
    templates.inputs('notice.md', view.districtId).map((t) => [relative(opts.root, t.file).split(sep).join('/'), sha256(readFileSync(t.file))]),
  );
  const manifest = buildManifest(m, plan, { copies, archive, bundles, produced, noticeTemplates });
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;

  // ---- write (atomic, only what changed), then remove leftovers
  const written: string[] = [];
  for (const p of [...produced, { path: MANIFEST_FILE, data: manifestText }]) {
    const abs = join(m.dir, ...p.path.split('/'));
    if (writeIfChanged(abs, p.data)) written.push(show(abs));
  }
  const keep = (dir: string) => new Set(produced.filter((p) => p.path.startsWith(`${dir}/`)).map((p) => p.path.slice(dir.length + 1)));
  const removed = [
    ...removeOthers(join(m.dir, COPIES_DIR), keep(COPIES_DIR), ['.pdf']).map((n) => show(join(m.dir, COPIES_DIR, n))),
    ...removeOthers(join(m.dir, BUNDLES_DIR), keep(BUNDLES_DIR), ['.zip']).map((n) => show(join(m.dir, BUNDLES_DIR, n))),
  ];

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
    warnings,
    ms: performance.now() - t0,
  };
}

function kindOf(name: string, format: string | undefined): ManifestFile['kind'] {
  if (format === 'briefing' || format === 'ledger' || format === 'slides') return format;
  return 'other';
}

function buildManifest(
  m: OpenMeeting,
  plan: CopyPlan,
  out: { copies: CopyRecord[]; archive?: ArchiveRecord; bundles: BundleRecord[]; produced: Produced[]; noticeTemplates: Record<string, string> },
): Manifest {
  const view = m.view;
  const b = view.briefing;
  const dataOf = new Map(out.produced.map((p) => [p.path, p.data]));
  const hashOf = (path: string) => {
    const d = dataOf.get(path);
    return d === undefined ? sha256(readFileSync(join(m.dir, path))) : sha256(d);
  };
  const sizeOf = (path: string) => {
    const d = dataOf.get(path);
    return d === undefined ? readFileSync(join(m.dir, path)).byteLength : byteLength(d);
  };
  const unitName = new Map(view.district.units.map((u) => [u.id, u.name]));

  const files: ManifestFile[] = [];
  // the build's outputs, in build order
  const formats = Object.entries(m.stamp.formats).sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b));
  for (const [format, f] of formats) {
    for (const name of f.files) {
      if (!existsSync(join(m.dir, name))) continue;
      const unitId = /^ledger-(.+)\.xlsx$/.exec(name)?.[1];
      files.push({
        path: name,
        kind: kindOf(name, format),
        bytes: sizeOf(name),
        sha256: hashOf(name),
        ...(unitId ? { unit: { id: unitId, name: unitName.get(unitId) ?? unitId } } : {}),
      });
    }
  }
  for (const c of out.copies) {
    files.push({ path: c.file, kind: 'copy', bytes: c.bytes, sha256: hashOf(c.file), serial: c.serial, recipient: c.recipient, category: c.category, ...(c.unit ? { unit: c.unit } : {}) });
  }
  if (out.archive) {
    const a = out.archive;
    files.push({ path: a.file, kind: 'archive', bytes: a.bytes, sha256: hashOf(a.file), serials: { from: a.from, to: a.to, count: a.count }, recipient: ARCHIVE_LABEL, category: ARCHIVE_LABEL });
  }
  for (const x of out.bundles) {
    files.push({
      path: x.file,
      kind: 'bundle',
      bytes: x.bytes,
      sha256: hashOf(x.file),
      serial: x.serial,
      recipient: x.recipient,
      category: x.category,
      ...(x.unit ? { unit: x.unit } : {}),
      entries: x.entries,
    });
  }
  const listed = plan.assignments.filter((a) => a.listed).length;
  return {
    manifest: 1,
    meeting: view.key,
    title: view.title,
    briefing: { name: b.name, issue: b.issueLabel, date: b.date, internal: b.internal, ...(b.copies !== undefined ? { copies: b.copies } : {}) },
    build: {
      stamp: '.jianbao-build.json',
      formats: Object.fromEntries(formats.map(([k, v]) => [k, { inputs: v.inputs, files: v.files }])),
    },
    notice: { templates: out.noticeTemplates },
    copies: {
      ...(plan.printed !== undefined ? { printed: plan.printed } : {}),
      numbered: plan.total,
      recipients: listed,
      units: plan.assignments.length - listed,
      ...(out.archive ? { archive: { from: out.archive.from, to: out.archive.to, count: out.archive.count, file: out.archive.file } } : {}),
    },
    files,
  };
}

const FORMAT_ORDER = ['briefing', 'ledger', 'slides'];
function order(format: string): number {
  const i = FORMAT_ORDER.indexOf(format);
  return i < 0 ? FORMAT_ORDER.length : i;
}
