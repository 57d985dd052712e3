/**
 * Markdown tables → native table frames: column widths by need, row heights by wrapped
 * text, the text size following the slide's body size.
 */
import { inlineText, type Inline, type Table } from '../doc/ast.js';
import { BODY, runsOf, type Cell, type Piece, type DeckTheme } from './frames.js';
import { lineHeightPt, PT_PER_IN, textEm, wrapLines } from './measure.js';

/** Table cell margins as PowerPoint applies them by default: 0.1 in left/right, 0.05 in top/bottom. */
const CELL_MX = 0.1;
const CELL_MY = 0.05;

function tableSize(f: number): number {
  return Math.max(12, Math.min(20, f - 2));
}

export function tablePiece(tb: Table, t: DeckTheme): Piece {
  const align = tb.align.map((a) => a ?? 'left');
  const cellsOf = (row: Inline[][], bold: boolean, color?: string): Cell[] => row.map((c, i) => ({ runs: runsOf(c, color, bold), align: align[i] ?? 'left' }));
  const header = cellsOf(tb.header, true);
  const rows = tb.rows.map((r) => cellsOf(r, false, t.accent));
  const geometry = (f: number) => {
    const ts = tableSize(f);
    const colW = deckColumnWidths([tb.header, ...tb.rows], BODY.w, ts);
    const rowH = [header, ...rows].map((cells) => Math.max(...cells.map((c, i) => cellHeight(c, colW[i]!, ts))));
    return { ts, colW, rowH };
  };
  return {
    height: (f) => geometry(f).rowH.reduce((a, b) => a + b, 0),
    place: (box, f) => {
      const g = geometry(f);
      return [{ kind: 'table', name: '表格', box: { ...box, h: g.rowH.reduce((a, b) => a + b, 0) }, colW: g.colW, rowH: g.rowH, header, rows, sizePt: g.ts }];
    },
  };
}

function cellHeight(c: Cell, w: number, sizePt: number): number {
  const lines = wrapLines(c.runs.map((r) => ({ text: r.text, sizePt, break: r.breakBefore })), (w - 2 * CELL_MX) * PT_PER_IN);
  return (lines * lineHeightPt(sizePt)) / PT_PER_IN + 2 * CELL_MY + 0.04;
}

/** Column widths: every column gets what it needs up to a fair share, the rest goes to the wide ones. */
export function deckColumnWidths(rows: Inline[][][], total: number, sizePt: number): number[] {
  const n = rows[0]?.length ?? 0;
  if (n === 0) return [];
  const want = Array.from({ length: n }, (_, i) => {
    const em = Math.max(2, ...rows.map((r) => textEm(inlineText(r[i] ?? []))));
    return (em * sizePt) / PT_PER_IN / 0.97 + 2 * CELL_MX + 0.05;
  });
  const sum = want.reduce((a, b) => a + b, 0);
  if (sum <= total) return want.map((w) => (w / sum) * total);
  const share = total / n;
  const base = want.map((w) => Math.min(w, share));
  const left = total - base.reduce((a, b) => a + b, 0);
  const deficit = want.map((w, i) => w - base[i]!);
  const dsum = deficit.reduce((a, b) => a + b, 0);
  return base.map((b, i) => b + (dsum > 0 ? (deficit[i]! / dsum) * left : 0));
}
