/**
 * Figures as number cards: `- **674亿元** 地区生产总值（“十三五”初329亿元，2.05倍）` becomes a
 * card with the digits big, the words beside them small, the name below and the comparison
 * under it. Up to three cards a row; the numbers of a row line up.
 */
import { inlineText, type Inline } from '../doc/ast.js';
import { BODY, INSET_PT, para, parasHeight, type Frame, type Para, type Piece, type Run, type DeckTheme } from './frames.js';
import { charEm, PT_PER_IN, textEm } from './measure.js';

/** A stretch of the number: the digits, or words beside them (shown at half size). */
interface NumberPart {
  text: string;
  small: boolean;
}

export interface Card {
  number: NumberPart[];
  label: Run[];
  sub: Run[];
}

/** `- **674亿元** 地区生产总值（“十三五”初329亿元，2.05倍）` → big number, label, comparison. */
export function cardOf(item: Inline[]): Card {
  const first = item[0];
  const numberText = first?.type === 'strong' ? inlineText(first.children) : '';
  const rest = inlineText(first?.type === 'strong' ? item.slice(1) : item).trim();
  // The comparison is a closing （…） with a number in it; 服务中心（站） is part of the name.
  const m = /^(.*?)（([^（）]*\d[^（）]*)）$/.exec(rest);
  const label = m ? m[1]!.trim() : rest;
  const sub = m ? m[2]! : '';
  return { number: numberRuns(numberText), label: label ? [{ text: label }] : [], sub: sub ? [{ text: sub }] : [] };
}

/** "突破360亿元" → 突破 | 360 | 亿元, the digits big and the words beside them smaller. */
function numberRuns(s: string): NumberPart[] {
  const m = /^(\D*?)(\d[\d.,]*)(.*)$/.exec(s);
  if (!m) return s ? [{ text: s, small: false }] : [];
  return [
    ...(m[1] ? [{ text: m[1], small: true }] : []),
    { text: m[2]!, small: false },
    ...(m[3] ? [{ text: m[3], small: true }] : []),
  ];
}

export function cardsPiece(cards: Card[], t: DeckTheme): Piece {
  const n = cards.length;
  const cols = n <= 3 ? n : n === 4 ? 2 : 3;
  const rows = Math.ceil(n / cols);
  const gap = 0.3;
  const cardW = (BODY.w - (cols - 1) * gap) / cols;
  const innerW = cardW - 0.3;
  const maxCardH = (BODY.h - (rows - 1) * gap) / rows;
  const parasFor = (c: Card, scale: number): Para[] => {
    const big = Math.max(20, Math.min(Math.round(48 * scale), Math.floor(bigFit(c.number, innerW))));
    const small = Math.round(big * 0.5);
    const num: Run[] = c.number.map((r) => ({ text: r.text, bold: true, color: t.accent, sizePt: r.small ? small : big }));
    const out = [para(num, big, 'heading', t.accent, { align: 'center', bold: true, spaceAfterPt: 6 })];
    if (c.label.length) out.push(para(c.label, Math.round(20 * scale), 'body', t.text, { align: 'center', spaceAfterPt: 4 }));
    if (c.sub.length) out.push(para(c.sub, Math.round(15 * scale), 'body', t.muted, { align: 'center' }));
    return out;
  };
  const scaleFor = () => [1, 0.9, 0.8, 0.7, 0.6].find((sc) => cards.every((c) => parasHeight(parasFor(c, sc), innerW) + 0.3 <= maxCardH)) ?? 0.6;
  const cardH = () => {
    const sc = scaleFor();
    const roomy = rows === 1 ? 2.8 : 2.4;
    return Math.min(maxCardH, Math.max(roomy, ...cards.map((c) => parasHeight(parasFor(c, sc), innerW) + 0.3)));
  };
  return {
    height: () => rows * cardH() + (rows - 1) * gap,
    place: (box) => {
      const sc = scaleFor();
      const h = cardH();
      const top = box.y + Math.max(0, (box.h - (rows * h + (rows - 1) * gap)) / 2);
      // Numbers of one row line up: the row's tallest card is centred, the others start level with it.
      const rowPad = Array.from({ length: rows }, (_, r) => {
        const tallest = Math.max(...cards.slice(r * cols, (r + 1) * cols).map((c) => parasHeight(parasFor(c, sc), innerW)));
        return Math.max(0, ((h - tallest) / 2) * PT_PER_IN);
      });
      return cards.flatMap((c, i): Frame[] => {
        const r = Math.floor(i / cols);
        const inRow = Math.min(cols, n - r * cols);
        const x0 = box.x + ((cols - inRow) * (cardW + gap)) / 2;
        const x = x0 + (i % cols) * (cardW + gap);
        const y = top + r * (h + gap);
        return [
          { kind: 'text', name: `数字${i + 1}`, box: { x, y, w: cardW, h }, valign: 'top', padTopPt: rowPad[r]!, fill: t.light, paras: parasFor(c, sc) },
          { kind: 'rect', name: `数字${i + 1}色条`, box: { x, y, w: cardW, h: 0.07 }, fill: t.accent },
        ];
      });
    },
  };
}

/** Largest digit size (pt) at which the number fits one line of `w` inches, words at half size. */
function bigFit(runs: NumberPart[], w: number): number {
  // Bold Latin digits run wider than regular ones (0.7 em in common fallback fonts).
  const boldEm = (s: string) => [...s].reduce((a, ch) => a + (charEm(ch) < 1 ? charEm(ch) * 1.15 : 1), 0);
  const em = runs.reduce((a, r) => a + boldEm(r.text) * (r.small ? 0.5 : 1), 0);
  return em > 0 ? ((w * PT_PER_IN - 2 * INSET_PT) * 0.95) / em : 44;
}
