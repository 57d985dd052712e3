/**
 * Text measurement without fonts: an estimate good enough to keep text inside its box.
 *
 * A CJK character (and any full-width form) is 1 em wide; Latin letters and digits are
 * about 0.6 em in the fonts we use (微软雅黑, 宋体, Noto Sans CJK), rounded up so the
 * estimate errs on the side of a taller box. Lines break anywhere, as Chinese does.
 */

/** Width of one character in em. */
export function charEm(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c === 0x20) return 0.33;
  if (c < 0x7f) {
    if (/[.,:;'!|il1()[\]]/.test(ch)) return 0.4;
    if (/[%WMmw@]/.test(ch)) return 0.95;
    return 0.62;
  }
  if (c === 0xb7) return 0.5;
  return 1;
}

export function textEm(s: string): number {
  let w = 0;
  for (const ch of s) w += charEm(ch);
  return w;
}

/** Characters that must not start a line (clreq): they stay at the end of the previous one. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】”’·…%']);

/** A stretch of text at one size; `break` starts a new line before it. */
export interface Segment {
  text: string;
  sizePt: number;
  break?: boolean;
}

/**
 * Lines needed for `segments` in a line `widthPt` wide. "\n" and `break` start a new line.
 * Closing punctuation that would start a line is pulled back, as PowerPoint does, which
 * can overhang a little; a 3 % slack covers that.
 */
export function wrapLines(segments: Segment[], widthPt: number): number {
  if (widthPt <= 0) return Number.POSITIVE_INFINITY;
  const limit = widthPt * 0.97;
  let lines = 1;
  let w = 0;
  for (const seg of segments) {
    if (seg.break && (w > 0 || lines > 1)) {
      lines++;
      w = 0;
    }
    for (const ch of seg.text) {
      if (ch === '\n') {
        lines++;
        w = 0;
        continue;
      }
      const cw = charEm(ch) * seg.sizePt;
      if (w + cw > limit && w > 0 && !NO_LINE_START.has(ch)) {
        lines++;
        w = 0;
      }
      w += cw;
    }
  }
  return lines;
}

/** Lines of plain text at one size in a line `widthEm` em wide. */
export function lineCount(s: string, widthEm: number): number {
  return wrapLines([{ text: s, sizePt: 1 }], widthEm);
}

export const PT_PER_IN = 72;

/** Line height as the deck sets it ("exactly" spacing), in points. */
export function lineHeightPt(fontPt: number): number {
  return Math.round(fontPt * 1.3);
}
