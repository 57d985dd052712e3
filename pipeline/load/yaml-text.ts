/**
 * Bytes → text for the YAML reader: the size is checked before anything is read, and only
 * UTF-8 is accepted (a BOM is dropped), with the first bad byte located.
 */
import { statSync, readFileSync } from 'node:fs';
import { JianbaoError } from '../errors.js';
import { msg } from '../messages/index.js';
import { tooBig, YAML_LIMITS } from './yaml-limits.js';

/** The text of a data file on disk (size checked first, UTF-8 only). */
export function readYamlText(shown: string, path: string): string {
  let size: number;
  let isFile: boolean;
  try {
    const st = statSync(path);
    size = st.size;
    isFile = st.isFile();
  } catch (cause) {
    throw new JianbaoError('data', [{ location: { kind: 'file', file: shown }, message: msg('yaml.unreadable', { code: errorCode(cause) }) }], { cause });
  }
  if (!isFile) throw new JianbaoError('data', [{ location: { kind: 'file', file: shown }, message: msg('yaml.isFolder') }]);
  if (size > YAML_LIMITS.maxBytes) throw tooBig(shown, size);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new JianbaoError('data', [{ location: { kind: 'file', file: shown }, message: msg('yaml.unreadable', { code: errorCode(cause) }) }], { cause });
  }
  return decodeText(shown, bytes);
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
}

/**
 * Bytes → text. Only UTF-8 is accepted: a file saved as GBK ("ANSI" in Notepad) or UTF-16
 * ("Unicode") is reported at the first byte that is not UTF-8, instead of being read as
 * garbled characters that would end up printed in a briefing.
 */
export function decodeText(file: string, bytes: Uint8Array): string {
  if (bytes.length > YAML_LIMITS.maxBytes) throw tooBig(file, bytes.length);
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new JianbaoError('data', [
      {
        location: { kind: 'file', file, line: 1, col: 1 },
        message: msg('yaml.utf16'),
      },
    ]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bad)).replace(/^\uFEFF/, '');
    const { line, col } = positionIn(before, before.length);
    const shown = Array.from(bytes.subarray(bad, bad + 2), (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
    throw new JianbaoError('data', [
      {
        location: { kind: 'file', file, line, col },
        message: msg('yaml.notUtf8'),
        found: msg('yaml.bytes', { value: shown }),
      },
    ]);
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n = 0;
    let min = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) (n = 1), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (n = 2), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (n = 3), (min = 0x10000);
    else return i;
    if (i + n >= b.length && n > 0) return i;
    let cp = n === 0 ? c : c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k]!;
      if ((cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** 1-based line and column of `offset` in `text`, counting \n, \r\n and a lone \r as line breaks. */
function positionIn(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}
