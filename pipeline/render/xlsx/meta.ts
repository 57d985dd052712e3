/**
 * The hidden (veryHidden, protected) sheet of a ledger: which meeting, district, unit and
 * reporting period it was issued for, and for every row its stable id plus the
 * fingerprints of its locked cells. Written by the ledger layout, parsed by ingest.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { msg } from '../../messages/index.js';
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
  /** As read back (row 8); written from `metaDigest`. */
  checksum?: string;
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
/** Row of the checksum over everything else in the sheet (between the keys and the table). */
export const CHECKSUM_ROW = KEYS.length + 1;
const TABLE_ROW = KEYS.length + 3;

/**
 * Checksum of the hidden sheet's contents. Not a signature (anyone who knows the scheme
 * can recompute it): it makes an edited hidden sheet — another unit, meeting or period
 * typed in, a fingerprint changed — a located error instead of a silent mis-merge.
 */
export function metaDigest(meta: Omit<LedgerMeta, 'checksum'>): string {
  const sorted = (cells: Record<string, string>) => Object.fromEntries(Object.entries(cells).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const body = JSON.stringify([
    KEYS.map((k) => meta[k]),
    meta.rows.map((r) => [r.sheet, r.rowId, r.line, r.fingerprint.hash, sorted(r.fingerprint.cells)]),
  ]);
  return createHash('sha256').update(`jianbao-ledger-meta\u0000${body}`).digest('hex');
}

export function metaSheet(meta: LedgerMeta): SheetSpec {
  const cells: CellSpec[] = [];
  KEYS.forEach((k, i) => {
    cells.push({ row: i + 1, col: 1, value: k }, { row: i + 1, col: 2, value: meta[k] });
  });
  cells.push({ row: CHECKSUM_ROW, col: 1, value: 'checksum' }, { row: CHECKSUM_ROW, col: 2, value: metaDigest(meta) });
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
  format: z.literal(LEDGER_FORMAT),
  meeting: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  district: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  unit: z.string().regex(/^([a-z0-9][a-z0-9-]{0,63})?$/),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  issuedAt: z.string().min(10),
});

/** What each key of the hidden sheet holds, in the current language. */
const EXPECTED: Record<(typeof KEYS)[number], () => string> = {
  format: () => msg('meta.format', { value: LEDGER_FORMAT }),
  meeting: () => msg('meta.meeting'),
  district: () => msg('meta.district'),
  unit: () => msg('meta.unit'),
  period: () => msg('meta.period'),
  asOf: () => msg('meta.asOf'),
  issuedAt: () => msg('meta.issuedAt'),
};

const Cells = z.record(z.string(), z.string());

/** A found value for a message: JSON, cut short (a cell holds up to 32 767 characters). */
function brief(v: unknown): string {
  const s = JSON.stringify(v ?? null) ?? 'null';
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export type MetaParseError = { error: string; found?: string; /** A1-style cell of the hidden sheet. */ cell?: string };

/** Parse the hidden sheet from a cell getter; returns the problem text on failure. */
export function parseMeta(get: (row: number, col: number) => unknown): { meta: LedgerMeta } | MetaParseError {
  const head: Record<string, unknown> = {};
  for (let i = 0; i < KEYS.length; i++) {
    const key = get(i + 1, 1);
    if (key !== KEYS[i]) return { error: msg('meta.key', { key: KEYS[i]!, row: i + 1 }), found: brief(key), cell: `A${i + 1}` };
    const v = get(i + 1, 2);
    head[KEYS[i]!] = v === null || v === undefined ? '' : String(v);
  }
  const parsed = MetaHead.safeParse(head);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]) as (typeof KEYS)[number];
    return { error: EXPECTED[key](), found: brief(head[key]), cell: `B${KEYS.indexOf(key) + 1}` };
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
      return { error: msg('meta.fingerprints', { row }), found: brief(cellsText), cell: `E${row}` };
    }
    if (typeof rowId !== 'string' || rowId === '') return { error: msg('meta.rowId', { row }), found: brief(rowId), cell: `B${row}` };
    if (typeof line !== 'number' || !Number.isInteger(line) || line < 1 || line > 1_048_576) return { error: msg('meta.rowNumber', { row }), found: brief(line), cell: `C${row}` };
    if (typeof hash !== 'string') return { error: msg('meta.hash', { row }), found: brief(hash), cell: `D${row}` };
    rows.push({ sheet: String(sheet), rowId, line, fingerprint: { hash, cells } });
  }
  const checksumKey = get(CHECKSUM_ROW, 1);
  const checksum = get(CHECKSUM_ROW, 2);
  return { meta: { ...parsed.data, rows, ...(checksumKey === 'checksum' && typeof checksum === 'string' ? { checksum } : {}) } };
}

/** Whether the hidden sheet is as issued (its checksum matches its contents). */
export function metaIntact(meta: LedgerMeta): boolean {
  const { checksum, ...rest } = meta;
  return checksum !== undefined && checksum === metaDigest(rest);
}
