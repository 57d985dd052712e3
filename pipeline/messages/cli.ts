/** Messages of the command line: help, usage errors, progress and summaries. */
import { m } from './define.js';

export const CLI = {
  'cli.usageHint': m('运行 jianbao --help 查看用法', 'run jianbao --help for usage'),
  'cli.internalError': m<{ detail: string }>(
    (p) => `jianbao：程序内部错误：${p.detail}（加 --debug 查看详情）`,
    (p) => `jianbao: internal error: ${p.detail} (run with --debug for details)`,
  ),
} as const;
