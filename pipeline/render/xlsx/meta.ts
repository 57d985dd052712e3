/**
 * The hidden (veryHidden, protected) sheet of a ledger: which meeting, district, unit and
 * reporting period it was issued for, and for every row its stable id plus the
 * fingerprints of its locked cells. Written by the ledger layout, parsed by ingest.
 */
import { z } from 'zod';
import { LEDGER_FORMAT, SHEET_NAMES } from './columns.js';
import type { CellSpec, SheetSpec } from './spec.js';
import type { RowFingerprint } from './fingerprint.js';

export interface LedgerMeta {
  format: string;
  meeting: string;
  district: string;
  /** Unit the workbook was issued to; '' for the master ledger (督查室). */
  unit: string;
  period: string;
  asOf: string;
  issuedAt: string;
  rows: MetaRow[];
}

export interface MetaRow {
  sheet: string;
  /** `task:t01`, or `#sheet` for the fixed cells of a sheet (header, dates). */
  rowId: string;
  /** Row number at issue. */
  line: number;
  fingerprint: RowFingerprint;
}

const KEYS = ['format', 'meeting', 'district', 'unit', 'period', 'asOf', 'issuedAt'] as const;
const TABLE_HEADER = ['sheet', 'rowId', 'line', 'hash', 'cells'];
const TABLE_ROW = KEYS.length + 3;

export function metaSheet(meta: LedgerMeta): SheetSpec {
  const cells: CellSpec[] = [];
  KEYS.forEach((k, i) => {
    cells.push({ row: i + 1, col: 1, value: k }, { row: i + 1, col: 2, value: meta[k] });
  });
  TABLE_HEADER.forEach((h, i) => cells.push({ row: TABLE_ROW, col: i + 1, value: h }));
  meta.rows.forEach((r, i) => {
    const row = TABLE_ROW + 1 + i;
    cells.push(
      { row, col: 1, value: r.sheet },
      { row, col: 2, value: r.rowId },
      { row, col: 3, value: r.line },
      { row, col: 4, value: r.fingerprint.hash },
      { row, col: 5, value: JSON.stringify(r.fingerprint.cells) },
    );
  });
  return {
    name: SHEET_NAMES.meta,
    state: 'veryHidden',
    columns: [{ width: 12 }, { width: 30 }, { width: 6 }, { width: 66 }, { width: 80 }],
    rowHeights: [],
    cells,
    merges: [],
    validations: [],
    conditionalFormats: [],
    protect: true,
  };
}

const MetaHead = z.object({
  format: z.literal(LEDGER_FORMAT, { error: `expected format ${LEDGER_FORMAT}` }),
  meeting: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'expected a meeting id' }),
  district: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'expected a district id' }),
  unit: z.string().regex(/^([a-z0-9][a-z0-9-]{0,63})?$/, { error: 'expected a unit id' }),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a period YYYY-MM' }),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date YYYY-MM-DD' }),
  issuedAt: z.string().min(10, { error: 'expected an ISO timestamp' }),
});

const Cells = z.record(z.string(), z.string());

/** Parse the hidden sheet from a cell getter; returns the problem text on failure. */
export function parseMeta(get: (row: number, col: number) => unknown): { meta: LedgerMeta } | { error: string; found?: string } {
  const head: Record<string, unknown> = {};
  for (let i = 0; i < KEYS.length; i++) {
    const key = get(i + 1, 1);
    if (key !== KEYS[i]) return { error: `expected the key "${KEYS[i]}" in row ${i + 1}`, found: JSON.stringify(key ?? null) };
    const v = get(i + 1, 2);
    head[KEYS[i]!] = v === null || v === undefined ? '' : String(v);
  }
  const parsed = MetaHead.safeParse(head);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `${issue.message} (${String(issue.path[0])})`, found: JSON.stringify(head[String(issue.path[0])] ?? null) };
  }
  const rows: MetaRow[] = [];
  for (let row = TABLE_ROW + 1; ; row++) {
    const sheet = get(row, 1);
    if (sheet === null || sheet === undefined || sheet === '') break;
    const rowId = get(row, 2);
    const line = get(row, 3);
    const hash = get(row, 4);
    const cellsText = get(row, 5);
    let cells: Record<string, string>;
    try {
      cells = Cells.parse(JSON.parse(String(cellsText)));
    } catch {
      return { error: `expected the fingerprints of row ${row}`, found: JSON.stringify(cellsText ?? null) };
    }
    if (typeof rowId !== 'string' || typeof line !== 'number' || typeof hash !== 'string') {
      return { error: `expected a row id, line and hash in row ${row}` };
    }
    rows.push({ sheet: String(sheet), rowId, line, fingerprint: { hash, cells } });
  }
  return { meta: { ...parsed.data, rows } };
}
