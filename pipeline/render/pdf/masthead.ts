/**
 * 报头 (masthead) of page 1 — practice for 简报, GB/T 9704 type area:
 *
 *   [密级 / 保存要求, top left, 黑体]
 *              管城区委简报                 large, red, centred (title font)
 *                 第9期                    centred (（总第N期）optional)
 *   中共…区委办公室                2017年8月16日   编印单位 left, date right
 *   ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━   red rule across the type area
 *
 * The block's height is a whole number of body lines, so the body below stays on the
 * 22-line grid.
 */
import type { FontSet } from './fonts.js';
import type { Content, TextNode } from './nodes.js';
import { padToGrid } from './styles.js';
import type { Theme } from './theme.js';
import { naturalWidth } from './typeset.js';

export interface MastheadData {
  name: string;
  issueLabel: string;
  totalIssueLabel?: string;
  office: string;
  dateCn: string;
  secrecy?: string;
}

export interface MastheadBlock {
  nodes: Content[];
  height: number;
}

export function masthead(data: MastheadData, theme: Theme, fonts: FontSet): MastheadBlock {
  const W = theme.typeArea.width;
  const grid = theme.linePitch;
  const nodes: Content[] = [];
  let height = 0;
  const line = (node: TextNode, h: number) => {
    nodes.push(node);
    height += h;
  };

  // line 1: 密级 (or an empty line, so the name sits at the same place either way)
  const secrecyNode: TextNode = {
    text: data.secrecy ?? ' ',
    font: fonts.family('heiti'),
    fontSize: theme.bodySize,
    lineHeight: grid / fonts.lineBox('heiti', false, theme.bodySize),
    noWrap: true,
  };
  line(secrecyNode, grid);

  // the briefing name: as large as configured, shrunk to fit one line, letter-spaced when short
  const name = data.name;
  let size = theme.mastheadNameSize;
  const spans = [{ text: name, role: 'xiaobiaosong' as const, bold: true }];
  while (size > 16 && naturalWidth(fonts, spans, size, 0) > W * 0.96) size -= 1;
  const natural = naturalWidth(fonts, spans, size, 0);
  const n = [...name].length;
  const target = Math.min(W * 0.78, natural + (n - 1) * size * 0.45);
  const tracking = n > 1 && natural < target ? (target - natural) / (n - 1) : 0;
  const nameBox = 2 * grid;
  line(
    {
      text: [{ text: name, font: fonts.family('xiaobiaosong'), bold: true, fontSize: size, color: theme.red, lineHeight: nameBox / fonts.lineBox('xiaobiaosong', true, size) }],
      characterSpacing: round(tracking),
      alignment: 'center',
      // pdfkit adds the tracking after the last character too: shift left by half of it
      margin: [tracking, 0, 0, 0],
      noWrap: true,
    },
    nameBox,
  );

  // 第X期（总第N期）
  const issue = data.totalIssueLabel ? `${data.issueLabel}（${data.totalIssueLabel}）` : data.issueLabel;
  line(
    {
      text: [{ text: issue, font: fonts.family('fangsong'), fontSize: theme.bodySize, lineHeight: grid / fonts.lineBox('fangsong', false, theme.bodySize) }],
      alignment: 'center',
      noWrap: true,
    },
    grid,
  );

  // 编印单位 ⟷ 日期, one line; shrink the type if both do not fit with a gap of two characters
  let infoSize = theme.bodySize;
  const infoWidth = (s: number) =>
    naturalWidth(fonts, [{ text: data.office, role: 'fangsong', bold: false }], s, 0) +
    naturalWidth(fonts, [{ text: data.dateCn, role: 'fangsong', bold: false }], s, 0) +
    2 * s;
  while (infoSize > 10 && infoWidth(infoSize) > W) infoSize -= 0.5;
  const infoLH = grid / fonts.lineBox('fangsong', false, infoSize);
  nodes.push({
    columns: [
      { text: data.office, font: fonts.family('fangsong'), fontSize: infoSize, lineHeight: infoLH, noWrap: true, width: '*' },
      { text: data.dateCn, font: fonts.family('fangsong'), fontSize: infoSize, lineHeight: infoLH, noWrap: true, alignment: 'right', width: 'auto' },
    ],
    columnGap: 0,
    margin: [0, 0.5 * grid, 0, 0],
  });
  height += 1.5 * grid;

  // red rule: 4 mm below the baseline zone of the info line (the line box already has ~10 pt below the glyphs)
  const ruleGap = 4 * (72 / 25.4) - (grid - (fonts.face('fangsong').ascender / 1000) * infoSize - 3);
  const ruleY = Math.max(2, ruleGap);
  nodes.push({
    canvas: [{ type: 'line', x1: 0, y1: ruleY, x2: W, y2: ruleY, lineWidth: theme.ruleWidth, lineColor: theme.red }],
  });
  height += ruleY + theme.ruleWidth / 2;

  // pad to the grid plus one blank line before the title
  const pad = padToGrid(height, grid) + grid;
  nodes.push({ text: ' ', fontSize: 1, lineHeight: 1, margin: [0, 0, 0, pad - fontsSpaceHeight(fonts)] });
  height += pad;
  return { nodes, height };
}

/** Height pdfmake gives the 1 pt spacer line above. */
function fontsSpaceHeight(fonts: FontSet): number {
  return fonts.lineBox('fangsong', false, 1);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
