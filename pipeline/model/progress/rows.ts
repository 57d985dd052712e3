/**
 * The tracked items of a meeting as ledger rows: 主要预期目标, 重点任务 and the 重点项目
 * that name a responsible unit, each with its measure (how completion is computed).
 */
import type { MeetingView, TargetView, TaskView } from '../../core/view.js';
import type { Project } from '../schema.js';
import type { RowKind } from './file.js';

/**
 * How completion is measured:
 * - cumulative: an amount accumulating over the year (土地收储1000亩, 年度计划投资90.50亿元);
 *   完成率 = 累计/目标, compared with 序时进度;
 * - rate: a growth rate or a ratio (增长7%, 占比65%); 完成率 = 实际/目标, compared with 100% (no 序时);
 * - ceiling: 以内/不超过/以下 or a "down" task (排名前5, 压缩至3天); 完成率 = 目标/实际, compared with 100%;
 * - none: no quantified target; the status is what the unit chose (自评进度).
 */
export type RowMode = 'cumulative' | 'rate' | 'ceiling' | 'none';

export interface LedgerRow {
  kind: RowKind;
  id: string;
  /** `task:t01` / `target:gdp` / `project:p1`: the stable id written into the workbook. */
  rowId: string;
  no: number;
  category: string;
  name: string;
  /** 年度目标 value (absent for a qualitative row). */
  target?: number;
  unit: string;
  /** The target as worded: 1000亩以上, 增长15%左右, 年度计划投资90.5亿元. */
  targetText: string;
  leader: string;
  leadId?: string;
  leadName: string;
  coIds: string[];
  coNames: string;
  /** 完成时限 (deadline, else 31 December of the plan year), YYYY-MM-DD. */
  end: string;
  note: string;
  mode: RowMode;
  /** Accepted range of 累计完成. */
  min: number;
  max: number;
}

export const KIND_LABEL: Record<RowKind, string> = { target: '主要预期目标', task: '重点任务', project: '重点项目' };

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
  none: '无量化目标，请选择自评进度',
};

function joinNote(...parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => !!p && p.trim() !== '').join('；');
}

/** A number exactly as the data wrote it (10.149 stays 10.149; no float noise). */
export function plain(n: number): string {
  const s = String(Number(n.toPrecision(12)));
  return s === '-0' ? '0' : s;
}

/** A project is tracked (ledger, 督查通报) when it names a responsible unit, has an id and is not of a past year. */
export function isTrackedProject(p: Project, planYear: number): p is Project & { id: string } {
  return p.id !== undefined && p.lead !== undefined && !(p.year !== undefined && p.year < planYear);
}

/** Its annual investment plan, when the project has one for the plan year. */
function projectPlan(p: Project, planYear: number): number | undefined {
  if (p.investment === undefined || p.investment <= 0) return undefined;
  return p.year === undefined || p.year === planYear ? p.investment : undefined;
}

export interface LedgerRows {
  targets: LedgerRow[];
  tasks: LedgerRow[];
  projects: LedgerRow[];
}

export function allRows(r: LedgerRows): LedgerRow[] {
  return [...r.targets, ...r.tasks, ...r.projects];
}

/** The ledger rows of a meeting: targets, tasks, tracked projects; numbered within each sheet. */
export function ledgerRows(view: MeetingView): LedgerRows {
  const yearEnd = `${view.planYear}-12-31`;
  const unitName = (id: string | undefined) => (id ? (view.district.units.find((u) => u.id === id)?.name ?? id) : '');
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
      leadId: t.leadId,
      leadName: t.leadName,
      coIds: t.coIds,
      coNames: t.coNames,
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
      note: joinNote(t.note, t.quantityText && (t.bound || t.strive || t.worded) ? `目标：${t.quantityText}` : undefined, MODE_NOTE[mode]),
      mode,
      ...bounds(mode, t.quantity, false),
    };
  });
  const projects = view.projects
    .filter((p) => isTrackedProject(p, view.planYear))
    .map((p, i): LedgerRow => {
      const plan = projectPlan(p, view.planYear);
      const unit = plan !== undefined ? (p.unit ?? '亿元') : '';
      const mode: RowMode = plan !== undefined ? 'cumulative' : 'none';
      return {
        kind: 'project',
        id: p.id!,
        rowId: `project:${p.id}`,
        no: i + 1,
        category: p.group ?? '重点项目',
        name: p.name,
        target: plan,
        unit,
        targetText: plan !== undefined ? `年度计划投资${plain(plan)}${unit}` : '',
        leader: '',
        leadId: p.lead,
        leadName: unitName(p.lead),
        coIds: p.co,
        coNames: p.co.map(unitName).join('、'),
        end: p.deadline ?? yearEnd,
        note: joinNote(plan !== undefined ? '累计完成填年度累计完成投资' : MODE_NOTE.none, p.note),
        mode,
        ...bounds(mode, plan, false),
      };
    });
  return { targets, tasks, projects };
}
