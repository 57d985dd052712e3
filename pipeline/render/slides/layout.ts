/**
 * Slide → positioned frames (text boxes, tables, charts, rules) on a 16:9 page, in inches.
 * Pure: no pptxgenjs here, so the geometry can be tested and reused for fitting.
 *
 * Text is sized to fit: the body tries the configured sizes, largest first, and takes the
 * first at which everything fits (measure.ts estimates wrapped heights).
 */
import type { ChartSpec } from '../../core/chart.js';
import { inlineText, type Block, type Inline, type List, type Paragraph } from '../doc/ast.js';
import { cardOf, cardsPiece } from './cards.js';
import {
  BODY,
  COVER_TITLE,
  fitSize,
  GAP,
  INSET_PT,
  PAGE,
  para,
  parasHeight,
  runsOf,
  SECTION_TITLE,
  textPiece,
  TITLE,
  TITLE_RULE,
  type Frame,
  type Para,
  type Piece,
  type Run,
  type SlidePlan,
  type DeckTheme,
} from './frames.js';
import { lineHeightPt, PT_PER_IN, wrapLines } from './measure.js';
import { isCompactList, slideBody, slideKind, slideTitle, type Slide } from './outline.js';
import { tablePiece } from './table-layout.js';

export { themeOf } from './frames.js';
export type { SlidePlan, DeckTheme } from './frames.js';

const CHART_MIN_H = 3.2;

export function layoutSlide(s: Slide, theme: DeckTheme): SlidePlan {
  const kind = slideKind(s);
  if (kind === 'cover') return layoutCover(s, theme);
  if (kind === 'section') return layoutSection(s, theme);
  return layoutContent(s, theme);
}

// ── cover, section ──────────────────────────────────────────────────────────────────

function layoutCover(s: Slide, t: DeckTheme): SlidePlan {
  const title = slideTitle(s)!;
  const titleText = inlineText(title.children);
  const box = { ...COVER_TITLE };
  const one = fitSize(titleText, box.w, [44, 40, 36], 1);
  const size = one ?? fitSize(titleText, box.w, [36, 32, 28], 2) ?? fitSize(titleText, box.w, [24, 20, 16], 3) ?? 16;
  const frames: Frame[] = [
    { kind: 'rect', name: '顶部色条', box: { x: 0, y: 0, w: PAGE.w, h: 0.14 }, fill: t.accent },
    { kind: 'text', name: '标题', placeholder: 'title', box, valign: 'bottom', paras: [para(runsOf(title.children), size, 'heading', t.accent, { bold: true, align: 'center' })] },
    { kind: 'rule', name: '标题线', box: { x: PAGE.w / 2 - 1, y: 3.62, w: 2, h: 0 }, color: t.accent, weightPt: 2 },
    { kind: 'rect', name: '底部色条', box: { x: 0, y: PAGE.h - 0.14, w: PAGE.w, h: 0.14 }, fill: t.accent },
  ];
  const rest = flattenText(slideBody(s));
  const paras = rest.map((nodes, i) => para(runsOf(nodes), i === 0 ? 26 : 22, 'body', i === 0 ? t.text : t.muted, { align: 'center', spaceAfterPt: 10 }));
  const sub = { x: 0.9, y: 3.85, w: PAGE.w - 1.8, h: 2.9 };
  let fits = parasHeight(paras, sub.w) <= sub.h;
  if (!fits) for (const p of paras) p.sizePt = 18;
  fits = parasHeight(paras, sub.w) <= sub.h && wrapLines([{ text: titleText, sizePt: size }], box.w * PT_PER_IN - 2 * INSET_PT) * lineHeightPt(size) <= box.h * PT_PER_IN;
  if (paras.length) frames.push({ kind: 'text', name: '副标题', box: sub, valign: 'top', paras });
  return { kind: 'cover', master: 'cover', frames, fits };
}

function layoutSection(s: Slide, t: DeckTheme): SlidePlan {
  const title = slideTitle(s);
  if (!title) return { kind: 'section', master: 'content', frames: [], fits: true };
  const text = inlineText(title.children);
  const box = { ...SECTION_TITLE };
  const size = fitSize(text, box.w, [40, 36, 32], 1) ?? fitSize(text, box.w, [32, 28, 24], 2) ?? fitSize(text, box.w, [22, 18, 16], 3) ?? 16;
  return {
    kind: 'section',
    master: 'section',
    fits: true,
    frames: [
      { kind: 'text', name: '标题', placeholder: 'title', box, valign: 'bottom', paras: [para(runsOf(title.children), size, 'heading', t.accent, { bold: true, align: 'center' })] },
      { kind: 'rule', name: '标题线', box: { x: PAGE.w / 2 - 1, y: 4.05, w: 2, h: 0 }, color: t.accent, weightPt: 2 },
    ],
  };
}

/** Paragraph-like content of blocks as inline lines (for covers). */
function flattenText(blocks: Block[]): Inline[][] {
  return blocks.flatMap((b): Inline[][] => {
    if (b.type === 'paragraph' || b.type === 'heading') return [b.children];
    if (b.type === 'list') return b.items;
    if (b.type === 'directive' && b.children) return flattenText(b.children);
    return [];
  });
}

// ── content slides ──────────────────────────────────────────────────────────────────

function layoutContent(s: Slide, t: DeckTheme): SlidePlan {
  const frames: Frame[] = [];
  const title = slideTitle(s);
  if (title) frames.push(titleFrame(title.children, t), { kind: 'rule', name: '标题线', box: { ...TITLE_RULE }, color: t.accent, weightPt: 1.5 });
  const pieces = groupParagraphs(slideBody(s)).flatMap((b) => (Array.isArray(b) ? [paragraphsPiece(b, t)] : piecesOf(b, t, !title)));
  // The configured sizes first; in an emergency (items too long to split) smaller ones.
  const smallest = t.bodySizes[t.bodySizes.length - 1]!;
  const sizes = [...t.bodySizes, ...[14, 12].filter((x) => x < smallest)];
  const total = (f: number) => pieces.reduce((h, p) => h + p.height(f), 0) + GAP * Math.max(0, pieces.length - 1);
  const f = sizes.find((sz) => total(sz) <= BODY.h) ?? sizes[sizes.length - 1]!;
  const used = total(f);
  const fits = f >= smallest && used <= BODY.h + 1e-6;
  const flex = pieces.filter((p) => p.flexible).length;
  const extra = flex ? Math.max(0, BODY.h - used) / flex : 0;
  let y = BODY.y;
  for (const p of pieces) {
    const h = p.height(f) + (p.flexible ? extra : 0);
    frames.push(...p.place({ x: BODY.x, y, w: BODY.w, h }, f));
    y += h + GAP;
  }
  return { kind: 'content', master: 'content', frames, bodyPt: f, fits };
}

function titleFrame(nodes: Inline[], t: DeckTheme): Frame {
  const text = inlineText(nodes);
  const size = fitSize(text, TITLE.w, [30, 28, 26, 24], 1) ?? fitSize(text, TITLE.w, [22, 20, 18], 2) ?? fitSize(text, TITLE.w, [16, 14, 12], 3) ?? 12;
  return { kind: 'text', name: '标题', placeholder: 'title', box: { ...TITLE }, valign: 'bottom', paras: [para(runsOf(nodes), size, 'heading', t.accent, { bold: true })] };
}

/** Consecutive paragraphs share one text box (as one would type them in PowerPoint). */
function groupParagraphs(blocks: Block[]): (Block | Paragraph[])[] {
  const out: (Block | Paragraph[])[] = [];
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (b.type === 'paragraph' && Array.isArray(last)) last.push(b);
    else out.push(b.type === 'paragraph' ? [b] : b);
  }
  return out;
}

function paragraphsPiece(ps: Paragraph[], t: DeckTheme): Piece {
  return textPiece('正文', (f) => ps.map((p) => para(runsOf(p.children, t.accent), f, 'body', t.text, { spaceAfterPt: Math.round(f * 0.5) })));
}

function piecesOf(b: Block, t: DeckTheme, untitled: boolean): Piece[] {
  switch (b.type) {
    case 'paragraph':
      return [paragraphsPiece([b], t)];
    case 'heading':
      return [textPiece('小标题', (f) => [para(runsOf(b.children), f + 2, 'heading', t.accent, { bold: true, spaceAfterPt: 4 })])];
    case 'list':
      return [isCompactList(b) ? columnsPiece(b, t) : textPiece('要点', (f) => listParas(b, b.items, f, t))];
    case 'table':
      return [tablePiece(b, t)];
    case 'chart':
      return [chartPiece(b.spec, untitled)];
    case 'directive':
      switch (b.name) {
        case 'numbers':
          return numbersPieces(b.children ?? [], t, untitled);
        case 'note': {
          const label: Run[] = b.args ? [{ text: `${b.args}：`, bold: true, color: t.accent }] : [];
          const lines = flattenText(b.children ?? []);
          return [
            textPiece(
              '提示',
              (f) => lines.map((nodes, i) => para([...(i === 0 ? label : []), ...runsOf(nodes, t.accent)], f - 2, 'body', t.text, { spaceAfterPt: 4 })),
              t.light,
            ),
          ];
        }
        default:
          return (b.children ?? []).flatMap((c) => piecesOf(c, t, untitled));
      }
  }
}

function listParas(l: List, items: Inline[][], f: number, t: DeckTheme, start = 1): Para[] {
  return items.map((it, i) =>
    para(runsOf(it, t.accent), f, 'body', t.text, { bullet: l.ordered ? 'number' : 'bullet', ...(l.ordered && i === 0 ? { numberStart: start } : {}), spaceAfterPt: Math.round(f * 0.45) }),
  );
}

function columnsPiece(l: List, t: DeckTheme): Piece {
  const half = Math.ceil(l.items.length / 2);
  const cols = [l.items.slice(0, half), l.items.slice(half)];
  const colW = (BODY.w - GAP) / 2;
  const parasAt = (f: number, i: number) => listParas(l, cols[i]!, f, t, i === 0 ? 1 : half + 1);
  return {
    height: (f) => Math.max(parasHeight(parasAt(f, 0), colW), parasHeight(parasAt(f, 1), colW)),
    place: (box, f) =>
      cols.map((_, i): Frame => ({ kind: 'text', name: `要点${i + 1}`, box: { x: box.x + i * (colW + GAP), y: box.y, w: colW, h: box.h }, valign: 'top', paras: parasAt(f, i) })),
  };
}

function chartPiece(spec: ChartSpec, showTitle: boolean): Piece {
  return {
    height: () => CHART_MIN_H,
    flexible: true,
    place: (box) => [{ kind: 'chart', name: '图表', box, spec, showTitle: showTitle && spec.title !== '' }],
  };
}

function numbersPieces(children: Block[], t: DeckTheme, untitled: boolean): Piece[] {
  return children.flatMap((c): Piece[] => (c.type === 'list' ? [cardsPiece(c.items.map(cardOf), t)] : piecesOf(c, t, untitled)));
}

