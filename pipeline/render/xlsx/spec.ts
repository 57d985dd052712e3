/**
 * A workbook described as plain data, independent of any spreadsheet library. The
 * ledger layout produces a WorkbookSpec; excel-writer.ts (the only writer that knows
 * exceljs) turns it into bytes. Swapping the library means rewriting that one adapter.
 */

export type ScalarValue = string | number | Date | null;

export interface FormulaValue {
  formula: string;
  /** The result computed by us, written as the cached value (never a placeholder). */
  result: string | number;
}

export type SpecValue = ScalarValue | FormulaValue;

export function isFormula(v: SpecValue | undefined): v is FormulaValue {
  return typeof v === 'object' && v !== null && !(v instanceof Date);
}

export interface CellStyle {
  font?: { bold?: boolean; size?: number; name?: string; color?: string };
  /** ARGB solid fill, e.g. FFFFF2CC. */
  fill?: string;
  h?: 'left' | 'center' | 'right';
  v?: 'top' | 'middle';
  wrap?: boolean;
  numFmt?: string;
  border?: boolean;
}

export interface CellSpec {
  row: number;
  col: number;
  value: SpecValue;
  style?: CellStyle;
  /** Cells are locked unless marked as inputs. */
  input?: boolean;
}

export type ValidationSpec =
  | { ref: string; kind: 'decimal'; min: number; max: number; title: string; prompt: string; error: string }
  | { ref: string; kind: 'textLength'; max: number; title: string; prompt: string; error: string }
  | { ref: string; kind: 'list'; items: readonly string[]; title: string; prompt: string; error: string };

export type ConditionalRule =
  | { kind: 'equals'; text: string; fill: string; color?: string }
  | { kind: 'dataBar'; min: number; max: number; color: string };

export interface ConditionalFormatSpec {
  ref: string;
  rules: ConditionalRule[];
}

export interface PrintSpec {
  /** First and last row repeated on every page (1-based). */
  titleRows: [number, number];
  /** Columns repeated at the left of every page (`A:C`). */
  titleColumns?: string;
  /** A page break after this column (1-based): the columns right of it print on the next page across. */
  breakAfterColumn?: number;
  /**
   * Print areas (`A1:M9`), printed one after the other. A sheet printed across two pages
   * gives its second half as an area that starts at the header row, so the title and the
   * info row above it print on the first page only (not cut by the repeated columns).
   */
  areas?: string[];
  header: string;
  footer: string;
}

export interface SheetSpec {
  name: string;
  state: 'visible' | 'veryHidden';
  /** Widths in characters, column 1 first. */
  columns: { width: number; hidden?: boolean }[];
  rowHeights: { row: number; height: number }[];
  cells: CellSpec[];
  merges: string[];
  validations: ValidationSpec[];
  conditionalFormats: ConditionalFormatSpec[];
  /** Frozen columns / rows. */
  freeze?: { columns: number; rows: number };
  print?: PrintSpec;
  autoFilter?: string;
  protect: boolean;
}

export interface WorkbookSpec {
  /** Fixed creation/modification time (from the data, for reproducible output). */
  created: Date;
  creator: string;
  title: string;
  subject: string;
  sheets: SheetSpec[];
  /** Protect the workbook structure (no adding, deleting, renaming or unhiding sheets). */
  lockStructure: boolean;
}

/** 1 → A, 27 → AA */
export function colLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function addr(row: number, col: number): string {
  return `${colLetter(col)}${row}`;
}

/** 'A' → 1, 'AA' → 27 */
export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
