/**
 * Formula text of the computed ledger columns. Each builder is the spreadsheet twin of a
 * function in pipeline/model/progress/evaluate.ts (completionRate, scheduleShare,
 * gapText, evaluateRow); the tests recalculate the formulas in LibreOffice and compare
 * with those functions.
 */
import { STATUS_LABEL, type LedgerConfig, type LedgerRow } from '../../model/progress.js';
import { SELF_STATUS_MEANS, type SelfStatus } from '../../core/status.js';
import { col, SHEET, type ColumnKey } from './columns.js';
import { addr, colLetter } from './spec.js';

const abs = (c: { row: number; col: number }) => `$${colLetter(c.col)}$${c.row}`;
const START = abs(SHEET.startCell);
const AS_OF = abs(SHEET.asOfCell);
const ref = (key: ColumnKey, row: number) => addr(row, col(key));
const mi = (cell: string) => `(YEAR(${cell})*12+MONTH(${cell}))`;
const str = (s: string) => `"${s.replace(/"/g, '""')}"`;
const pct2 = (cell: string) => `ROUND(${cell}*100,2)`;

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

/** 比序时进度: 快14.50个百分点 / 慢… / 与序时进度持平 (amounts); 高于/低于目标… (rates in %); else empty. */
export function gapFormula(row: Pick<LedgerRow, 'mode' | 'unit'>, r: number): string | undefined {
  const J = ref('actual', r);
  const K = ref('rate', r);
  const L = ref('schedule', r);
  const D = ref('target', r);
  const phrase = (d: string, more: string, less: string, same: string) =>
    `IF(${d}>0,${str(more)}&TEXT(${d},"0.00")&"个百分点",IF(${d}<0,${str(less)}&TEXT(-(${d}),"0.00")&"个百分点",${str(same)}))`;
  if (row.mode === 'cumulative') {
    const d = `ROUND(${pct2(K)}-${pct2(L)},2)`;
    return `IF(${J}="","",${phrase(d, '快', '慢', '与序时进度持平')})`;
  }
  if (row.mode === 'rate' && row.unit === '%') {
    const d = `ROUND(ROUND(${J},2)-ROUND(${D},2),2)`;
    return `IF(${J}="","",${phrase(d, '高于目标', '低于目标', '与目标持平')})`;
  }
  return undefined;
}

/** 状态: 已完成 / 绿灯 / 黄灯 / 红灯 / 未填报 — from the figures, or from 自评进度 for a row without a numeric target. */
export function statusFormula(row: Pick<LedgerRow, 'mode'>, r: number, config: LedgerConfig): string {
  const J = ref('actual', r);
  const K = ref('rate', r);
  const L = ref('schedule', r);
  const S = ref('self', r);
  const I = ref('end', r);
  const label = STATUS_LABEL;
  if (row.mode === 'none') {
    const choice = (Object.keys(SELF_STATUS_MEANS) as SelfStatus[]).filter((k) => k !== '已完成');
    let inner = str(label.missing);
    for (const k of [...choice].reverse()) inner = `IF(${S}=${str(k)},${str(label[SELF_STATUS_MEANS[k]])},${inner})`;
    return `IF(${S}="",${str(label.missing)},IF(${S}=${str('已完成')},${str(label.done)},IF(${AS_OF}>${I},${str(label.red)},${inner})))`;
  }
  const expected = row.mode === 'cumulative' ? pct2(L) : '100';
  const behind = `ROUND(${expected}-${pct2(K)},2)`;
  const done = row.mode === 'cumulative' ? `${K}>=1` : `AND(${K}>=1,${AS_OF}>=${I})`;
  const y = config.status.yellowBehind;
  return (
    `IF(${J}="",${str(label.missing)},IF(${done},${str(label.done)},` +
    `IF(AND(${K}<1,${AS_OF}>${I}),${str(label.red)},` +
    `IF(${behind}<=0,${str(label.green)},IF(${behind}<=${y},${str(label.yellow)},${str(label.red)})))))`
  );
}
