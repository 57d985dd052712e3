/**
 * LibreOffice as an independent spreadsheet engine: our cached formula results must be
 * what LibreOffice computes itself (from a copy without cached values), for many random
 * rows of every mode (the ledger's PDF: print.test.ts). Skipped when soffice is absent.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { deriveMeeting } from '../../pipeline/model/derive.js';
import { applyProgress, type ProgressRecord } from '../../pipeline/model/progress.js';
import { District, Meeting } from '../../pipeline/model/schema.js';
import { renderLedgers } from '../../pipeline/render/xlsx/index.js';
import { convert, makeFixture, soffice, withoutCachedResults } from '../support/xlsx.js';

const hasSoffice = soffice() !== null;

const UNITS = ['fgw', 'kjj', 'ysj'];

function randomMeeting(seed: number): { view: ReturnType<typeof deriveMeeting>; records: ProgressRecord[]; period: string } {
  const iso = fc
    .date({ min: new Date(Date.UTC(2022, 5, 1)), max: new Date(Date.UTC(2024, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const task = fc.record({
    quantity: fc.option(fc.oneof(fc.constant(0), fc.double({ min: 0.5, max: 5000, noNaN: true }).map((x) => Number(x.toFixed(2)))), { nil: undefined }),
    unit: fc.constantFrom('亩', '%', '名', '个', '亿元'),
    bound: fc.option(fc.constantFrom('以上' as const, '以内' as const, '左右' as const, '不超过' as const, '达到' as const), { nil: undefined }),
    direction: fc.constantFrom('up' as const, 'down' as const),
    deadline: fc.option(iso, { nil: undefined }),
    lead: fc.constantFrom(...UNITS),
    actualFactor: fc.option(
      fc.oneof(fc.constant(0), fc.constant(0.9), fc.constant(1), fc.double({ min: 0, max: 1.6, noNaN: true }), fc.double({ min: 0.85, max: 1, noNaN: true })),
      { nil: undefined },
    ),
    progress: fc.option(fc.constantFrom('已启动', '=1+1', '推进中'), { nil: undefined }),
    self: fc.option(fc.constantFrom('已完成' as const, '按序时推进' as const, '滞后' as const, '未启动' as const), { nil: undefined }),
  });
  const target = fc.record({
    measure: fc.constantFrom('growth' as const, 'level' as const, 'ratio' as const),
    value: fc.option(fc.double({ min: 0.5, max: 900, noNaN: true }).map((x) => Number(x.toFixed(1))), { nil: undefined }),
    bound: fc.option(fc.constantFrom('以上' as const, '以内' as const, '左右' as const), { nil: undefined }),
    actual: fc.option(fc.double({ min: -5, max: 1000, noNaN: true }).map((x) => Number(x.toFixed(2))), { nil: undefined }),
  });
  const [tasks] = fc.sample(fc.array(task, { minLength: 120, maxLength: 120 }), { seed, numRuns: 1 });
  const [targets] = fc.sample(fc.array(target, { minLength: 30, maxLength: 30 }), { seed: seed + 1, numRuns: 1 });
  const [period] = fc.sample(fc.constantFrom('2023-01', '2023-03', '2023-06', '2023-12'), { seed, numRuns: 1 });
  const district = District.parse({
    id: 'randqu',
    name: '随机区',
    shortName: '随机区',
    city: '测试市',
    committee: '委员会',
    office: '办公室',
    briefingName: '简报',
    units: UNITS.map((id) => ({ id, name: `单位${id}` })),
  });
  const meeting = Meeting.parse({
    kind: 'plenary',
    title: '随机会议',
    date: '2023-01-05',
    source: { seed: 'x.txt' },
    targets: {
      period: '2023年',
      year: 2023,
      items: targets!.map((t, i) => ({ id: `g${i}`, name: `指标${i}`, measure: t.measure, value: t.value, unit: t.measure === 'level' ? '亿元' : '%', bound: t.bound })),
    },
    areas: [
      {
        name: '随机板块',
        tasks: tasks!.map((t, i) => ({
          id: `t${i}`,
          task: `任务${i}`,
          quantity: t.quantity,
          unit: t.unit,
          bound: t.bound,
          direction: t.direction,
          deadline: t.deadline,
          lead: t.lead,
        })),
      },
    ],
    briefing: { issue: 1, date: '2023-01-06' },
  });
  const view = deriveMeeting(district, 'rand', meeting);
  const records: ProgressRecord[] = [];
  tasks!.forEach((t, i) => {
    const actual = t.actualFactor === undefined ? undefined : Number(((t.quantity ?? 10) * t.actualFactor).toFixed(3));
    if (actual !== undefined || t.progress || t.self) records.push({ period: period!, kind: 'task', id: `t${i}`, actual, progress: t.progress, self: t.self });
  });
  targets!.forEach((t, i) => {
    if (t.actual !== undefined) records.push({ period: period!, kind: 'target', id: `g${i}`, actual: t.actual });
  });
  return { view, records, period: period! };
}

async function formulaResults(path: string): Promise<Map<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out = new Map<string, unknown>();
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) out.set(`${ws.name}!${cell.address}`, cell.result ?? '');
      }),
    );
  }
  return out;
}

describe.skipIf(!hasSoffice)('LibreOffice', () => {
  it('computes every formula to the cached result we wrote (random rows of every mode)', async () => {
    const fx = makeFixture();
    const shown = new Set<unknown>();
    const seeds = [7, 42];
    const bare = (seed: number) => join(fx.outDir, `bare-${seed}.xlsx`);
    for (const seed of seeds) {
      const { view, records } = randomMeeting(seed);
      const files = await renderLedgers(applyProgress(view, records));
      const master = files.find((f) => f.name === 'ledger.xlsx')!;
      writeFileSync(join(fx.outDir, `ours-${seed}.xlsx`), master.data);
      writeFileSync(bare(seed), withoutCachedResults(master.data as Uint8Array));
    }
    // one LibreOffice run recomputes both workbooks
    const loDir = join(fx.outDir, 'lo');
    await convert(seeds.map(bare), 'xlsx', loDir);
    for (const seed of seeds) {
      const expected = await formulaResults(join(fx.outDir, `ours-${seed}.xlsx`));
      const computed = await formulaResults(join(loDir, `bare-${seed}.xlsx`));
      expect(expected.size).toBeGreaterThan(300);
      for (const v of expected.values()) shown.add(v);
      const mismatches: string[] = [];
      for (const [ref, v] of expected) {
        const lo = computed.get(ref);
        const same = typeof v === 'number' && typeof lo === 'number' ? Math.abs(v - lo) < 1e-9 : v === lo;
        if (!same) mismatches.push(`${ref}: ours ${JSON.stringify(v)}, LibreOffice ${JSON.stringify(lo)}`);
      }
      expect(mismatches).toEqual([]);
    }
    for (const s of ['已完成', '绿灯', '黄灯', '红灯', '未填报']) expect(shown).toContain(s);
    expect([...shown].some((v) => typeof v === 'string' && /^快\d+\.\d{2}个百分点$/.test(v))).toBe(true);
    expect([...shown].some((v) => typeof v === 'string' && /^慢\d+\.\d{2}个百分点$/.test(v))).toBe(true);
  }, 300_000);

  // The ledger's conversion to an A4 landscape PDF is checked in print.test.ts, in the same
  // LibreOffice run as a unit's workbook.
});
