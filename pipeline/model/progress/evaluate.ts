/**
 * Periods, 序时进度, 完成率 and the status rule. `evaluateRow` is the exact mirror of the
 * ledger formulas in pipeline/render/xlsx/formulas.ts (tested against LibreOffice).
 */
import { msg } from '../../messages/index.js';
import { SELF_STATUS_MEANS, type SelfStatus, type Status } from '../../core/status.js';
import { DEFAULT_LEDGER_CONFIG, type LedgerConfig } from './config.js';
import type { LedgerRow } from './rows.js';

function monthIndex(iso: string): number {
  return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7));
}

/** Last day of a reporting month: 2023-02 → 2023-02-28. */
export function periodEnd(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}

/**
 * 序时进度: months elapsed from the start month to the as-of month over months from start
 * to 完成时限, in [0, 1] — n/12 for an item due at the end of the plan year.
 */
export function scheduleShare(asOf: string, start: string, end: string): number {
  const s = monthIndex(start);
  const e = monthIndex(end);
  if (e < s) return 1;
  return Math.min(1, Math.max(0, (monthIndex(asOf) - s + 1) / (e - s + 1)));
}

/** Months of the plan year elapsed at the end of `period` (the n of n/12). */
export function elapsedMonths(period: string, year: number): number {
  return Math.min(12, Math.max(0, monthIndex(`${period}-01`) - monthIndex(`${year}-01-01`) + 1));
}

/** `截至3月` within the plan year, else `截至2022年12月`. */
export function periodLabel(period: string, year: number): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return y === year ? `截至${m}月` : `截至${y}年${m}月`;
}

/** `1—3月` */
export function monthsLabel(period: string): string {
  const m = Number(period.slice(5, 7));
  return m === 1 ? '1月' : `1—${m}月`;
}

/** Header of the 累计完成 column: `1—3月累计完成`. */
export function actualHeader(period: string, year: number): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return y === year ? `${monthsLabel(period)}累计完成` : `累计完成（截至${y}年${m}月）`;
}

/**
 * The reporting month to use: the one asked for, else the latest on file, else the month
 * of issue — clamped into the plan year (ledgers issued in December for next year's plan
 * are for its January). Asking for a month outside the plan year is an error (the caller
 * reports it).
 */
export function resolvePeriod(planYear: number, asked: string | undefined, latest: string | undefined, issued: string): { period: string } | { error: string } {
  if (asked !== undefined) {
    if (Number(asked.slice(0, 4)) !== planYear) return { error: msg('progress.periodOutsideYear', { year: planYear }) };
    return { period: asked };
  }
  const p = latest ?? issued.slice(0, 7);
  if (p < `${planYear}-01`) return { period: `${planYear}-01` };
  if (p > `${planYear}-12`) return { period: `${planYear}-12` };
  return { period: p };
}

// ---------------------------------------------------------------- evaluation

export interface RowInputs {
  actual?: number;
  self?: SelfStatus;
  progress?: string;
  problems?: string;
  nextSteps?: string;
}

export interface RowEvaluation {
  /** 完成率 as a fraction (absent when nothing to compute). */
  rate?: number;
  /** 序时进度 as a fraction. */
  schedule: number;
  /** Percentage points behind what is expected (negative = ahead), from the two-decimal figures. */
  behind?: number;
  status: Status;
}

/** ROUND(x, d) as a spreadsheet does it (half away from zero, on the decimal digits). */
export function roundHalfAway(x: number, digits: number): number {
  const abs = Math.abs(x);
  const r = Number(`${Math.round(Number(`${abs}e${digits}`))}e-${digits}`);
  return x < 0 ? -r : r;
}

export function completionRate(row: Pick<LedgerRow, 'mode' | 'target'>, actual: number | undefined): number | undefined {
  if (actual === undefined || row.target === undefined || row.mode === 'none') return undefined;
  if (row.mode === 'ceiling') return actual <= 0 ? 1 : row.target / actual;
  return actual / row.target;
}

/** A fraction as the office prints it, in percent with two decimals (ROUND(x*100, 2)). */
export function pct2(x: number): number {
  return roundHalfAway(x * 100, 2);
}

/** The status rule; mirrored exactly by the 状态 formula. */
export function evaluateRow(
  row: Pick<LedgerRow, 'mode' | 'target' | 'end'>,
  inputs: RowInputs,
  asOf: string,
  start: string,
  config: LedgerConfig = DEFAULT_LEDGER_CONFIG,
): RowEvaluation {
  const schedule = scheduleShare(asOf, start, row.end);
  if (row.mode === 'none') {
    if (!inputs.self) return { schedule, status: 'missing' };
    if (inputs.self === '已完成') return { schedule, status: 'done' };
    if (asOf > row.end) return { schedule, status: 'red' };
    return { schedule, status: SELF_STATUS_MEANS[inputs.self] };
  }
  const rate = completionRate(row, inputs.actual);
  if (rate === undefined) return { schedule, status: 'missing' };
  const overdue = asOf > row.end;
  const expected = row.mode === 'cumulative' ? schedule : 1;
  const behind = roundHalfAway(pct2(expected) - pct2(rate), 2);
  let status: Status;
  if (row.mode === 'cumulative' ? rate >= 1 : rate >= 1 && asOf >= row.end) status = 'done';
  else if (rate < 1 && overdue) status = 'red';
  else if (behind <= 0) status = 'green';
  else if (behind <= config.status.yellowBehind) status = 'yellow';
  else status = 'red';
  return { rate, schedule, behind, status };
}

/** `64.50%` */
export function percentText(x: number | undefined): string {
  return x === undefined ? '' : `${pct2(x).toFixed(2)}%`;
}

/**
 * The comparison an office writes next to 完成率: `比序时进度快14.50个百分点` for an amount
 * accumulating over the year; `高于目标0.50个百分点` for a rate target in %; else ''.
 * Mirrored by the 比序时进度 formula of the ledger.
 */
export function gapText(row: Pick<LedgerRow, 'mode' | 'target' | 'unit'>, ev: Pick<RowEvaluation, 'rate' | 'schedule'>, actual: number | undefined): string {
  if (ev.rate === undefined || actual === undefined) return '';
  if (row.mode === 'cumulative') {
    const d = roundHalfAway(pct2(ev.rate) - pct2(ev.schedule), 2);
    return d > 0 ? `快${d.toFixed(2)}个百分点` : d < 0 ? `慢${(-d).toFixed(2)}个百分点` : '与序时进度持平';
  }
  if (row.mode === 'rate' && row.unit === '%' && row.target !== undefined) {
    const d = roundHalfAway(roundHalfAway(actual, 2) - roundHalfAway(row.target, 2), 2);
    return d > 0 ? `高于目标${d.toFixed(2)}个百分点` : d < 0 ? `低于目标${(-d).toFixed(2)}个百分点` : '与目标持平';
  }
  return '';
}
