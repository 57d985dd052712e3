/** Small file helpers for distribution: hashing, write-if-changed (atomic), stale clean-up. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isTempFile, writeFileAtomic } from '../write.js';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function byteLength(data: Uint8Array | string): number {
  return typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
}

/**
 * Write atomically unless the file already holds exactly these bytes (so a repeated
 * distribution leaves files and their times alone). Returns whether it wrote.
 */
export function writeIfChanged(path: string, data: Uint8Array | string): boolean {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    if (statSync(path).size === bytes.byteLength && Buffer.compare(readFileSync(path), bytes) === 0) return false;
  } catch {
    // missing: write it
  }
  writeFileAtomic(path, bytes);
  return true;
}

/** Remove files in `dir` with one of `extensions` that are not in `keep` (names). */
export function removeOthers(dir: string, keep: Set<string>, extensions: string[]): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (keep.has(name) || isTempFile(name) || !extensions.some((e) => name.endsWith(e))) continue;
    const p = join(dir, name);
    if (!statSync(p).isFile()) continue;
    rmSync(p, { force: true });
    removed.push(name);
  }
  return removed;
}

/** A name usable as (part of) a file name on every system: no separators, reserved or control characters. */
export function safeName(s: string, max = 40): string {
  const cleaned = [...s.normalize('NFC')]
    .map((c) => (/[\\/:*?"<>|\u0000-\u001f\u007f]/.test(c) || /\s/.test(c) ? '_' : c))
    .join('')
    .replace(/^[.]+/, '_');
  const chars = [...cleaned];
  return (chars.length > max ? chars.slice(0, max) : chars).join('') || '_';
}
