/**
 * The one zip module: every package the pipeline writes (workbooks, decks, bundles) and
 * every one it reads (returned workbooks, pptxgenjs's decks) goes through here.
 *
 * Writing is fflate's (`zipSync`): bytes depend only on the names, contents, one fixed
 * time and the deflate level. Reading untrusted files is bomb-safe: the central directory
 * is read first (entry count, ZIP64, encryption, methods, declared sizes and CRC-32s —
 * fflate reads them too but does not expose the CRCs, and it would silently cut an entry
 * that inflates beyond its declared size), then every entry is inflated by node's zlib
 * under a hard cap equal to its declared size and checked against its CRC-32.
 */
import { zipSync, type Zippable } from 'fflate';
import { crc32 as zlibCrc32, inflateRawSync } from 'node:zlib';
import { msg } from '../messages/index.js';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  offset: number;
}

export class ZipError extends Error {
  constructor(
    message: string,
    readonly reason: 'not-zip' | 'too-large' | 'unsupported' | 'corrupt',
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;

export function isZip(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

/** Entries from the central directory; throws ZipError when the file is not a sane zip. */
export function listZip(data: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (!isZip(buf)) throw new ZipError(msg('zip.notZip'), 'not-zip');
  let eocd = -1;
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError(msg('zip.noDirectory'), 'corrupt');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipError(msg('zip.zip64'), 'unsupported');
  if (count > MAX_ENTRIES) throw new ZipError(msg('zip.entries', { n: count }), 'too-large');
  if (cdOffset + cdSize > eocd) throw new ZipError(msg('zip.directoryRange'), 'corrupt');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) throw new ZipError(msg('zip.badEntry'), 'corrupt');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (compressedSize === 0xffffffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipError(msg('zip.zip64Entry'), 'unsupported');
    if (flags & 0x1) throw new ZipError(msg('zip.encrypted'), 'unsupported');
    if (method !== 0 && method !== 8) throw new ZipError(msg('zip.method', { n: method }), 'unsupported');
    entries.push({ name, method, flags, crc, compressedSize, size, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function entryData(buf: Buffer, e: ZipEntry): Buffer {
  if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== SIG_LOCAL) throw new ZipError(msg('zip.badHeader', { part: e.name }), 'corrupt');
  const nameLen = buf.readUInt16LE(e.offset + 26);
  const extraLen = buf.readUInt16LE(e.offset + 28);
  const start = e.offset + 30 + nameLen + extraLen;
  if (start + e.compressedSize > buf.length) throw new ZipError(msg('zip.pastEnd', { part: e.name }), 'corrupt');
  return buf.subarray(start, start + e.compressedSize);
}

/** Inflate one entry, refusing to produce more than its declared size (or `cap`). */
export function readEntry(data: Uint8Array, e: ZipEntry, cap = e.size): Buffer {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const raw = entryData(buf, e);
  if (e.method === 0) {
    if (raw.length > cap) throw new ZipError(msg('zip.entryTooLarge', { part: e.name }), 'too-large');
    return Buffer.from(raw);
  }
  try {
    const out = inflateRawSync(raw, { maxOutputLength: Math.max(1, Math.min(cap, e.size) + 1) });
    if (out.length !== e.size) throw new ZipError(msg('zip.sizeMismatch', { part: e.name, size: out.length, declared: e.size }), 'corrupt');
    return out;
  } catch (err) {
    if (err instanceof ZipError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    if (/maxOutputLength|Cannot create a Buffer larger/i.test(detail)) throw new ZipError(msg('zip.inflatesBeyond', { part: e.name }), 'too-large');
    throw new ZipError(msg('zip.cannotInflate', { part: e.name, detail }), 'corrupt');
  }
}

/**
 * Zip-bomb guard: the declared total must stay under `maxTotal`, and every entry is
 * actually inflated under a hard cap equal to its declared size and checked against its
 * CRC-32. Returns every entry with its contents.
 */
export function unzipChecked(data: Uint8Array, maxTotal: number): { entry: ZipEntry; data: Buffer }[] {
  const entries = listZip(data);
  const total = entries.reduce((s, e) => s + e.size, 0);
  if (total > maxTotal) throw new ZipError(msg('zip.total', { total, max: maxTotal }), 'too-large');
  const out: { entry: ZipEntry; data: Buffer }[] = [];
  for (const e of entries) {
    // Ratios beyond what XML reaches (≈1:100) are a bomb signature even under the cap.
    if (e.compressedSize > 0 && e.size / e.compressedSize > 1000 && e.size > 1024 * 1024) {
      throw new ZipError(msg('zip.ratio', { part: e.name, ratio: Math.round(e.size / e.compressedSize) }), 'too-large');
    }
    const body = readEntry(data, e);
    if (crc32(body) !== e.crc) throw new ZipError(msg('zip.crc', { part: e.name }), 'corrupt');
    out.push({ entry: e, data: body });
  }
  return out;
}

/** `unzipChecked` without keeping the contents. */
export function checkZip(data: Uint8Array, maxTotal: number): ZipEntry[] {
  return unzipChecked(data, maxTotal).map((x) => x.entry);
}

// ---------------------------------------------------------------- writing

export function crc32(data: Uint8Array): number {
  return zlibCrc32(data) >>> 0;
}

/**
 * A zip whose bytes depend only on the names, contents (in this order), `mtime` and the
 * deflate level. fflate writes DOS times from local-time fields; the time is shifted so
 * they hold `mtime`'s UTC fields whatever the machine's time zone.
 */
export function writeZip(files: { name: string; data: Uint8Array | string }[], mtime: Date, level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6): Buffer {
  // DOS times hold the years 1980 to 2099 (fflate's range): dates outside are clamped
  const t = Math.min(Date.UTC(2099, 11, 31, 23, 59, 58), Math.max(Date.UTC(1980, 0, 1), mtime.getTime()));
  const local = new Date(t + new Date(t).getTimezoneOffset() * 60_000);
  const tree: Zippable = {};
  for (const f of files) {
    // object keys that are array indices would be reordered (and a repeated name lost)
    if (/^(0|[1-9]\d*)$/.test(f.name) || Object.hasOwn(tree, f.name)) throw new Error(`cannot zip an entry named ${JSON.stringify(f.name)} here`);
    tree[f.name] = [typeof f.data === 'string' ? new Uint8Array(Buffer.from(f.data, 'utf8')) : f.data, { level, mtime: local }];
  }
  const out = zipSync(tree);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** Every entry of a package this program made (or a library it drives made): no limits. */
export function readZip(data: Uint8Array): { name: string; data: Buffer }[] {
  return listZip(data)
    .filter((e) => !e.name.endsWith('/'))
    .map((e) => ({ name: e.name, data: readEntry(data, e) }));
}

/** Re-pack a zip with fixed timestamps, optionally patching entries (text in, text out). */
export function repack(data: Uint8Array, mtime: Date, patch: (name: string, text: string) => string = (_n, t) => t): Buffer {
  const files = listZip(data).map((e) => ({ name: e.name, data: readEntry(data, e) as Uint8Array | string }));
  return packFiles(files, mtime, patch);
}

/**
 * What `repack` makes of a zip holding these files, without the zip: for a library that can
 * hand over its parts before zipping them (compressed once instead of deflated, inflated and
 * deflated again). Text parts (.xml, .rels) given as strings are patched as they are.
 */
export function packFiles(files: { name: string; data: Uint8Array | string }[], mtime: Date, patch: (name: string, text: string) => string = (_n, t) => t): Buffer {
  return writeZip(
    files.map((f) => {
      if (!/\.(xml|rels)$/.test(f.name)) return { name: f.name, data: typeof f.data === 'string' ? Buffer.from(f.data, 'utf8') : f.data };
      const text = typeof f.data === 'string' ? f.data : Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength).toString('utf8');
      return { name: f.name, data: Buffer.from(patch(f.name, text), 'utf8') };
    }),
    mtime,
  );
}
