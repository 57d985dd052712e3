/**
 * The progress files `jianbao ingest` writes: data/<district>/progress/<meeting>/<YYYY-MM>.yaml.
 */
import { z } from 'zod';
import { SELF_STATUS } from '../../core/status.js';
import { E, Id, Text } from '../schema.js';

/** `2023-03`: a reporting month. */
export const Period = z
  .string(E('schema.period'))
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, E('schema.period'))
  .meta({ description: '报告期（月），例如 2023-03' });

export const PROGRESS_FILE_NAME = /^(\d{4}-(0[1-9]|1[0-2]))\.yaml$/;

export const SupportEntry = z
  .object({
    text: Text.meta({ description: '配合情况' }),
    returned: z.string().optional().meta({ description: '回填表保存时间（ISO）' }),
  })
  .strict()
  .meta({ description: '一个配合单位报的配合情况' });

export const ProgressEntry = z
  .object({
    actual: z.number(E('schema.number')).refine(Number.isFinite, E('schema.finite')).optional()
      .meta({ description: '1—X月累计完成（增速、比率类指标填百分数的数值）' }),
    self: z.enum(SELF_STATUS, E('schema.bound', { list: SELF_STATUS.join('、') })).optional()
      .meta({ description: '自评进度（无量化目标的事项）：已完成、按序时推进、滞后、未启动' }),
    progress: Text.optional().meta({ description: '进展情况' }),
    problems: Text.optional().meta({ description: '存在问题' }),
    nextSteps: Text.optional().meta({ description: '下步打算' }),
    unit: Id.optional().meta({ description: '填报单位 id（缺省为督查室汇总表）' }),
    issued: z.string().optional().meta({ description: '台账下发时间（ISO）' }),
    returned: z.string().optional().meta({ description: '回填表保存时间（ISO）' }),
    support: z.record(Id, SupportEntry).optional().meta({ description: '各配合单位的配合情况（按单位 id）' }),
  })
  .strict()
  .meta({ title: '一项目标任务的本期填报' });
export type ProgressEntry = z.infer<typeof ProgressEntry>;

export const ProgressFile = z
  .object({
    meeting: Id,
    district: Id,
    period: Period,
    targets: z.record(Id, ProgressEntry).default({}).meta({ description: '各项目标的填报进度（键为目标 id）' }),
    tasks: z.record(Id, ProgressEntry).default({}).meta({ description: '各项任务的填报进度（键为任务 id）' }),
    projects: z.record(Id, ProgressEntry).default({}).meta({ description: '各重点项目的填报进度（键为项目 id）' }),
  })
  .strict()
  .meta({ title: '台账回填记录 progress/<meeting>/<YYYY-MM>.yaml' });
export type ProgressFile = z.infer<typeof ProgressFile>;

export type RowKind = 'target' | 'task' | 'project';
export const ROW_KINDS: readonly RowKind[] = ['target', 'task', 'project'];

/** The section of a progress file holding rows of a kind. */
export function sectionOf(kind: RowKind): 'targets' | 'tasks' | 'projects' {
  return kind === 'task' ? 'tasks' : kind === 'target' ? 'targets' : 'projects';
}

/** One row's values for one period, flattened from a progress file. */
export interface ProgressRecord extends ProgressEntry {
  period: string;
  kind: RowKind;
  id: string;
}

export function recordsOf(file: ProgressFile): ProgressRecord[] {
  const out: ProgressRecord[] = [];
  for (const kind of ROW_KINDS) {
    for (const [id, e] of Object.entries(file[sectionOf(kind)])) out.push({ ...e, period: file.period, kind, id });
  }
  return out;
}
