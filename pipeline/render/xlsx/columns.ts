/**
 * The ledger's columns (gongwen-format.md §5.1), their widths for Chinese text, which
 * are inputs, and the fixed cells of a data sheet. Shared by the writer and by ingest,
 * which reads columns at these positions and checks the header row against its issued
 * fingerprints first (so an inserted, deleted or moved column is reported, never read
 * shifted).
 */
import type { ValueKind } from './fingerprint.js';

export type ColumnKey =
  | 'no'
  | 'category'
  | 'name'
  | 'target'
  | 'unit'
  | 'leader'
  | 'lead'
  | 'co'
  | 'end'
  | 'actual'
  | 'rate'
  | 'schedule'
  | 'progress'
  | 'status'
  | 'problems'
  | 'nextSteps'
  | 'note'
  | 'rowId';

export type InputKey = 'actual' | 'progress' | 'problems' | 'nextSteps';

export interface ColumnDef {
  key: ColumnKey;
  /** Header text; `actual` gets its period-specific header (1—3月累计完成) at render time. */
  header: string;
  width: number;
  kind: ValueKind;
  input?: boolean;
  hidden?: boolean;
}

export const COLUMNS: readonly ColumnDef[] = [
  { key: 'no', header: '序号', width: 5.5, kind: 'number' },
  { key: 'category', header: '任务类别', width: 13, kind: 'text' },
  { key: 'name', header: '目标任务', width: 28, kind: 'text' },
  { key: 'target', header: '年度目标', width: 9, kind: 'number' },
  { key: 'unit', header: '单位', width: 6.5, kind: 'text' },
  { key: 'leader', header: '牵头领导', width: 8, kind: 'text' },
  { key: 'lead', header: '责任单位', width: 13, kind: 'text' },
  { key: 'co', header: '配合单位', width: 13, kind: 'text' },
  { key: 'end', header: '完成时限', width: 14, kind: 'date' },
  { key: 'actual', header: '累计完成', width: 10, kind: 'number', input: true },
  { key: 'rate', header: '完成率', width: 8.5, kind: 'formula' },
  { key: 'schedule', header: '序时进度', width: 8.5, kind: 'formula' },
  { key: 'progress', header: '进展情况', width: 30, kind: 'text', input: true },
  { key: 'status', header: '状态', width: 7, kind: 'formula' },
  { key: 'problems', header: '存在问题', width: 18, kind: 'text', input: true },
  { key: 'nextSteps', header: '下步打算', width: 18, kind: 'text', input: true },
  { key: 'note', header: '备注', width: 15, kind: 'text' },
  { key: 'rowId', header: '行标识', width: 14, kind: 'text', hidden: true },
];

/** 1-based column of a key. */
export function col(key: ColumnKey): number {
  return COLUMNS.findIndex((c) => c.key === key) + 1;
}

/** Columns fingerprinted as issued (locked, visible): everything but inputs and the row id. */
export const LOCKED_KEYS: readonly ColumnKey[] = COLUMNS.filter((c) => !c.input && c.key !== 'rowId').map((c) => c.key);
export const INPUT_KEYS: readonly InputKey[] = ['actual', 'progress', 'problems', 'nextSteps'];

/** Fixed layout of a data sheet. */
export const SHEET = {
  titleRow: 1,
  infoRow: 2,
  headerRow: 3,
  firstDataRow: 4,
  /** 统计起始 (first day of the targets year) and 截至日期 (end of the reporting month). */
  startCell: { row: 2, col: 9 },
  asOfCell: { row: 2, col: 11 },
} as const;

export const SHEET_NAMES = {
  targets: '主要预期目标',
  tasks: '重点任务',
  summary: '汇总',
  meta: '_jianbao',
} as const;

/** Format tag in the hidden sheet; bump when the layout changes incompatibly. */
export const LEDGER_FORMAT = 'jianbao-ledger/1';

export const COLORS = {
  input: 'FFFFF2CC',
  header: 'FFD9E1F2',
  title: 'FF000000',
  done: 'FFBDD7EE',
  green: 'FFC6EFCE',
  yellow: 'FFFFEB9C',
  red: 'FFFFC7CE',
  missing: 'FFEDEDED',
  bar: 'FF5B9BD5',
} as const;
