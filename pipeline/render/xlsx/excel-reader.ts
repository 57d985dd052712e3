/**
 * .xlsx bytes → a library-neutral view of sheets and cell values. The only module that
 * reads with exceljs. The zip is checked (sizes, bomb guard, CRCs) before exceljs sees
 * it, and exceljs only ever sees a clean re-pack of the parts that hold cell values (see
 * `readablePackage`); every exceljs failure becomes a WorkbookReadError with a plain reason.
 */
import ExcelJS from 'exceljs';
import type { ReadValue } from './fingerprint.js';
import { unzipChecked, writeZip, ZipError } from '../../core/zip.js';
import { msg } from '../../messages/index.js';

export interface ReadSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Last row holding anything. */
  rowCount: number;
  columnCount: number;
  /** Numbers of the rows holding any value, ascending (iterate these, not 1..rowCount). */
  rows: number[];
  get(row: number, col: number): ReadValue;
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
  sheet(name: string): ReadSheet | undefined;
  /** docProps/core.xml modified / created. */
  modified?: Date;
  created?: Date;
}

/** Why a workbook cannot be read, for a clerk: what was expected, what was found, what to do. */
export class WorkbookReadError extends Error {
  constructor(
    message: string,
    readonly found: string,
    readonly hint?: string,
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
  // anything else exceljs makes of a damaged cell (e.g. a shared formula without its master)
  return UNREADABLE;
}

/** A cell exceljs could not make sense of. */
export const UNREADABLE = { error: '#UNREADABLE!' } as const;

function wrapSheet(ws: ExcelJS.Worksheet): ReadSheet {
  const state = ws.state === 'veryHidden' ? 'veryHidden' : ws.state === 'hidden' ? 'hidden' : 'visible';
  const rows: number[] = [];
  ws.eachRow((row, n) => rows.push(n));
  return {
    name: ws.name,
    state,
    rowCount: rows.length === 0 ? 0 : ws.rowCount,
    columnCount: ws.columnCount,
    rows,
    // findCell, not getCell: reading must never create rows or cells (a value in row
    // 1048576 would otherwise make every read allocate the rows in between).
    get: (row, col) => {
      if (!Number.isInteger(row) || !Number.isInteger(col) || row < 1 || col < 1 || row > MAX_ROW || col > MAX_COL) return null;
      const cell = ws.findCell(row, col);
      if (!cell) return null;
      try {
        return toReadValue(cell);
      } catch {
        // e.g. a shared formula whose master cell is missing: exceljs throws translating it
        return UNREADABLE;
      }
    },
  };
}

export interface ReadLimits {
  maxUncompressedBytes: number;
  /** Most cells (`<c>` elements, every sheet) and shared strings handed to exceljs. */
  maxCells?: number;
}

/** exceljs keeps ~0.6 KB per cell: 500 000 cells ≈ 300 MB and a few seconds. A ledger of 2 000 tasks has ≈ 50 000. */
export const DEFAULT_MAX_CELLS = 500_000;
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;
/** Longest <row>, <c> or <col> tag accepted (real ones are well under 300 characters). */
const MAX_TAG = 4096;
/** Style records (xf, font, fill, border, numFmt, dxf) accepted in styles.xml. */
const MAX_STYLES = 200_000;

/** Parts exceljs reads cell values from; everything else (drawings, charts, media, comments, tables, VBA…) is left out. */
const VALUE_PARTS = [
  /^\[Content_Types\]\.xml$/,
  /^_rels\/\.rels$/,
  /^xl\/workbook\.xml$/,
  /^xl\/_rels\/workbook\.xml\.rels$/,
  /^xl\/sharedStrings\.xml$/,
  /^xl\/styles\.xml$/,
  /^xl\/worksheets\/sheet\d+\.xml$/,
  /^docProps\/(core|app)\.xml$/,
];

/**
 * Worksheet elements that do not hold cell values. exceljs expands some of them cell by
 * cell on load (a merge or a data validation over A1:XFD1048576 in a 14 KB file takes
 * gigabytes or never finishes) or crashes on others (drawings: exceljs#2591), so their
 * tags are renamed to names exceljs ignores, which it then skips with their contents.
 */
const INERT_ELEMENTS = [
  'mergeCells',
  'dataValidations',
  'conditionalFormatting',
  'hyperlinks',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'picture',
  'oleObjects',
  'controls',
  'tableParts',
  'extLst',
];
const INERT_TAG = new RegExp(`<(/?)(${INERT_ELEMENTS.join('|')})(?=[\\s/>])`, 'g');

function unreadable(found: string): WorkbookReadError {
  return new WorkbookReadError(msg('xlsx.expectedReadable'), found, msg('xlsx.damagedHint'));
}

/** What a zip that is not a workbook most likely is, and what to do, for the message. */
function packageKind(names: Set<string>): { found: string; hint: string } {
  if (names.has('word/document.xml')) return { found: msg('xlsx.word'), hint: msg('xlsx.wrongFileHint') };
  if (names.has('ppt/presentation.xml')) return { found: msg('xlsx.powerpoint'), hint: msg('xlsx.wrongFileHint') };
  if (names.has('content.xml') && names.has('mimetype')) return { found: msg('xlsx.ods'), hint: msg('xlsx.saveAsXlsx') };
  if (names.has('xl/workbook.bin')) return { found: msg('xlsx.xlsb'), hint: msg('xlsx.saveAsXlsx') };
  return { found: msg('xlsx.noWorkbookPart'), hint: msg('xlsx.wrongFileHint') };
}

function countMatches(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/** Column letters → number (A → 1); Infinity when not letters. */
function colOf(letters: string): number {
  if (!/^[A-Z]{1,3}$/.test(letters)) return Infinity;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Row and cell references beyond the sheet grid (exceljs indexes arrays by them), and
 * column ranges beyond it. One linear pass over the tags: no regular expression here may
 * scan ahead unboundedly, or a sheet of "<c <c <c …" would take quadratic time.
 */
function checkSheetXml(name: string, xml: string): void {
  for (let i = xml.indexOf('<'); i >= 0; ) {
    const end = xml.indexOf('>', i + 1);
    if (end < 0) break; // unterminated: exceljs's XML parser reports it
    const tagName = /^(row|c|col)[\s/>]/.exec(xml.slice(i + 1, i + 6))?.[1];
    if (tagName) {
      if (end - i > MAX_TAG) throw unreadable(msg('xlsx.longTag', { part: name, tag: tagName, n: end - i }));
      const tag = xml.slice(i, end);
      for (const a of tag.matchAll(/\s(r|min|max)="([^"]*)"/g)) {
        const [, attr, value] = a as unknown as [string, string, string];
        if (tagName === 'row' && attr === 'r') {
          if (!/^\d{1,7}$/.test(value) || Number(value) < 1 || Number(value) > MAX_ROW) throw unreadable(msg('xlsx.rowOutside', { part: name, value: value.slice(0, 20) }));
        } else if (tagName === 'c' && attr === 'r') {
          const cm = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(value);
          if (!cm || colOf(cm[1]!) > MAX_COL || Number(cm[2]) < 1 || Number(cm[2]) > MAX_ROW) throw unreadable(msg('xlsx.cellOutside', { part: name, value: value.slice(0, 20) }));
        } else if (tagName === 'col' && attr !== 'r') {
          if (!/^\d{1,5}$/.test(value) || Number(value) > MAX_COL) throw unreadable(msg('xlsx.columnOutside', { part: name, value: `${attr}="${value.slice(0, 20)}"` }));
        }
      }
    }
    i = xml.indexOf('<', end + 1);
  }
}

/**
 * The zip as exceljs may see it: checked (sizes, ratios, CRCs), only the parts holding
 * cell values, worksheets without the elements exceljs mishandles, at most `maxCells`
 * cells, and re-packed, so exceljs never parses a byte that was not checked here.
 */
export function readablePackage(data: Uint8Array, limits: ReadLimits): Buffer {
  let parts: ReturnType<typeof unzipChecked>;
  try {
    parts = unzipChecked(data, limits.maxUncompressedBytes);
  } catch (err) {
    if (err instanceof ZipError) {
      switch (err.reason) {
        case 'not-zip':
          throw new WorkbookReadError(msg('xlsx.expectedXlsx'), data.length === 0 ? msg('xlsx.emptyFile') : msg('xlsx.notZip'), msg('xlsx.notZipHint'));
        case 'too-large':
          throw new WorkbookReadError(msg('xlsx.tooLargeUncompressed', { mb: Math.round(limits.maxUncompressedBytes / 1024 / 1024) }), err.message);
        default:
          throw unreadable(err.message);
      }
    }
    throw err;
  }
  const names = new Set<string>();
  for (const p of parts) {
    if (names.has(p.entry.name)) throw unreadable(msg('xlsx.partTwice', { part: p.entry.name }));
    names.add(p.entry.name);
  }
  if (!names.has('xl/workbook.xml')) {
    const kind = packageKind(names);
    throw new WorkbookReadError(msg('xlsx.expectedWorkbook'), kind.found, kind.hint);
  }
  const maxCells = limits.maxCells ?? DEFAULT_MAX_CELLS;
  let cells = 0;
  const kept: { name: string; data: Uint8Array }[] = [];
  for (const p of parts) {
    const name = p.entry.name;
    if (!VALUE_PARTS.some((re) => re.test(name))) continue;
    if (/^xl\/worksheets\//.test(name)) {
      const xml = p.data.toString('utf8').replace(INERT_TAG, '<$1jianbao-ignored-$2');
      checkSheetXml(name, xml);
      cells += countMatches(xml, /<c[\s/>]/g);
      if (cells > maxCells) throw new WorkbookReadError(msg('xlsx.tooManyCells', { max: maxCells }), msg('xlsx.moreIn', { part: name }));
      kept.push({ name, data: Buffer.from(xml, 'utf8') });
      continue;
    }
    if (name === 'xl/sharedStrings.xml' && countMatches(p.data.toString('latin1'), /<si[\s>/]/g) > maxCells) {
      throw new WorkbookReadError(msg('xlsx.tooManyCells', { max: maxCells }), msg('xlsx.moreStringsIn', { part: name }));
    }
    // Excel allows 64 000 cell formats; exceljs builds an object for each.
    if (name === 'xl/styles.xml' && countMatches(p.data.toString('latin1'), /<(xf|font|fill|border|numFmt|dxf)[\s>/]/g) > MAX_STYLES) {
      throw new WorkbookReadError(msg('xlsx.tooManyStyles', { max: MAX_STYLES }), msg('xlsx.moreIn', { part: name }));
    }
    kept.push({ name, data: p.data });
  }
  return writeZip(kept, new Date(Date.UTC(2000, 0, 1)), 1);
}

/** Read a workbook; throws WorkbookReadError (never an exceljs error) when it cannot. */
export async function readWorkbook(data: Uint8Array, limits: ReadLimits): Promise<ReadWorkbook> {
  const clean = readablePackage(data, limits);
  const wb = new ExcelJS.Workbook();
  let sheets: ReadSheet[];
  try {
    await wb.xlsx.load(clean as unknown as ArrayBuffer);
    sheets = wb.worksheets.map(wrapSheet);
  } catch (err) {
    // XML errors say where (sax: "1:7: text data outside of root node."); a TypeError is
    // exceljs tripping over something it does not expect, which says nothing to a clerk.
    const detail = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 120);
    const internal = err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError;
    throw unreadable(internal ? msg('xlsx.partsMismatch') : msg('xlsx.damaged', { detail }));
  }
  return {
    sheets,
    sheet: (name) => sheets.find((s) => s.name === name),
    modified: wb.modified instanceof Date && !Number.isNaN(wb.modified.getTime()) ? wb.modified : undefined,
    created: wb.created instanceof Date && !Number.isNaN(wb.created.getTime()) ? wb.created : undefined,
  };
}
