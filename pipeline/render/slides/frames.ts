/**
 * The vocabulary of a laid-out slide: page geometry (inches), runs, paragraphs and frames
 * (text boxes, rules, tables, charts), plus the text helpers every layout uses.
 * Pure: no pptxgenjs here.
 */
import type { ChartSpec } from '../../core/chart.js';
import type { Inline } from '../doc/ast.js';
import type { SlidesConfig } from '../../model/config.js';
import { lineHeightPt, PT_PER_IN, wrapLines, type Segment } from './measure.js';
import type { SlideKind } from './outline.js';

export const PAGE = { w: 13.333, h: 7.5 } as const;
const MX = 0.6;
const CONTENT_W = PAGE.w - 2 * MX;
export const TITLE = { x: MX, y: 0.28, w: CONTENT_W, h: 0.92 } as const;
export const COVER_TITLE = { x: 0.9, y: 1.55, w: PAGE.w - 1.8, h: 1.9 } as const;
export const SECTION_TITLE = { x: 0.9, y: 2.35, w: PAGE.w - 1.8, h: 1.5 } as const;
export type MasterName = 'cover' | 'section' | 'content';
/** Where each master's title placeholder sits (the deck writer defines the masters from this). */
export const TITLE_BOXES: Record<MasterName, Box> = { cover: COVER_TITLE, section: SECTION_TITLE, content: TITLE };
export const TITLE_RULE: Box = { x: MX, y: 1.28, w: CONTENT_W, h: 0 };
export const BODY = { x: MX, y: 1.5, w: CONTENT_W, h: 5.3 } as const;
export const FOOTER = { y: 6.98, h: 0.32 } as const;
/** Vertical gap between body blocks, inches. */
export const GAP = 0.22;
/** Text box inset on every side, in points (the deck sets it on every box). */
export const INSET_PT = 3.6;
export const BULLET_INDENT_PT = 28;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Run {
  text: string;
  bold?: boolean;
  color?: string;
  sizePt?: number;
  /** A soft line break before this run (a `<br>` in the text). */
  breakBefore?: boolean;
}

export interface Para {
  runs: Run[];
  sizePt: number;
  font: 'heading' | 'body';
  color: string;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  bullet?: 'bullet' | 'number';
  numberStart?: number;
  spaceAfterPt: number;
}

export interface Cell {
  runs: Run[];
  align: 'left' | 'center' | 'right';
}

export type Frame =
  | {
      kind: 'text';
      name: string;
      box: Box;
      paras: Para[];
      valign: 'top' | 'middle' | 'bottom';
      fill?: string;
      placeholder?: 'title';
      /** Extra top inset in points (added to INSET_PT). */
      padTopPt?: number;
    }
  | { kind: 'rect'; name: string; box: Box; fill: string }
  | { kind: 'rule'; name: string; box: Box; color: string; weightPt: number }
  | { kind: 'table'; name: string; box: Box; colW: number[]; rowH: number[]; header: Cell[]; rows: Cell[][]; sizePt: number }
  | { kind: 'chart'; name: string; box: Box; spec: ChartSpec; showTitle: boolean };

export interface SlidePlan {
  kind: SlideKind;
  /** Which master the slide uses: covers have no footer or number; each master has a title placeholder. */
  master: MasterName;
  frames: Frame[];
  /** Body text size chosen (content slides). */
  bodyPt?: number;
  /** False when the content does not fit at the configured sizes (it may still fit at an emergency size). */
  fits: boolean;
}

export interface DeckTheme {
  accent: string;
  text: string;
  muted: string;
  /** Card and table-stripe fill. */
  light: string;
  border: string;
  /** The series a chart compares against (last year, the start of the period). */
  compare: string;
  bodySizes: number[];
}

export function themeOf(c: SlidesConfig): DeckTheme {
  return { accent: c.colors.accent, text: c.colors.text, muted: c.colors.muted, light: 'F5F5F5', border: 'D9D9D9', compare: 'A6A6A6', bodySizes: c.text.bodySizes };
}

/** One body block, measurable at a body size and placeable in a box. */
export interface Piece {
  /** Height at body size `f`; charts report their minimum. */
  height(f: number): number;
  /** Takes a share of the body's leftover height (charts). */
  flexible?: boolean;
  place(box: Box, f: number): Frame[];
}

// ── text ────────────────────────────────────────────────────────────────────────────

/** Height in inches of paragraphs in a text box `w` inches wide (insets included). */
export function parasHeight(paras: Para[], w: number): number {
  let pt = 2 * INSET_PT;
  for (const p of paras) {
    const indent = p.bullet ? BULLET_INDENT_PT : 0;
    const lines = wrapLines(segmentsOf(p), w * PT_PER_IN - 2 * INSET_PT - indent);
    const maxSize = Math.max(p.sizePt, ...p.runs.map((r) => r.sizePt ?? 0));
    pt += lines * lineHeightPt(maxSize) + p.spaceAfterPt;
  }
  return pt / PT_PER_IN;
}

function segmentsOf(p: Para): Segment[] {
  return p.runs.map((r) => ({ text: r.text, sizePt: r.sizePt ?? p.sizePt, break: r.breakBefore }));
}

/** Inline nodes → runs; strong text is bold (and in the accent colour when `strongColor` is given). */
export function runsOf(nodes: Inline[], strongColor?: string, bold = false): Run[] {
  const out: Run[] = [];
  let breakNext = false;
  const walk = (ns: Inline[], strong: boolean) => {
    for (const n of ns) {
      if (n.type === 'break') breakNext = true;
      else if (n.type === 'strong') walk(n.children, true);
      else if (n.value) {
        out.push({ text: n.value, ...(strong || bold ? { bold: true } : {}), ...(strong && strongColor ? { color: strongColor } : {}), ...(breakNext ? { breakBefore: true } : {}) });
        breakNext = false;
      }
    }
  };
  walk(nodes, false);
  return out.length ? out : [{ text: '' }];
}

export function para(runs: Run[], sizePt: number, font: Para['font'], color: string, o: Partial<Pick<Para, 'bold' | 'align' | 'bullet' | 'numberStart' | 'spaceAfterPt'>> = {}): Para {
  return { runs, sizePt, font, color, spaceAfterPt: 0, ...o };
}

/** Largest size in `sizes` at which `text` fits `lines` lines of `w` inches. */
export function fitSize(text: string, w: number, sizes: number[], lines: number): number | undefined {
  return sizes.find((pt) => wrapLines([{ text, sizePt: pt }], w * PT_PER_IN - 2 * INSET_PT) <= lines);
}

export function textPiece(name: string, parasAt: (f: number) => Para[], fill?: string): Piece {
  return {
    height: (f) => parasHeight(parasAt(f), BODY.w),
    place: (box, f) => [{ kind: 'text', name, box, valign: 'top', paras: parasAt(f), ...(fill ? { fill } : {}) }],
  };
}
