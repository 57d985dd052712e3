/**
 * Progress of a meeting's targets and tasks: the schema of the progress files that
 * `jianbao ingest` writes (data/<district>/progress/<meeting>/<YYYY-MM>.yaml), the ledger
 * row model, and the evaluation (完成率, 序时进度, 状态) that the ledger formulas, the
 * ledger's cached results and a later progress report all share.
 *
 * Pure: no file system, no workbook library. `evaluateRow` is the exact mirror of the
 * formulas in pipeline/render/xlsx/formulas.ts (tested against LibreOffice).
 */
import { z } from 'zod';
import { statusChart } from './charts.js';
import type { MeetingView, TargetView, TaskView } from '../core/view.js';
import { Id, Text } from './schema.js';
import { cnDate, num } from '../core/format.js';

// ---------------------------------------------------------------- configuration

export const LedgerConfig = z
  .object({
    status: z
      .object({
        /** Points (百分点) behind 序时进度 still shown yellow; beyond is red. */
        yellowBehind: z.number().min(0).max(100).default(10).meta({ description: '完成率落后序时进度不超过这么多个百分点为黄灯，超过为红灯' }),
      })
      .strict()
      .default({ yellowBehind: 10 })
      .meta({ description: '亮灯规则' }),
    limits: z
      .object({
        progress: z.number().int().min(1).max(20_000).default(1000).meta({ description: '“进展情况”最多字数' }),
        problems: z.number().int().min(1).max(20_000).default(500).meta({ description: '“存在问题”最多字数' }),
        nextSteps: z.number().int().min(1).max(20_000).default(500).meta({ description: '“下步打算”最多字数' }),
      })
      .strict()
      .default({ progress: 1000, problems: 500, nextSteps: 500 })
      .meta({ description: '填报字数上限' }),
    ingest: z
      .object({
        /** Largest returned workbook accepted, bytes on disk. */
        maxFileBytes: z.number().int().min(1024).default(20 * 1024 * 1024).meta({ description: '收回台账文件的最大字节数' }),
        /** Largest total uncompressed size of a returned workbook (zip bomb guard). */
        maxUncompressedBytes: z.number().int().min(1024).default(50 * 1024 * 1024).meta({ description: '收回台账解压后的最大字节数（防“压缩炸弹”）' }),
      })
      .strict()
      .default({ maxFileBytes: 20 * 1024 * 1024, maxUncompressedBytes: 50 * 1024 * 1024 })
      .meta({ description: '回收检查的限额' }),
  })
  .strict()
  .meta({ title: '台账配置 config/ledger.yaml' });
export type LedgerConfig = z.infer<typeof LedgerConfig>;

export const DEFAULT_LEDGER_CONFIG: LedgerConfig = LedgerConfig.parse({});

// ---------------------------------------------------------------- progress files

/** `2023-03`: a reporting month. */
export const Period = z
  .string({ error: 'expected a reporting month written YYYY-MM' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a reporting month written YYYY-MM' })
  .meta({ description: '报告期（月），例如 2023-03' });

export const ProgressEntry = z
  .object({
    actual: z.number({ error: 'expected a number' }).refine(Number.isFinite, { error: 'expected a finite number' }).optional()
      .meta({ description: '1—X月累计完成（增速、比率类指标填百分数的数值）' }),
    progress: Text.optional().meta({ description: '进展情况' }),
    problems: Text.optional().meta({ description: '存在问题' }),
    nextSteps: Text.optional().meta({ description: '下步打算' }),
    unit: Id.optional().meta({ description: '填报单位 id（缺省为督查室汇总表）' }),
    issued: z.string().optional().meta({ description: '台账下发时间（ISO）' }),
    returned: z.string().optional().meta({ description: '回填表保存时间（ISO）' }),
  })
  .strict()
  .meta({ title: '一项任务的本期填报' });
export type ProgressEntry = z.infer<typeof ProgressEntry>;

export const ProgressFile = z
  .object({
    meeting: Id,
    district: Id,
    period: Period,
    targets: z.record(Id, ProgressEntry).default({}).meta({ description: '各项目标的填报进度（键为目标 id）' }),
    tasks: z.record(Id, ProgressEntry).default({}).meta({ description: '各项任务的填报进度（键为任务 id）' }),
  })
  .strict()
  .meta({ title: '台账回填记录 progress/<meeting>/<YYYY-MM>.yaml' });
export type ProgressFile = z.infer<typeof ProgressFile>;

export type RowKind = 'task' | 'target';

/** One row's values for one period, flattened from a progress file. */
export interface ProgressRecord extends ProgressEntry {
  period: string;
  kind: RowKind;
  id: string;
}

export function recordsOf(file: ProgressFile): ProgressRecord[] {
  const out: ProgressRecord[] = [];
  for (const [id, e] of Object.entries(file.targets)) out.push({ ...e, period: file.period, kind: 'target', id });
  for (const [id, e] of Object.entries(file.tasks)) out.push({ ...e, period: file.period, kind: 'task', id });
  return out;
}

// ---------------------------------------------------------------- ledger rows

/**
 * How completion is measured:
 * - cumulative: an amount accumulating over the year (土地收储1000亩); 完成率 = 累计/目标, compared with 序时进度;
 * - rate: a growth rate or a ratio (增长7%, 占比65%); 完成率 = 实际/目标, compared with 100% (no 序时);
 * - ceiling: 以内/不超过/以下 or a "down" task (排名前5, 压缩至3天); 完成率 = 目标/实际, compared with 100%;
 * - none: no quantified target; only whether anything was reported.
 */
export type RowMode = 'cumulative' | 'rate' | 'ceiling' | 'none';

export interface LedgerRow {
  kind: RowKind;
  id: string;
  /** `task:t01` / `target:gdp`: the stable id written into the workbook. */
  rowId: string;
  no: number;
  category: string;
  name: string;
  /** 年度目标 value (absent for a qualitative row). */
  target?: number;
  unit: string;
  /** The target as worded: 1000亩以上, 增长15%左右. */
  targetText: string;
  leader: string;
  leadId?: string;
  leadName: string;
  coIds: string[];
  coNames: string;
  /** 完成时限 shown (deadline, else 31 December of the targets year), YYYY-MM-DD. */
  end: string;
  note: string;
  mode: RowMode;
  /** Accepted range of 累计完成. */
  min: number;
  max: number;
}

export const STATUS = ['done', 'green', 'yellow', 'red', 'missing', 'reported'] as const;
export type LedgerStatus = (typeof STATUS)[number];
export const STATUS_LABEL: Record<LedgerStatus, string> = {
  done: '已完成',
  green: '绿灯',
  yellow: '黄灯',
  red: '红灯',
  missing: '未填报',
  reported: '已填报',
};

export const MEASURE_LABEL: Record<TargetView['measure'], string> = { growth: '增速指标', ratio: '比率指标', level: '总量指标' };

const NO_TARGET_MAX = 1e9;

function taskMode(t: TaskView): RowMode {
  if (t.quantity === undefined || t.quantity <= 0) return 'none';
  if (t.direction === 'down' || t.sense === 'max') return 'ceiling';
  if (t.unit === '%') return 'rate';
  return 'cumulative';
}

function targetMode(t: TargetView): RowMode {
  if (t.value === undefined || t.value <= 0) return 'none';
  if (t.sense === 'max') return 'ceiling';
  return t.measure === 'level' ? 'cumulative' : 'rate';
}

function bounds(mode: RowMode, target: number | undefined, growth: boolean): { min: number; max: number } {
  if (mode === 'none' || target === undefined) return { min: growth ? -100 : 0, max: NO_TARGET_MAX };
  const max = Math.max(10 * target, growth ? 100 : 0);
  return { min: growth ? -100 : 0, max };
}

const MODE_NOTE: Partial<Record<RowMode, string>> = {
  rate: '增速/比率类，按目标值比较',
  ceiling: '上限/越小越好类，完成率=目标/实际',
};

function joinNote(...parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => !!p && p.trim() !== '').join('；');
}

export function ledgerYear(view: MeetingView): number {
  return view.targetsYear ?? view.year;
}

/** The ledger rows of a meeting: targets then tasks, numbered within each sheet. */
export function ledgerRows(view: MeetingView): { targets: LedgerRow[]; tasks: LedgerRow[] } {
  const yearEnd = `${ledgerYear(view)}-12-31`;
  const targets = view.targets.map((t, i): LedgerRow => {
    const mode = targetMode(t);
    return {
      kind: 'target',
      id: t.id,
      rowId: `target:${t.id}`,
      no: i + 1,
      category: MEASURE_LABEL[t.measure],
      name: t.name,
      target: t.quantitative ? t.value : undefined,
      unit: t.unit,
      targetText: t.text,
      leader: '',
      leadName: '',
      coIds: [],
      coNames: '',
      end: yearEnd,
      note: joinNote(t.text, MODE_NOTE[mode]),
      mode,
      ...bounds(mode, t.value, t.measure === 'growth'),
    };
  });
  const tasks = view.tasks.map((t): LedgerRow => {
    const mode = taskMode(t);
    return {
      kind: 'task',
      id: t.id,
      rowId: `task:${t.id}`,
      no: t.no,
      category: t.areaName,
      name: t.task,
      target: t.quantity,
      unit: t.unit,
      targetText: t.quantityText,
      leader: t.leader,
      leadId: t.leadId,
      leadName: t.leadName,
      coIds: t.coIds,
      coNames: t.coNames,
      end: t.deadline ?? yearEnd,
      note: joinNote(t.quantityText && (t.bound || t.strive) ? `目标：${t.quantityText}` : undefined, MODE_NOTE[mode], t.note),
      mode,
      ...bounds(mode, t.quantity, false),
    };
  });
  return { targets, tasks };
}

// ---------------------------------------------------------------- dates and periods

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

/** 序时进度: months elapsed from the start month to the as-of month over months from start to end, in [0, 1]. */
export function scheduleShare(asOf: string, start: string, end: string): number {
  const s = monthIndex(start);
  const e = monthIndex(end);
  if (e < s) return 1;
  return Math.min(1, Math.max(0, (monthIndex(asOf) - s + 1) / (e - s + 1)));
}

/** `截至3月` within the targets year, else `截至2022年12月`. */
export function periodLabel(period: string, year: number): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return y === year ? `截至${m}月` : `截至${y}年${m}月`;
}

/** Header of the 累计完成 column: `1—3月累计完成`. */
export function actualHeader(period: string, year: number): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return y === year ? `1—${m}月累计完成` : `累计完成（截至${y}年${m}月）`;
}

// ---------------------------------------------------------------- evaluation

export interface RowInputs {
  actual?: number;
  progress?: string;
  problems?: string;
  nextSteps?: string;
}

export interface RowEvaluation {
  /** 完成率 as a fraction (absent when nothing to compute). */
  rate?: number;
  /** 序时进度 as a fraction. */
  schedule: number;
  /** Percentage points behind what is expected (negative = ahead). */
  behind?: number;
  status: LedgerStatus;
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
    const reported = inputs.actual !== undefined || !!inputs.progress;
    return { schedule, status: reported ? 'reported' : 'missing' };
  }
  const rate = completionRate(row, inputs.actual);
  if (rate === undefined) return { schedule, status: 'missing' };
  const overdue = asOf > row.end;
  const expected = row.mode === 'cumulative' ? schedule : 1;
  const behind = roundHalfAway((expected - rate) * 100, 2);
  let status: LedgerStatus;
  if (row.mode === 'cumulative' ? rate >= 1 : rate >= 1 && asOf >= row.end) status = 'done';
  else if (rate < 1 && overdue) status = 'red';
  else if (behind <= 0) status = 'green';
  else if (behind <= config.status.yellowBehind) status = 'yellow';
  else status = 'red';
  return { rate, schedule, behind, status };
}

// ---------------------------------------------------------------- progress view

export interface LedgerRowView extends LedgerRow, RowEvaluation {
  inputs: RowInputs;
  /** Period the inputs come from (the latest at or before the view's period). */
  inputsPeriod?: string;
  /** Unit that returned the inputs. */
  reportedBy?: string;
}

export type StatusCounts = Record<LedgerStatus, number>;

export interface UnitProgress {
  unitId: string;
  unitName: string;
  counts: StatusCounts;
  total: number;
}

export interface ProgressView {
  /** Reporting month `YYYY-MM`. */
  period: string;
  /** `截至3月` */
  periodLabel: string;
  /** `1—3月累计完成` */
  actualHeader: string;
  /** Last day of the period, YYYY-MM-DD. */
  asOf: string;
  asOfCn: string;
  /** First day of the targets year. */
  start: string;
  year: number;
  /** When the ledger counts as issued (deterministic: from the data), ISO timestamp. */
  issuedAt: string;
  config: LedgerConfig;
  targets: LedgerRowView[];
  tasks: LedgerRowView[];
  counts: { targets: StatusCounts; tasks: StatusCounts };
  /** Per lead unit, over tasks. */
  byUnit: UnitProgress[];
  /** Periods with recorded progress, ascending. */
  periods: string[];
}

export type ProgressedView = MeetingView & { progress: ProgressView };

export function emptyCounts(): StatusCounts {
  return { done: 0, green: 0, yellow: 0, red: 0, missing: 0, reported: 0 };
}

export function countStatuses(rows: { status: LedgerStatus }[]): StatusCounts {
  const c = emptyCounts();
  for (const r of rows) c[r.status]++;
  return c;
}

export interface ApplyOptions {
  config?: LedgerConfig;
  /** Reporting month to show; default the latest recorded period, else the briefing month. */
  period?: string;
}

/** Latest input per row at or before `period`: each field from the newest period that has it. */
function latestInputs(records: ProgressRecord[], period: string): Map<string, { inputs: RowInputs; period: string; unit?: string }> {
  const out = new Map<string, { inputs: RowInputs; period: string; unit?: string }>();
  const sorted = records.filter((r) => r.period <= period).sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0));
  for (const r of sorted) {
    const key = `${r.kind}:${r.id}`;
    if (out.has(key)) continue;
    const inputs: RowInputs = {};
    if (r.actual !== undefined) inputs.actual = r.actual;
    if (r.progress !== undefined) inputs.progress = r.progress;
    if (r.problems !== undefined) inputs.problems = r.problems;
    if (r.nextSteps !== undefined) inputs.nextSteps = r.nextSteps;
    out.set(key, { inputs, period: r.period, unit: r.unit });
  }
  return out;
}

/**
 * Attach progress to a meeting view. Records of other meetings must be filtered out by
 * the caller (progress files are per meeting). Pure and deterministic.
 */
export function applyProgress(view: MeetingView, records: ProgressRecord[], opts: ApplyOptions = {}): ProgressedView {
  const config = opts.config ?? DEFAULT_LEDGER_CONFIG;
  const periods = [...new Set(records.map((r) => r.period))].sort();
  const period = opts.period ?? periods.at(-1) ?? view.briefing.date.slice(0, 7);
  const year = ledgerYear(view);
  const asOf = periodEnd(period);
  const start = `${year}-01-01`;
  const latest = latestInputs(records, period);
  const rows = ledgerRows(view);
  const withInputs = (r: LedgerRow): LedgerRowView => {
    const got = latest.get(r.rowId);
    const inputs = got?.inputs ?? {};
    return { ...r, ...evaluateRow(r, inputs, asOf, start, config), inputs, inputsPeriod: got?.period, reportedBy: got?.unit };
  };
  const targets = rows.targets.map(withInputs);
  const tasks = rows.tasks.map(withInputs);
  const returned = records.filter((r) => r.period <= period && r.returned).map((r) => normaliseTimestamp(r.returned!));
  const issuedAt = [`${view.briefing.date}T00:00:00.000Z`, ...returned].sort().at(-1)!;
  const byUnit: UnitProgress[] = view.units
    .filter((u) => u.lead.length > 0)
    .map((u) => {
      const mine = tasks.filter((t) => t.leadId === u.unit.id);
      return { unitId: u.unit.id, unitName: u.unit.name, counts: countStatuses(mine), total: mine.length };
    });
  const progress: ProgressView = {
    period,
    periodLabel: periodLabel(period, year),
    actualHeader: actualHeader(period, year),
    asOf,
    asOfCn: cnDate(asOf),
    start,
    year,
    issuedAt,
    config,
    targets,
    tasks,
    counts: { targets: countStatuses(targets), tasks: countStatuses(tasks) },
    byUnit,
    periods,
  };
  const status = statusChart(byUnit, STATUS_LABEL, ['red', 'yellow', 'green', 'done', 'missing']);
  return { ...view, progress, charts: { ...view.charts, status } };
}

/** The progress attached by `applyProgress`, if any. */
export function progressOf(view: MeetingView): ProgressView | undefined {
  return (view as Partial<ProgressedView>).progress;
}

function normaliseTimestamp(s: string): string {
  const t = Date.parse(s);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
}

/** `12.5亿元` / `65%` for display in reports. */
export function actualText(row: Pick<LedgerRow, 'unit'>, actual: number | undefined): string {
  return actual === undefined ? '' : `${num(actual)}${row.unit}`;
}
