/**
 * Progress attached to a meeting view for one reporting month: every tracked row with its
 * inputs and evaluation, counts that add up, per-unit figures, the trend over the months
 * on file and, in the plan year's last month, the year-end review. Pure and deterministic.
 */
import type { ChartSpec } from '../../core/chart.js';
import type { MeetingView } from '../../core/view.js';
import { cnDate } from '../../core/format.js';
import {
  countStatuses,
  emptyCounts,
  STATUS_LABEL,
  STATUS_REPORT_ORDER,
  STATUSES,
  statusHex,
  type Status,
  type StatusCounts,
} from '../../core/status.js';
import { DEFAULT_LEDGER_CONFIG, type LedgerConfig } from './config.js';
import {
  actualHeader,
  elapsedMonths,
  evaluateRow,
  gapText,
  monthsLabel,
  pct2,
  percentText,
  periodEnd,
  periodLabel,
  resolvePeriod,
  type RowEvaluation,
  type RowInputs,
} from './evaluate.js';
import type { ProgressRecord } from './file.js';
import { annualReview, type AnnualReview } from './review.js';
import { allRows, KIND_LABEL, ledgerRows, plain, type LedgerRow } from './rows.js';

export interface SupportView {
  unitId: string;
  unitName: string;
  text: string;
}

export interface LedgerRowView extends LedgerRow, RowEvaluation {
  inputs: RowInputs;
  /** 配合情况 reported by co-units. */
  support: SupportView[];
  /** Period the inputs come from (the latest at or before the view's period). */
  inputsPeriod?: string;
  /** Unit that returned the inputs. */
  reportedBy?: string;
  kindLabel: string;
  statusLabel: string;
  statusColor: string;
  /** `58.37亿元` as reported (the precision it was written with). */
  actualText: string;
  /** `64.50%` */
  rateText: string;
  /** `50.00%` */
  scheduleText: string;
  /** `快14.50个百分点` */
  gap: string;
  /** The figures in one phrase: `1—6月累计完成58.37亿元，完成率64.50%，比序时进度快14.50个百分点`. */
  figures: string;
}

export interface UnitProgress {
  unitId: string;
  unitName: string;
  counts: StatusCounts;
  total: number;
  /** Rows this unit supports (配合). */
  supporting: number;
}

export interface TrendPoint {
  period: string;
  /** `1—3月` */
  label: string;
  counts: StatusCounts;
  total: number;
  /** Mean 完成率 over the rows with an amount target that reported (percent, 2 decimals). */
  meanRate?: number;
  /** 序时进度 n/12 (percent, 2 decimals). */
  schedule: number;
}

export interface StatusBucket {
  status: Status;
  label: string;
  color: string;
  count: number;
  rows: LedgerRowView[];
}

export interface ProgressView {
  /** Reporting month `YYYY-MM`. */
  period: string;
  /** `截至3月` */
  periodLabel: string;
  /** `1—3月` */
  monthsLabel: string;
  /** `1—3月累计完成` */
  actualHeader: string;
  /** Last day of the period, YYYY-MM-DD. */
  asOf: string;
  asOfCn: string;
  /** First day of the plan year. */
  start: string;
  year: number;
  /** Months of the plan year elapsed (n of n/12). */
  months: number;
  /** `50.00%` */
  scheduleText: string;
  /** When the ledger counts as issued (deterministic: from the data), ISO timestamp. */
  issuedAt: string;
  config: LedgerConfig;
  targets: LedgerRowView[];
  tasks: LedgerRowView[];
  projects: LedgerRowView[];
  /** Every tracked row (targets, tasks, projects). */
  all: LedgerRowView[];
  total: number;
  counts: { all: StatusCounts; targets: StatusCounts; tasks: StatusCounts; projects: StatusCounts };
  /** The statuses in report order (红灯 first), each with its rows. */
  buckets: StatusBucket[];
  /** Per lead unit, over every row it leads; rows without a lead unit under 督查室. */
  byUnit: UnitProgress[];
  /** Periods with recorded progress, ascending. */
  periods: string[];
  /** Month by month, when more than one month is on file. */
  trend?: TrendPoint[];
  /** The year-end review, in the plan year's last month. */
  review?: AnnualReview;
  /** Items nobody reported, by lead unit. */
  missingByUnit: { unitName: string; items: string[] }[];
  /** What is tracked, in words: `主要预期目标7项、重点任务57项、重点项目4项`. */
  scope: string;
}

export type ProgressedView = MeetingView & { progress: ProgressView };

export { countStatuses, emptyCounts, type StatusCounts };

export interface ApplyOptions {
  config?: LedgerConfig;
  /** Reporting month to show (within the plan year); default the latest recorded period, else the month of issue clamped into the plan year. */
  period?: string;
}

type Latest = Map<string, { inputs: RowInputs; period: string; unit?: string; support: Record<string, string> }>;

/** Latest input per row at or before `period` (the newest period that has the row). */
function latestInputs(records: ProgressRecord[], period: string): Latest {
  const out: Latest = new Map();
  const sorted = records.filter((r) => r.period <= period).sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0));
  for (const r of sorted) {
    const key = `${r.kind}:${r.id}`;
    const hasLead = r.actual !== undefined || r.self !== undefined || r.progress !== undefined || r.problems !== undefined || r.nextSteps !== undefined;
    const cur = out.get(key) ?? { inputs: {}, period: r.period, support: {} };
    // 配合情况: the newest per co-unit.
    for (const [u, s] of Object.entries(r.support ?? {})) if (cur.support[u] === undefined) cur.support[u] = s.text;
    if (hasLead && cur.inputs.actual === undefined && cur.inputs.self === undefined && cur.inputs.progress === undefined && cur.inputs.problems === undefined && cur.inputs.nextSteps === undefined) {
      const inputs: RowInputs = {};
      if (r.actual !== undefined) inputs.actual = r.actual;
      if (r.self !== undefined) inputs.self = r.self;
      if (r.progress !== undefined) inputs.progress = r.progress;
      if (r.problems !== undefined) inputs.problems = r.problems;
      if (r.nextSteps !== undefined) inputs.nextSteps = r.nextSteps;
      cur.inputs = inputs;
      cur.period = r.period;
      cur.unit = r.unit;
    }
    out.set(key, cur);
  }
  return out;
}

function figuresOf(row: LedgerRow, ev: RowEvaluation, inputs: RowInputs, header: string, gap: string): string {
  if (row.mode === 'none') return inputs.self ? `自评${inputs.self}` : '';
  if (inputs.actual === undefined) return '';
  const actual = `${plain(inputs.actual)}${row.unit}`;
  const parts = [row.mode === 'cumulative' ? `${header}${actual}` : `${header.replace(/累计完成$/, '')}完成${actual}`];
  if (ev.rate !== undefined) parts.push(`完成率${percentText(ev.rate)}`);
  // 快/慢X.XX个百分点 reads after 比序时进度; 与序时进度持平 says it already
  if (gap) parts.push(row.mode === 'cumulative' && !gap.startsWith('与') ? `比序时进度${gap}` : gap);
  return parts.join('，');
}

interface Evaluated {
  rows: { targets: LedgerRowView[]; tasks: LedgerRowView[]; projects: LedgerRowView[] };
  all: LedgerRowView[];
}

function evaluateAll(view: MeetingView, records: ProgressRecord[], period: string, config: LedgerConfig): Evaluated {
  const year = view.planYear;
  const asOf = periodEnd(period);
  const start = `${year}-01-01`;
  const header = actualHeader(period, year);
  const latest = latestInputs(records, period);
  const unitName = (id: string) => view.district.units.find((u) => u.id === id)?.name ?? id;
  const withInputs = (r: LedgerRow): LedgerRowView => {
    const got = latest.get(r.rowId);
    const inputs = got?.inputs ?? {};
    const ev = evaluateRow(r, inputs, asOf, start, config);
    const gap = gapText(r, ev, inputs.actual);
    return {
      ...r,
      ...ev,
      inputs,
      support: r.coIds.filter((u) => got?.support[u] !== undefined).map((u) => ({ unitId: u, unitName: unitName(u), text: got!.support[u]! })),
      inputsPeriod: got?.period,
      reportedBy: got?.unit,
      kindLabel: KIND_LABEL[r.kind],
      statusLabel: STATUS_LABEL[ev.status],
      statusColor: statusHex(ev.status),
      actualText: inputs.actual === undefined ? '' : `${plain(inputs.actual)}${r.unit}`,
      rateText: percentText(ev.rate),
      scheduleText: percentText(ev.schedule),
      gap,
      figures: figuresOf(r, ev, inputs, header, gap),
    };
  };
  const base = ledgerRows(view);
  const rows = { targets: base.targets.map(withInputs), tasks: base.tasks.map(withInputs), projects: base.projects.map(withInputs) };
  return { rows, all: allRows(rows) as LedgerRowView[] };
}

const NO_LEAD = '督查室（未明确牵头单位）';

function unitsOf(view: MeetingView, all: LedgerRowView[]): UnitProgress[] {
  const out: UnitProgress[] = [];
  for (const u of view.district.units) {
    const mine = all.filter((r) => r.leadId === u.id);
    const supporting = all.filter((r) => r.coIds.includes(u.id) && r.leadId !== u.id).length;
    if (mine.length === 0 && supporting === 0) continue;
    out.push({ unitId: u.id, unitName: u.name, counts: countStatuses(mine), total: mine.length, supporting });
  }
  const orphan = all.filter((r) => !r.leadId);
  if (orphan.length) out.push({ unitId: '', unitName: NO_LEAD, counts: countStatuses(orphan), total: orphan.length, supporting: 0 });
  return out;
}

function meanRate(rows: LedgerRowView[]): number | undefined {
  const rated = rows.filter((r) => r.mode === 'cumulative' && r.rate !== undefined);
  if (rated.length === 0) return undefined;
  return roundMean(rated.map((r) => Math.min(1, r.rate!)));
}

function roundMean(xs: number[]): number {
  return pct2(xs.reduce((a, b) => a + b, 0) / xs.length);
}

/** Task/target/project status counts per lead unit: a horizontal stacked bar, one colour per status. */
export function statusChart(byUnit: UnitProgress[], title: string): ChartSpec | undefined {
  const units = byUnit.filter((u) => u.total > 0);
  if (units.length === 0) return undefined;
  return {
    type: 'bar',
    title,
    unit: '项',
    horizontal: true,
    stacked: true,
    categories: units.map((u) => u.unitName),
    // Every status in the legend (complete, even at zero), in report order.
    series: STATUS_REPORT_ORDER.map((s) => ({ name: STATUS_LABEL[s], color: statusHex(s), data: units.map((u) => u.counts[s]) })),
  };
}

/** Status counts per kind of item (目标、任务、项目): one stacked bar each, the overall picture. */
function overviewChart(rows: Evaluated['rows']): ChartSpec | undefined {
  const kinds = (['targets', 'tasks', 'projects'] as const).filter((k) => rows[k].length > 0);
  if (kinds.length === 0) return undefined;
  const label = { targets: '主要预期目标', tasks: '重点任务', projects: '重点项目' } as const;
  return {
    type: 'bar',
    title: '目标任务推进状态（项）',
    unit: '项',
    horizontal: true,
    stacked: true,
    categories: kinds.map((k) => `${label[k]}（${rows[k].length}项）`),
    series: STATUS_REPORT_ORDER.map((s) => ({ name: STATUS_LABEL[s], color: statusHex(s), data: kinds.map((k) => rows[k].filter((r) => r.status === s).length) })),
  };
}

function trendChart(trend: TrendPoint[]): ChartSpec | undefined {
  if (trend.length < 2 || trend.every((t) => t.meanRate === undefined)) return undefined;
  return {
    type: 'line',
    title: '每月完成率与序时进度（%）',
    unit: '%',
    categories: trend.map((t) => t.label),
    series: [
      { name: '序时进度', data: trend.map((t) => t.schedule) },
      { name: '平均完成率', data: trend.map((t) => t.meanRate ?? 0) },
    ],
  };
}

/**
 * Attach progress to a meeting view. Records of other meetings must be filtered out by
 * the caller (progress files are per meeting).
 */
export function applyProgress(view: MeetingView, records: ProgressRecord[], opts: ApplyOptions = {}): ProgressedView {
  const config = opts.config ?? DEFAULT_LEDGER_CONFIG;
  const year = view.planYear;
  const inYear = records.filter((r) => r.period.startsWith(`${year}-`));
  const periods = [...new Set(inYear.map((r) => r.period))].sort();
  const resolved = resolvePeriod(year, opts.period, periods.at(-1), view.briefing.date);
  if ('error' in resolved) throw new RangeError(`${opts.period}: ${resolved.error}`);
  const period = resolved.period;
  const asOf = periodEnd(period);
  const months = elapsedMonths(period, year);
  const { rows, all } = evaluateAll(view, inYear, period, config);

  const returned = inYear.filter((r) => r.period <= period && r.returned).map((r) => normaliseTimestamp(r.returned!));
  const issuedAt = [`${view.briefing.date}T00:00:00.000Z`, ...returned].sort().at(-1)!;
  const byUnit = unitsOf(view, all);
  const shown = periods.filter((p) => p <= period);
  const trend =
    shown.length >= 2
      ? shown.map((p): TrendPoint => {
          const e = p === period ? all : evaluateAll(view, inYear, p, config).all;
          return { period: p, label: monthsLabel(p), counts: countStatuses(e), total: e.length, meanRate: meanRate(e), schedule: pct2(elapsedMonths(p, year) / 12) };
        })
      : undefined;
  const counts = { all: countStatuses(all), targets: countStatuses(rows.targets), tasks: countStatuses(rows.tasks), projects: countStatuses(rows.projects) };
  const buckets = STATUS_REPORT_ORDER.map((s) => ({ status: s, label: STATUS_LABEL[s], color: statusHex(s), count: counts.all[s], rows: all.filter((r) => r.status === s) }));
  const progress: ProgressView = {
    period,
    periodLabel: periodLabel(period, year),
    monthsLabel: monthsLabel(period),
    actualHeader: actualHeader(period, year),
    asOf,
    asOfCn: cnDate(asOf),
    start: `${year}-01-01`,
    year,
    months,
    scheduleText: percentText(months / 12),
    issuedAt,
    config,
    targets: rows.targets,
    tasks: rows.tasks,
    projects: rows.projects,
    all,
    total: all.length,
    counts,
    buckets,
    byUnit,
    periods,
    trend,
    review: period === `${year}-12` && shown.length > 0 ? annualReview(all, byUnit, config, year) : undefined,
    missingByUnit: byUnit
      .map((u) => ({ unitName: u.unitName, items: all.filter((r) => r.status === 'missing' && (r.leadId ?? '') === u.unitId).map((r) => r.name) }))
      .filter((u) => u.items.length > 0),
    scope: [
      rows.targets.length ? `主要预期目标${rows.targets.length}项` : '',
      rows.tasks.length ? `重点任务${rows.tasks.length}项` : '',
      rows.projects.length ? `重点项目${rows.projects.length}项` : '',
    ]
      .filter(Boolean)
      .join('、'),
  };
  const trendSpec = trend ? trendChart(trend) : undefined;
  // Per-unit charts of at most 8 units each: a bar per unit stays legible at the chart's height.
  const units = byUnit.filter((u) => u.total > 0);
  const parts = Math.ceil(units.length / 8);
  const statusParts: ChartSpec[] = [];
  for (let i = 0, start = 0; i < parts; i++) {
    const len = Math.ceil((units.length - start) / (parts - i));
    const part = statusChart(units.slice(start, start + len), `各责任单位推进状态（项）${parts > 1 ? `（${i + 1}/${parts}）` : ''}`);
    if (part) statusParts.push(part);
    start += len;
  }
  const overview = overviewChart(rows);
  return { ...view, progress, charts: { ...view.charts, status: statusParts[0], statusParts, overview, trend: trendSpec } };
}

/** The progress attached by `applyProgress`, if any. */
export function progressOf(view: MeetingView): ProgressView | undefined {
  return (view as Partial<ProgressedView>).progress;
}

function normaliseTimestamp(s: string): string {
  const t = Date.parse(s);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
}

/** Counts always add up: every row is in exactly one bucket. */
export function countsAddUp(c: StatusCounts, total: number): boolean {
  return STATUSES.reduce((n, s) => n + c[s], 0) === total;
}
