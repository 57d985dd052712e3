/**
 * writeIndex: output/index.html listing districts → meetings → their outputs, with page 1
 * of each briefing as a thumbnail (output/_index/<district>/<meeting>.png, re-rendered only
 * when the briefing is newer) and the ledger status counts once returns are ingested.
 *
 * Reads data/ (titles, units, progress) and output/ (what exists); writes only
 * output/index.html and output/_index/. District ids cannot start with "_", so _index
 * never collides with a district folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { JianbaoError } from '../errors.js';
import { withProgress } from '../ingest/store.js';
import { discoverProject, loadEntry, type DistrictCache } from '../load/project.js';
import { deriveMeeting } from '../model/derive.js';
import type { MeetingView } from '../core/view.js';
import { progressOf } from '../model/progress.js';
import { readStamp } from '../build/inputs.js';
import { writeFileAtomic } from '../write.js';
import { MANIFEST_FILE, type Manifest } from './distribute.js';
import { removeOthers, writeIfChanged } from './files.js';
import { renderIndexHtml, type DistrictItem, type IndexModel, type LinkItem, type MeetingItem } from './html.js';
import { firstPagePng } from './thumbnail.js';
import { msg } from '../messages/index.js';

/** Chinese names of output formats the page lists under 其他材料. */
const FORMAT_LABEL: Record<string, string> = { report: '督查通报' };

export interface IndexOptions {
  outDir: string;
  dataDir: string;
  root: string;
  cwd?: string;
}

export interface IndexReport {
  /** output/index.html as shown (relative to cwd). */
  file: string;
  meetings: number;
}

export const INDEX_FILE = 'index.html';
export const INDEX_ASSETS = '_index';
/** Thumbnail width in pixels (shown at 170 CSS px: sharp on 2× screens). */
const THUMB_WIDTH = 340;

function fileSize(p: string): number | undefined {
  try {
    const st = statSync(p);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

function readManifest(dir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    return m && m.manifest === 1 && Array.isArray(m.files) ? m : undefined;
  } catch {
    return undefined;
  }
}

/** PNG size for an A4 page `width` pixels wide. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

async function thumbnail(outDir: string, district: string, meeting: string, pdfPath: string): Promise<MeetingItem['thumb']> {
  const rel = `${INDEX_ASSETS}/${district}/${meeting}.png`;
  const abs = join(outDir, INDEX_ASSETS, district, `${meeting}.png`);
  // The thumbnail is reused only while it was made from these very PDF bytes (a sidecar
  // records the PDF's hash; modification times are not trusted).
  const source = `${abs}.source`;
  const pdf = new Uint8Array(readFileSync(pdfPath));
  const pdfHash = createHash('sha256').update(pdf).digest('hex');
  let png: Uint8Array | undefined;
  try {
    if (readFileSync(source, 'utf8').trim() === pdfHash) png = new Uint8Array(readFileSync(abs));
  } catch {
    png = undefined;
  }
  if (!png) {
    try {
      png = await firstPagePng(pdf, THUMB_WIDTH);
    } catch {
      png = undefined; // an unreadable PDF gets no thumbnail; the link still works
    }
    if (!png) return undefined;
    writeFileAtomic(abs, png);
    writeFileAtomic(source, `${pdfHash}\n`);
  }
  const { width, height } = pngSize(png);
  const shown = 170;
  return { path: rel, width: shown, height: Math.round((height * shown) / width) };
}

export async function writeIndex(opts: IndexOptions): Promise<IndexReport> {
  const cwd = opts.cwd ?? process.cwd();
  const show = (p: string) => relative(cwd, p) || p;
  if (!existsSync(opts.outDir)) {
    throw new JianbaoError('usage', [{ location: { kind: 'file', file: show(opts.outDir) }, message: msg('distribute.noOutput'), found: msg('value.nothing') }]);
  }
  const { entries, failures } = discoverProject(opts.dataDir, { cwd });
  const cache: DistrictCache = new Map();
  const districts = new Map<string, DistrictItem>();
  const district = (id: string) => {
    let d = districts.get(id);
    if (!d) {
      d = { id, name: id, meetings: [] };
      districts.set(id, d);
    }
    return d;
  };
  const thumbs = new Map<string, Set<string>>();

  for (const f of failures) {
    const [d, m] = f.key.split('/');
    if (!m) continue; // a broken district profile: its meetings are reported below
    district(d!).meetings.push({ key: f.key, title: m, problem: f.error.problems[0]?.message ?? msg('site.invalid'), built: false, unitLedgers: [], slides: [], others: [] });
  }

  for (const entry of entries) {
    const d = district(entry.districtId);
    const dir = join(opts.outDir, entry.districtId, entry.id);
    const base = `${entry.districtId}/${entry.id}`;
    let view: MeetingView | undefined;
    let problem: string | undefined;
    try {
      const loaded = loadEntry(entry, cache, cwd);
      view = await withProgress(deriveMeeting(loaded.district, loaded.id, loaded.meeting), { dataDir: opts.dataDir, root: opts.root });
      d.name = loaded.district.name;
    } catch (err) {
      problem = err instanceof JianbaoError ? (err.problems[0]?.message ?? err.message) : err instanceof Error ? err.message : String(err);
    }
    const fileLink = (name: string, text: string, note?: string): LinkItem | undefined => {
      const bytes = fileSize(join(dir, ...name.split('/')));
      return bytes === undefined ? undefined : { path: `${base}/${name}`, text, bytes, note };
    };
    const stamp = readStamp(dir);
    const briefing = fileLink('briefing.pdf', 'briefing.pdf');
    const ledger = fileLink('ledger.xlsx', 'ledger.xlsx', '汇总');
    const unitName = new Map(view?.district.units.map((u) => [u.id, u.name]) ?? []);
    const ledgerNames = (stamp.formats.ledger?.files ?? []).filter((n) => /^ledger-.+\.xlsx$/.test(n));
    const unitLedgers = ledgerNames
      .map((n) => {
        const id = n.slice('ledger-'.length, -'.xlsx'.length);
        return fileLink(n, unitName.get(id) ?? id, n);
      })
      .filter((l): l is LinkItem => !!l);
    const slides = [fileLink('slides.pptx', 'slides.pptx', 'PowerPoint'), fileLink('slides.md', 'slides.md', 'Markdown')].filter((l): l is LinkItem => !!l);

    const known = new Set(['briefing', 'ledger', 'slides']);
    const others = Object.entries(stamp.formats)
      .filter(([format]) => !known.has(format))
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([format, f]) => f.files.map((n) => fileLink(n, n, FORMAT_LABEL[format] ?? format)))
      .filter((l): l is LinkItem => !!l);

    const manifest = readManifest(dir);
    let distribution: MeetingItem['distribution'];
    const manifestLink = manifest ? fileLink(MANIFEST_FILE, MANIFEST_FILE) : undefined;
    if (manifest && manifestLink) {
      const exists = (f: { path: string }) => fileSize(join(dir, ...f.path.split('/'))) !== undefined;
      const copies = manifest.files.filter((f) => f.kind === 'copy' && exists(f));
      const bundles = manifest.files.filter((f) => f.kind === 'bundle' && exists(f));
      const archive = manifest.files.find((f) => f.kind === 'archive' && exists(f));
      distribution = {
        manifest: manifestLink,
        printed: manifest.copies.printed,
        archive: archive ? { path: `${base}/${archive.path}`, text: `存档 ${archive.serials?.count ?? 0} 份（份号 ${archive.serials?.from}—${archive.serials?.to}）`, bytes: archive.bytes, count: archive.serials?.count ?? 0 } : undefined,
        copies: copies.map((f) => ({ path: `${base}/${f.path}`, text: `${f.serial} ${f.category}：${f.recipient}`, bytes: f.bytes, serial: f.serial ?? '' })),
        bundles: bundles.map((f) => ({ path: `${base}/${f.path}`, text: `${f.serial} ${f.recipient}`, bytes: f.bytes, note: f.entries?.some((e) => e.name.endsWith('.xlsx')) ? '含台账' : undefined })),
      };
    }

    const p = view ? progressOf(view) : undefined;
    const progress =
      p && p.periods.length > 0
        ? { periodLabel: `${p.periodLabel}（${p.asOfCn}）`, targets: p.counts.targets, tasks: p.counts.tasks, targetsTotal: p.targets.length, tasksTotal: p.tasks.length }
        : undefined;

    let thumb: MeetingItem['thumb'];
    if (briefing) {
      thumb = await thumbnail(opts.outDir, entry.districtId, entry.id, join(dir, 'briefing.pdf'));
      if (thumb) {
        let set = thumbs.get(entry.districtId);
        if (!set) thumbs.set(entry.districtId, (set = new Set()));
        set.add(`${entry.id}.png`);
      }
    }
    const b = view?.briefing;
    d.meetings.push({
      key: entry.key,
      title: view?.title ?? entry.id,
      dateCn: view?.dateCn,
      kindLabel: view?.kindLabel,
      briefingLabel: b ? `${b.name} ${b.issueLabel}` : undefined,
      internal: b?.internal,
      problem,
      built: !!briefing,
      thumb,
      briefing,
      ledger,
      unitLedgers,
      slides,
      others,
      distribution,
      progress,
    });
  }

  // thumbnails of meetings that are gone
  const assets = join(opts.outDir, INDEX_ASSETS);
  if (existsSync(assets)) {
    for (const name of readdirSync(assets)) {
      const keep = thumbs.get(name);
      if (!keep) rmSync(join(assets, name), { recursive: true, force: true });
      else removeOthers(join(assets, name), keep, ['.png']);
    }
  }

  const model: IndexModel = {
    districts: [...districts.values()]
      .map((d) => ({ ...d, meetings: d.meetings.sort((a, b) => b.key.localeCompare(a.key)) }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
  const file = join(opts.outDir, INDEX_FILE);
  writeIfChanged(file, renderIndexHtml(model));
  return { file: show(file), meetings: model.districts.reduce((n, d) => n + d.meetings.length, 0) };
}
