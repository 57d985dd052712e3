/**
 * Formula text of the computed ledger columns. Each builder is the spreadsheet twin of a
 * function in pipeline/model/progress.ts (completionRate, scheduleShare, evaluateRow);
 * the tests recalculate the formulas in LibreOffice and compare with those functions.
 */
import { STATUS_LABEL, type LedgerConfig, type LedgerRow } from '../../model/progress.js';
import { col, SHEET, type ColumnKey } from './columns.js';
import { addr, colLetter } from './spec.js';

const abs = (c: { row: number; col: number }) => `$${colLetter(c.col)}$${c.row}`;
const START = abs(SHEET.startCell);
const AS_OF = abs(SHEET.asOfCell);
const ref = (key: ColumnKey, row: number) => addr(row, col(key));
const mi = (cell: string) => `(YEAR(${cell})*12+MONTH(${cell}))`;
const str = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** 完成率 (absent for a row without a quantified target). */
export function rateFormula(row: Pick<LedgerRow, 'mode'>, r: number): string | undefined {
  const J = ref('actual', r);
  const D = ref('target', r);
  switch (row.mode) {
    case 'none':
      return undefined;
    case 'ceiling':
      return `IF(${J}="","",IF(${J}<=0,1,${D}/${J}))`;
    default:
      return `IF(${J}="","",${J}/${D})`;
  }
}

/** 序时进度: month-based share of start → 完成时限 elapsed at 截至日期. */
export function scheduleFormula(r: number): string {
  const I = ref('end', r);
  return `IF(${mi(I)}<${mi(START)},1,MIN(1,MAX(0,(${mi(AS_OF)}-${mi(START)}+1)/(${mi(I)}-${mi(START)}+1))))`;
}

/** 状态: 已完成 / 绿灯 / 黄灯 / 红灯 / 未填报 (/ 已填报 for a qualitative row). */
export function statusFormula(row: Pick<LedgerRow, 'mode'>, r: number, config: LedgerConfig): string {
  const J = ref('actual', r);
  const K = ref('rate', r);
  const L = ref('schedule', r);
  const M = ref('progress', r);
  const I = ref('end', r);
  const label = STATUS_LABEL;
  if (row.mode === 'none') return `IF(AND(${J}="",${M}=""),${str(label.missing)},${str(label.reported)})`;
  const expected = row.mode === 'cumulative' ? L : '1';
  const behind = `ROUND((${expected}-${K})*100,2)`;
  const done = row.mode === 'cumulative' ? `${K}>=1` : `AND(${K}>=1,${AS_OF}>=${I})`;
  const y = config.status.yellowBehind;
  return (
    `IF(${J}="",${str(label.missing)},IF(${done},${str(label.done)},` +
    `IF(AND(${K}<1,${AS_OF}>${I}),${str(label.red)},` +
    `IF(${behind}<=0,${str(label.green)},IF(${behind}<=${y},${str(label.yellow)},${str(label.red)})))))`
  );
}
