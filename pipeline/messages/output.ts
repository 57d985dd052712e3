/** Messages of building one meeting's outputs (build/meeting.ts, renderers' failures). */
import { m } from './define.js';

type D = { detail: string };

export const OUTPUT = {
  'output.periodOutsidePlanYear': m<{ year: number; rule: string }>(
    (p) => `期望本会议计划年度 ${p.year} 年内的月份（${p.year}-01 至 ${p.year}-12；${p.rule}）`,
    (p) => `expected a month of the plan year ${p.year} of this meeting (${p.year}-01 to ${p.year}-12; ${p.rule})`,
  ),
  'output.couldNotRender': m<D>((p) => `无法生成：${p.detail}`, (p) => `could not render: ${p.detail}`),
  'output.ledgerWrite': m<D>((p) => `无法写出台账工作簿：${p.detail}`, (p) => `could not write the ledger workbook: ${p.detail}`),
} as const;
