/**
 * Validate one returned ledger workbook against its hidden sheet and the current data:
 * rows are found by their row id (sorting and filtering do not matter), locked cells are
 * compared with their issued fingerprints, inputs are type- and range-checked.
 * Produces the rows to merge and the problems, each at `file › sheet › cell`.
 */
import { showValue, type Problem } from '../errors.js';
import { joinList, msg } from '../messages/index.js';
import type { MeetingView } from '../core/view.js';
import { allRows, ledgerRows, periodEnd, SELF_STATUS, type LedgerConfig, type LedgerRow, type SelfStatus } from '../model/progress.js';
import type { RowKind } from '../model/progress/file.js';
import {
  canonical,
  col,
  COLUMNS,
  fixedCellPositions,
  INPUT_KEYS,
  LOCKED_KEYS,
  parseMeta,
  SHEET,
  type MetaRow,
  SHEET_NAMES,
  type LedgerMeta,
  type ReadSheet,
  type ReadValue,
  type ReadWorkbook,
  type InputKey,
} from '../render/xlsx/index.js';
import { shortHash } from '../render/xlsx/fingerprint.js';
import { addr } from '../render/xlsx/spec.js';
import { FIELD_HEADER, type Field, type IncomingRow } from './merge.js';
import type { YamlScalar } from './yaml-edit.js';

export interface CheckedReturn {
  meta?: LedgerMeta;
  rows: IncomingRow[];
  problems: Problem[];
}

const header = (key: string) => COLUMNS.find((c) => c.key === key)?.header ?? key;

function isEmpty(v: ReadValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** A value that cannot be taken: how it is shown, and what to do about it when we can tell. */
interface Bad {
  bad: string;
  hint?: string;
}

function shown(v: ReadValue): string {
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    if ('formula' in v) return msg('cell.formula', { value: v.formula.slice(0, 30) });
    if (v.error === '#UNREADABLE!') return msg('cell.unreadable');
    return msg('cell.error', { value: v.error });
  }
  return showValue(v);
}

const NUMERAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Why text in a number cell is not taken as the number it looks like: said for a clerk, with what to write. */
function textNumber(v: string): Bad {
  const t = v.trim();
  const half = t.normalize('NFKC').replace(/\s+/g, '');
  const value = shown(v);
  if (NUMERAL.test(t)) return { bad: msg('cell.numberAsText', { value }), hint: msg('cell.numberAsTextHint') };
  if (/^\d{4}\s*[-/.年]\s*\d{1,2}(\s*[-/.月]\s*\d{1,2}日?)?$/.test(half)) return { bad: msg('cell.dateNotAmount', { value }), hint: msg('cell.dateNotAmountHint') };
  if (NUMERAL.test(half)) return { bad: msg('cell.fullWidth', { value }), hint: msg('cell.fullWidthHint', { value: half }) };
  const lead = /^[+-]?[\d.]+(?=\D)/.exec(half)?.[0];
  if (lead !== undefined) return { bad: msg('cell.withUnit', { value }), ...(NUMERAL.test(lead) ? { hint: msg('cell.withUnitHint', { value: lead }) } : {}) };
  return { bad: value };
}

function numberIn(v: ReadValue): number | undefined | Bad {
  if (v === null) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { bad: String(v) };
  if (typeof v === 'string') return v.trim() === '' ? undefined : textNumber(v);
  if (v instanceof Date) return { bad: msg('cell.date', { value: v.toISOString().slice(0, 10) }) };
  if (typeof v === 'object' && 'formula' in v) {
    return typeof v.result === 'number' && Number.isFinite(v.result) ? v.result : { bad: shown(v) };
  }
  return { bad: shown(v) };
}

/** Control characters the data model refuses (tab and line feed are kept). */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f\ufffe\uffff]/;

/**
 * Text as a clerk meant it: what Word leaves in a pasted cell — vertical tabs (Shift+Enter,
 * stored as `_x000B_`), form feeds (page breaks), Unicode line and paragraph separators —
 * becomes a line break; OOXML escapes a reader left undecoded (`_x000B_`) are decoded
 * first. Any other control character is refused (returned as `bad`), never written.
 */
export function cleanText(raw: string): string | Bad {
  const decoded = raw.replace(/_x([0-9A-Fa-f]{4})_/g, (m, hex: string) => {
    const c = parseInt(hex, 16);
    return c < 0x20 || c === 0x7f ? String.fromCharCode(c) : m;
  });
  const t = decoded
    .replace(/\r\n?/g, '\n')
    .replace(/[\u000b\u000c\u2028\u2029\u0085]/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t\u3000]+$/, ''))
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
  const m = CONTROL.exec(t);
  if (m) {
    const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return { bad: msg('cell.control', { code }), hint: msg('cell.controlHint') };
  }
  return t;
}

function textIn(v: ReadValue): string | undefined | Bad {
  if (v === null) return undefined;
  if (typeof v === 'string') {
    const t = cleanText(v);
    return typeof t === 'string' && t === '' ? undefined : t;
  }
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return { bad: msg('cell.date', { value: v.toISOString().slice(0, 10) }) };
  if (typeof v === 'object' && 'formula' in v && typeof v.result === 'string') {
    const t = cleanText(v.result);
    return typeof t === 'string' && t === '' ? undefined : t;
  }
  return { bad: shown(v) };
}

function fmt(n: number): string {
  return String(Number(n.toPrecision(10)));
}

export interface CheckContext {
  file: string;
  config: LedgerConfig;
  /** The current data of the meeting named by the workbook. */
  view: MeetingView;
  /** The workbook's save time, when later than its issue (else the issue time). */
  returned: string;
}

/** Step 1: find and parse the hidden sheet. */
export function readMeta(file: string, wb: ReadWorkbook): { meta: LedgerMeta } | { problem: Problem } {
  const sheet = wb.sheet(SHEET_NAMES.meta);
  if (!sheet) {
    const names = wb.sheets.map((s) => s.name);
    return {
      problem: {
        location: { kind: 'cell', file, sheet: SHEET_NAMES.meta },
        message: msg('meta.missing', { sheet: SHEET_NAMES.meta }),
        found: names.length ? msg('meta.sheets', { list: joinList(names) }) : msg('meta.noSheets'),
        hint: msg('meta.missingHint'),
      },
    };
  }
  const parsed = parseMeta((r, c) => {
    const v = sheet.get(r, c);
    return v !== null && typeof v === 'object' && !(v instanceof Date) ? ('formula' in v ? v.result : null) : v;
  });
  if ('error' in parsed) {
    return {
      problem: {
        location: { kind: 'cell', file, sheet: SHEET_NAMES.meta, ...(parsed.cell ? { cell: parsed.cell } : {}) },
        message: parsed.error,
        found: parsed.found,
        hint: msg('meta.hint'),
      },
    };
  }
  if (parsed.meta.asOf !== periodEnd(parsed.meta.period)) {
    return {
      problem: {
        location: { kind: 'cell', file, sheet: SHEET_NAMES.meta, cell: 'B6' },
        message: msg('meta.asOfDate', { asOf: periodEnd(parsed.meta.period), period: parsed.meta.period }),
        found: parsed.meta.asOf,
        hint: msg('meta.hint'),
      },
    };
  }
  return parsed;
}

/** One data sheet being checked: where its problems go and the rows it yields. */
interface SheetScope {
  ctx: CheckContext;
  meta: LedgerMeta;
  name: string;
  sheet: ReadSheet;
  problems: Problem[];
  rows: IncomingRow[];
}

const at = (s: SheetScope, row: number, c: number) => ({ kind: 'cell' as const, file: s.ctx.file, sheet: s.name, cell: addr(row, c) });
const kindWord = (kind: RowKind | string) => msg(kind === 'task' ? 'row.kind.task' : kind === 'project' ? 'row.kind.project' : 'row.kind.target');
const FIXED_FIELD: Record<string, () => string> = { title: () => msg('sheet.title'), asOf: () => msg('sheet.asOf') };

/** Step 2: check every data sheet the hidden sheet lists. */
export function checkSheets(wb: ReadWorkbook, meta: LedgerMeta, ctx: CheckContext): CheckedReturn {
  const problems: Problem[] = [];
  const rows: IncomingRow[] = [];
  const byRowId = new Map<string, LedgerRow>(allRows(ledgerRows(ctx.view)).map((r) => [r.rowId, r]));
  for (const name of new Set(meta.rows.map((r) => r.sheet))) {
    const sheet = wb.sheet(name);
    const issued = meta.rows.filter((r) => r.sheet === name);
    if (!sheet) {
      problems.push({
        location: { kind: 'cell', file: ctx.file, sheet: name },
        message: msg('sheet.missing', { sheet: name }),
        found: msg('sheet.missingFound'),
        hint: msg('sheet.missingHint'),
      });
      continue;
    }
    checkSheet({ ctx, meta, name, sheet, problems, rows }, issued, byRowId);
  }
  return { meta, rows, problems };
}

/** One sheet: its fixed cells, then every row by its hidden id, then the issued rows not found. */
function checkSheet(s: SheetScope, issued: MetaRow[], byRowId: Map<string, LedgerRow>): void {
  const fixed = issued.find((r) => r.rowId === '#sheet');
  if (fixed && !fixedCellsIntact(s, fixed)) return;
  const expected = new Map(issued.filter((r) => r.rowId !== '#sheet').map((r) => [r.rowId, r]));
  const seen = new Set<string>();
  for (const r of s.sheet.rows) {
    if (r < SHEET.firstDataRow) continue;
    const issuedRow = issuedRowAt(s, r, expected, seen);
    if (!issuedRow) continue;
    const lockedOk = lockedCellsIntact(s, r, issuedRow);
    const row = assignedRow(s, r, issuedRow.rowId, byRowId);
    if (!row) continue;
    if (s.name === SHEET_NAMES.support) readSupportRow(s, r, row, lockedOk);
    else readLeadRow(s, r, row, lockedOk);
  }
  const idCol = col('rowId');
  for (const [rowId, r] of expected) {
    if (!seen.has(rowId)) {
      s.problems.push({
        location: at(s, r.line, idCol),
        field: header('rowId'),
        message: msg('row.missing', { value: rowId }),
        found: msg('row.noSuchRow'),
        severity: 'warning',
      });
    }
  }
}

/**
 * The title, dates and column headers as issued. Two or more changed headers mean columns
 * were inserted, deleted or moved: one problem, and false (no row is read: every column
 * is somewhere else now, so row problems would only be noise).
 */
function fixedCellsIntact(s: SheetScope, fixed: MetaRow): boolean {
  const headers: Problem[] = [];
  for (const f of fixedCellPositions()) {
    const v = s.sheet.get(f.row, f.col);
    if (shortHash(canonical(v, f.kind, f.row)) !== fixed.fingerprint.cells[f.key]) {
      const isHeader = f.key.startsWith('h:');
      (isHeader ? headers : s.problems).push({
        location: at(s, f.row, f.col),
        field: isHeader ? header(f.key.slice(2)) : (FIXED_FIELD[f.key] ?? (() => msg('sheet.from')))(),
        message: msg('sheet.fixedCell'),
        found: shown(v),
      });
    }
  }
  if (headers.length >= 2) {
    const first = headers[0]!;
    s.problems.push({
      location: first.location,
      field: msg('sheet.header'),
      message: msg('sheet.columns', { list: COLUMNS.map((c) => c.header).join('、') }),
      found: msg('sheet.columnsFound', { n: headers.length, total: COLUMNS.length, first: first.field ?? '' }),
      hint: msg('sheet.columnsHint'),
    });
    return false;
  }
  s.problems.push(...headers);
  return true;
}

/** The issued row a sheet row is, by its hidden id: undefined (and a problem) for an added, unknown or copied row. */
function issuedRowAt(s: SheetScope, r: number, expected: Map<string, MetaRow>, seen: Set<string>): MetaRow | undefined {
  const idCol = col('rowId');
  const idValue = s.sheet.get(r, idCol);
  const problem = (message: string, found: string) => s.problems.push({ location: at(s, r, idCol), field: header('rowId'), message, found });
  if (isEmpty(idValue)) {
    if (COLUMNS.some((c) => !isEmpty(s.sheet.get(r, col(c.key))))) {
      const inputsFilled = INPUT_KEYS.some((k) => !isEmpty(s.sheet.get(r, col(k))));
      problem(msg(inputsFilled ? 'row.added' : 'row.idCleared'), msg('cell.empty'));
    }
    return undefined;
  }
  const rowId = typeof idValue === 'string' ? idValue.trim() : '';
  const issuedRow = expected.get(rowId);
  if (!issuedRow) {
    problem(msg('row.unknownId'), shown(idValue));
    return undefined;
  }
  if (seen.has(rowId)) {
    problem(msg('row.twice'), shown(idValue));
    return undefined;
  }
  seen.add(rowId);
  return issuedRow;
}

/** The locked cells of a row against their issued fingerprints; false when any changed. */
function lockedCellsIntact(s: SheetScope, r: number, issuedRow: MetaRow): boolean {
  let ok = true;
  for (const key of LOCKED_KEYS) {
    const c = col(key);
    const v = s.sheet.get(r, c);
    const def = COLUMNS.find((x) => x.key === key)!;
    if (shortHash(canonical(v, def.kind, r)) !== issuedRow.fingerprint.cells[key]) {
      ok = false;
      s.problems.push({ location: at(s, r, c), field: def.header, message: msg(def.kind === 'formula' ? 'row.lockedFormula' : 'row.locked'), found: shown(v) });
    }
  }
  return ok;
}

/** The row in today's data, if it still exists and is still this unit's to return (else a problem). */
function assignedRow(s: SheetScope, r: number, rowId: string, byRowId: Map<string, LedgerRow>): LedgerRow | undefined {
  const idCol = col('rowId');
  const row = byRowId.get(rowId);
  if (!row) {
    s.problems.push({
      location: at(s, r, idCol),
      field: header('rowId'),
      message: msg('row.gone', { kind: kindWord(rowId.split(':')[0]!), meeting: s.meta.meeting }),
      found: JSON.stringify(rowId),
    });
    return undefined;
  }
  const unit = s.meta.unit;
  const support = s.name === SHEET_NAMES.support;
  if (unit && (support ? !row.coIds.includes(unit) || row.leadId === unit : row.leadId !== unit)) {
    s.problems.push({
      location: at(s, r, idCol),
      field: header('rowId'),
      message: msg('row.reassigned', { kind: kindWord(row.kind), unit, support }),
      found: JSON.stringify(rowId),
      severity: 'warning',
    });
    return undefined;
  }
  return row;
}

/** A filled cell this unit does not return: a warning, and the value is not taken. */
function ignored(s: SheetScope, r: number, key: InputKey, why: string): void {
  const v = s.sheet.get(r, col(key));
  if (!isEmpty(v)) {
    s.problems.push({ location: at(s, r, col(key)), field: header(key), message: msg('row.ignored', { why }), found: shown(v), severity: 'warning' });
  }
}

/** A text cell within its length limit: the text, undefined when blank, or false (a problem was reported). */
function readText(s: SheetScope, r: number, c: number, field: string, limit: number): string | undefined | false {
  const t = textIn(s.sheet.get(r, c));
  if (typeof t === 'object') {
    s.problems.push({ location: at(s, r, c), field, message: msg('row.text'), found: t.bad, ...(t.hint ? { hint: t.hint } : {}) });
    return false;
  }
  if (t !== undefined && [...t].length > limit) {
    s.problems.push({ location: at(s, r, c), field, message: msg('row.maxChars', { n: limit }), found: msg('row.chars', { n: [...t].length }), hint: msg('row.maxCharsHint') });
    return false;
  }
  return t;
}

/** A supporting unit's row (配合事项): its 配合情况 only. */
function readSupportRow(s: SheetScope, r: number, row: LedgerRow, lockedOk: boolean): void {
  for (const key of ['actual', 'self', 'problems', 'nextSteps'] as const) ignored(s, r, key, msg('row.ignoredSupport'));
  const c = col('progress');
  const t = readText(s, r, c, '配合情况', s.ctx.config.limits.progress);
  if (typeof t === 'string' && lockedOk) {
    s.rows.push({ kind: row.kind, id: row.id, unit: s.meta.unit, issued: s.meta.issuedAt, returned: s.ctx.returned, values: {}, support: t, file: s.ctx.file, sheet: s.name, cells: { support: addr(r, c) } });
  }
}

/** The lead unit's (or the master ledger's) row: 累计完成 or 自评进度, and the three texts. */
function readLeadRow(s: SheetScope, r: number, row: LedgerRow, lockedOk: boolean): void {
  const values: Partial<Record<Field, YamlScalar>> = {};
  const cells: Partial<Record<Field, string>> = {};
  const figureOk = row.mode === 'none' ? readSelf(s, r, values, cells) : readActual(s, r, row, values, cells);
  let rowOk = lockedOk && figureOk;
  for (const key of ['progress', 'problems', 'nextSteps'] as const) {
    const c = col(key);
    cells[key] = addr(r, c);
    const t = readText(s, r, c, FIELD_HEADER[key], s.ctx.config.limits[key]);
    if (t === false) rowOk = false;
    else if (t !== undefined) values[key] = t;
  }
  if (row.mode === 'none' && values.self === undefined && (values.progress !== undefined || values.problems !== undefined) && rowOk) {
    s.problems.push({
      location: at(s, r, col('self')),
      field: FIELD_HEADER.self,
      message: msg('row.chooseSelf', { list: joinList(SELF_STATUS) }),
      found: msg('cell.empty'),
      severity: 'warning',
    });
  }
  if (rowOk) {
    s.rows.push({ kind: row.kind, id: row.id, unit: s.meta.unit || undefined, issued: s.meta.issuedAt, returned: s.ctx.returned, values, file: s.ctx.file, sheet: s.name, cells });
  }
}

/** 自评进度 of an item without a numeric target; false when it is not one of the choices. */
function readSelf(s: SheetScope, r: number, values: Partial<Record<Field, YamlScalar>>, cells: Partial<Record<Field, string>>): boolean {
  ignored(s, r, 'actual', msg('row.ignoredNoTarget'));
  const c = col('self');
  cells.self = addr(r, c);
  const t = textIn(s.sheet.get(r, c));
  const list = joinList(SELF_STATUS);
  if (typeof t === 'object') {
    s.problems.push({ location: at(s, r, c), field: FIELD_HEADER.self, message: msg('row.oneOf', { list }), found: t.bad, ...(t.hint ? { hint: t.hint } : {}) });
    return false;
  }
  if (t === undefined) return true;
  if ((SELF_STATUS as readonly string[]).includes(t)) {
    values.self = t as SelfStatus;
    return true;
  }
  s.problems.push({ location: at(s, r, c), field: FIELD_HEADER.self, message: msg('row.choose', { list }), found: shown(t) });
  return false;
}

/** 累计完成 of an item with a numeric target, within its range; false when it cannot be taken. */
function readActual(s: SheetScope, r: number, row: LedgerRow, values: Partial<Record<Field, YamlScalar>>, cells: Partial<Record<Field, string>>): boolean {
  ignored(s, r, 'self', msg('row.ignoredTarget'));
  const c = col('actual');
  cells.actual = addr(r, c);
  const actual = numberIn(s.sheet.get(r, c));
  const range = { min: fmt(row.min), max: fmt(row.max) };
  if (typeof actual === 'object') {
    s.problems.push({
      location: at(s, r, c),
      field: FIELD_HEADER.actual,
      message: row.unit ? msg('row.numberIn', { ...range, unit: row.unit }) : msg('row.number', range),
      found: actual.bad,
      ...(actual.hint ? { hint: actual.hint } : {}),
    });
    return false;
  }
  if (actual === undefined) return true;
  if (actual < row.min || actual > row.max) {
    s.problems.push({ location: at(s, r, c), field: FIELD_HEADER.actual, message: msg('row.number', range), found: String(actual) });
    return false;
  }
  values.actual = actual;
  return true;
}
