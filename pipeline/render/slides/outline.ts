/**
 * Doc → slides: the one place that decides where slides start, what is on a slide and
 * what is speaker notes. The Marp writer and the PowerPoint writer both take these slides,
 * so the two files always have the same slides with the same text.
 *
 *   ::slide / ::pagebreak   start a new slide
 *   ::: notes … :::         speaker notes of the current slide (also inside other containers)
 *   everything else         shown on the slide
 */
import { inlineText, type Block, type Doc, type Heading, type Inline, type List, type Paragraph } from '../doc/ast.js';
import { cnNumber } from '../../core/format.js';
import { textEm } from './measure.js';

export interface Slide {
  /** What the slide shows, in order (notes removed). */
  blocks: Block[];
  /** Speaker notes, in order. */
  notes: Block[];
}

/** cover: starts with a level-1 heading (title and closing slides); section: a heading alone. */
export type SlideKind = 'cover' | 'section' | 'content';

const BREAKS = new Set(['slide', 'pagebreak']);

export function splitSlides(doc: Doc): Slide[] {
  const slides: Slide[] = [];
  let cur: Slide = { blocks: [], notes: [] };
  const flush = () => {
    if (cur.blocks.length || cur.notes.length) slides.push(cur);
    cur = { blocks: [], notes: [] };
  };
  for (const b of doc.children) {
    if (b.type === 'directive' && BREAKS.has(b.name) && !b.children) {
      flush();
      continue;
    }
    const { shown, notes } = takeNotes(b);
    if (shown) cur.blocks.push(shown);
    cur.notes.push(...notes);
  }
  flush();
  return slides;
}

/** Pull `::: notes` out of a block (containers may hold them too). */
function takeNotes(b: Block): { shown?: Block; notes: Block[] } {
  if (b.type !== 'directive') return { shown: b, notes: [] };
  if (b.name === 'notes') return { notes: b.children ?? [] };
  if (!b.children) return { shown: b, notes: [] };
  const notes: Block[] = [];
  const children: Block[] = [];
  for (const c of b.children) {
    const r = takeNotes(c);
    if (r.shown) children.push(r.shown);
    notes.push(...r.notes);
  }
  return { shown: { ...b, children }, notes };
}

export function slideKind(s: Slide): SlideKind {
  const first = s.blocks[0];
  if (first?.type === 'heading' && first.level === 1) return 'cover';
  if (s.blocks.length === 0 || (s.blocks.length === 1 && first?.type === 'heading')) return 'section';
  return 'content';
}

/** The slide's title heading (its first heading, when the slide starts with one). */
export function slideTitle(s: Slide): Heading | undefined {
  const first = s.blocks[0];
  return first?.type === 'heading' ? first : undefined;
}

/** The blocks under the title. */
export function slideBody(s: Slide): Block[] {
  return slideTitle(s) ? s.blocks.slice(1) : s.blocks;
}

/**
 * A list of many short items (project names) is shown in two columns, so 12 fit a slide.
 * The same rule drives the Marp class and the PowerPoint layout.
 */
export function isCompactList(l: List): boolean {
  return l.items.length > 6 && l.items.every((it) => textEm(inlineText(it)) <= 14);
}

export interface FitOptions {
  /** Paragraphs longer than this (in characters) are shown as bullets drawn from their sentences. */
  maxParagraphChars: number;
  /** The longest bullet drawn from a paragraph, in characters (two lines at the deck's size). */
  bulletChars: number;
  /** Whether a slide's shown content fits its slide with body text of at least `minPt` points. */
  fits(s: Slide, minPt?: number): boolean;
  /** Lists are split before their text gets smaller than this; tables may go to the smallest size. */
  listMinPt: number;
}

/**
 * Make every slide fit and carry substance:
 *  1. a paragraph longer than `maxParagraphChars` becomes bullets drawn from its own
 *     sentences (key phrase first), its full text going to the speaker notes — and so do
 *     the slide's other paragraphs, so a slide never mixes paragraphs and such bullets;
 *  2. a slide that still overflows has its remaining paragraphs turned into bullets too;
 *  3. a slide that still overflows is split — list items and table rows are shared out
 *     over as few slides as fit, balanced, each later one titled "（续）".
 * Nothing is moved off a slide without being shown in some form.
 */
export function fitSlides(slides: Slide[], opts: FitOptions): Slide[] {
  return slides.flatMap((s) => (slideKind(s) === 'cover' ? [s] : fitSlide(s, opts)));
}

function fitSlide(s: Slide, opts: FitOptions): Slide[] {
  const long = (p: Paragraph) => [...inlineText(p.children)].length > opts.maxParagraphChars;
  // One long paragraph makes all of the slide's paragraphs bullets: no mix of the two forms.
  let out = s.blocks.some((b) => b.type === 'paragraph' && long(b)) ? bulletize(s, () => true, opts.bulletChars) : s;
  if (opts.fits(out, opts.listMinPt)) return [out];
  out = bulletize(out, () => true, opts.bulletChars);
  if (opts.fits(out, opts.listMinPt)) return [out];
  return splitSlide(out, opts);
}

/** Paragraphs chosen by `pick` → bullet lists; their text goes to the notes (first, in order). */
function bulletize(s: Slide, pick: (p: Paragraph) => boolean, maxChars: number): Slide {
  const moved: Block[] = [];
  const blocks = s.blocks.map((b): Block => {
    if (b.type !== 'paragraph' || !pick(b)) return b;
    const items = bulletsOf(inlineText(b.children), maxChars);
    if (items.length === 0) return b;
    moved.push(b);
    return { type: 'list', ordered: false, items };
  });
  return moved.length ? { blocks: mergeLists(blocks), notes: [...moved, ...s.notes] } : s;
}

/** Consecutive bullet lists drawn from paragraphs read as one list. */
function mergeLists(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (b.type === 'list' && !b.ordered && last?.type === 'list' && !last.ordered) out[out.length - 1] = { ...last, items: [...last.items, ...b.items] };
    else out.push(b);
  }
  return out;
}

// ── bullets from a paragraph ─────────────────────────────────────────────────────────

const OPEN = '“‘《（(「『【';
const CLOSE = '”’》）)」』】';

/** Split at any of `stops` outside quotation marks and brackets; the stop stays with its part. */
export function splitOutside(text: string, stops: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    cur += ch;
    if (depth === 0 && stops.includes(ch)) {
      parts.push(cur);
      cur = '';
    }
  }
  if (cur.trim()) parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Words that introduce a sentence without saying anything a slide needs. */
const LEAD_INS = [
  /^(会议|全会|大会|报告|他|她|我们)(还)?(指出|强调|要求|表示|认为|提出|号召|明确)[，：]/,
  /^[^，。；：“”]{2,30}?(表示|指出|强调|认为|说)[，：]/,
  /^(一|二|三|四|五|六|七|八|九|十)是/,
  /^(同时|此外|另外|下一步|未来|今后)[，：]/,
];

/**
 * A paragraph → bullets: one per sentence (split at 。；！？), lead-ins dropped; a sentence
 * longer than `maxChars` keeps its clauses (split at ，) from the start while they fit.
 * The first clause — the key phrase — is bold when the bullet has more than one.
 */
export function bulletsOf(text: string, maxChars: number): Inline[][] {
  return splitOutside(text, '。；！？;!?')
    .map((sentence) => {
      let t = sentence.replace(/[。；！？;!?]+$/, '');
      for (const re of LEAD_INS) t = t.replace(re, '');
      return t.trim();
    })
    .filter((t) => [...t].length >= 4)
    .map((t) => bulletOf(t, maxChars));
}

function bulletOf(sentence: string, maxChars: number): Inline[] {
  const clauses = splitOutside(sentence, '，,：:').map((c) => c.replace(/[，,：:]$/, ''));
  const len = (s: string) => [...s].length;
  let text = clauses[0] ?? sentence;
  let n = 1;
  while (n < clauses.length && len(text) + 1 + len(clauses[n]!) <= maxChars) text += `，${clauses[n++]}`;
  const key = clauses[0] ?? '';
  if (n > 1 && len(key) <= 18) return [{ type: 'strong', children: [{ type: 'text', value: key }] }, { type: 'text', value: text.slice(key.length) }];
  return [{ type: 'text', value: text }];
}

// ── splitting an overflowing slide ───────────────────────────────────────────────────

/** A piece of a slide's body that may go to a continuation slide: one list item, one table row, or a whole block. */
type Unit = { block: number; item?: number };

function splitSlide(s: Slide, opts: FitOptions): Slide[] {
  const title = slideTitle(s);
  const body = slideBody(s);
  const units: Unit[] = body.flatMap((b, i): Unit[] => {
    if (b.type === 'list') return b.items.map((_, item) => ({ block: i, item }));
    if (b.type === 'table') return b.rows.map((_, item) => ({ block: i, item }));
    return [{ block: i }];
  });
  const hasTable = body.some((b) => b.type === 'table');
  const minPt = hasTable ? undefined : opts.listMinPt;
  const slideOf = (us: Unit[], page: number): Slide => ({
    blocks: [...(title ? [continued(title, page)] : []), ...assemble(body, us)],
    notes: page === 0 ? s.notes : [],
  });
  // Greedy: as many units per slide as fit; then the same number of slides, balanced.
  const greedy: Unit[][] = [];
  let cur: Unit[] = [];
  const isHeading = (u: Unit) => body[u.block]!.type === 'heading';
  for (const u of units) {
    const next = [...cur, u];
    if (cur.length && !opts.fits(slideOf(next, greedy.length), minPt)) {
      // A sub-heading never ends a slide: it moves on with what it heads.
      const carry: Unit[] = [];
      while (cur.length > 1 && isHeading(cur[cur.length - 1]!)) carry.unshift(cur.pop()!);
      greedy.push(cur);
      cur = [...carry, u];
    } else cur = next;
  }
  if (cur.length) greedy.push(cur);
  const n = greedy.length;
  const per = Math.ceil(units.length / n);
  const balanced = Array.from({ length: n }, (_, i) => units.slice(i * per, (i + 1) * per)).filter((g) => g.length);
  const endsWithHeading = (g: Unit[]) => g.length > 0 && isHeading(g[g.length - 1]!);
  const pages = balanced.length === n && balanced.every((g, i) => opts.fits(slideOf(g, i), minPt) && !endsWithHeading(g)) ? balanced : greedy;
  return pages.map((g, i) => slideOf(g, i));
}

function assemble(body: Block[], units: Unit[]): Block[] {
  const out: Block[] = [];
  const byBlock = new Map<number, number[]>();
  for (const u of units) byBlock.set(u.block, [...(byBlock.get(u.block) ?? []), ...(u.item !== undefined ? [u.item] : [])]);
  for (const [i, items] of [...byBlock.entries()].sort((a, b) => a[0] - b[0])) {
    const b = body[i]!;
    if (b.type === 'list') out.push({ ...b, items: items.map((k) => b.items[k]!) });
    else if (b.type === 'table') out.push({ ...b, rows: items.map((k) => b.rows[k]!) });
    else out.push(b);
  }
  return out;
}

/** The title of the `page`-th slide of a split: later ones say （续）. */
function continued(h: Heading, page: number): Heading {
  if (page === 0 || /（续）$/.test(inlineText(h.children))) return h;
  return { ...h, children: [...h.children, { type: 'text', value: '（续）' }] };
}

// ── parts and the 目录 ────────────────────────────────────────────────────────────

/**
 * `::part` marks the first slide of a part: its title is numbered 一、二、三… in order.
 * Returns the slides without the marker and the numbered part titles.
 */
export function numberParts(slides: Slide[]): { slides: Slide[]; parts: string[] } {
  const parts: string[] = [];
  const out = slides.map((s) => {
    const at = s.blocks.findIndex((b) => b.type === 'directive' && b.name === 'part' && !b.children);
    if (at < 0) return s;
    const blocks = s.blocks.filter((_, i) => i !== at);
    const title = blocks[0]?.type === 'heading' ? blocks[0] : undefined;
    if (!title) return { ...s, blocks };
    const label = `${cnNumber(parts.length + 1)}、`;
    const numbered: Heading = { ...title, children: [{ type: 'text', value: label }, ...title.children] };
    parts.push(inlineText(numbered.children));
    return { ...s, blocks: [numbered, ...blocks.slice(1)] };
  });
  return { slides: out, parts };
}

/**
 * The `::toc` slide lists the parts — kept only when the deck has more than `minSlides`
 * other slides (a short deck needs no 目录) and at least two parts.
 */
export function fillToc(slides: Slide[], parts: string[], minSlides = 8): Slide[] {
  const isToc = (s: Slide) => s.blocks.some((b) => b.type === 'directive' && b.name === 'toc' && !b.children);
  const others = slides.filter((s) => !isToc(s));
  if (others.length <= minSlides || parts.length < 2) return others;
  return slides.map((s) => {
    if (!isToc(s)) return s;
    const items = parts.map((p): Paragraph => ({ type: 'paragraph', children: [{ type: 'text', value: p }] }));
    return {
      blocks: s.blocks.flatMap((b): Block[] => (b.type === 'directive' && b.name === 'toc' ? items : [b])),
      notes: s.notes.length ? s.notes : [{ type: 'paragraph', children: [{ type: 'text', value: `本次汇报分${cnNumber(parts.length)}个部分：${parts.map((p) => p.replace(/^[一二三四五六七八九十]+、/, '')).join('；')}。` }] }],
    };
  });
}

/** Every slide has speaker notes: a slide without any gets its own text as notes. */
export function withNotes(slides: Slide[]): Slide[] {
  return slides.map((s) => (s.notes.length || notesText(slideBody(s)).length === 0 ? s : { ...s, notes: slideBody(s) }));
}

/** Plain text of notes blocks: one line per paragraph or list item. */
export function notesText(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') out.push(inlineText(b.children));
    else if (b.type === 'list') b.items.forEach((it, i) => out.push(`${b.ordered ? `${i + 1}. ` : '· '}${inlineText(it)}`));
    else if (b.type === 'table') for (const r of [b.header, ...b.rows]) out.push(r.map((c) => inlineText(c)).join('　'));
    else if (b.type === 'directive' && b.children) out.push(...notesText(b.children));
  }
  return out.flatMap((l) => l.split('\n')).filter((l) => l.trim() !== '');
}
