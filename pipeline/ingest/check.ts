/**
 * Validate one returned ledger workbook against its hidden sheet and the current data:
 * rows are found by their row id (sorting and filtering do not matter), locked cells are
 * compared with their issued fingerprints, inputs are type- and range-checked.
 * Produces the rows to merge and the problems, each at `file › sheet › cell`.
 */
import { showValue, type Problem } from '../errors.js';
import type { MeetingView } from '../core/view.js';
import { allRows, ledgerRows, periodEnd, SELF_STATUS, type LedgerConfig, type LedgerRow, type SelfStatus } from '../model/progress.js';
import {
  canonical,
  col,
  COLUMNS,
  fixedCellPositions,
  INPUT_KEYS,
  LOCKED_KEYS,
  parseMeta,
  SHEET,
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

function shown(v: ReadValue): string {
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    if ('formula' in v) return `a formula =${v.formula.slice(0, 30)}`;
    if (v.error === '#UNREADABLE!') return 'a value this tool cannot read (a damaged formula?)';
    return `an error ${v.error}`;
  }
  return showValue(v);
}

const NUMERAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Why text in a number cell is not taken as the number it looks like: said for a clerk. */
function textNumber(v: string): string {
  const t = v.trim();
  const half = t.normalize('NFKC').replace(/\s+/g, '');
  if (NUMERAL.test(t)) return `${shown(v)} (a number stored as text)`;
  if (/^\d{4}\s*[-/.年]\s*\d{1,2}(\s*[-/.月]\s*\d{1,2}日?)?$/.test(half)) return `${shown(v)} (a date, not an amount)`;
  if (NUMERAL.test(half)) return `${shown(v)} (full-width digits or spaces)`;
  if (/^[+-]?[\d.]+\D/.test(half)) return `${shown(v)} (a number with a unit or words)`;
  return shown(v);
}

function numberIn(v: ReadValue): number | undefined | { bad: string } {
  if (v === null) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { bad: String(v) };
  if (typeof v === 'string') return v.trim() === '' ? undefined : { bad: textNumber(v) };
  if (v instanceof Date) return { bad: `a date ${v.toISOString().slice(0, 10)}` };
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
export function cleanText(raw: string): string | { bad: string } {
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
    return { bad: `a control character U+${code} (pasted from Word or a PDF? retype the text or paste it as plain text)` };
  }
  return t;
}

function textIn(v: ReadValue): string | undefined | { bad: string } {
  if (v === null) return undefined;
  if (typeof v === 'string') {
    const t = cleanText(v);
    return typeof t === 'string' && t === '' ? undefined : t;
  }
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return { bad: `a date ${v.toISOString().slice(0, 10)}` };
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
    return {
      problem: {
        location: { kind: 'cell', file, sheet: SHEET_NAMES.meta },
        message: `expected a ledger workbook issued by jianbao (with its hidden sheet ${SHEET_NAMES.meta})`,
        found: `sheets ${wb.sheets.map((s) => s.name).join(', ') || 'none'}`,
      },
    };
  }
  const parsed = parseMeta((r, c) => {
    const v = sheet.get(r, c);
    return v !== null && typeof v === 'object' && !(v instanceof Date) ? ('formula' in v ? v.result : null) : v;
  });
  if ('error' in parsed) {
    return { problem: { location: { kind: 'cell', file, sheet: SHEET_NAMES.meta, ...(parsed.cell ? { cell: parsed.cell } : {}) }, message: parsed.error, found: parsed.found } };
  }
  if (parsed.meta.asOf !== periodEnd(parsed.meta.period)) {
    return {
      problem: {
        location: { kind: 'cell', file, sheet: SHEET_NAMES.meta, cell: 'B6' },
        message: `expected the as-of date ${periodEnd(parsed.meta.period)} of period ${parsed.meta.period}`,
        found: parsed.meta.asOf,
      },
    };
  }
  return parsed;
}

/** Step 2: check every data sheet the hidden sheet lists. */
export function checkSheets(wb: ReadWorkbook, meta: LedgerMeta, ctx: CheckContext): CheckedReturn {
  const problems: Problem[] = [];
  const rows: IncomingRow[] = [];
  const byRowId = new Map<string, LedgerRow>(allRows(ledgerRows(ctx.view)).map((r) => [r.rowId, r]));
  const sheetNames = [...new Set(meta.rows.map((r) => r.sheet))];
  for (const name of sheetNames) {
    const sheet = wb.sheet(name);
    const issued = meta.rows.filter((r) => r.sheet === name);
    if (!sheet) {
      problems.push({ location: { kind: 'cell', file: ctx.file, sheet: name }, message: `expected the sheet ${name} as issued`, found: 'no such sheet (renamed or deleted?)' });
      continue;
    }
    const at = (row: number, c: number) => ({ kind: 'cell' as const, file: ctx.file, sheet: name, cell: addr(row, c) });

    // Fixed cells: title, dates, headers.
    const fixed = issued.find((r) => r.rowId === '#sheet');
    if (fixed) {
      const headers: Problem[] = [];
      for (const f of fixedCellPositions()) {
        const v = sheet.get(f.row, f.col);
        if (shortHash(canonical(v, f.kind, f.row)) !== fixed.fingerprint.cells[f.key]) {
          (f.key.startsWith('h:') ? headers : problems).push({
            location: at(f.row, f.col),
            field: f.key.startsWith('h:') ? header(f.key.slice(2)) : f.key === 'title' ? '标题' : f.key === 'asOf' ? '截至日期' : '统计起始',
            message: 'expected the value as issued (this cell is locked; columns and header rows must not change)',
            found: shown(v),
          });
        }
      }
      if (headers.length >= 2) {
        // Columns inserted, deleted or moved: one problem, and no row is read (every
        // column is somewhere else now, so row problems would only be noise).
        const first = headers[0]!;
        problems.push({
          location: first.location,
          field: '表头',
          message: `expected the columns as issued, in order ${COLUMNS.map((c) => c.header).join('、')} (a column was inserted, deleted or moved; fill in the issued layout)`,
          found: `${headers.length} of ${COLUMNS.length} column headers changed, from ${first.field} on`,
        });
        continue;
      }
      problems.push(...headers);
    }

    const expected = new Map(issued.filter((r) => r.rowId !== '#sheet').map((r) => [r.rowId, r]));
    const seen = new Set<string>();
    const idCol = col('rowId');
    for (const r of sheet.rows) {
      if (r < SHEET.firstDataRow) continue;
      const idValue = sheet.get(r, idCol);
      const inputsFilled = INPUT_KEYS.some((k) => !isEmpty(sheet.get(r, col(k))));
      if (isEmpty(idValue)) {
        const anything = COLUMNS.some((c) => !isEmpty(sheet.get(r, col(c.key))));
        if (anything) {
          problems.push({
            location: at(r, idCol),
            field: header('rowId'),
            message: inputsFilled
              ? 'expected the hidden row id of an issued row (rows cannot be added; fill in the issued rows only)'
              : 'expected the hidden row id of an issued row (was a row added or the row id column cleared?)',
            found: 'an empty cell',
          });
        }
        continue;
      }
      const rowId = typeof idValue === 'string' ? idValue.trim() : '';
      const issuedRow = expected.get(rowId);
      if (!issuedRow) {
        problems.push({ location: at(r, idCol), field: header('rowId'), message: 'expected a row id issued in this sheet', found: shown(idValue) });
        continue;
      }
      if (seen.has(rowId)) {
        problems.push({ location: at(r, idCol), field: header('rowId'), message: 'expected each issued row once (was a row copied?)', found: shown(idValue) });
        continue;
      }
      seen.add(rowId);

      let rowOk = true;
      for (const key of LOCKED_KEYS) {
        const c = col(key);
        const v = sheet.get(r, c);
        const def = COLUMNS.find((x) => x.key === key)!;
        if (shortHash(canonical(v, def.kind, r)) !== issuedRow.fingerprint.cells[key]) {
          rowOk = false;
          problems.push({
            location: at(r, c),
            field: def.header,
            message: def.kind === 'formula' ? 'expected the value as issued (this cell is locked: it holds a formula, do not paste values over it)' : 'expected the value as issued (this cell is locked)',
            found: shown(v),
          });
        }
      }
      const row = byRowId.get(rowId);
      if (!row) {
        problems.push({
          location: at(r, idCol),
          field: header('rowId'),
          message: `expected a ${rowId.startsWith('task:') ? 'task' : 'target'} of meeting ${meta.meeting} (it is no longer in the data)`,
          found: JSON.stringify(rowId),
        });
        continue;
      }
      const support = name === SHEET_NAMES.support;
      const kindWord = row.kind;
      if (meta.unit && (support ? !row.coIds.includes(meta.unit) || row.leadId === meta.unit : row.leadId !== meta.unit)) {
        problems.push({
          location: at(r, idCol),
          field: header('rowId'),
          message: `expected a ${kindWord} ${support ? 'supported' : 'led'} by unit ${meta.unit} (the data has reassigned it since the ledger was issued; nothing was taken from this row)`,
          found: JSON.stringify(rowId),
          severity: 'warning',
        });
        continue;
      }
      const ignored = (key: InputKey, why: string) => {
        if (!isEmpty(sheet.get(r, col(key)))) {
          problems.push({ location: at(r, col(key)), field: header(key), message: `expected this cell blank (${why}); it was not taken`, found: shown(sheet.get(r, col(key))), severity: 'warning' });
        }
      };

      if (support) {
        for (const key of ['actual', 'self', 'problems', 'nextSteps'] as const) ignored(key, 'a supporting unit reports 配合情况 only; the lead unit reports the figures');
        const c = col('progress');
        const t = textIn(sheet.get(r, c));
        if (typeof t === 'object') {
          problems.push({ location: at(r, c), field: '配合情况', message: 'expected text', found: t.bad });
        } else if (t !== undefined) {
          const limit = ctx.config.limits.progress;
          if ([...t].length > limit) problems.push({ location: at(r, c), field: '配合情况', message: `expected at most ${limit} characters`, found: `${[...t].length} characters` });
          else if (rowOk) {
            rows.push({ kind: row.kind, id: row.id, unit: meta.unit, issued: meta.issuedAt, returned: ctx.returned, values: {}, support: t, file: ctx.file, sheet: name, cells: { support: addr(r, c) } });
          }
        }
        continue;
      }

      const values: Partial<Record<Field, YamlScalar>> = {};
      const cells: Partial<Record<Field, string>> = {};
      if (row.mode === 'none') {
        ignored('actual', 'this item has no numeric target: choose 自评进度 instead');
        const c = col('self');
        cells.self = addr(r, c);
        const t = textIn(sheet.get(r, c));
        if (typeof t === 'object') {
          rowOk = false;
          problems.push({ location: at(r, c), field: FIELD_HEADER.self, message: `expected one of ${SELF_STATUS.join(', ')}`, found: t.bad });
        } else if (t !== undefined) {
          if ((SELF_STATUS as readonly string[]).includes(t)) values.self = t as SelfStatus;
          else {
            rowOk = false;
            problems.push({ location: at(r, c), field: FIELD_HEADER.self, message: `expected one of ${SELF_STATUS.join(', ')} (choose from the list)`, found: shown(t) });
          }
        }
      } else {
        ignored('self', 'this item has a numeric target: its status comes from 累计完成');
        const actualCell = sheet.get(r, col('actual'));
        const actual = numberIn(actualCell);
        cells.actual = addr(r, col('actual'));
        if (typeof actual === 'object') {
          rowOk = false;
          problems.push({
            location: at(r, col('actual')),
            field: FIELD_HEADER.actual,
            message: `expected a number between ${fmt(row.min)} and ${fmt(row.max)}${row.unit ? ` (in ${row.unit}, without the unit)` : ''}`,
            found: actual.bad,
          });
        } else if (actual !== undefined) {
          if (actual < row.min || actual > row.max) {
            rowOk = false;
            problems.push({
              location: at(r, col('actual')),
              field: FIELD_HEADER.actual,
              message: `expected a number between ${fmt(row.min)} and ${fmt(row.max)}`,
              found: String(actual),
            });
          } else values.actual = actual;
        }
      }
      for (const key of ['progress', 'problems', 'nextSteps'] as const) {
        const c = col(key);
        cells[key] = addr(r, c);
        const t = textIn(sheet.get(r, c));
        if (typeof t === 'object') {
          rowOk = false;
          problems.push({ location: at(r, c), field: FIELD_HEADER[key], message: 'expected text', found: t.bad });
        } else if (t !== undefined) {
          const limit = ctx.config.limits[key];
          if ([...t].length > limit) {
            rowOk = false;
            problems.push({ location: at(r, c), field: FIELD_HEADER[key], message: `expected at most ${limit} characters`, found: `${[...t].length} characters` });
          } else values[key] = t;
        }
      }
      if (row.mode === 'none' && values.self === undefined && (values.progress !== undefined || values.problems !== undefined) && rowOk) {
        problems.push({
          location: at(r, col('self')),
          field: FIELD_HEADER.self,
          message: `expected a choice of 自评进度 (${SELF_STATUS.join(', ')}) for an item without a numeric target; until one is chosen it counts as 未填报`,
          found: 'an empty cell',
          severity: 'warning',
        });
      }
      if (rowOk) {
        rows.push({
          kind: row.kind,
          id: row.id,
          unit: meta.unit || undefined,
          issued: meta.issuedAt,
          returned: ctx.returned,
          values,
          file: ctx.file,
          sheet: name,
          cells,
        });
      }
    }
    for (const [rowId, r] of expected) {
      if (!seen.has(rowId)) {
        problems.push({
          location: { kind: 'cell', file: ctx.file, sheet: name, cell: addr(r.line, idCol) },
          field: header('rowId'),
          message: `expected the issued row ${rowId} (it is missing: deleted? nothing was taken for it)`,
          found: 'no such row',
          severity: 'warning',
        });
      }
    }
  }
  return { meta, rows, problems };
}
