/**
 * writeIndex: output/index.html listing districts → meetings → their outputs, with page 1
 * of each briefing as a thumbnail (output/_index/<district>/<meeting>.png) and the ledger
 * status counts once returns are ingested.
 *
 * Reads what the build left — each meeting's summary (build/summary.ts) — and the
 * distribution manifests; it never loads or derives a meeting. The data folder is only
 * listed (discover) to know which meetings exist. Writes only output/index.html and
 * output/_index/. District ids cannot start with "_", so _index never collides with a
 * district folder.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readSummary, type MeetingSummary } from '../build/summary.js';
import { JianbaoError } from '../errors.js';
import { discoverProject, type MeetingEntry } from '../load/discover.js';
import { msg } from '../messages/index.js';
import { loadTemplates } from '../render/template.js';
import { writeFileAtomic } from '../write.js';
import { MANIFEST_FILE, type Manifest } from './manifest.js';
import { removeOthers, writeIfChanged } from './files.js';
import { renderIndexHtml, type DistrictItem, type IndexModel, type LinkItem, type MeetingItem } from './html.js';
import { firstPagePng } from './thumbnail.js';

export interface IndexOptions {
  outDir: string;
  dataDir: string;
  /** Project root (templates/). */
  root: string;
  cwd?: string;
}

export interface IndexReport {
  /** output/index.html as shown (relative to cwd). */
  file: string;
  meetings: number;
  /** Thumbnails drawn this time (the others were reused: their briefing did not change). */
  thumbnailsDrawn: number;
}

export const INDEX_FILE = 'index.html';
export const INDEX_ASSETS = '_index';
/** Thumbnail width in pixels, shown at THUMB_SHOWN CSS px (1.5×: sharp enough, 40 % less drawing than 2×). */
export const THUMB_WIDTH = 255;
const THUMB_SHOWN = 170;

/** Notes the page shows next to a file, by format (a format not listed shows its id). */
const FORMAT_NOTE: Record<string, () => string> = { report: () => msg('index.format.report') };
/** The formats with a row of their own. */
const OWN_ROWS = new Set(['briefing', 'ledger', 'slides']);

export async function writeIndex(opts: IndexOptions): Promise<IndexReport> {
  const cwd = opts.cwd ?? process.cwd();
  const show = (p: string) => relative(cwd, p) || p;
  if (!existsSync(opts.outDir)) {
    throw new JianbaoError('usage', [{ location: { kind: 'file', file: show(opts.outDir) }, message: msg('distribute.noOutput'), found: msg('value.nothing') }]);
  }
  const { entries, failures } = discoverProject(opts.dataDir, { cwd });
  const districts = new Districts();
  for (const f of failures) {
    const [d, m] = f.key.split('/');
    if (!m) continue; // a broken district profile: its meetings are reported below
    districts.get(d!).meetings.push(invalidItem(f.key, m, f.error.problems[0]?.message ?? msg('site.invalid')));
  }
  const thumbs = new Thumbnails(opts.outDir);
  for (const entry of entries) {
    const dir = join(opts.outDir, entry.districtId, entry.id);
    const state = readSummary(dir);
    const summary = state.ok ? state.summary : undefined;
    const item = meetingItem(entry, dir, summary, !state.ok && existsSync(dir));
    if (item.briefing && summary) item.thumb = await thumbs.get(entry, dir, summary);
    if (summary?.meeting) districts.get(entry.districtId).name = summary.meeting.districtName;
    districts.get(entry.districtId).meetings.push(item);
  }
  thumbs.removeOthers();

  const model: IndexModel = { districts: districts.sorted() };
  const file = join(opts.outDir, INDEX_FILE);
  writeIfChanged(file, renderIndexHtml(model, loadTemplates(join(opts.root, 'templates'))));
  return { file: show(file), meetings: model.districts.reduce((n, d) => n + d.meetings.length, 0), thumbnailsDrawn: thumbs.drawn };
}

class Districts {
  private readonly byId = new Map<string, DistrictItem>();

  get(id: string): DistrictItem {
    let d = this.byId.get(id);
    if (!d) {
      d = { id, name: id, meetings: [] };
      this.byId.set(id, d);
    }
    return d;
  }

  /** Districts by id, their meetings newest first. */
  sorted(): DistrictItem[] {
    return [...this.byId.values()].map((d) => ({ ...d, meetings: d.meetings.sort((a, b) => b.key.localeCompare(a.key)) })).sort((a, b) => a.id.localeCompare(b.id));
  }
}

function invalidItem(key: string, title: string, problem: string): MeetingItem {
  return { key, title, problem: { kind: 'invalid', text: problem }, built: false, unitLedgers: [], slides: [], others: [], warnings: [] };
}

/** One meeting as the page shows it: from its build summary, files that are still there, its manifest. */
function meetingItem(entry: MeetingEntry, dir: string, summary: MeetingSummary | undefined, unreadable: boolean): MeetingItem {
  const base = `${entry.districtId}/${entry.id}`;
  const m = summary?.meeting;
  const item: MeetingItem = { key: entry.key, title: m?.title ?? entry.id, built: false, unitLedgers: [], slides: [], others: [], warnings: [] };
  if (unreadable) item.problem = { kind: 'noSummary' };
  if (!summary) return item;
  if (m) {
    item.dateCn = m.dateCn;
    item.kindLabel = m.kindLabel;
    item.briefingLabel = `${m.briefing.name} ${m.briefing.issueLabel}`;
    item.internal = m.briefing.internal;
  }
  const failure = summary.failure?.problems[0];
  if (failure) item.problem = { kind: 'failed', text: failure.message };

  // files the summary lists and that are still there
  const fileLink = (name: string, text: string, note?: string): LinkItem | undefined => (existsSync(join(dir, name)) ? { path: `${base}/${name}`, text, note, bytes: sizeOf(summary, name) } : undefined);
  const files = (format: string) => summary.formats[format]?.files ?? [];
  const present = <T>(x: T | undefined): x is T => x !== undefined;
  item.briefing = files('briefing').some((f) => f.name === 'briefing.pdf') ? fileLink('briefing.pdf', 'briefing.pdf') : undefined;
  item.built = !!item.briefing;
  const ledgers = files('ledger');
  item.ledger = ledgers.some((f) => f.name === 'ledger.xlsx') ? fileLink('ledger.xlsx', 'ledger.xlsx', msg('index.ledgerAll')) : undefined;
  item.unitLedgers = ledgers.filter((f) => f.unit).map((f) => fileLink(f.name, f.unit!.name, f.name)).filter(present);
  const slides = files('slides').map((f) => f.name);
  item.slides = [
    slides.includes('slides.pptx') ? fileLink('slides.pptx', 'slides.pptx', 'PowerPoint') : undefined,
    slides.includes('slides.md') ? fileLink('slides.md', 'slides.md', 'Markdown') : undefined,
  ].filter(present);
  item.others = Object.entries(summary.formats)
    .filter(([format]) => !OWN_ROWS.has(format))
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([format, f]) => f.files.map((x) => fileLink(x.name, x.name, FORMAT_NOTE[format]?.() ?? format)))
    .filter(present);
  item.distribution = distribution(dir, base);
  const p = summary.progress;
  if (p) {
    item.progress = { periodLabel: `${p.periodLabel}（${p.asOfCn}）`, targets: p.counts.targets, tasks: p.counts.tasks, targetsTotal: p.totals.targets, tasksTotal: p.totals.tasks };
  }
  item.warnings = [...Object.values(summary.formats).flatMap((f) => f.warnings), ...summary.warnings];
  return item;
}

function sizeOf(summary: MeetingSummary, name: string): number | undefined {
  for (const f of Object.values(summary.formats)) {
    const file = f.files.find((x) => x.name === name);
    if (file) return file.bytes;
  }
  return undefined;
}

function readManifest(dir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    return m && m.manifest === 1 && Array.isArray(m.files) ? m : undefined;
  } catch {
    return undefined;
  }
}

/** What `jianbao distribute` made of the meeting, from its manifest (files that are still there). */
function distribution(dir: string, base: string): MeetingItem['distribution'] {
  const manifest = readManifest(dir);
  if (!manifest) return undefined;
  const exists = (path: string) => existsSync(join(dir, ...path.split('/')));
  if (!exists(MANIFEST_FILE)) return undefined;
  const copies = manifest.files.filter((f) => f.kind === 'copy' && exists(f.path));
  const bundles = manifest.files.filter((f) => f.kind === 'bundle' && exists(f.path));
  const archive = manifest.files.find((f) => f.kind === 'archive' && exists(f.path));
  const s = archive?.serials;
  return {
    manifest: { path: `${base}/${MANIFEST_FILE}`, text: MANIFEST_FILE, bytes: statSync(join(dir, MANIFEST_FILE)).size },
    printed: manifest.copies.printed,
    archive: archive ? { path: `${base}/${archive.path}`, text: msg('index.archive', { n: s?.count ?? 0, from: s?.from ?? '', to: s?.to ?? '' }), bytes: archive.bytes, count: s?.count ?? 0 } : undefined,
    copies: copies.map((f) => ({ path: `${base}/${f.path}`, text: `${f.serial} ${f.category}：${f.recipient}`, bytes: f.bytes, serial: f.serial ?? '' })),
    bundles: bundles.map((f) => ({ path: `${base}/${f.path}`, text: `${f.serial} ${f.recipient}`, bytes: f.bytes, note: f.entries?.some((e) => e.name.endsWith('.xlsx')) ? msg('index.withLedger') : undefined })),
  };
}

/**
 * Page 1 of each briefing, drawn only when the briefing changed: a sidecar next to the PNG
 * records the sha256 the build summary gives for the briefing it was drawn from (and the
 * width), so an unchanged briefing is not even read.
 */
class Thumbnails {
  drawn = 0;
  private readonly kept = new Map<string, Set<string>>();

  constructor(private readonly outDir: string) {}

  async get(entry: MeetingEntry, dir: string, summary: MeetingSummary): Promise<MeetingItem['thumb']> {
    const sha = summary.formats.briefing?.files.find((f) => f.name === 'briefing.pdf')?.sha256;
    if (!sha) return undefined;
    const rel = `${INDEX_ASSETS}/${entry.districtId}/${entry.id}.png`;
    const abs = join(this.outDir, INDEX_ASSETS, entry.districtId, `${entry.id}.png`);
    const source = `${abs}.source`;
    const made = `${sha} ${THUMB_WIDTH}`;
    let png: Uint8Array | undefined;
    try {
      if (readFileSync(source, 'utf8').trim() === made) png = new Uint8Array(readFileSync(abs));
    } catch {
      png = undefined;
    }
    if (!png) {
      try {
        png = await firstPagePng(new Uint8Array(readFileSync(join(dir, 'briefing.pdf'))), THUMB_WIDTH);
      } catch {
        png = undefined; // an unreadable PDF gets no thumbnail; the link still works
      }
      if (!png) return undefined;
      writeFileAtomic(abs, png);
      writeFileAtomic(source, `${made}\n`);
      this.drawn++;
    }
    let set = this.kept.get(entry.districtId);
    if (!set) this.kept.set(entry.districtId, (set = new Set()));
    set.add(`${entry.id}.png`).add(`${entry.id}.png.source`);
    const { width, height } = pngSize(png);
    return { path: rel, width: THUMB_SHOWN, height: Math.round((height * THUMB_SHOWN) / width) };
  }

  /** Remove the thumbnails of meetings that are gone (or have no briefing any more). */
  removeOthers(): void {
    const assets = join(this.outDir, INDEX_ASSETS);
    if (!existsSync(assets)) return;
    for (const name of readdirSync(assets)) {
      const keep = this.kept.get(name);
      if (!keep) rmSync(join(assets, name), { recursive: true, force: true });
      else removeOthers(join(assets, name), keep, ['.png', '.png.source']);
    }
  }
}

/** Width and height from a PNG's IHDR. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
