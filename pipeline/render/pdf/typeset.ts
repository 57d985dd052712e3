/**
 * Line breaking and justification for Chinese text, done here instead of in pdfmake.
 *
 * Why: pdfmake breaks text into UAX #14 "words" and places each word at the sum of the
 * previous widths, so negative character spacing is lost between words (a 16 pt body
 * line holds only 27 characters instead of GB/T 9704's 28) and its justification only
 * widens gaps between words. So every line is broken here (kinsoku.ts rules), measured
 * with the same font engine pdfkit uses, and handed to pdfmake as one unwrappable line
 * whose character spacing makes it fill the measure exactly (inter-character
 * justification, as Chinese typesetting does it). Page breaking stays with pdfmake:
 * each line is its own node, so a paragraph can break between any two lines.
 */
import type { FontRole, FontSet } from './fonts.js';
import { INSEPARABLE, NO_LINE_END, NO_LINE_START, units, wordUnits, type BreakUnit } from './kinsoku.js';
import type { InlineNode, Margin, TextNode } from './nodes.js';

export interface Span {
  text: string;
  role: FontRole;
  bold: boolean;
  color?: string;
}

export interface SetLine {
  segments: Span[];
  /** UTF-16 length of the line (pdfmake's tracking counts code units). */
  length: number;
  /** Width without tracking (sum of advances). */
  advance: number;
  /** Left indent of this line within the measure. */
  indent: number;
  /** Width available to this line. */
  available: number;
  /** Last line of the paragraph or before a hard break: not justified. */
  last: boolean;
}

export interface BreakOptions {
  width: number;
  size: number;
  /** Base tracking in points (negative tightens). */
  tracking: number;
  /** First-line indent in points. */
  indent?: number;
  /** Indent of all lines after the first (hanging indent), in points. */
  restIndent?: number;
  /** Break only between words (titles, headings, table cells): see kinsoku.wordUnits. */
  words?: boolean;
}

/**
 * A figure that must not be broken across lines in body text: an Arabic number with its
 * magnitude and unit (291亿元, 3000余万元, 0.5个百分点, 15％, 第12期), a number in Chinese
 * numerals (二〇三五年, 十四五, 第十二次), as titles already keep them (kinsoku.wordUnits).
 * At most NUMBER_MAX code units: a longer figure may break (the justified line would tear).
 */
const NUMBER = new RegExp(
  [
    // Arabic: 第 12 / 3000 余 万 元 / 0.5 个百分点 / 15 ％
    '第?[0-9０-９]+(?:[.．][0-9０-９]+)?(?:余|多)?(?:万亿|亿|万|千|百)?(?:个百分点|百分点|美元|元|平方公里|平方米|公里|千米|米|亩|公顷|吨|千瓦|户|人次|人|家|个|项|所|座|条|台|套|辆|次|倍|届|期|年|月|日|天|小时|岁|件|名|张|处|栋|间|床|%|％|‰)?',
    // Chinese numerals: 二〇三五年, 十四五, 第十二次 (a run of two or more, not a lone 一)
    '第?[〇零一二两三四五六七八九十百千]{2,}(?:年|月|日|次|届|个|项|期)?',
  ].join('|'),
  'g',
);
const NUMBER_MAX = 8;

/** The figures of a text that body breaking keeps whole, as [start, end) offsets. */
export function numberSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const t = m[0];
    if (t.length < 2 || t.length > NUMBER_MAX) continue;
    // Chinese numerals: a year (…年), or a run with 〇/零/十/百/千 (二〇二三, 十四五, 三十); not 一一 or 万一
    if (/^第?[〇零一二两三四五六七八九十百千]/.test(t) && !/[0-9０-９]/.test(t) && !/年$/.test(t) && !/[〇零十百千]/.test(t)) continue;
    out.push({ start: m.index, end: m.index + t.length });
  }
  return out;
}

/** Body units with every figure (numberSpans) glued into one unit. */
function keepNumbers(text: string, us: BreakUnit[]): BreakUnit[] {
  const spans = numberSpans(text);
  if (spans.length === 0) return us;
  const out: BreakUnit[] = [];
  let k = 0;
  for (const u of us) {
    while (k < spans.length && spans[k]!.end <= u.start) k++;
    const prev = out[out.length - 1];
    const span = spans[k];
    // u continues a figure that began in the previous unit
    if (prev && !prev.space && !u.space && span && span.start < u.start && span.start < prev.end && prev.end > span.start) {
      prev.end = u.end;
      continue;
    }
    out.push({ ...u });
  }
  return out;
}

/** Pdfmake refuses an inline that overflows by any amount: leave this much slack. */
const SLACK = 0.02;

/** Break spans into lines; `<br>` is given as "\n" inside span text. */
export function breakLines(fonts: FontSet, spans: Span[], opt: BreakOptions): SetLine[] {
  const out: SetLine[] = [];
  // hard breaks split the paragraph into pieces that break independently
  const pieces: Span[][] = [[]];
  for (const s of spans) {
    const parts = s.text.split('\n');
    parts.forEach((p, k) => {
      if (k > 0) pieces.push([]);
      if (p) pieces[pieces.length - 1]!.push({ ...s, text: p });
    });
  }
  for (const piece of pieces) {
    const lines = breakPiece(fonts, piece, opt, out.length === 0);
    if (lines.length === 0) continue;
    out.push(...lines);
  }
  return out;
}

function breakPiece(fonts: FontSet, spans: Span[], opt: BreakOptions, firstPiece: boolean): SetLine[] {
  const text = spans.map((s) => s.text).join('');
  if (!text.trim()) return [];
  const bounds: number[] = [];
  let acc = 0;
  for (const s of spans) bounds.push((acc += s.text.length));
  const spanIndex = (offset: number) => bounds.findIndex((b) => offset < b);

  /** Segments (per span) covering [a, b). */
  const segmentsOf = (a: number, b: number): Span[] => {
    const segs: Span[] = [];
    let pos = a;
    while (pos < b) {
      const si = spanIndex(pos);
      const s = spans[si]!;
      const end = Math.min(b, bounds[si]!);
      const start = si === 0 ? 0 : bounds[si - 1]!;
      segs.push({ ...s, text: s.text.slice(pos - start, end - start) });
      pos = end;
    }
    return segs;
  };
  const measureSegs = (segs: Span[]) => segs.reduce((w, s) => w + fonts.measure(s.role, s.bold, opt.size, s.text), 0);
  const unitWidth = new Map<BreakUnit, number>();
  const widthOf = (u: BreakUnit) => {
    let w = unitWidth.get(u);
    if (w === undefined) unitWidth.set(u, (w = measureSegs(segmentsOf(u.start, u.end))));
    return w;
  };

  const us: BreakUnit[] = opt.words ? wordUnits(text) : keepNumbers(text, units(text));
  const lines: SetLine[] = [];
  let i = 0;
  while (i < us.length) {
    while (i < us.length && us[i]!.space) i++;
    if (i >= us.length) break;
    const indent = firstPiece && lines.length === 0 ? (opt.indent ?? 0) : (opt.restIndent ?? 0);
    const available = opt.width - indent;
    // greedy fill by unit widths
    let j = i;
    let adv = 0;
    let len = 0;
    while (j < us.length) {
      const u = us[j]!;
      const w = widthOf(u);
      const l = u.end - u.start;
      if (j > i && !u.space && adv + w + opt.tracking * (len + l - 1) > available - SLACK) break;
      adv += w;
      len += l;
      j++;
    }
    // a single unit wider than the whole line: split it by characters
    if (j === i + 1 && !us[i]!.space && adv + opt.tracking * (len - 1) > available - SLACK) {
      const u = us[i]!;
      let cut = u.start;
      for (const ch of text.slice(u.start, u.end)) {
        const next = cut + ch.length;
        const segs = segmentsOf(u.start, next);
        if (cut > u.start && measureSegs(segs) + opt.tracking * (next - u.start - 1) > available - SLACK) break;
        cut = next;
      }
      // cut where the rules allow it, if there is such a place
      let ok = cut;
      while (ok > u.start + 1 && badCut(text, ok)) ok -= text.codePointAt(ok - 2)! > 0xffff ? 2 : 1;
      if (ok > u.start && !badCut(text, ok)) cut = ok;
      if (cut < u.end) {
        us.splice(i, 1, { start: u.start, end: cut, space: false }, { start: cut, end: u.end, space: false });
        continue;
      }
    }
    // drop trailing spaces, then check the exact width (kerning across units) and back off
    let end = j;
    for (;;) {
      while (end > i + 1 && us[end - 1]!.space) end--;
      const segs = segmentsOf(us[i]!.start, us[end - 1]!.end);
      const length = us[end - 1]!.end - us[i]!.start;
      const advance = measureSegs(segs);
      if (end > i + 1 && advance + opt.tracking * (length - segs.length) > available - SLACK) {
        end--;
        continue;
      }
      lines.push({ segments: segs, length, advance, indent, available, last: false });
      break;
    }
    i = end;
  }
  if (lines.length) lines[lines.length - 1]!.last = true;
  return lines;
}

export interface LineStyle {
  fonts: FontSet;
  size: number;
  /** Fixed distance from one line to the next, in points. */
  pitch: number;
  tracking: number;
  align: 'justify' | 'left' | 'center' | 'right';
  color?: string;
  /** Extra left margin of every line (e.g. a table cell or a hanging label). */
  left?: number;
}

/** One pdfmake text node per line, with its own character spacing. */
export function lineNodes(lines: SetLine[], style: LineStyle): TextNode[] {
  return lines.map((line) => {
    const gaps = line.length - line.segments.length;
    let spacing = style.tracking;
    if (style.align === 'justify' && !line.last && gaps > 0) {
      const justified = (line.available - SLACK - line.advance) / gaps;
      // a line that would need more than a third of a character between letters (a narrow
      // table cell, a long number pushed down) is left ragged instead of torn apart
      if (justified - style.tracking <= style.size / 3) spacing = justified;
    }
    const inlines: InlineNode[] = line.segments.map((s) => ({
      text: s.text,
      font: style.fonts.family(s.role),
      bold: s.bold,
      fontSize: style.size,
      color: s.color ?? style.color,
      lineHeight: style.pitch / style.fonts.lineBox(s.role, s.bold, style.size),
    }));
    const left = (style.left ?? 0) + line.indent;
    // centred text is centred on the measure: the same margin on both sides
    const margin: Margin = [left, 0, style.align === 'center' ? (style.left ?? 0) : 0, 0];
    const node: TextNode = {
      text: inlines,
      characterSpacing: round(spacing),
      noWrap: true,
      alignment: style.align === 'justify' ? 'left' : style.align,
      margin,
      style: 'line',
    };
    return node;
  });
}

/** Typeset a run of spans into line nodes. */
export function setText(spans: Span[], style: LineStyle, opt: Omit<BreakOptions, 'size' | 'tracking'>): TextNode[] {
  return lineNodes(breakLines(style.fonts, spans, { ...opt, size: style.size, tracking: style.tracking }), style);
}

/**
 * Balanced breaking for centred titles (GB/T 9704: lines of a title should form a
 * trapezoid or diamond, not a full line and a stub): the narrowest measure that still
 * needs no more lines than the full one.
 */
export function balancedLines(fonts: FontSet, spans: Span[], opt: BreakOptions): SetLine[] {
  const full = breakLines(fonts, spans, opt);
  if (full.length < 2) return full;
  let lo = opt.width / full.length;
  let hi = opt.width;
  let best = full;
  for (let k = 0; k < 14; k++) {
    const mid = (lo + hi) / 2;
    const trial = breakLines(fonts, spans, { ...opt, width: mid });
    if (trial.length <= full.length) {
      best = trial;
      hi = mid;
    } else lo = mid;
  }
  return best.map((l) => ({ ...l, available: opt.width - l.indent }));
}

/**
 * Lines of a centred title or heading of one face that break only between words (never
 * inside a word, a number with its unit or a short quotation), preferring breaks after
 * punctuation and spaces, then between words, and balanced: among the breakings with the
 * fewest lines, the one whose lines are closest to equal length. Undefined when a single
 * word is wider than the measure (the caller falls back to character breaking).
 */
export function phraseLines(fonts: FontSet, text: string, role: FontRole, opt: BreakOptions): SetLine[] | undefined {
  const us = wordUnits(text);
  const n = us.length;
  if (n === 0) return [];
  const w = us.map((u) => fonts.measure(role, false, opt.size, text.slice(u.start, u.end)));
  const len = us.map((u) => u.end - u.start);
  const width = opt.width - SLACK;
  /** Width of units i..j-1 on one line (spaces at the edges dropped). */
  const lineWidth = (i: number, j: number): number => {
    while (i < j && us[i]!.space) i++;
    while (j > i && us[j - 1]!.space) j--;
    if (i >= j) return 0;
    let adv = 0;
    let chars = 0;
    for (let k = i; k < j; k++) {
      adv += w[k]!;
      chars += len[k]!;
    }
    return adv + opt.tracking * (chars - 1);
  };
  if (us.some((u, k) => !u.space && w[k]! > width)) return undefined;
  const total = lineWidth(0, n);
  // fewest lines: greedy
  let lines = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && lineWidth(i, j + 1) <= width) j++;
    lines++;
    i = j;
    while (i < n && us[i]!.space) i++;
  }
  const target = total / lines;
  // dp[m][j]: least cost of setting units 0..j-1 on m lines
  const INF = Number.POSITIVE_INFINITY;
  const dp: number[][] = Array.from({ length: lines + 1 }, () => new Array<number>(n + 1).fill(INF));
  const from: number[][] = Array.from({ length: lines + 1 }, () => new Array<number>(n + 1).fill(-1));
  dp[0]![0] = 0;
  for (let m = 1; m <= lines; m++) {
    for (let j = 1; j <= n; j++) {
      for (let i = j - 1; i >= 0; i--) {
        if (dp[m - 1]![i] === INF) continue;
        const lw = lineWidth(i, j);
        if (lw > width) break;
        if (lw === 0) continue;
        const dev = (lw - target) / opt.size; // in characters
        // a break between words costs more than lines a few characters apart in length
        const breakCost = j < n ? us[j]!.breakCost * 20 : 0;
        const c = dp[m - 1]![i]! + 0.5 * dev * dev + breakCost;
        if (c < dp[m]![j]!) {
          dp[m]![j] = c;
          from[m]![j] = i;
        }
      }
    }
  }
  if (dp[lines]![n] === INF) return undefined;
  const cuts: number[] = [];
  for (let m = lines, j = n; m > 0; m--) {
    cuts.unshift(j);
    j = from[m]![j]!;
  }
  const parts: string[] = [];
  let i = 0;
  for (const j of cuts) {
    parts.push(text.slice(us[i]!.start, us[j - 1]!.end).trim());
    i = j;
    while (i < n && us[i]!.space) i++;
  }
  return breakLines(fonts, [{ text: parts.join('\n'), role, bold: false }], { ...opt, width: opt.width, indent: 0, restIndent: 0 }).map((l) => ({ ...l, last: true }));
}

/** Natural width of spans on one line (advance + tracking). */
export function naturalWidth(fonts: FontSet, spans: Span[], size: number, tracking: number): number {
  const len = spans.reduce((n, s) => n + s.text.length, 0);
  const adv = spans.reduce((w, s) => w + fonts.measure(s.role, s.bold, size, s.text), 0);
  return adv + tracking * Math.max(0, len - spans.length);
}

/**
 * Widest word of spans (the narrowest a column can get without splitting words), counting
 * at most `cap` em: a longer word is split by characters anyway.
 */
export function minUnitWidth(fonts: FontSet, spans: Span[], size: number, cap = 6): number {
  let max = 0;
  for (const s of spans) {
    for (const part of s.text.split('\n')) {
      for (const u of wordUnits(part)) {
        if (u.space) continue;
        max = Math.max(max, Math.min(cap * size, fonts.measure(s.role, s.bold, size, part.slice(u.start, u.end))));
      }
    }
  }
  return max;
}

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}

/** Would breaking `text` before offset `at` break a rule? (Used only to split an over-long unit.) */
function badCut(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const next = String.fromCodePoint(text.codePointAt(at)!);
  const prev = text[at - 1]!;
  if (NO_LINE_START.has(next) || NO_LINE_END.has(prev)) return true;
  if (INSEPARABLE.has(next) && prev === next) {
    // inside a run of dashes or dots: only between pairs
    let run = 0;
    for (let k = at - 1; k >= 0 && text[k] === next; k--) run++;
    return run % 2 === 1;
  }
  return false;
}
