/** Messages of the progress loop across meetings: a meeting that includes another's year-end results (yearEnd). */
import { m } from './define.js';

type Ref = { ref: string };

export const PROGRESS = {
  'schema.yearEndRef': m(
    '期望会议文件名（不含 .yaml），例如 2022-12-28-plenary；其他区县的会议写 区县id/会议文件名，例如 guancheng/2022-12-28-plenary',
    'expected a meeting file name without .yaml, e.g. 2022-12-28-plenary; a meeting of another district as district-id/meeting, e.g. guancheng/2022-12-28-plenary',
  ),
  'yearEnd.unknown': m(
    '期望 data/ 中已有的会议（作出年度部署、已收回台账的会议）',
    'expected a meeting in data/ (the one that set the year\'s targets and whose ledgers came back)',
  ),
  'yearEnd.meetings': m<{ list: string }>((p) => `这个区县的会议有：${p.list}`, (p) => `this district's meetings: ${p.list}`),
  'yearEnd.broken': m<Ref & { file: string }>(
    (p) => `期望一个可以读取的会议，${p.ref} 有错误（见 ${p.file} 的问题），年度目标完成情况无法生成`,
    (p) => `expected a meeting that loads; ${p.ref} has problems (see ${p.file}), so its year-end results cannot be included`,
  ),
  'yearEnd.noLastMonth': m<Ref & { year: number; file: string }>(
    (p) => `期望 ${p.ref} 已收回计划年度 ${p.year} 最后一个月的台账进度（${p.file}）：年度目标完成情况按 12 月的进度计算`,
    (p) => `expected the progress of ${p.ref} for the last month of its plan year ${p.year} (${p.file}): the year-end results come from December`,
  ),
  'yearEnd.have': m<{ have: string }>(
    (p) => (p.have ? `只有 ${p.have} 的进度` : '还没有任何进度文件'),
    (p) => (p.have ? `progress for ${p.have} only` : 'no progress file yet'),
  ),
  'yearEnd.noLastMonthHint': m<{ period: string }>(
    (p) => `先运行 jianbao build --period ${p.period} 下发 12 月台账，收回后运行 jianbao ingest；暂时不引用可删去 yearEnd`,
    (p) => `issue the December ledgers with jianbao build --period ${p.period}, then jianbao ingest the returns; or remove yearEnd for now`,
  ),
  'yearEnd.self': m('期望另一个会议：会议不能引用自己的年度完成情况', 'expected another meeting: a meeting cannot include its own year-end results'),
  'yearEnd.cycle': m<{ chain: string }>(
    (p) => `期望引用不成环：${p.chain}`,
    (p) => `expected references without a cycle: ${p.chain}`,
  ),
  'yearEnd.source': m<{ ref: string }>((p) => `（引用的会议 ${p.ref}）`, (p) => `(the included meeting ${p.ref})`),
};
