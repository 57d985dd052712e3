import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyProgress,
  evaluateRow,
  ledgerRows,
  periodEnd,
  periodLabel,
  percentText,
  gapText,
  plain,
  actualHeader,
  roundHalfAway,
  scheduleShare,
  type ProgressRecord,
} from '../../pipeline/model/progress.js';
import { loadView, makeFixture } from '../support/xlsx.js';

describe('periods and 序时进度', () => {
  it('ends a reporting month on its last day', () => {
    expect(periodEnd('2023-02')).toBe('2023-02-28');
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(periodEnd('2023-12')).toBe('2023-12-31');
  });

  it('counts months elapsed over months to the deadline', () => {
    expect(scheduleShare('2023-03-31', '2023-01-01', '2023-12-31')).toBe(0.25);
    expect(scheduleShare('2023-03-31', '2023-01-01', '2023-06-30')).toBe(0.5);
    expect(scheduleShare('2022-12-31', '2023-01-01', '2023-12-31')).toBe(0);
    expect(scheduleShare('2024-01-31', '2023-01-01', '2023-12-31')).toBe(1);
    expect(scheduleShare('2023-03-31', '2023-01-01', '2022-12-31')).toBe(1);
  });

  it('labels the period and the 累计完成 header', () => {
    expect(periodLabel('2023-03', 2023)).toBe('截至3月');
    expect(periodLabel('2022-12', 2023)).toBe('截至2022年12月');
    expect(actualHeader('2023-03', 2023)).toBe('1—3月累计完成');
  });

  it('rounds half away from zero on decimal digits, like ROUND', () => {
    expect(roundHalfAway(1.005, 2)).toBe(1.01);
    expect(roundHalfAway(-2.345, 2)).toBe(-2.35);
    expect(roundHalfAway(10, 2)).toBe(10);
  });

  it('keeps 序时进度 within [0, 1] for any dates', () => {
    const iso = fc.date({ min: new Date(Date.UTC(2020, 0, 1)), max: new Date(Date.UTC(2027, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(iso, iso, iso, (a, s, e) => {
        const v = scheduleShare(a, s, e);
        return v >= 0 && v <= 1;
      }),
    );
  });
});

describe('status rule', () => {
  const start = '2023-01-01';
  const asOf = '2023-03-31';
  const cumulative = { mode: 'cumulative' as const, target: 1000, end: '2023-12-31' };

  it('compares cumulative amounts with 序时进度', () => {
    expect(evaluateRow(cumulative, { actual: 300 }, asOf, start).status).toBe('green');
    expect(evaluateRow(cumulative, { actual: 160 }, asOf, start).status).toBe('yellow');
    expect(evaluateRow(cumulative, { actual: 150 }, asOf, start).status).toBe('yellow'); // exactly 10 points
    expect(evaluateRow(cumulative, { actual: 149 }, asOf, start).status).toBe('red');
    expect(evaluateRow(cumulative, { actual: 1000 }, asOf, start).status).toBe('done');
    expect(evaluateRow(cumulative, {}, asOf, start).status).toBe('missing');
  });

  it('marks overdue unfinished tasks red', () => {
    const due = { ...cumulative, end: '2023-02-28' };
    expect(evaluateRow(due, { actual: 950 }, asOf, start).status).toBe('red');
  });

  it('compares rates with the target, done only at the deadline', () => {
    const rate = { mode: 'rate' as const, target: 7, end: '2023-12-31' };
    expect(evaluateRow(rate, { actual: 7.2 }, asOf, start).status).toBe('green');
    expect(evaluateRow(rate, { actual: 6.5 }, asOf, start).status).toBe('yellow');
    expect(evaluateRow(rate, { actual: 7.2 }, '2023-12-31', start).status).toBe('done');
  });

  it('inverts 完成率 for ceilings and down tasks', () => {
    const ceiling = { mode: 'ceiling' as const, target: 5, end: '2023-12-31' };
    expect(evaluateRow(ceiling, { actual: 4 }, asOf, start)).toMatchObject({ rate: 1.25, status: 'green' });
    expect(evaluateRow(ceiling, { actual: 0 }, asOf, start)).toMatchObject({ rate: 1, status: 'green' });
    expect(evaluateRow(ceiling, { actual: 10 }, asOf, start).status).toBe('red');
  });

  it('takes a qualitative row’s status from the unit’s 自评进度; words alone are 未填报', () => {
    const none = { mode: 'none' as const, end: '2023-12-31' };
    expect(evaluateRow(none, { progress: '已启动' }, asOf, start).status).toBe('missing');
    expect(evaluateRow(none, {}, asOf, start).status).toBe('missing');
    expect(evaluateRow(none, { self: '已完成' }, asOf, start).status).toBe('done');
    expect(evaluateRow(none, { self: '按序时推进' }, asOf, start).status).toBe('green');
    expect(evaluateRow(none, { self: '滞后' }, asOf, start).status).toBe('yellow');
    expect(evaluateRow(none, { self: '未启动' }, asOf, start).status).toBe('red');
    // past its deadline and not done: red, whatever was chosen
    expect(evaluateRow({ ...none, end: '2023-02-28' }, { self: '按序时推进' }, asOf, start).status).toBe('red');
    expect(evaluateRow({ ...none, end: '2023-02-28' }, { self: '已完成' }, asOf, start).status).toBe('done');
  });

  it('prints the office’s figures: 完成率 and 序时进度 to two decimals, the gap in 个百分点', () => {
    // 58.37 of 90.50亿元 at 1—6月 → 64.50%, 50.00%, 快14.50个百分点
    const plan = { mode: 'cumulative' as const, target: 90.5, end: '2023-12-31', unit: '亿元' };
    const ev = evaluateRow(plan, { actual: 58.37 }, '2023-06-30', start);
    expect(percentText(ev.rate)).toBe('64.50%');
    expect(percentText(ev.schedule)).toBe('50.00%');
    expect(gapText(plan, ev, 58.37)).toBe('快14.50个百分点');
    expect(ev.status).toBe('green');
    const behind = evaluateRow(plan, { actual: 40 }, '2023-06-30', start);
    expect(gapText(plan, behind, 40)).toBe('慢5.80个百分点');
    expect(behind.status).toBe('yellow');
    const rate = { mode: 'rate' as const, target: 7, end: '2023-12-31', unit: '%' };
    expect(gapText(rate, evaluateRow(rate, { actual: 6.5 }, asOf, start), 6.5)).toBe('低于目标0.50个百分点');
    expect(plain(10.149)).toBe('10.149');
    expect(plain(0.1 + 0.2)).toBe('0.3');
  });
});

describe('ledger rows and applyProgress', () => {
  const fx = makeFixture();
  const view = loadView(fx.dataDir);

  it('derives a mode and input bounds per row', () => {
    const { targets, tasks } = ledgerRows(view);
    const mode = Object.fromEntries([...targets, ...tasks].map((r) => [r.rowId, r.mode]));
    expect(mode).toEqual({
      'target:gdp': 'rate',
      'target:invest': 'cumulative',
      'target:pm25': 'ceiling',
      'target:income': 'none',
      'task:t01': 'cumulative',
      'task:t02': 'ceiling',
      'task:t03': 'rate',
      'task:t04': 'none',
      'task:t05': 'cumulative',
      'task:t06': 'cumulative',
    });
    const t01 = tasks.find((t) => t.id === 't01')!;
    expect([t01.min, t01.max]).toEqual([0, 10_000]);
    const gdp = targets.find((t) => t.id === 'gdp')!;
    expect([gdp.min, gdp.max]).toEqual([-100, 100]);
    expect(tasks.find((t) => t.id === 't04')!.max).toBe(1e9);
    expect(tasks.find((t) => t.id === 't02')!.end).toBe('2023-12-31');
  });

  it('uses the briefing month when nothing is recorded', () => {
    const pv = applyProgress(view, []);
    expect(pv.progress.period).toBe('2023-01');
    expect(pv.progress.issuedAt).toBe('2023-01-12T00:00:00.000Z');
    expect(pv.progress.tasks.every((t) => t.status === 'missing')).toBe(true);
  });

  it('takes the latest period and the latest inputs of each row', () => {
    const records: ProgressRecord[] = [
      { period: '2023-02', kind: 'task', id: 't01', actual: 100, progress: '二月', unit: 'fgw', returned: '2023-03-02T00:00:00.000Z' },
      { period: '2023-03', kind: 'task', id: 't01', actual: 300, unit: 'fgw', returned: '2023-04-02T00:00:00.000Z' },
      { period: '2023-02', kind: 'task', id: 't05', actual: 2, unit: 'fgw' },
    ];
    const pv = applyProgress(view, records);
    expect(pv.progress.period).toBe('2023-03');
    expect(pv.progress.issuedAt).toBe('2023-04-02T00:00:00.000Z');
    const t01 = pv.progress.tasks.find((t) => t.id === 't01')!;
    expect(t01.inputs).toEqual({ actual: 300 });
    expect(t01.inputsPeriod).toBe('2023-03');
    expect(t01.status).toBe('green');
    const t05 = pv.progress.tasks.find((t) => t.id === 't05')!;
    expect(t05.inputsPeriod).toBe('2023-02');
    expect(pv.progress.byUnit.find((u) => u.unitId === 'fgw')!.total).toBe(2);
    const earlier = applyProgress(view, records, { period: '2023-02' });
    expect(earlier.progress.tasks.find((t) => t.id === 't01')!.inputs.actual).toBe(100);
  });
});
