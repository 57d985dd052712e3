/**
 * 报尾 (end matter of a 简报) — drawn at the bottom of the type area on the last page,
 * like the 版记 of GB/T 9704 §7.4: rules as wide as the type area (first and last thick,
 * 0.35 mm; between thin, 0.25 mm), 4号 (14 pt) text indented one character on both
 * sides, wrapped lines aligned after the colon, and （共印X份） right-aligned.
 *
 *   ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
 *    报：市委办公厅，市政府办公厅。
 *   ───────────────────────────────
 *    送：区委常委，区人大常委会领导。
 *   ───────────────────────────────
 *    发：各街道党工委，区直各单位。
 *                         （共印60份）
 *   ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
 */
import type { Content } from './nodes.js';
import { MM, type Theme } from './theme.js';
import type { Styles } from './styles.js';
import { breakLines, lineNodes, naturalWidth, type Span } from './typeset.js';

export interface ColophonData {
  bao: string[];
  song: string[];
  fa: string[];
  copies?: number;
}

export interface ColophonBlock {
  node: Content;
  height: number;
  /** All text of the block, for the glyph check. */
  text: string;
}

const THICK = 0.35 * MM;
const THIN = 0.25 * MM;

export function colophon(data: ColophonData, theme: Theme, styles: Styles): ColophonBlock | undefined {
  const rows: { label: string; names: string[] }[] = [
    { label: '报：', names: data.bao },
    { label: '送：', names: data.song },
    { label: '发：', names: data.fa },
  ].filter((r) => r.names.length > 0);
  if (rows.length === 0 && data.copies === undefined) return undefined;

  const st = styles.colophon;
  const W = theme.typeArea.width;
  const side = st.size; // 左右各空一字
  const pad = 3;
  const stack: Content[] = [];
  let height = 0;
  let text = '';
  const rule = (width: number) => {
    stack.push({ canvas: [{ type: 'line', x1: 0, y1: width / 2, x2: W, y2: width / 2, lineWidth: width, lineColor: '#000000' }] });
    height += width;
  };

  rule(THICK);
  rows.forEach((row, k) => {
    const labelSpan: Span = { text: row.label, role: st.role, bold: false };
    const labelWidth = naturalWidth(st.fonts, [labelSpan], st.size, 0);
    const body = `${row.names.join('，')}。`;
    text += row.label + body;
    const lines = breakLines(st.fonts, [{ text: body, role: st.role, bold: false }], {
      width: W - 2 * side - labelWidth,
      size: st.size,
      tracking: 0,
    });
    const nodes = lineNodes(lines, { ...st, align: 'left', left: side + labelWidth });
    // the label goes in front of the first line
    const first = nodes[0];
    if (first && Array.isArray(first.text)) {
      first.margin = [side, 0, 0, 0];
      const labelInline = { ...first.text[0]!, text: row.label };
      first.text = [labelInline, ...first.text];
    }
    stack.push({ stack: nodes, margin: [0, pad, 0, pad] });
    height += lines.length * st.pitch + 2 * pad;
    const lastRow = k === rows.length - 1;
    if (!lastRow) rule(THIN);
  });
  if (data.copies !== undefined) {
    const copies = `（共印${data.copies}份）`;
    text += copies;
    const nodes = lineNodes(breakLines(st.fonts, [{ text: copies, role: st.role, bold: false }], { width: W - 2 * side, size: st.size, tracking: 0 }), {
      ...st,
      align: 'right',
    });
    stack.push({ stack: nodes, margin: [0, pad, side, pad] });
    height += nodes.length * st.pitch + 2 * pad;
  }
  rule(THICK);
  return { node: { stack, unbreakable: true }, height, text };
}
