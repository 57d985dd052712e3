/**
 * The intermediate document form every renderer shares.
 *
 * Templates produce Markdown text plus a few directives; `parseDoc` turns it into this
 * tree; the PDF, slide and any later HTML renderer walk the tree. Nothing here knows
 * about meetings, fonts or pages.
 *
 * Syntax (a deliberately small Markdown subset — see docs/TEMPLATES.md):
 *   # 标题 … ##### level 5          headings (level 1 = document title)
 *   blank-line separated text      paragraphs (lines are joined without a space)
 *   - item / 1. item               lists
 *   | a | b |  + |---|---|         tables (first row is the header)
 *   **bold**  \*  <br>             inline: strong, escapes, hard break
 *   ::name args {k="v"}            leaf directive (e.g. ::pagebreak)
 *   ::: name args {k="v"} … :::    container directive: contains blocks (e.g. ::: note 编者按)
 *   ::: chart bar … :::            a chart: a YAML body, checked against the one chart schema
 *                                  (core/chart.ts) when the Doc is parsed → a `chart` block
 */
import type { ChartSpec } from '../../core/chart.js';

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'break' };

export type Align = 'left' | 'center' | 'right' | null;

export interface Heading {
  type: 'heading';
  level: 1 | 2 | 3 | 4 | 5;
  children: Inline[];
}
export interface Paragraph {
  type: 'paragraph';
  children: Inline[];
}
export interface List {
  type: 'list';
  ordered: boolean;
  items: Inline[][];
}
export interface Table {
  type: 'table';
  align: Align[];
  header: Inline[][];
  rows: Inline[][][];
}
export interface Directive {
  type: 'directive';
  name: string;
  /** Text after the name, before any {attrs}. */
  args: string;
  attrs: Record<string, string>;
  /** Parsed body of a block container (note, …). */
  children?: Block[];
  /** 1-based line in the rendered text, for error messages. */
  line: number;
}

/** `::: chart` with its YAML body parsed and checked once, when the Doc is built. */
export interface Chart {
  type: 'chart';
  spec: ChartSpec;
  /** Text after `chart` (the chart type when the body does not name it). */
  args: string;
  attrs: Record<string, string>;
  /** 1-based line of `::: chart` in the rendered text. */
  line: number;
}

export type Block = Heading | Paragraph | List | Table | Directive | Chart;

export interface Doc {
  children: Block[];
}

/** Plain text of inline content (for outlines, slide titles, tests). */
export function inlineText(nodes: Inline[]): string {
  return nodes
    .map((n) => (n.type === 'text' ? n.value : n.type === 'strong' ? inlineText(n.children) : '\n'))
    .join('');
}
