/**
 * Finding fonts on the machine: lists the font files of the usual system folders and reads
 * only their table directory and `name` table (a few KB per file, never the outlines), so a
 * scan of a few hundred files takes milliseconds. TrueType (.ttf), OpenType (.otf) and
 * collections (.ttc/.otc: one entry per member) are read.
 *
 * The folders come from `fontDirs()`: JIANBAO_FONT_DIRS (separated by the platform's path
 * delimiter) replaces the defaults, so tests point it at a fixture folder and never see the
 * host's fonts. Results are cached per process by path + mtime + size.
 */
import { closeSync, openSync, readSync, readdirSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join } from 'node:path';

export interface FontFileInfo {
  /** Absolute path of the file. */
  path: string;
  /** Member of a collection (0 for a plain .ttf/.otf). */
  index: number;
  collection: boolean;
  /** Every family name the font gives (nameIDs 1, 16, 21; all languages), e.g. ["KaiTi", "楷体"]. */
  families: string[];
  /** Subfamily (nameID 2 / 17, English if present): "Regular", "Bold"… */
  subfamily: string;
  fullName: string;
  postscriptName: string;
  /** TrueType outlines (glyf) — pdfkit embeds those reliably; CFF otherwise. */
  truetype: boolean;
  /** OS/2 usWeightClass (400 regular, 700 bold), 0 when absent. */
  weight: number;
}

/** The system font folders of Windows, macOS and Linux, or JIANBAO_FONT_DIRS when set. */
export function fontDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const override = env.JIANBAO_FONT_DIRS;
  if (override !== undefined) return override.split(process.platform === 'win32' ? ';' : ':').filter(Boolean);
  const home = homedir();
  const dirs: string[] = [];
  if (process.platform === 'win32') {
    dirs.push(join(env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows', 'Fonts'));
    if (env.LOCALAPPDATA) dirs.push(join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts'));
  } else if (process.platform === 'darwin') {
    dirs.push('/Library/Fonts', join(home, 'Library', 'Fonts'), '/System/Library/Fonts', '/System/Library/Fonts/Supplemental');
  } else {
    dirs.push('/usr/share/fonts', '/usr/local/share/fonts', join(home, '.fonts'), join(home, '.local', 'share', 'fonts'));
  }
  return dirs;
}

const FONT_EXT = new Set(['.ttf', '.otf', '.ttc', '.otc']);
const CACHE = new Map<string, { key: string; infos: FontFileInfo[] }>();

/** The font files in `dirs` (recursively, sorted per folder), with their stats; no file is opened. */
export function fontFiles(dirs: string[]): { path: string; st: Stats }[] {
  const files: { path: string; st: Stats }[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, depth: number) => {
    if (depth > 8) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return; // a folder that does not exist on this system
    }
    for (const name of names) {
      const path = join(dir, name);
      let st: Stats;
      try {
        st = statSync(path);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(path, depth + 1);
      else if (st.isFile() && FONT_EXT.has(extname(name).toLowerCase()) && !seen.has(path)) {
        seen.add(path);
        files.push({ path, st });
      }
    }
  };
  for (const d of dirs) walk(d, 0);
  return files;
}

/** Every font in `dirs` (recursively, symbolic links followed), sorted by path. */
export function scanFonts(dirs: string[]): FontFileInfo[] {
  const out: FontFileInfo[] = [];
  for (const { path, st } of fontFiles(dirs)) {
    const key = `${st.mtimeMs}:${st.size}`;
    let hit = CACHE.get(path);
    if (!hit || hit.key !== key) {
      hit = { key, infos: readFontInfo(path) };
      CACHE.set(path, hit);
    }
    out.push(...hit.infos);
  }
  return out;
}

/** The name-table facts of one font file (every member of a collection); [] if it is not a font. */
export function readFontInfo(path: string): FontFileInfo[] {
  return (
    readFontFile(path, (read) => {
      const head = read(0, 12);
      const tag = head.toString('latin1', 0, 4);
      if (tag === 'ttcf') {
        const count = Math.min(head.readUInt32BE(8), 64);
        const offsets = read(12, 4 * count);
        const infos: FontFileInfo[] = [];
        for (let i = 0; i < count; i++) {
          const info = readSfnt(read, offsets.readUInt32BE(4 * i), path, i, true);
          if (info) infos.push(info);
        }
        return infos;
      }
      const info = readSfnt(read, 0, path, 0, false);
      return info ? [info] : [];
    }) ?? []
  );
}

type ReadAt = (offset: number, length: number) => Buffer;

/**
 * Open a font file, hand `use` a reader of byte ranges (a short read throws), close it. A file
 * that cannot be opened or read as `use` expects gives undefined: a candidate, not a crash.
 */
function readFontFile<T>(path: string, use: (read: ReadAt) => T): T | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const read: ReadAt = (offset, length) => {
      const b = Buffer.alloc(length);
      const n = readSync(fd!, b, 0, length, offset);
      if (n < length) throw new Error('short read');
      return b;
    };
    return use(read);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readSfnt(read: ReadAt, at: number, path: string, index: number, collection: boolean): FontFileInfo | undefined {
  const h = read(at, 12);
  const version = h.readUInt32BE(0);
  if (version !== 0x00010000 && h.toString('latin1', 0, 4) !== 'OTTO' && h.toString('latin1', 0, 4) !== 'true') return undefined;
  const numTables = Math.min(h.readUInt16BE(4), 200);
  const dir = read(at + 12, 16 * numTables);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < numTables; i++) {
    tables.set(dir.toString('latin1', 16 * i, 16 * i + 4), { offset: dir.readUInt32BE(16 * i + 8), length: dir.readUInt32BE(16 * i + 12) });
  }
  const name = tables.get('name');
  if (!name || name.length > 4 * 1024 * 1024) return undefined;
  const names = parseNameTable(read(name.offset, name.length));
  const os2 = tables.get('OS/2');
  const weight = os2 && os2.length >= 6 ? read(os2.offset + 4, 2).readUInt16BE(0) : 0;
  const pick = (id: number) => {
    const list = names.filter((n) => n.id === id);
    return list.find((n) => n.english)?.value ?? list[0]?.value ?? '';
  };
  const families = [...new Set(names.filter((n) => n.id === 1 || n.id === 16 || n.id === 21).map((n) => n.value.trim()).filter(Boolean))];
  return {
    path,
    index,
    collection,
    families,
    subfamily: pick(17) || pick(2),
    fullName: pick(4),
    postscriptName: pick(6),
    truetype: tables.has('glyf'),
    weight,
  };
}

/**
 * Which of `codePoints` the font (a collection member: `index`) has no glyph for, read from its
 * `cmap` table alone (formats 4 and 12, the subtable fontkit would pick), so a candidate can be
 * checked without reading its outlines. undefined when the file or its cmap cannot be read.
 */
export function missingCodePoints(path: string, index: number, codePoints: number[]): number[] | undefined {
  return readFontFile(path, (read) => {
    const head = read(0, 12);
    let at = 0;
    if (head.toString('latin1', 0, 4) === 'ttcf') {
      if (index >= head.readUInt32BE(8)) return undefined;
      at = read(12 + 4 * index, 4).readUInt32BE(0);
    }
    const numTables = Math.min(read(at + 4, 2).readUInt16BE(0), 200);
    const dir = read(at + 12, 16 * numTables);
    let cmap: { offset: number; length: number } | undefined;
    for (let i = 0; i < numTables; i++) {
      if (dir.toString('latin1', 16 * i, 16 * i + 4) === 'cmap') cmap = { offset: dir.readUInt32BE(16 * i + 8), length: dir.readUInt32BE(16 * i + 12) };
    }
    if (!cmap || cmap.length > 16 * 1024 * 1024) return undefined;
    const lookup = cmapLookup(read(cmap.offset, cmap.length));
    if (!lookup) return undefined;
    return codePoints.filter((cp) => !lookup(cp));
  });
}

/** The glyph-id lookup of the Unicode subtable fontkit's CmapProcessor would choose (formats 4 and 12). */
function cmapLookup(t: Buffer): ((cp: number) => number) | undefined {
  const count = t.readUInt16BE(2);
  const tables: { platform: number; encoding: number; offset: number }[] = [];
  for (let i = 0; i < count; i++) tables.push({ platform: t.readUInt16BE(4 + 8 * i), encoding: t.readUInt16BE(6 + 8 * i), offset: t.readUInt32BE(8 + 8 * i) });
  const order = [[3, 10], [0, 6], [0, 4], [3, 1], [0, 3], [0, 2], [0, 1], [0, 0]];
  for (const [platform, encoding] of order) {
    const sub = tables.find((x) => x.platform === platform && x.encoding === encoding);
    if (!sub) continue;
    const o = sub.offset;
    const format = t.readUInt16BE(o);
    if (format === 4) {
      const segX2 = t.readUInt16BE(o + 6);
      const ends = o + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const ranges = deltas + segX2;
      return (cp) => {
        if (cp > 0xffff) return 0;
        for (let i = 0; i < segX2 / 2; i++) {
          if (t.readUInt16BE(ends + 2 * i) < cp) continue;
          const start = t.readUInt16BE(starts + 2 * i);
          if (start > cp) return 0;
          const delta = t.readUInt16BE(deltas + 2 * i);
          const range = t.readUInt16BE(ranges + 2 * i);
          if (range === 0) return (cp + delta) & 0xffff;
          const at = ranges + 2 * i + range + 2 * (cp - start);
          const g = t.readUInt16BE(at);
          return g === 0 ? 0 : (g + delta) & 0xffff;
        }
        return 0;
      };
    }
    if (format === 12) {
      const groups = t.readUInt32BE(o + 12);
      return (cp) => {
        for (let i = 0; i < groups; i++) {
          const g = o + 16 + 12 * i;
          const start = t.readUInt32BE(g);
          const end = t.readUInt32BE(g + 4);
          if (cp >= start && cp <= end) return t.readUInt32BE(g + 8) + (cp - start);
        }
        return 0;
      };
    }
    return undefined;
  }
  return undefined;
}

interface NameRecord {
  id: number;
  value: string;
  english: boolean;
}

function parseNameTable(t: Buffer): NameRecord[] {
  const count = t.readUInt16BE(2);
  const storage = t.readUInt16BE(4);
  const out: NameRecord[] = [];
  for (let i = 0; i < count; i++) {
    const r = 6 + 12 * i;
    if (r + 12 > t.length) break;
    const platform = t.readUInt16BE(r);
    const encoding = t.readUInt16BE(r + 2);
    const language = t.readUInt16BE(r + 4);
    const id = t.readUInt16BE(r + 6);
    const length = t.readUInt16BE(r + 8);
    const offset = t.readUInt16BE(r + 10);
    if (![1, 2, 4, 6, 16, 17, 21].includes(id)) continue;
    const start = storage + offset;
    if (start + length > t.length) continue;
    const bytes = t.subarray(start, start + length);
    const value = decodeName(platform, encoding, bytes);
    if (value === undefined) continue;
    const english = (platform === 3 && (language & 0xff) === 0x09) || (platform === 1 && language === 0);
    out.push({ id, value: value.replace(/\0/g, ''), english });
  }
  return out;
}

function decodeName(platform: number, encoding: number, bytes: Buffer): string | undefined {
  if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10 || encoding === 0))) return utf16be(bytes);
  if (platform === 3 && encoding === 3) {
    // PRC (GB2312) names in old Chinese fonts: GB bytes stored in 16-bit units
    const packed = Buffer.from([...bytes].filter((b) => b !== 0));
    try {
      return new TextDecoder('gbk').decode(packed);
    } catch {
      return undefined;
    }
  }
  if (platform === 1 && encoding === 0) return bytes.toString('latin1');
  if (platform === 1 && encoding === 25) {
    try {
      return new TextDecoder('gbk').decode(bytes);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function utf16be(b: Buffer): string {
  const even = b.length - (b.length % 2);
  const swapped = Buffer.alloc(even);
  for (let i = 0; i < even; i += 2) {
    swapped[i] = b[i + 1]!;
    swapped[i + 1] = b[i]!;
  }
  return swapped.toString('utf16le');
}

/**
 * One member of a font collection as a standalone font file (its tables copied behind a new
 * table directory), so pdfkit, fontkit and svg-to-pdfkit all see a plain .ttf.
 */
export function extractFromCollection(data: Uint8Array, index: number): Buffer {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.toString('latin1', 0, 4) !== 'ttcf') return buf;
  const count = buf.readUInt32BE(8);
  if (index < 0 || index >= count) throw new Error(`font collection has no member ${index}`);
  const at = buf.readUInt32BE(12 + 4 * index);
  const numTables = buf.readUInt16BE(at + 4);
  const records: { tag: Buffer; checksum: number; offset: number; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const r = at + 12 + 16 * i;
    records.push({ tag: buf.subarray(r, r + 4), checksum: buf.readUInt32BE(r + 4), offset: buf.readUInt32BE(r + 8), length: buf.readUInt32BE(r + 12) });
  }
  const headerLength = 12 + 16 * numTables;
  let size = headerLength;
  for (const r of records) size += (r.length + 3) & ~3;
  const out = Buffer.alloc(size);
  buf.copy(out, 0, at, at + 12);
  let pos = headerLength;
  records.forEach((r, i) => {
    const d = 12 + 16 * i;
    r.tag.copy(out, d);
    out.writeUInt32BE(r.checksum, d + 4);
    out.writeUInt32BE(pos, d + 8);
    out.writeUInt32BE(r.length, d + 12);
    buf.copy(out, pos, r.offset, r.offset + r.length);
    pos += (r.length + 3) & ~3;
  });
  return out;
}
