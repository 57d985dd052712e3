/**
 * manifest.json of a distributed meeting: every file (the build's outputs, the numbered
 * copies, the archive, the bundles) with its recipient or unit, size and sha256, and the
 * build's input hashes. The types and names here are light (no PDF library): the index page
 * reads manifests too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MeetingView } from '../core/view.js';
import type { Stamp } from '../build/inputs.js';
import { byteLength, sha256 } from './files.js';
import type { Category, CopyPlan } from './plan.js';

export const MANIFEST_FILE = 'manifest.json';
export const COPIES_DIR = 'copies';
export const BUNDLES_DIR = 'bundles';
/** Label and watermark of the 存档 copies. */
export const ARCHIVE_LABEL = '存档';

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

/** A copy handed out as a zip bundle (file: the .zip), with what is inside it. */
export interface BundleRecord extends CopyRecord {
  entries: BundleEntry[];
}

export interface ArchiveRecord {
  from: string;
  to: string;
  count: number;
  file: string;
  bytes: number;
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

/** A file distribution makes: its path inside the meeting's folder and its bytes. */
export interface Produced {
  path: string;
  data: Uint8Array | string;
}

export interface ManifestInput {
  view: MeetingView;
  /** output/<d>/<m> (absolute). */
  dir: string;
  stamp: Stamp;
  plan: CopyPlan;
  copies: CopyRecord[];
  archive?: ArchiveRecord;
  bundles: BundleRecord[];
  produced: Produced[];
  noticeTemplates: Record<string, string>;
}

const FORMAT_ORDER = ['briefing', 'ledger', 'slides'];
function order(format: string): number {
  const i = FORMAT_ORDER.indexOf(format);
  return i < 0 ? FORMAT_ORDER.length : i;
}

function kindOf(format: string | undefined): ManifestFile['kind'] {
  if (format === 'briefing' || format === 'ledger' || format === 'slides') return format;
  return 'other';
}

export function buildManifest(m: ManifestInput): Manifest {
  const view = m.view;
  const b = view.briefing;
  const formats = Object.entries(m.stamp.formats).sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b));
  const listed = m.plan.assignments.filter((a) => a.listed).length;
  return {
    manifest: 1,
    meeting: view.key,
    title: view.title,
    briefing: { name: b.name, issue: b.issueLabel, date: b.date, internal: b.internal, ...(b.copies !== undefined ? { copies: b.copies } : {}) },
    build: {
      stamp: '.jianbao-build.json',
      formats: Object.fromEntries(formats.map(([k, v]) => [k, { inputs: v.inputs, files: v.files }])),
    },
    notice: { templates: m.noticeTemplates },
    copies: {
      ...(m.plan.printed !== undefined ? { printed: m.plan.printed } : {}),
      numbered: m.plan.total,
      recipients: listed,
      units: m.plan.assignments.length - listed,
      ...(m.archive ? { archive: { from: m.archive.from, to: m.archive.to, count: m.archive.count, file: m.archive.file } } : {}),
    },
    files: manifestFiles(m, formats),
  };
}

/** Every file, in order: the build's outputs (in build order), the copies, the archive, the bundles. */
function manifestFiles(m: ManifestInput, formats: [string, { files: string[] }][]): ManifestFile[] {
  const dataOf = new Map(m.produced.map((p) => [p.path, p.data]));
  // the build's outputs are hashed as they are on disk now (what the bundles carry)
  const bytesOf = (path: string) => dataOf.get(path) ?? readFileSync(join(m.dir, path));
  const hashOf = (path: string) => sha256(bytesOf(path));
  const sizeOf = (path: string) => byteLength(bytesOf(path));
  const unitName = new Map(m.view.district.units.map((u) => [u.id, u.name]));
  const files: ManifestFile[] = [];
  for (const [format, f] of formats) {
    for (const name of f.files) {
      if (!existsSync(join(m.dir, name))) continue;
      const unitId = /^ledger-(.+)\.xlsx$/.exec(name)?.[1];
      files.push({
        path: name,
        kind: kindOf(format),
        bytes: sizeOf(name),
        sha256: hashOf(name),
        ...(unitId ? { unit: { id: unitId, name: unitName.get(unitId) ?? unitId } } : {}),
      });
    }
  }
  for (const c of m.copies) {
    files.push({ path: c.file, kind: 'copy', bytes: c.bytes, sha256: hashOf(c.file), serial: c.serial, recipient: c.recipient, category: c.category, ...(c.unit ? { unit: c.unit } : {}) });
  }
  if (m.archive) {
    const a = m.archive;
    files.push({ path: a.file, kind: 'archive', bytes: a.bytes, sha256: hashOf(a.file), serials: { from: a.from, to: a.to, count: a.count }, recipient: ARCHIVE_LABEL, category: ARCHIVE_LABEL });
  }
  for (const x of m.bundles) {
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
  return files;
}
