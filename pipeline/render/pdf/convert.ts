/**
 * Intermediate document (doc/ast.ts) → pdfmake content for the briefing body.
 *
 *   # 标题                 document title: 2号 title face, centred, balanced lines
 *   ## 一、…               黑体      (all headings: body size, indented two characters)
 *   ### （一）…            楷体
 *   #### 1. / ##### （1）  body face
 *   paragraphs, list items body face, indented two characters, justified on the grid
 *   | table |              ruled table, header repeated on every page
 *   ::: chart …            ECharts SVG with a numbered caption below
 *   ::: note 编者按        楷体 paragraphs, the label in 黑体
 *   ::pagebreak
 *
 * Anything else is a template error naming the line of the rendered template.
 */
import type { ChartSpec } from '../../core/chart.js';
import { countAnnexes, visitBlock, type PagedVisitor } from '../doc/visit.js';
import { inlineText, type Align, type Block, type Directive, type Inline, type Table } from '../doc/ast.js';
import { columnWidths } from '../column-widths.js';
import { chartSvg } from './charts.js';
import { STATUS_INK_RGB, statusHex, statusOfLabel } from '../../core/status.js';
import type { FontRole, FontSet } from './fonts.js';
import type { CellNode, Content, TableLayout, TableNode, TextNode } from './nodes.js';
import { headingNumber } from '../../core/format.js';
import { padToGrid, type Styles, type TextKind } from './styles.js';
import type { Theme } from './theme.js';
import { balancedLines, breakLines, lineNodes, minUnitWidth, naturalWidth, phraseLines, setText, type SetLine, type Span } from './typeset.js';

export interface ConvertContext {
  fonts: FontSet;
  theme: Theme;
  styles: Styles;
  /** Template file shown in error messages. */
  source: string;
}

export interface Annex {
  /** 1-based number (附件1, 附件2…). */
  number: number;
  title: string;
  content: Content[];
}

export interface Converted {
  content: Content[];
  /** Long lists moved out of the body (`::: annex 标题`), set after it, each on new pages. */
  annexes: Annex[];
  /** Plain text of the first level-1 heading. */
  title?: string;
  /** Every piece of text set, by font face, for the glyph check. */
  textByFace: Map<string, string[]>;
  headings: { level: number; text: string }[];
}

export function convertDoc(blocks: Block[], ctx: ConvertContext): Converted {
  const state: State = { ...ctx, out: [], textByFace: new Map(), figure: 0, outlineIds: 0, headings: [], pendingBreak: false, counters: [], annexes: [], annexTotal: countAnnexes(blocks) };
  for (const b of blocks) block(b, state);
  const title = state.headings.find((h) => h.level === 1)?.text;
  return { content: state.out, annexes: state.annexes, title, textByFace: state.textByFace, headings: state.headings };
}

interface State extends ConvertContext {
  out: Content[];
  textByFace: Map<string, string[]>;
  figure: number;
  outlineIds: number;
  headings: { level: number; text: string }[];
  lastH2Id?: string;
  pendingBreak: boolean;
  /** Heading counters by level (automatic numbering). */
  counters: number[];
  annexes: Annex[];
  /** How many annexes the document has (numbered only when more than one). */
  annexTotal: number;
}

function push(state: State, nodes: Content[]): void {
  if (state.pendingBreak && nodes[0]) {
    (nodes[0] as { pageBreak?: 'before' }).pageBreak = 'before';
    state.pendingBreak = false;
  }
  state.out.push(...nodes);
}

function record(state: State, spans: Span[]): void {
  for (const s of spans) {
    const key = `${s.role}/${s.bold}`;
    let list = state.textByFace.get(key);
    if (!list) state.textByFace.set(key, (list = []));
    list.push(s.text);
  }
}

/** Inline AST → spans in a role; strong text uses the role's bold face; <br> is "\n". */
function spansOf(nodes: Inline[], role: FontRole, bold = false): Span[] {
  const out: Span[] = [];
  for (const n of nodes) {
    if (n.type === 'text') out.push({ text: n.value, role, bold });
    else if (n.type === 'break') out.push({ text: '\n', role, bold });
    else out.push(...spansOf(n.children, role, true));
  }
  return out;
}

function block(b: Block, state: State): void {
  visitBlock(b, visitorOf(state), state.source);
}

/** The PDF's way with each kind of block (render/doc/visit.ts walks). */
function visitorOf(state: State): PagedVisitor<void> {
  return {
    heading: (b) => heading(b.level, b.children, state),
    paragraph: (b) => void paragraph(spansOf(b.children, state.styles.body.role), state.styles.body, state),
    list: (b) =>
      b.items.forEach((item, k) => {
        const prefix: Span[] = b.ordered ? [{ text: `${k + 1}.`, role: state.styles.body.role, bold: false }] : [];
        paragraph([...prefix, ...spansOf(item, state.styles.body.role)], state.styles.body, state);
      }),
    table: (b) => table(b, state),
    chart: (b) => chart(b.spec, state),
    pagebreak: () => void (state.pendingBreak = true),
    note: (d) => note(d, state),
    annex: (d) => annex(d, state),
  };
}

function paragraph(spans: Span[], kind: TextKind, state: State, extra: Partial<TextNode> = {}): TextNode[] {
  record(state, spans);
  const nodes = setText(spans, kind, { width: state.theme.typeArea.width, indent: kind.indent });
  if (nodes[0]) Object.assign(nodes[0], extra);
  push(state, nodes);
  return nodes;
}

/** A heading that already starts with 一、 （一） 1. （1） */
const NUMBERED = /^(?:[一二三四五六七八九十百零]+、|（[一二三四五六七八九十百零]+）|\d+[.．、]|（\d+）)/;

function heading(level: number, children: Inline[], state: State): void {
  const text = inlineText(children).replace(/\n/g, '');
  const { styles, theme } = state;
  if (level === 1) {
    state.headings.push({ level, text });
    state.counters = [];
    const st = styles.title;
    const spans = spansOf(children, st.role, false);
    record(state, spans);
    const width = theme.typeArea.width - 2 * theme.charPitch;
    const lines = titleLines(text, spans, width, st);
    const nodes = lineNodes(lines, { ...st, left: theme.charPitch });
    const id = `h${++state.outlineIds}`;
    nodes.forEach((n) => (n.style = 'hline'));
    Object.assign(nodes[0] ?? {}, { headlineLevel: 1, id, outline: true, outlineText: text });
    // one blank line after the title, and back on the body grid
    const h = lines.length * st.pitch;
    const last = nodes[nodes.length - 1];
    if (last) last.margin = [last.margin?.[0] ?? 0, 0, last.margin?.[2] ?? 0, padToGrid(h, theme.linePitch) + theme.linePitch];
    push(state, nodes);
    return;
  }
  const kind = level === 2 ? styles.h1 : level === 3 ? styles.h2 : level === 4 ? styles.h3 : styles.h4;
  const spans = spansOf(children, kind.role);
  // automatic numbering 一、（一）1.（1）, restarting under each parent, unless the
  // template already wrote a number
  const counters = state.counters;
  counters[level] = (counters[level] ?? 0) + 1;
  for (let l = level + 1; l <= 5; l++) counters[l] = 0;
  if (!NUMBERED.test(text)) spans.unshift({ text: headingNumber((level - 1) as 1 | 2 | 3 | 4, counters[level]!), role: kind.role, bold: false });
  record(state, spans);
  const nodes = setText(spans, kind, { width: theme.typeArea.width, indent: kind.indent, words: true });
  nodes.forEach((n) => (n.style = 'hline'));
  const id = `h${++state.outlineIds}`;
  const full = spans.map((s) => s.text).join('');
  state.headings.push({ level, text: full });
  const outline: Partial<TextNode> = { headlineLevel: level, id, outline: level <= 3, outlineText: full };
  if (level === 2) state.lastH2Id = id;
  else if (level === 3 && state.lastH2Id) outline.outlineParentId = state.lastH2Id;
  Object.assign(nodes[0] ?? {}, outline);
  push(state, nodes);
}

/**
 * Lines of a centred title. A "——" subtitle goes on its own line(s); each part breaks only
 * between words, preferring punctuation and spaces, balanced (GB/T 9704: a trapezoid or a
 * diamond, not a full line and a stub, and never a word cut in two).
 */
function titleLines(text: string, spans: Span[], width: number, st: TextKind): SetLine[] {
  const opt = { width, size: st.size, tracking: st.tracking };
  const plain = spans.every((s) => !s.bold && s.role === st.role);
  if (!plain) return balancedLines(st.fonts, spans, { ...opt, words: true });
  const dash = text.indexOf('——');
  const parts = dash > 0 ? [text.slice(0, dash).trim(), text.slice(dash).trim()] : [text.trim()];
  const out: SetLine[] = [];
  for (const part of parts) {
    const lines = phraseLines(st.fonts, part, st.role, opt) ?? balancedLines(st.fonts, [{ text: part, role: st.role, bold: false }], opt);
    out.push(...lines);
  }
  return out.map((l) => ({ ...l, last: true }));
}

// ---------------------------------------------------------------- directives

/**
 * `::: annex 标题 {ref="…见附件#。"}`: the blocks inside go to an 附件 after the body (GB/T
 * 9704 §7.3.7); in their place the body says where they went (`ref`, # = the number).
 */
function annex(d: Directive, state: State): void {
  const number = state.annexes.length + 1;
  const label = state.annexTotal > 1 ? String(number) : '';
  const title = d.args.trim() || `附件${label}`;
  const ref = d.attrs.ref;
  const body = state.out;
  const counters = state.counters;
  const pending = state.pendingBreak;
  state.out = [];
  state.counters = [];
  state.pendingBreak = false;
  for (const b of d.children ?? []) block(b, state);
  state.annexes.push({ number, title, content: state.out });
  state.out = body;
  state.counters = counters;
  state.pendingBreak = pending;
  if (ref !== '') {
    const text = ref ? ref.replace(/#/g, label) : `（${title}见附件${label}）`;
    paragraph([{ text, role: state.styles.body.role, bold: false }], state.styles.body, state);
  }
}

/** 编者按: the label in 黑体, the text in 楷体, each paragraph indented two characters. */
function note(d: Directive, state: State): void {
  const label = d.args.trim();
  const kind = state.styles.note;
  let first = true;
  for (const b of d.children ?? []) {
    if (b.type !== 'paragraph') {
      block(b, state);
      continue;
    }
    const spans = spansOf(b.children, kind.role);
    if (first && label) spans.unshift({ text: `${label}：`, role: 'heiti', bold: false });
    first = false;
    paragraph(spans, kind, state);
  }
}

function chart(spec: ChartSpec, state: State): void {
  const { theme, fonts, styles } = state;
  const W = theme.typeArea.width;
  const svg = chartSvg(spec, { width: W, height: theme.chartHeight, fontFamily: fonts.family('heiti'), accent: theme.red, fontSize: 10.5 });
  record(state, [
    { text: [...spec.categories, ...spec.series.map((s) => s.name), spec.unit, '0123456789.-%'].join(''), role: 'heiti', bold: false },
  ]);
  state.figure += 1;
  const cap = styles.caption;
  const capSpans: Span[] = [{ text: `图${state.figure}　${spec.title}`, role: cap.role, bold: false }];
  record(state, capSpans);
  const capLines = breakLines(fonts, capSpans, { width: W, size: cap.size, tracking: cap.tracking });
  const capNodes = lineNodes(capLines, cap);
  // chart + caption kept together and padded back onto the body grid
  const gap = 6;
  const h = gap + theme.chartHeight + capLines.length * cap.pitch;
  // back onto the body grid, with at least half a line before the next text
  let pad = padToGrid(h, theme.linePitch);
  if (pad < theme.linePitch / 2) pad += theme.linePitch;
  push(state, [
    {
      stack: [{ svg, width: W, height: theme.chartHeight, margin: [0, gap, 0, 0] }, ...capNodes],
      unbreakable: true,
      margin: [0, 0, 0, pad],
    },
  ]);
}

// ---------------------------------------------------------------- tables

const PAD_X = 4;
const PAD_Y = 2.5;
const RULE = 0.6;

/**
 * A compact table: columns empty in every row are dropped, and a column whose value is the
 * same in every row (one deadline for 57 tasks) is said once in a caption above the table.
 */
export function compactTable(t: Table): { table: Table; caption?: string } {
  const text = (c: Inline[]) => inlineText(c).trim();
  const keep: number[] = [];
  const shared: string[] = [];
  t.header.forEach((h, c) => {
    const values = t.rows.map((r) => text(r[c] ?? []));
    if (t.rows.length > 0 && values.every((v) => v === '')) return;
    const head = text(h);
    if (t.rows.length >= 4 && c > 0 && values.every((v) => v === values[0]) && head !== '序号') {
      shared.push(`${head}均为${values[0]}`);
      return;
    }
    keep.push(c);
  });
  if (keep.length === t.header.length) return { table: t };
  const pick = <T,>(row: T[]) => keep.map((c) => row[c]!);
  return {
    table: { ...t, header: pick(t.header), rows: t.rows.map((r) => pick(r)), align: pick(t.align) },
    caption: shared.length ? `（${shared.join('；')}）` : undefined,
  };
}

function table(full: Table, state: State): void {
  const { theme, styles, fonts } = state;
  const { table: t, caption } = compactTable(full);
  if (caption) {
    const st = { ...styles.tableBody(theme.tableSize), align: 'right' as const };
    const spans: Span[] = [{ text: caption, role: st.role, bold: false }];
    record(state, spans);
    const nodes = setText(spans, st, { width: theme.typeArea.width, words: true });
    // kept with the table (and not counted as text that keeps a heading company)
    nodes.forEach((n) => (n.style = 'hline'));
    if (nodes[0]) nodes[0].headlineLevel = 6;
    push(state, nodes);
  }
  const ncol = t.header.length;
  const avail = theme.typeArea.width - ncol * 2 * PAD_X - (ncol + 1) * RULE;

  const layoutAt = (size: number) => {
    const head = styles.tableHead(size);
    const body = styles.tableBody(size);
    const headSpans = t.header.map((c) => spansOf(c, head.role));
    const rowSpans = t.rows.map((r) => r.map((c) => spansOf(c, body.role)));
    const nat: number[] = [];
    const min: number[] = [];
    for (let c = 0; c < ncol; c++) {
      const h = headSpans[c]!;
      const hw = naturalWidth(fonts, h, size, 0);
      // short headers (序号, 完成时限) are not broken
      let mn = inlineText(t.header[c]!).length <= 4 ? hw : minUnitWidth(fonts, h, size);
      let nt = hw;
      for (const r of rowSpans) {
        const cell = r[c]!;
        const longest = cell.flatMap((s) => s.text.split('\n')).reduce((m, p) => Math.max(m, naturalWidth(fonts, [{ text: p, role: body.role, bold: false }], size, 0)), 0);
        nt = Math.max(nt, longest);
        mn = Math.max(mn, minUnitWidth(fonts, cell, size));
      }
      // a cell never needs to be narrower than four characters
      // a column is never narrower than its content up to four characters (one point spare)
      nat.push(nt + 1);
      min.push(Math.max(mn, Math.min(nt, 4 * size)) + 1);
    }
    return { head, body, headSpans, rowSpans, nat, min };
  };

  // Try the normal table size and the minimum size; keep whichever makes the shorter table
  // (a wide task table at 12 pt wraps every cell into three lines).
  const build = (size: number) => {
    const L = layoutAt(size);
    // a table whose content needs much less than the measure is as wide as its content (plus
    // a little air per column), centred, instead of being stretched across the page
    const natural = L.nat.reduce((a, b) => a + b, 0);
    const room = natural < avail * 0.7 ? Math.min(avail, natural + ncol * 2 * size) : avail;
    const widths = columnWidths(L.nat, L.min, room, (k) => L.nat[k]! <= 8 * size + 1, floor2);
    const cell = (spans: Span[], kind: TextKind, width: number, align: Align, header: boolean) => {
      const a: TextKind['align'] = header ? 'center' : align === 'center' ? 'center' : align === 'right' ? 'right' : 'left';
      const lines = breakLines(fonts, spans, { width, size: kind.size, tracking: kind.tracking, words: true });
      return { spans, lines, kind: { ...kind, align: a }, header };
    };
    const headerRow = L.headSpans.map((sp, c) => cell(sp, L.head, widths[c]!, 'center', true));
    const rows = L.rowSpans.map((r) => r.map((sp, c) => cell(sp, L.body, widths[c]!, t.align[c] ?? null, false)));
    const height = [headerRow, ...rows].reduce((h, r) => h + Math.max(1, ...r.map((c) => c.lines.length)) * r[0]!.kind.pitch + 2 * PAD_Y, 0);
    return { widths, headerRow, rows, height };
  };
  const normal = build(theme.tableSize);
  const small = theme.tableMinSize < theme.tableSize ? build(theme.tableMinSize) : normal;
  const best = small.height < normal.height * 0.85 ? small : normal;
  const widths = best.widths;
  const toCell = (c: (typeof best.headerRow)[number]): CellNode => {
    record(state, c.spans);
    const nodes = lineNodes(c.lines, c.kind);
    // lines inside a cell are not body lines (a heading above the table is kept with the table itself)
    nodes.forEach((n) => (n.style = 'cell'));
    const node: CellNode = { stack: nodes.length ? nodes : [{ text: ' ', fontSize: c.kind.size }] };
    if (c.header) node.fillColor = '#F2F2F2';
    // A cell (or a header) that is exactly a status name wears the status colour (pipeline/status.ts).
    const status = statusOfLabel(c.spans.map((sp) => sp.text).join(''));
    if (status) {
      node.fillColor = statusHex(status);
      for (const n of nodes) for (const i of n.text as { color?: string }[]) i.color = `#${STATUS_INK_RGB[status]}`;
    }
    return node;
  };
  const headerRow = best.headerRow.map(toCell);
  const rows = best.rows.map((r) => r.map(toCell));
  const node: TableNode = {
    table: { widths, body: [headerRow, ...rows], headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true },
    layout: tableLayout(),
    margin: [Math.max(0, Math.floor((avail - widths.reduce((a, b) => a + b, 0)) / 2)), 4, 0, theme.linePitch / 2],
  };
  // a short table is never split: its last row alone on the next page helps nobody
  push(state, [t.rows.length <= 4 ? { stack: [node], unbreakable: true } : node]);
}

function tableLayout(): TableLayout {
  return {
    hLineWidth: () => RULE,
    vLineWidth: () => RULE,
    hLineColor: () => '#000000',
    vLineColor: () => '#000000',
    paddingLeft: () => PAD_X,
    paddingRight: () => PAD_X,
    paddingTop: () => PAD_Y,
    paddingBottom: () => PAD_Y,
  };
}

function sum(a: number[]): number {
  return a.reduce((x, y) => x + y, 0);
}

function floor2(n: number): number {
  return Math.floor(n * 100) / 100;
}

// ---------------------------------------------------------------- annexes (附件)

/**
 * The 附件说明 under the body and the 附件 pages (GB/T 9704 §7.3.6–7.3.7):
 *
 *   (one blank line below the body)
 *       附件：1.重点任务清单                 左空二字; more annexes aligned under "1."
 *             2.重点项目清单
 *   ── new page ──
 *   附件1                                   黑体, flush left, line 1
 *                                           line 2 blank
 *              重点任务清单                  title face, centred, line 3
 *                                           one blank line, then the content
 */
export function annexPages(annexes: Annex[], ctx: ConvertContext): { note: Content[]; pages: Content[] } {
  if (annexes.length === 0) return { note: [], pages: [] };
  const { theme, styles, fonts } = ctx;
  const body = styles.body;
  const many = annexes.length > 1;
  const note: Content[] = [];
  const label = '附件：';
  const labelWidth = naturalWidth(fonts, [{ text: label, role: body.role, bold: false }], body.size, body.tracking) + body.tracking;
  annexes.forEach((a, k) => {
    const item = many ? `${a.number}.${a.title}` : a.title;
    const text = k === 0 ? `${label}${item}` : item;
    const first = k === 0 ? 2 * theme.charPitch : 2 * theme.charPitch + labelWidth;
    const nodes = setText([{ text, role: body.role, bold: false }], { ...body, align: 'left' }, { width: theme.typeArea.width, indent: first, restIndent: 2 * theme.charPitch + labelWidth });
    if (k === 0 && nodes[0]) nodes[0].margin = [nodes[0].margin?.[0] ?? 0, theme.linePitch, nodes[0].margin?.[2] ?? 0, 0];
    note.push(...nodes);
  });
  const pages: Content[] = [];
  for (const a of annexes) {
    const mark: TextNode = {
      text: [{ text: many ? `附件${a.number}` : '附件', font: fonts.family('heiti'), fontSize: theme.bodySize, lineHeight: theme.linePitch / fonts.lineBox('heiti', false, theme.bodySize) }],
      noWrap: true,
      pageBreak: 'before',
      margin: [0, 0, 0, theme.linePitch],
      style: 'hline',
      headlineLevel: 1,
    };
    const st = styles.title;
    const width = theme.typeArea.width - 2 * theme.charPitch;
    const lines = titleLines(a.title, [{ text: a.title, role: st.role, bold: false }], width, st);
    const nodes = lineNodes(lines, { ...st, left: theme.charPitch });
    nodes.forEach((n) => (n.style = 'hline'));
    const h = lines.length * st.pitch;
    const last = nodes[nodes.length - 1];
    if (last) last.margin = [last.margin?.[0] ?? 0, 0, last.margin?.[2] ?? 0, padToGrid(h, theme.linePitch) + theme.linePitch];
    Object.assign(nodes[0] ?? {}, { id: `annex${a.number}`, outline: true, outlineText: `附件${many ? a.number : ''} ${a.title}` });
    pages.push(mark, ...nodes, ...a.content);
  }
  return { note, pages };
}
