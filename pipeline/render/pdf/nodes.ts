/**
 * The pdfmake document nodes this renderer produces (a typed subset of pdfmake 0.3's
 * document definition).
 */

export type Margin = [number, number, number, number];

export interface InlineNode {
  text: string;
  font?: string;
  bold?: boolean;
  fontSize?: number;
  color?: string;
  lineHeight?: number;
}

export interface TextNode {
  text: string | InlineNode[];
  font?: string;
  bold?: boolean;
  fontSize?: number;
  color?: string;
  alignment?: 'left' | 'center' | 'right' | 'justify';
  margin?: Margin;
  characterSpacing?: number;
  lineHeight?: number;
  noWrap?: boolean;
  /** Set on the first line of a heading: keeps it with what follows (see pageBreakBefore). */
  headlineLevel?: number;
  id?: string;
  outline?: boolean;
  outlineText?: string;
  outlineParentId?: string;
  pageBreak?: 'before' | 'after';
  style?: string;
}

export interface StackNode {
  stack: Content[];
  margin?: Margin;
  unbreakable?: boolean;
  pageBreak?: 'before' | 'after';
  absolutePosition?: { x: number; y: number };
  style?: string;
}

export interface CellNode extends StackNode {
  fillColor?: string;
}

export interface TableNode {
  table: {
    widths: number[];
    body: CellNode[][];
    headerRows?: number;
    keepWithHeaderRows?: number;
    dontBreakRows?: boolean;
  };
  layout?: TableLayout;
  margin?: Margin;
  style?: string;
}

export interface TableLayout {
  hLineWidth(i: number, node: { table: { body: unknown[] } }): number;
  vLineWidth(i: number, node: { table: { widths: unknown[] } }): number;
  hLineColor(): string;
  vLineColor(): string;
  paddingLeft(): number;
  paddingRight(): number;
  paddingTop(): number;
  paddingBottom(): number;
}

export interface SvgNode {
  svg: string;
  width: number;
  height: number;
  alignment?: 'left' | 'center' | 'right';
  margin?: Margin;
  style?: string;
}

export type CanvasItem =
  | { type: 'line'; x1: number; y1: number; x2: number; y2: number; lineWidth: number; lineColor: string }
  | { type: 'rect'; x: number; y: number; w: number; h: number; color?: string; lineWidth?: number; lineColor?: string };

export interface CanvasNode {
  canvas: CanvasItem[];
  margin?: Margin;
  absolutePosition?: { x: number; y: number };
  unbreakable?: boolean;
  style?: string;
}

export interface ColumnsNode {
  columns: (Content & { width?: number | '*' | 'auto' })[];
  columnGap?: number;
  margin?: Margin;
  absolutePosition?: { x: number; y: number };
  style?: string;
}

export type Content = TextNode | StackNode | TableNode | SvgNode | CanvasNode | ColumnsNode;
