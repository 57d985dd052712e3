/**
 * What is tracked and when: the plan year rule, targets and projects with responsible
 * units in the unit ledgers, lead and co-units, the trend over months and the year-end
 * review — on a small meeting of its own (a December conference planning the next year).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planYearOf } from '../../pipeline/model/derive.js';
import { applyProgress, DEFAULT_LEDGER_CONFIG, LedgerConfig, type ProgressRecord } from '../../pipeline/model/progress.js';
import { STATUSES } from '../../pipeline/core/status.js';
import { loadView, makeFixture, openWorkbook, renderTo, rowsById, COL } from '../support/xlsx.js';

const MEETING = '2023-12-20-economic-work-conference';

/** A December economic work conference: no targets.year, so the plan year is 2024 by the rule. */
const YAML = `kind: economic-work-conference
title: 测试区委经济工作会议
date: 2023-12-20
source:
  seed: test.txt
targets:
  period: 明年
  items:
    - id: gdp
      name: 地区生产总值
      measure: growth
      value: 6
      unit: "%"
      lead: fgw
    - id: invest
      name: 固定资产投资
      measure: level
      value: 100
      unit: 亿元
      lead: fgw
      co: [kjj]
areas:
  - name: 项目建设
    tasks:
      - id: t01
        task: 完成土地收储
        quantity: 1000
        unit: 亩
        lead: fgw
        co: [kjj]
      - id: t02
        task: 开展城市体检
        lead: kjj
projects:
  - id: p1
    name: 60个重点项目
    count: 60
    investment: 90.5
    unit: 亿元
    lead: ysj
    co: [fgw]
  - id: p2
    name: 数据中心
    lead: kjj
  - name: 未列责任单位的项目
    investment: 10
briefing:
  issue: 9
  date: 2023-12-25
`;

function fixture() {
  const fx = makeFixture();
  writeFileSync(join(fx.dataDir, 'testqu', 'meetings', `${MEETING}.yaml`), YAML);
  mkdirSync(join(fx.dataDir, 'testqu', 'progress', MEETING), { recursive: true });
  return { fx, view: loadView(fx.dataDir, 'testqu', MEETING) };
}

describe('the plan year', () => {
  it('is stated, else targets.year, else next year for a November/December plenary or conference, else the meeting year', () => {
    const base = { date: '2023-12-20', kind: 'economic-work-conference' as const, kinds: undefined, targets: undefined };
    expect(planYearOf({ ...base, planYear: 2030 })).toMatchObject({ year: 2030 });
    expect(planYearOf({ ...base, planYear: undefined, targets: { period: '2025年', year: 2025, items: [] } })).toMatchObject({ year: 2025 });
    expect(planYearOf({ ...base, planYear: undefined })).toEqual({ year: 2024, rule: '12月召开的全会或经济工作会议部署下一年工作，取2024年' });
    expect(planYearOf({ ...base, planYear: undefined, date: '2023-11-02', kind: 'plenary' })).toMatchObject({ year: 2024 });
    expect(planYearOf({ ...base, planYear: undefined, date: '2023-10-30', kind: 'plenary' })).toMatchObject({ year: 2023 });
    expect(planYearOf({ ...base, planYear: undefined, date: '2023-12-01', kind: 'study-session' })).toMatchObject({ year: 2023 });
  });

  it('issues a December ledger for January of the plan year, deadlines at its end, 序时进度 1/12', () => {
    const { view } = fixture();
    expect(view.planYear).toBe(2024);
    const pv = applyProgress(view, []);
    expect(pv.progress.period).toBe('2024-01');
    expect(pv.progress.scheduleText).toBe('8.33%');
    expect(pv.progress.tasks[0]!.end).toBe('2024-12-31');
    expect(pv.progress.actualHeader).toBe('1月累计完成');
  });

  it('refuses a reporting month outside the plan year', () => {
    const { view } = fixture();
    expect(() => applyProgress(view, [], { period: '2023-12' })).toThrow(/计划年度 2024/);
    // progress of another year is not counted in this year's report
    const pv = applyProgress(view, [{ period: '2023-12', kind: 'task', id: 't01', actual: 999 }]);
    expect(pv.progress.periods).toEqual([]);
    expect(pv.progress.tasks[0]!.status).toBe('missing');
  });
});

describe('targets and projects with responsible units', () => {
  it('tracks targets, tasks and the projects that name a lead; counts add up per unit', () => {
    const { view } = fixture();
    const pv = applyProgress(view, []);
    expect(pv.progress.projects.map((r) => [r.rowId, r.mode, r.target, r.targetText])).toEqual([
      ['project:p1', 'cumulative', 90.5, '年度计划投资90.5亿元'],
      ['project:p2', 'none', undefined, ''],
    ]);
    expect(pv.progress.total).toBe(2 + 2 + 2);
    const sum = pv.progress.byUnit.reduce((n, u) => n + u.total, 0);
    expect(sum).toBe(pv.progress.total);
    for (const u of pv.progress.byUnit) expect(STATUSES.reduce((n, s) => n + u.counts[s], 0)).toBe(u.total);
  });

  it('puts them in the unit ledgers: lead rows with inputs, supported rows on 配合事项', async () => {
    const { fx, view } = fixture();
    const files = await renderTo(fx.outDir, applyProgress(view, []));
    const fgw = await openWorkbook(files['ledger-fgw.xlsx']!);
    expect(fgw.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['主要预期目标', '重点任务', '配合事项', '汇总']);
    expect([...rowsById(fgw.getWorksheet('主要预期目标')!).keys()]).toEqual(['target:gdp', 'target:invest']);
    expect([...rowsById(fgw.getWorksheet('配合事项')!).keys()]).toEqual(['project:p1']);
    const ysj = await openWorkbook(files['ledger-ysj.xlsx']!);
    const projects = ysj.getWorksheet('重点项目')!;
    const r = rowsById(projects).get('project:p1')!;
    expect(projects.getCell(r, COL.target).value).toBe(90.5);
    expect(projects.getCell(r, COL.actual).protection?.locked).toBe(false);
    const kjj = await openWorkbook(files['ledger-kjj.xlsx']!);
    expect([...rowsById(kjj.getWorksheet('配合事项')!).keys()]).toEqual(['target:invest', 'task:t01']);
    expect([...rowsById(kjj.getWorksheet('重点项目')!).keys()]).toEqual(['project:p2']);
  });
});

describe('several months on file and the year end', () => {
  const at = (period: string, actual: number, self?: '已完成' | '按序时推进'): ProgressRecord[] => [
    { period, kind: 'project', id: 'p1', actual, unit: 'ysj' },
    { period, kind: 'task', id: 't01', actual: actual * 10, unit: 'fgw' },
    ...(self ? [{ period, kind: 'task' as const, id: 't02', self, unit: 'kjj' }] : []),
    { period, kind: 'target', id: 'invest', actual: actual, unit: 'fgw', support: { kjj: { text: '配合做好项目入库' } } },
  ];

  it('shows the trend month by month: counts that add up, mean 完成率 and 序时进度', () => {
    const { view } = fixture();
    const records = [...at('2024-03', 20), ...at('2024-06', 58.37, '按序时推进')];
    const pv = applyProgress(view, records);
    expect(pv.progress.period).toBe('2024-06');
    const trend = pv.progress.trend!;
    expect(trend.map((t) => [t.label, t.schedule])).toEqual([
      ['1—3月', 25],
      ['1—6月', 50],
    ]);
    for (const t of trend) expect(STATUSES.reduce((n, s) => n + t.counts[s], 0)).toBe(t.total);
    const p1 = pv.progress.projects.find((r) => r.id === 'p1')!;
    // the office's own example: 58.37 of 90.50亿元 at 1—6月
    expect([p1.rateText, p1.scheduleText, p1.gap]).toEqual(['64.50%', '50.00%', '快14.50个百分点']);
    expect(p1.figures).toBe('1—6月累计完成58.37亿元，完成率64.50%，比序时进度快14.50个百分点');
    expect(pv.charts.trend?.categories).toEqual(['1—3月', '1—6月']);
    const invest = pv.progress.targets.find((r) => r.id === 'invest')!;
    expect(invest.support).toEqual([{ unitId: 'kjj', unitName: '区科技局', text: '配合做好项目入库' }]);
    // one month on file: no trend
    expect(applyProgress(view, at('2024-03', 20)).progress.trend).toBeUndefined();
  });

  it('writes the year-end review from December: each item 完成/未完成 with figures, units ranked or graded', () => {
    const { view } = fixture();
    const dec: ProgressRecord[] = [
      { period: '2024-12', kind: 'project', id: 'p1', actual: 95, unit: 'ysj' },
      { period: '2024-12', kind: 'task', id: 't01', actual: 800, unit: 'fgw' },
      { period: '2024-12', kind: 'task', id: 't02', self: '已完成', unit: 'kjj' },
      { period: '2024-12', kind: 'target', id: 'gdp', actual: 6.2, unit: 'fgw' },
      { period: '2024-12', kind: 'target', id: 'invest', actual: 101, unit: 'fgw' },
      { period: '2024-12', kind: 'project', id: 'p2', self: '已完成', unit: 'kjj' },
    ];
    const review = applyProgress(view, dec).progress.review!;
    expect(review.title).toBe('2024年目标任务完成情况');
    expect(review.items.map((i) => [i.name, i.result])).toEqual([
      ['地区生产总值', '完成'],
      ['固定资产投资', '完成'],
      ['完成土地收储', '未完成'],
      ['开展城市体检', '完成'],
      ['60个重点项目', '完成'],
      ['数据中心', '完成'],
    ]);
    expect([review.total, review.done, review.undone, review.rateText]).toEqual([6, 5, 1, '83.33%']);
    expect(review.items.find((i) => i.name === '完成土地收储')!.figures).toBe('1—12月累计完成800亩，完成率80.00%，比序时进度慢20.00个百分点');
    expect(review.units.map((u) => [u.unitName, u.rateText, u.assessment])).toEqual([
      ['区科技局', '100.00%', '第1名'],
      ['区营商环境建设局', '100.00%', '第1名'],
      ['区发展改革委', '66.67%', '第3名'],
    ]);
    const graded = applyProgress(view, dec, { config: LedgerConfig.parse({ review: { assess: 'grades' } }) }).progress.review!;
    expect(graded.units.map((u) => u.assessment)).toEqual(['好', '好', '一般']);
    // not before December
    expect(applyProgress(view, dec, { period: '2024-11' }).progress.review).toBeUndefined();
    expect(DEFAULT_LEDGER_CONFIG.review.assess).toBe('ranking');
  });
});
