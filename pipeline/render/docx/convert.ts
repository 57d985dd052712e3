/**
 * Intermediate document (doc/ast.ts) → docx paragraphs and tables, block for block as
 * render/pdf/convert.ts sets them:
 *
 *   # 标题                 style Title (标题): 小标宋 2号, centred; a "——" subtitle on its own line
 *   ## … ##### …           一级标题 黑体 / 二级标题 楷体 / 三级、四级标题 仿宋, numbered
 *                          一、（一）1.（1） as in the PDF (literal text, not Word list numbering)
 *   paragraphs, lists      正文 (Normal): 仿宋 3号, first line indented two characters
 *   | table |              表格文字 / 表格表头; header row repeated on every page (w:tblHeader),
 *                          rows never split (w:cantSplit)
 *   ::: chart …            the PDF's ECharts chart as a PNG picture, caption 图N below
 *   ::: note 编者按        编者按 (楷体), the label in 黑体
 *   ::: annex 标题 {ref}   the blocks go to an 附件 after the body (as the PDF: "附件N" in
 *                          黑体 flush left on a new page — w:pageBreakBefore —, the title
 *                          centred); in their place the body says where they went (ref,
 *                          # = the number), and the 附件说明 "附件：1.…" follows the body
 *   ::pagebreak            the next block starts a new page
 *
 * Text stays text: no run carries formatting a style could carry, so an office restyles
 * the document by its styles.
 */
import {
  AlignmentType,
  BorderStyle,
  ImageRun,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { ChartSpec } from '../../core/chart.js';
import { countAnnexes, visitBlock, type PagedVisitor } from '../doc/visit.js';
import { inlineText, type Block, type Directive, type Inline, type Table as DocTable } from '../doc/ast.js';
import { headingNumber } from '../../core/format.js';
import { FONT_ROLES, type FontRole, type FontSet } from '../pdf/fonts.js';
import type { Theme } from '../pdf/theme.js';
import { compactTable } from '../pdf/convert.js';
import { chartPng } from './chart.js';
import { fontsOf, type DocxRole } from './fonts.js';
import { S, STYLE_ROLES, type Geometry } from './styles.js';
import { columnWidths } from '../column-widths.js';

export type Body = (Paragraph | Table)[];

export interface ConvertContext {
  theme: Theme;
  geometry: Geometry;
  /** The PDF's font set: table widths are measured with it, chart labels drawn with it. */
  fonts: FontSet;
  /** Template file shown in error messages. */
  source: string;
}

export interface Annex {
  /** 1-based number (附件1, 附件2…). */
  number: number;
  title: string;
  body: Body;
}

export interface Converted {
  body: Body;
  /** Long lists moved out of the body (`::: annex 标题`), set after it, each on a new page. */
  annexes: Annex[];
  title?: string;
  headings: { level: number; text: string }[];
  figures: number;
  tables: number;
}

interface State extends ConvertContext {
  out: Body;
  headings: { level: number; text: string }[];
  counters: number[];
  pendingBreak: boolean;
  figure: number;
  tables: number;
  annexes: Annex[];
  /** How many annexes the document has (numbered only when more than one). */
  annexTotal: number;
}

export async function convertDoc(blocks: Block[], ctx: ConvertContext): Promise<Converted> {
  const state: State = { ...ctx, out: [], headings: [], counters: [], pendingBreak: false, figure: 0, tables: 0, annexes: [], annexTotal: countAnnexes(blocks) };
  for (const b of blocks) await block(b, state);
  flushBreak(state);
  return { body: state.out, annexes: state.annexes, title: state.headings.find((h) => h.level === 1)?.text, headings: state.headings, figures: state.figure, tables: state.tables };
}

const PT = 20;

async function block(b: Block, state: State): Promise<void> {
  await visitBlock(b, visitorOf(state), state.source);
}

/** briefing.docx's way with each kind of block (render/doc/visit.ts walks). */
function visitorOf(state: State): PagedVisitor<void | Promise<void>> {
  return {
    heading: (b) => heading(b.level, b.children, state),
    paragraph: (b) => para(state, S.body, runs(b.children)),
    list: (b) => b.items.forEach((item, k) => para(state, S.body, [...(b.ordered ? [new TextRun(`${k + 1}.`)] : []), ...runs(item)])),
    table: (b) => table(b, state),
    chart: (b) => chart(b.spec, state),
    pagebreak: () => void (state.pendingBreak = true),
    note: (d) => note(d, state),
    annex: (d) => attachment(d, state),
  };
}

/** Inline AST → runs; strong is bold, <br> a line break; `font` overrides the style's face. */
function runs(nodes: Inline[], opts: { bold?: boolean; role?: DocxRole } = {}): TextRun[] {
  const out: TextRun[] = [];
  const font = opts.role ? fontsOf(opts.role) : undefined;
  for (const n of nodes) {
    if (n.type === 'text') out.push(new TextRun({ text: n.value, ...(opts.bold ? { bold: true } : {}), ...(font ? { font } : {}) }));
    else if (n.type === 'break') out.push(new TextRun({ break: 1 }));
    else out.push(...runs(n.children, { ...opts, bold: true }));
  }
  return out;
}

function para(state: State, style: string, children: ParagraphChild[], extra: { pageBreakBefore?: boolean } = {}): void {
  const pageBreakBefore = extra.pageBreakBefore || takeBreak(state);
  state.out.push(new Paragraph({ style, children, ...(pageBreakBefore ? { pageBreakBefore: true } : {}) }));
}

function takeBreak(state: State): boolean {
  const b = state.pendingBreak;
  state.pendingBreak = false;
  return b;
}

/** A page break still pending before a table (or at the end): a one-point paragraph that starts the new page. */
function flushBreak(state: State): void {
  if (!takeBreak(state)) return;
  state.out.push(spacer(1 * PT, true));
}

function spacer(twips: number, pageBreakBefore = false): Paragraph {
  return new Paragraph({
    style: S.tableText,
    spacing: { line: Math.max(20, Math.round(twips)), lineRule: 'exact', before: 0, after: 0 },
    ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
  });
}

/** A heading that already starts with 一、 （一） 1. （1） (same rule as the PDF). */
const NUMBERED = /^(?:[一二三四五六七八九十百零]+、|（[一二三四五六七八九十百零]+）|\d+[.．、]|（\d+）)/;

function heading(level: number, children: Inline[], state: State): void {
  const text = inlineText(children).replace(/\n/g, '');
  if (level === 1) {
    state.headings.push({ level, text });
    state.counters = [];
    para(state, S.title, titleRuns(children, text, Math.floor((state.geometry.width - 2 * state.geometry.charPitch) / (state.theme.titleSize * PT))));
    return;
  }
  const style = level === 2 ? S.h1 : level === 3 ? S.h2 : level === 4 ? S.h3 : S.h4;
  const counters = state.counters;
  counters[level] = (counters[level] ?? 0) + 1;
  for (let l = level + 1; l <= 5; l++) counters[l] = 0;
  const number = NUMBERED.test(text) ? '' : headingNumber((level - 1) as 1 | 2 | 3 | 4, counters[level]!);
  state.headings.push({ level, text: number + text });
  para(state, style, [...(number ? [new TextRun(number)] : []), ...runs(children)]);
}

/**
 * The title's runs. As in the PDF, a "——" subtitle goes on a line of its own, a title too
 * long for one line breaks at its spaces ("锁定目标 全力建设") when every piece fits, and
 * is otherwise broken into balanced lines between words (a trapezoid, not a full line and
 * a stub). The breaks are line breaks (w:br) an editor can move.
 */
function titleRuns(children: Inline[], text: string, perLine: number): TextRun[] {
  const plain = children.every((c) => c.type === 'text');
  if (!plain) return runs(children);
  const dash = text.indexOf('——');
  const parts = dash > 0 ? [text.slice(0, dash).trim(), text.slice(dash).trim()] : [text.trim()];
  const lines: string[] = [];
  for (const part of parts) {
    const pieces = part.split(/[ \u3000]+/);
    if (len(part) <= perLine) lines.push(part);
    else if (pieces.length > 1 && pieces.every((p) => len(p) <= perLine)) lines.push(...pieces);
    else lines.push(...balanced(part, perLine));
  }
  return lines.map((l, k) => new TextRun({ text: l, ...(k > 0 ? { break: 1 } : {}) }));
}

function len(s: string): number {
  return [...s].reduce((w, ch) => w + (/[\u0000-\u024f]/.test(ch) ? 0.5 : 1), 0);
}

/**
 * `text` in as few lines of at most `perLine` characters as it needs, as even as they
 * can be, broken only between words: after punctuation or a space, or at a word boundary
 * that is not inside a run of single characters (Intl.Segmenter splits some words into
 * single characters, 砥|砺, 各|项: such a run is kept together).
 */
export function balanced(text: string, perLine: number): string[] {
  const segs = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)].map((s) => s.segment);
  const cuts: number[] = [];
  let at = 0;
  segs.forEach((seg, k) => {
    at += seg.length;
    const next = segs[k + 1];
    if (!next) return;
    const punct = /[，、；：。！？）》”\s]$/.test(seg);
    const single = (s: string) => [...s].length === 1;
    // a run of single characters is one unit; never before closing punctuation
    if (punct || (!(single(seg) && single(next)) && !/^[，、；：。！？）》”\s]/.test(next))) cuts.push(at);
  });
  const n = Math.ceil(len(text) / perLine);
  for (let lines = n; lines <= n + 2; lines++) {
    const out: string[] = [];
    let start = 0;
    for (let l = 1; l < lines; l++) {
      const ideal = start + (text.length - start) / (lines - l + 1);
      const fit = cuts.filter((c) => c > start && len(text.slice(start, c)) <= perLine);
      if (!fit.length) break;
      const best = fit.reduce((a, b) => (Math.abs(b - ideal) < Math.abs(a - ideal) ? b : a));
      out.push(text.slice(start, best).trim());
      start = best;
    }
    out.push(text.slice(start).trim());
    if (out.every((l) => len(l) <= perLine)) return out;
  }
  return [text];
}

// ---------------------------------------------------------------- directives

async function note(d: Directive, state: State): Promise<void> {
  const label = d.args.trim();
  let first = true;
  for (const b of d.children ?? []) {
    if (b.type !== 'paragraph') {
      await block(b, state);
      continue;
    }
    const label_ = first && label ? [new TextRun({ text: `${label}：`, font: fontsOf('heiti') })] : [];
    first = false;
    para(state, S.note, [...label_, ...runs(b.children)]);
  }
}

/**
 * `::: annex 标题 {ref="…见附件#。"}`: the blocks inside go to an 附件 after the body (GB/T
 * 9704 §7.3.7); in their place the body says where they went (`ref`, # = the number; an
 * empty ref says nothing). The PDF's rule (render/pdf/convert.ts).
 */
async function attachment(d: Directive, state: State): Promise<void> {
  const number = state.annexes.length + 1;
  const label = state.annexTotal > 1 ? String(number) : '';
  const title = d.args.trim() || `附件${label}`;
  const ref = d.attrs.ref;
  const { out, counters, pendingBreak } = state;
  state.out = [];
  state.counters = [];
  state.pendingBreak = false;
  for (const b of d.children ?? []) await block(b, state);
  flushBreak(state);
  state.annexes.push({ number, title, body: state.out });
  state.out = out;
  state.counters = counters;
  state.pendingBreak = pendingBreak;
  if (ref !== '') para(state, S.body, [new TextRun(ref ? ref.replace(/#/g, label) : `（${title}见附件${label}）`)]);
}

/**
 * The 附件说明 under the body and the 附件 pages (GB/T 9704 §7.3.6–7.3.7), as the PDF:
 *
 *   (one blank line below the body)
 *       附件：1.重点任务清单                 two characters in; more annexes under "1."
 *             2.重点项目清单
 *   ── new page ──
 *   附件1                                   style 附件 (黑体, flush left, page break before)
 *                                           a blank line
 *              重点任务清单                  style 附件标题 (小标宋, centred), a blank line after
 */
export function annexPages(annexes: Annex[], g: Geometry): Body {
  if (annexes.length === 0) return [];
  const many = annexes.length > 1;
  const out: Body = [new Paragraph({ style: S.body, children: [] })];
  const label = '附件：';
  // the items line up after "附件：" (three grid characters), the label two characters in
  annexes.forEach((a, k) => {
    const item = many ? `${a.number}.${a.title}` : a.title;
    out.push(
      new Paragraph({
        style: S.body,
        indent: k === 0 ? { left: 5 * g.charPitch, hanging: 3 * g.charPitch, firstLineChars: 0 } : { left: 5 * g.charPitch, firstLine: 0, firstLineChars: 0 },
        children: [new TextRun(k === 0 ? `${label}${item}` : item)],
      }),
    );
  });
  for (const a of annexes) {
    out.push(new Paragraph({ style: S.attachment, pageBreakBefore: true, children: [new TextRun(many ? `附件${a.number}` : '附件')] }));
    out.push(new Paragraph({ style: S.attachmentTitle, children: [new TextRun(a.title)] }));
    out.push(...a.body);
  }
  return out;
}

async function chart(spec: ChartSpec, state: State): Promise<void> {
  const { theme, geometry: g, fonts } = state;
  const width = g.width / PT;
  const pic = await chartPng(spec, { width, height: theme.chartHeight, accent: theme.red, font: { key: `${fonts.face('heiti').file}#${fonts.face('heiti').index}`, data: fonts.data('heiti') } });
  state.figure += 1;
  const caption = `图${state.figure}　${spec.title}`;
  // the picture: 96 px to the inch in docx's transformation
  const px = (pt: number) => Math.round((pt * 96) / 72);
  const pageBreakBefore = takeBreak(state);
  state.out.push(
    new Paragraph({
      style: S.caption,
      alignment: AlignmentType.CENTER,
      keepNext: true,
      // single spacing: the line is as high as the picture (an exact height would clip it)
      spacing: { line: 240, lineRule: 'auto', before: 6 * PT, after: 0 },
      ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
      children: [
        new ImageRun({
          type: 'png',
          data: pic.png,
          transformation: { width: px(pic.width), height: px(pic.height) },
          altText: { name: `图${state.figure}`, title: caption, description: caption },
        }),
      ],
    }),
  );
  state.out.push(new Paragraph({ style: S.caption, spacing: { after: Math.round(g.linePitch / 2) }, children: [new TextRun(caption)] }));
}

// ---------------------------------------------------------------- tables

const PAD_X = 4;
const PAD_Y = 2.5;

function table(full: DocTable, state: State): void {
  flushBreak(state);
  // the PDF's compact table: empty columns dropped, a value every row shares said once above it
  const { table: t, caption } = compactTable(full);
  if (caption) {
    const pageBreakBefore = takeBreak(state);
    state.out.push(new Paragraph({ style: S.tableText, alignment: AlignmentType.RIGHT, keepNext: true, ...(pageBreakBefore ? { pageBreakBefore: true } : {}), children: [new TextRun(caption)] }));
  }
  const { geometry: g, theme, fonts } = state;
  const ncol = t.header.length;
  const avail = g.width / PT - ncol * 2 * PAD_X - 2;
  const plain = (cells: Inline[][]) => cells.map((c) => inlineText(c));
  const head = plain(t.header);
  const rows = t.rows.map(plain);
  const role = (k: keyof typeof STYLE_ROLES): FontRole => pdfRole(STYLE_ROLES[k].role);
  // Room for the office's faces: Word and LibreOffice may add a gap where Chinese meets
  // digits or Latin ("2023 年 12 月")
  const allowance = (size: number, s: string) =>
    0.25 * size * (s.match(/[0-9A-Za-z%][^\x00-\x7f]|[^\x00-\x7f][0-9A-Za-z]/g)?.length ?? 0);
  const pdfMeasure = (r: FontRole, size: number, s: string) => fonts.measure(r, false, size, s);
  const measure = (r: FontRole, size: number, s: string) => pdfMeasure(r, size, s) + allowance(size, s);

  const layout = (size: number) => {
    const nat: number[] = [];
    const min: number[] = [];
    // which columns are short (dates, unit names) is decided on the PDF's measure, as the PDF does
    const short: boolean[] = [];
    for (let c = 0; c < ncol; c++) {
      const h = head[c] ?? '';
      const hw = measure(role('tableHead'), size, h);
      let nt = hw;
      let plain = pdfMeasure(role('tableHead'), size, h);
      let mn = [...h].length <= 4 ? hw : 2 * size;
      for (const r of rows) {
        const cell = r[c] ?? '';
        const longest = cell.split('\n').reduce((m, p) => Math.max(m, measure(role('tableText'), size, p)), 0);
        nt = Math.max(nt, longest);
        plain = Math.max(plain, cell.split('\n').reduce((m, p) => Math.max(m, pdfMeasure(role('tableText'), size, p)), 0));
        mn = Math.max(mn, Math.min(longest, 4 * size), longestLatin(cell, (s) => measure(role('tableText'), size, s)));
      }
      // two points more than the PDF's measure: the office's faces are not the PDF's
      nat.push(nt + 2);
      min.push(mn + 2);
      short.push(plain + 1 <= 8 * size + 1);
    }
    const widths = columnWidths(nat, min, avail, (k) => short[k]!);
    const pitch = size * 1.5;
    const lines = (s: string, w: number, r: FontRole) =>
      s.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil((measure(r, size, p) - 0.01) / Math.max(1, w))), 0);
    const rowHeight = (cells: string[], r: FontRole) => Math.max(...cells.map((s, c) => lines(s, widths[c]!, r))) * pitch + 2 * PAD_Y;
    const height = rowHeight(head, role('tableHead')) + rows.reduce((hh, r) => hh + rowHeight(r, role('tableText')), 0);
    return { size, widths, height };
  };
  // as the PDF: the smaller table size when it saves a good part of the height
  const normal = layout(theme.tableSize);
  const small = theme.tableMinSize < theme.tableSize ? layout(theme.tableMinSize) : normal;
  const best = small.height < normal.height * 0.85 ? small : normal;
  // twips, summing exactly to the type area
  const inner = best.widths.map((w) => Math.floor((w + 2 * PAD_X) * PT));
  inner[inner.length - 1]! += g.width - inner.reduce((a, b) => a + b, 0);
  const sizeRun = best.size !== STYLE_ROLES.tableText.size ? { size: Math.round(best.size * 2) } : {};
  const spacing = best.size !== STYLE_ROLES.tableText.size ? { spacing: { line: Math.round(best.size * 1.5 * PT), lineRule: 'exact' as const } } : {};

  const cell = (nodes: Inline[], header: boolean, c: number) => {
    // cells are set flush left as in the PDF (justified CJK would spread "力 争 达 到")
    const align = header ? undefined : t.align[c] === 'center' ? AlignmentType.CENTER : t.align[c] === 'right' ? AlignmentType.RIGHT : undefined;
    const rs = runs(nodes).map((r) => r);
    const children = [
      new Paragraph({
        style: header ? S.tableHead : S.tableText,
        ...(align ? { alignment: align } : {}),
        ...spacing,
        children: sizeRun.size ? sized(nodes, sizeRun.size) : rs,
      }),
    ];
    return new TableCell({
      children,
      width: { size: inner[c]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } } : {}),
    });
  };
  const border = { style: BorderStyle.SINGLE, size: 5, color: '000000' };
  state.tables += 1;
  state.out.push(
    new Table({
      width: { size: g.width, type: WidthType.DXA },
      columnWidths: inner,
      layout: TableLayoutType.FIXED,
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      margins: { left: PAD_X * PT, right: PAD_X * PT, top: PAD_Y * PT, bottom: PAD_Y * PT },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: t.header.map((c, k) => cell(c, true, k)) }),
        ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, k) => cell(c, false, k)) })),
      ],
    }),
  );
  // the PDF's half line after a table
  state.out.push(spacer(g.linePitch / 2));
}

/** The PDF font set's role for a docx role (the PDF names its roles by face, or by use in older sets). */
function pdfRole(r: DocxRole): FontRole {
  if ((FONT_ROLES as readonly string[]).includes(r)) return r as FontRole;
  return (r === 'xiaobiaosong' ? 'title' : 'body') as FontRole;
}

/** Runs at an explicit size (a dense table set at the smaller table size). */
function sized(nodes: Inline[], halfPoints: number, bold = false): TextRun[] {
  const out: TextRun[] = [];
  for (const n of nodes) {
    if (n.type === 'text') out.push(new TextRun({ text: n.value, size: halfPoints, ...(bold ? { bold: true } : {}) }));
    else if (n.type === 'break') out.push(new TextRun({ break: 1, size: halfPoints }));
    else out.push(...sized(n.children, halfPoints, true));
  }
  return out;
}

/** Width of the longest unbreakable Latin/digit run in a cell (a number never wraps inside). */
function longestLatin(s: string, measure: (s: string) => number): number {
  let m = 0;
  for (const w of s.match(/[A-Za-z0-9.,%\-/:]+/g) ?? []) m = Math.max(m, measure(w));
  return m;
}

