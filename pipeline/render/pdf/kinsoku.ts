/**
 * Chinese line-breaking rules (W3C clreq 基本处理 + GB/T 15834 practice): where a line
 * may break, as a list of unbreakable units.
 *
 * - Each CJK character is its own unit; a run of Latin letters/digits (7.5%, GDP,
 *   2017~2020) is one unit; spaces are break opportunities and vanish at line edges.
 * - Closing punctuation ，。、；：？！）》」’” … never starts a line: it is glued to the
 *   unit before it (the character before moves down with it — 推出 / push-out).
 * - Opening punctuation （《「“‘ never ends a line: it is glued to the unit after it.
 * - —— and …… are never split.
 *
 * Pure and font-free; the line filler in typeset.ts measures the units.
 */

/** Characters that may not begin a line. */
export const NO_LINE_START = new Set([
  ...'，。、；：？！）》」』】〕〉〗］｝”’．',
  ...',.;:?!)]}%‰℃°',
  ...'·・‥…々〆ー',
]);

/** Characters that may not end a line. */
export const NO_LINE_END = new Set([...'（《「『【〔〈〖［｛“‘', ...'([{￥$']);

/** Characters that are never split when doubled (—— ……). */
export const INSEPARABLE = new Set([...'—…─⋯']);

const SPACE = /^[ \t\u3000]$/;

/** "Narrow" characters that form Latin/number words: letters, digits and the ASCII joiners inside them. */
function isNarrow(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) return !SPACE.test(ch);
  return (cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x370 && cp <= 0x3ff) || (cp >= 0x400 && cp <= 0x4ff);
}

export interface BreakUnit {
  /** Offsets into the paragraph text, [start, end). */
  start: number;
  end: number;
  /** A space unit: a break opportunity that disappears at a line edge. */
  space: boolean;
}

/** Split text into unbreakable units (see the rules above). */
export function units(text: string): BreakUnit[] {
  // 1. raw tokens: spaces, Latin/digit words, single wide characters
  const raw: BreakUnit[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const start = i;
    if (SPACE.test(ch)) {
      while (i < text.length && SPACE.test(text[i]!)) i++;
      raw.push({ start, end: i, space: true });
    } else if (isNarrow(ch)) {
      while (i < text.length) {
        const c = String.fromCodePoint(text.codePointAt(i)!);
        // a middle dot between two letters or digits (9·3) is part of the word
        const joiner = (c === '·' || c === '・') && i + 1 < text.length && isNarrow(text[i + 1]!);
        if (!isNarrow(c) && !joiner) break;
        i += c.length;
      }
      raw.push({ start, end: i, space: false });
    } else {
      i += ch.length;
      raw.push({ start, end: i, space: false });
    }
  }
  // 2. glue units across forbidden break points
  const out: BreakUnit[] = [];
  for (const u of raw) {
    const prev = out[out.length - 1];
    if (prev && !prev.space && !u.space) {
      const first = firstChar(text, u);
      const last = lastChar(text, prev);
      if (NO_LINE_START.has(first) || NO_LINE_END.has(last) || (INSEPARABLE.has(first) && first === last)) {
        prev.end = u.end;
        continue;
      }
    }
    out.push({ ...u });
  }
  return out;
}

function firstChar(text: string, u: BreakUnit): string {
  return String.fromCodePoint(text.codePointAt(u.start)!);
}

function lastChar(text: string, u: BreakUnit): string {
  const code = text.charCodeAt(u.end - 1);
  const isLowSurrogate = code >= 0xdc00 && code <= 0xdfff && u.end - 2 >= u.start;
  return isLowSurrogate ? text.slice(u.end - 2, u.end) : text.slice(u.end - 1, u.end);
}

/** Closing / opening punctuation checked on finished lines (the clreq basic set). */
export const CHECK_NO_START = new Set([...'，。、；：？！）》」』】〕〉”’']);
export const CHECK_NO_END = new Set([...'（《「『【〔〈“‘']);

/** What is wrong with where a line starts or ends (for tests and preflight). */
export function lineViolation(line: string): string | undefined {
  const t = line.trim();
  if (!t) return undefined;
  const first = String.fromCodePoint(t.codePointAt(0)!);
  const last = [...t].pop()!;
  if (CHECK_NO_START.has(first)) return `行首出现标点“${first}”`;
  if (CHECK_NO_END.has(last)) return `行尾出现标点“${last}”`;
  return undefined;
}

/** A —— or …… split across two lines (checked on consecutive lines). */
export function splitPairViolation(line: string, next: string): string | undefined {
  const a = [...line.trim()].pop();
  const b = next.trim()[0];
  if (a && b && a === b && INSEPARABLE.has(a)) return `“${a}${a}”被拆在两行`;
  return undefined;
}

// ---------------------------------------------------------------- words (titles, headings, table cells)

const SEGMENTER = new Intl.Segmenter('zh-Hans', { granularity: 'word' });
const CJK = /^[\u3400-\u9fff\uf900-\ufaff]$/u;
const DIGIT_END = /[0-9A-Za-z%]$/;
/** Punctuation after which a break is natural (a phrase ends). */
const PHRASE_END = new Set([...'，。、；：？！）》」』】〕,;:?!)']);

export interface WordUnit extends BreakUnit {
  /** Cost of a line break before this unit: 0 after punctuation or a space, 1 between words, 3 next to a run of single characters. */
  breakCost: number;
}

/**
 * Units that never split a word: the kinsoku units of `text`, merged wherever
 * Intl.Segmenter sees no word boundary, where a run of single-character segments goes on
 * (it often splits words it does not know: 砥|砺, 各|项), inside a short quotation
 * (“9·3”, 《…》) and between a number and what follows it (2000亿元, 第3).
 */
export function wordUnits(text: string): WordUnit[] {
  const segs = [...SEGMENTER.segment(text)].map((s) => ({ start: s.index, end: s.index + s.segment.length, text: s.segment }));
  const single = (t: string) => [...t].length === 1 && CJK.test(t);
  const cost = new Map<number, number>();
  // quotations up to 12 characters are never broken
  const noBreak = new Set<number>();
  for (const [open, close] of [['“', '”'], ['《', '》'], ['「', '」'], ['‘', '’']] as const) {
    let from = 0;
    for (;;) {
      const a = text.indexOf(open, from);
      if (a < 0) break;
      const b = text.indexOf(close, a + 1);
      if (b < 0) break;
      if (b - a <= 13) for (let k = a + 1; k <= b; k++) noBreak.add(k);
      from = b + 1;
    }
  }
  for (let i = 1; i < segs.length; i++) {
    const p = segs[i - 1]!;
    const n = segs[i]!;
    const at = n.start;
    if (noBreak.has(at)) continue;
    const lastP = [...p.text].pop()!;
    if (SPACE.test(lastP) || SPACE.test(n.text[0]!) || PHRASE_END.has(lastP)) {
      cost.set(at, 0);
      continue;
    }
    if (single(p.text) && single(n.text)) continue; // inside a run of single characters
    if (DIGIT_END.test(p.text) && CJK.test(n.text[0]!)) continue; // a number and its unit
    if (lastP === '第' && /^[0-9]/.test(n.text)) continue;
    cost.set(at, single(p.text) || single(n.text) ? 3 : 1);
  }
  const out: WordUnit[] = [];
  for (const u of units(text)) {
    const prev = out[out.length - 1];
    if (prev && !u.space && !prev.space && !cost.has(u.start)) {
      prev.end = u.end;
      continue;
    }
    out.push({ ...u, breakCost: u.space || prev?.space ? 0 : (cost.get(u.start) ?? 0) });
  }
  return out;
}
