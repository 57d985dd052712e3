/**
 * .xlsx bytes → a library-neutral view of sheets and cell values. The only module that
 * reads with exceljs. The zip is checked (sizes, bomb guard) before exceljs sees it, and
 * every exceljs failure becomes a WorkbookReadError with a plain reason.
 */
import ExcelJS from 'exceljs';
import type { ReadValue } from './fingerprint.js';
import { checkZip, ZipError } from './zip.js';

export interface ReadSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Last row holding anything. */
  rowCount: number;
  columnCount: number;
  get(row: number, col: number): ReadValue;
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
  sheet(name: string): ReadSheet | undefined;
  /** docProps/core.xml modified / created. */
  modified?: Date;
  created?: Date;
}

export class WorkbookReadError extends Error {
  constructor(
    message: string,
    readonly found: string,
  ) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

function toReadValue(cell: ExcelJS.Cell): ReadValue {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      // `.formula` translates shared formulas; a cached result of 0 lives only in `.result`.
      const result = cell.result;
      const r = result === undefined || result === null ? null : result instanceof Date || typeof result !== 'object' ? result : null;
      return { formula: cell.formula ?? '', result: r };
    }
    if ('error' in v) return { error: String(v.error) };
    if ('text' in v && typeof v.text === 'string') return v.text;
  }
  return String(v);
}

function wrapSheet(ws: ExcelJS.Worksheet): ReadSheet {
  const state = ws.state === 'veryHidden' ? 'veryHidden' : ws.state === 'hidden' ? 'hidden' : 'visible';
  return {
    name: ws.name,
    state,
    rowCount: ws.actualRowCount === 0 ? 0 : ws.rowCount,
    columnCount: ws.columnCount,
    get: (row, col) => toReadValue(ws.getCell(row, col)),
  };
}

export interface ReadLimits {
  maxUncompressedBytes: number;
}

/** Read a workbook; throws WorkbookReadError (never an exceljs error) when it cannot. */
export async function readWorkbook(data: Uint8Array, limits: ReadLimits): Promise<ReadWorkbook> {
  try {
    checkZip(data, limits.maxUncompressedBytes);
  } catch (err) {
    if (err instanceof ZipError) {
      switch (err.reason) {
        case 'not-zip':
          throw new WorkbookReadError('expected an .xlsx workbook (a zip package)', 'a file that is not a zip package (an old .xls, an encrypted or a renamed file?)');
        case 'too-large':
          throw new WorkbookReadError(`expected a workbook of at most ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} MB uncompressed`, err.message);
        default:
          throw new WorkbookReadError('expected a readable .xlsx workbook', err.message);
      }
    }
    throw err;
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new WorkbookReadError('expected a readable .xlsx workbook', `a package exceljs cannot read (${msg.slice(0, 120)})`);
  }
  const sheets = wb.worksheets.map(wrapSheet);
  return {
    sheets,
    sheet: (name) => sheets.find((s) => s.name === name),
    modified: wb.modified instanceof Date && !Number.isNaN(wb.modified.getTime()) ? wb.modified : undefined,
    created: wb.created instanceof Date && !Number.isNaN(wb.created.getTime()) ? wb.created : undefined,
  };
}
