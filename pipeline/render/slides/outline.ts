/**
 * Doc → slides: the one place that decides where slides start, what is on a slide and
 * what is speaker notes. The Marp writer and the PowerPoint writer both take these slides,
 * so the two files always have the same slides with the same text.
 *
 *   ::slide / ::pagebreak   start a new slide
 *   ::: notes … :::         speaker notes of the current slide (also inside other containers)
 *   everything else         shown on the slide
 */
import { inlineText, type Block, type Doc, type Heading, type List, type Paragraph } from '../doc/ast.js';
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
  /** Paragraphs longer than this (in characters) are read out, not shown: they go to notes. */
  maxParagraphChars: number;
  /** Whether a slide's shown content fits its slide (the layout's judgement). */
  fits(s: Slide): boolean;
}

/**
 * Move paragraph text that does not fit a slide to its speaker notes: first every
 * over-long paragraph (all of the slide's paragraphs when that would leave a gap between
 * shown ones), then — while the slide still overflows — the last paragraphs.
 * Lists, tables and charts stay (templates split long lists over several slides).
 */
export function fitSlides(slides: Slide[], opts: FitOptions): Slide[] {
  return slides.map((s) => (slideKind(s) === 'cover' ? s : fitSlide(s, opts)));
}

function fitSlide(s: Slide, opts: FitOptions): Slide {
  const paras = s.blocks.flatMap((b, i) => (b.type === 'paragraph' ? [i] : []));
  const moved = new Set(paras.filter((i) => [...inlineText((s.blocks[i] as Paragraph).children)].length > opts.maxParagraphChars));
  // Never leave a hole ("一是…", "三是…" shown, "二是…" read out): then all paragraphs go.
  const kept = paras.filter((i) => !moved.has(i));
  if (kept.length && [...moved].some((m) => m > kept[0]! && m < kept[kept.length - 1]!)) paras.forEach((i) => moved.add(i));
  const build = () => ({
    blocks: s.blocks.filter((_, i) => !moved.has(i)),
    notes: [...s.blocks.filter((_, i) => moved.has(i)), ...s.notes],
  });
  let out = build();
  for (let i = s.blocks.length - 1; i >= 0 && !opts.fits(out); i--) {
    if (s.blocks[i]!.type !== 'paragraph' || moved.has(i)) continue;
    moved.add(i);
    out = build();
  }
  return moved.size ? out : s;
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
