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
  | 'lead'
  | 'co'
  | 'end'
  | 'actual'
  | 'rate'
  | 'schedule'
  | 'gap'
  | 'self'
  | 'status'
  | 'progress'
  | 'problems'
  | 'nextSteps'
  | 'leader'
  | 'note'
  | 'rowId';

export type InputKey = 'actual' | 'self' | 'progress' | 'problems' | 'nextSteps';

export interface ColumnDef {
  key: ColumnKey;
  /** Header text; `actual` gets its period-specific header (1—3月累计完成) at render time. */
  header: string;
  width: number;
  kind: ValueKind;
  input?: boolean;
  hidden?: boolean;
}

/**
 * Printed on A4 landscape at 100 % (10 pt type stays 10 pt on paper): the figures on
 * the first page across (序号 … 状态), the words on the second (进展情况 … 备注), with
 * 序号、类别、目标任务 repeated on both. The widths are chosen so each half fits.
 */
export const COLUMNS: readonly ColumnDef[] = [
  { key: 'no', header: '序号', width: 4, kind: 'number' },
  { key: 'category', header: '类别', width: 6, kind: 'text' },
  { key: 'name', header: '目标任务', width: 17, kind: 'text' },
  { key: 'target', header: '年度目标', width: 7, kind: 'number' },
  { key: 'unit', header: '单位', width: 4.5, kind: 'text' },
  { key: 'lead', header: '责任单位', width: 9, kind: 'text' },
  { key: 'end', header: '完成时限', width: 9, kind: 'date' },
  { key: 'actual', header: '累计完成', width: 8, kind: 'number', input: true },
  { key: 'rate', header: '完成率', width: 7.5, kind: 'formula' },
  { key: 'schedule', header: '序时进度', width: 7.5, kind: 'formula' },
  { key: 'gap', header: '快慢情况', width: 10, kind: 'formula' },
  { key: 'self', header: '自评进度', width: 7.5, kind: 'text', input: true },
  { key: 'status', header: '状态', width: 5.5, kind: 'formula' },
  { key: 'progress', header: '进展情况', width: 26, kind: 'text', input: true },
  { key: 'problems', header: '存在问题', width: 18, kind: 'text', input: true },
  { key: 'nextSteps', header: '下步打算', width: 18, kind: 'text', input: true },
  { key: 'co', header: '配合单位', width: 9, kind: 'text' },
  { key: 'leader', header: '牵头领导', width: 5, kind: 'text' },
  { key: 'note', header: '备注', width: 8, kind: 'text' },
  { key: 'rowId', header: '行标识', width: 14, kind: 'text', hidden: true },
];

/** Last column of the first printed page (the figures); the texts print on the next page across. */
export const FIRST_PAGE_LAST: ColumnKey = 'status';
/** Columns repeated at the left of every printed page. */
export const REPEAT_COLUMNS = 'A:C';

/** 1-based column of a key. */
export function col(key: ColumnKey): number {
  return COLUMNS.findIndex((c) => c.key === key) + 1;
}

/** Columns fingerprinted as issued (locked, visible): everything but inputs and the row id. */
export const LOCKED_KEYS: readonly ColumnKey[] = COLUMNS.filter((c) => !c.input && c.key !== 'rowId').map((c) => c.key);
export const INPUT_KEYS: readonly InputKey[] = ['actual', 'self', 'progress', 'problems', 'nextSteps'];

/** Fixed layout of a data sheet. */
export const SHEET = {
  titleRow: 1,
  infoRow: 2,
  headerRow: 3,
  firstDataRow: 4,
  /** 统计起始 (first day of the plan year) and 截至日期 (end of the reporting month). */
  startCell: { row: 2, col: 8 },
  asOfCell: { row: 2, col: 11 },
} as const;

export const SHEET_NAMES = {
  targets: '主要预期目标',
  tasks: '重点任务',
  projects: '重点项目',
  /** In a unit's workbook: the items it supports (配合), where it reports 配合情况 only. */
  support: '配合事项',
  summary: '汇总',
  meta: '_jianbao',
} as const;

/** Format tag in the hidden sheet; bump when the layout changes incompatibly. */
export const LEDGER_FORMAT = 'jianbao-ledger/2';

/** Fills that are not statuses (status colours: pipeline/status.ts). */
export const COLORS = {
  input: 'FFFFF2CC',
  header: 'FFD9E1F2',
  locked: 'FFF2F2F2',
  title: 'FF000000',
  bar: 'FF5B9BD5',
} as const;
