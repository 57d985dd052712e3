/** config/ledger.yaml: status thresholds, text limits, ingest limits, the year-end assessment. */
import { z } from 'zod';

const Grade = z
  .object({
    min: z.number().min(0).max(100).meta({ description: '完成率（%）不低于此值' }),
    label: z.string().min(1).max(20).meta({ description: '等次，例如 好、较好、一般、较差' }),
  })
  .strict();

const DEFAULT_GRADES = [
  { min: 90, label: '好' },
  { min: 75, label: '较好' },
  { min: 60, label: '一般' },
  { min: 0, label: '较差' },
];

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
    review: z
      .object({
        /** Year-end 考核 of the units: a ranking by completion, or grades by thresholds. */
        assess: z.enum(['ranking', 'grades']).default('ranking').meta({ description: 'ranking 按完成率排名；grades 按完成率评定等次' }),
        grades: z.array(Grade).min(1).default(DEFAULT_GRADES).meta({ description: '等次及其完成率下限（%），从高到低' }),
      })
      .strict()
      .default({ assess: 'ranking', grades: DEFAULT_GRADES })
      .meta({ description: '年度考核：按完成率排名或评定等次' }),
  })
  .strict()
  .meta({ title: '台账配置 config/ledger.yaml' });
export type LedgerConfig = z.infer<typeof LedgerConfig>;

export const DEFAULT_LEDGER_CONFIG: LedgerConfig = LedgerConfig.parse({});
