/**
 * The office's monthly loop on the real 2022 plenary (区委十二届四次全会暨区委经济工作会议):
 * the build issues every unit's ledger for June 2023, every unit fills its return as a clerk
 * would (numbers, 自评进度 choices, words — some pasted from Word with vertical tabs and form
 * feeds — and 配合情况 as a co-unit), ingest merges all of them, the next build writes the
 * 督查通报 and passes its own preflight. Then the report is read back: the buckets add up in
 * the opening sentence, the unit table and the ledger; the statuses agree with the ledger's
 * formulas; the colours are the status colours; figures have two decimals and 个百分点.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { build, type BuildResult } from '../../pipeline/build/index.js';
import { ingestReturns, type IngestReport } from '../../pipeline/ingest/index.js';
import { allRows, ledgerRows, scheduleShare, type LedgerRow } from '../../pipeline/model/progress.js';
import { STATUS_LABEL, STATUS_REPORT_ORDER, STATUS_RGB, STATUSES, type Status } from '../../pipeline/core/status.js';
import { pageText, readPdfText, type PdfTextBack } from '../support/pdf.js';
import { COL, fillReturn, loadView, makeFixture, openWorkbook, rowsById, type Fill, type Fixture } from '../support/xlsx.js';

const DISTRICT = 'guancheng';
const MEETING = '2022-12-28-plenary';
const PERIOD = '2023-06';
const AS_OF = '2023-06-30';
const SELF = ['已完成', '按序时推进', '滞后', '未启动'] as const;

/** What a clerk types for row number `i` of a sheet: a spread over every status, and words. */
function fillFor(row: LedgerRow, i: number): Fill {
  const words: Fill = {
    // Shift+Enter in a Word table and a page break, pasted into the cell
    progress: i % 3 === 0 ? '已召开专题推进会_x000B_按月调度' : i % 3 === 1 ? '完成阶段任务_x000C_正在验收' : '按计划推进_x000B_无异常',
    problems: i % 2 === 0 ? '要素保障不足_x000B_审批周期长' : '资金到位慢',
    nextSteps: '倒排工期，加快推进',
  };
  if (row.mode === 'none') {
    const k = i % 5;
    // 4: words only, no choice — counts as 未填报 (the summary says so)
    return k === 4 ? { progress: words.progress } : { ...words, self: SELF[k] };
  }
  const T = row.target!;
  const s = scheduleShare(AS_OF, '2023-01-01', row.end);
  const two = (x: number) => Math.round(x * 100) / 100;
  const k = i % 5;
  if (row.mode === 'cumulative') {
    const actual = [T, two(T * Math.min(1, s) * 1.1), two(T * (s - 0.05)), two(T * Math.max(0, s - 0.3)), undefined][k];
    return actual === undefined ? { progress: words.progress } : { ...words, actual };
  }
  if (row.mode === 'rate') {
    // 10.149: a figure keeps the precision it was written with
    const actual = [10.149, two(T * 0.97), two(T * 0.5), undefined, two(T * 1.05)][k];
    return actual === undefined ? {} : { ...words, actual };
  }
  // ceiling (ranks, caps): on target, or 0 reported (prints as 0)
  return k % 2 === 0 ? { ...words, actual: T } : { ...words, actual: 0 };
}

function statusOf(cell: ExcelJS.Cell): string {
  const v = cell.value as { result?: unknown } | string | null;
  return typeof v === 'object' && v !== null ? String(v.result ?? '') : String(v ?? '');
}

async function fillColours(pdf: Uint8Array): Promise<Set<string>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: pdf.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  const out = new Set<string>();
  for (let n = 1; n <= doc.numPages; n++) {
    const ops = await (await doc.getPage(n)).getOperatorList();
    ops.fnArray.forEach((fn, k) => {
      if (fn !== pdfjs.OPS.setFillRGBColor) return;
      const a = ops.argsArray[k] as unknown[];
      const hex = typeof a[0] === 'string' ? (a[0] as string) : `#${(a as number[]).map((x) => Math.round(x * 255).toString(16).padStart(2, '0')).join('')}`;
      out.add(hex.replace('#', '').toUpperCase());
    });
  }
  await doc.destroy();
  return out;
}

describe('the monthly loop on the 2022 plenary: issue → 21 returns → ingest → 督查通报', () => {
  let fx: Fixture;
  let dir: string;
  let first: BuildResult;
  let second: BuildResult;
  let ingested: IngestReport;
  let report: PdfTextBack;
  let reportBytes: Uint8Array;
  let text: string;
  let rows: LedgerRow[];
  let listedRows: LedgerRow[];
  const returns: string[] = [];
  const opts = () => ({ dataDir: fx.dataDir, outDir: fx.outDir, period: PERIOD, jobs: 1, only: [`${DISTRICT}/${MEETING}`], formats: ['ledger', 'report'] });

  beforeAll(async () => {
    fx = makeFixture({ realData: true });
    dir = join(fx.outDir, DISTRICT, MEETING);
    first = await build(opts());
    expect(first.failures).toEqual([]);
    rows = allRows(ledgerRows(loadView(fx.dataDir, DISTRICT, MEETING)));
    const byId = new Map(rows.map((r) => [r.rowId, r]));
    const units = readdirSync(dir).filter((f) => /^ledger-.+\.xlsx$/.test(f)).sort();
    for (const name of units) {
      const src = join(dir, name);
      const wb = await openWorkbook(src);
      const dst = join(fx.returnsDir, name);
      let i = 0;
      const sheets: Record<string, Record<string, Fill>> = {};
      wb.eachSheet((ws) => {
        if (ws.name === '汇总' || ws.state !== 'visible') return;
        const fills: Record<string, Fill> = {};
        for (const [rowId] of rowsById(ws)) {
          const row = byId.get(rowId)!;
          fills[rowId] = ws.name === '配合事项' ? { progress: `配合做好要素保障_x000B_按月对接${row.leadName}` } : fillFor(row, i++);
        }
        sheets[ws.name] = fills;
      });
      // one workbook, every sheet filled in turn
      let from = src;
      for (const [sheet, fills] of Object.entries(sheets)) {
        await fillReturn(from, dst, fills, { sheet });
        from = dst;
      }
      returns.push(dst);
    }
    ingested = await ingestReturns(returns, { dataDir: fx.dataDir, root: fx.dir });
    second = await build(opts());
    reportBytes = new Uint8Array(readFileSync(join(dir, 'progress.pdf')));
    report = await readPdfText(reportBytes);
    text = pageText(report.pages);
    // the red and yellow items as the model evaluated them
    const { withProgress } = await import('../../pipeline/load/progress.js');
    const pv = withProgress(loadView(fx.dataDir, DISTRICT, MEETING), { dataDir: fx.dataDir, root: fx.dir, period: PERIOD });
    listedRows = pv.progress.all.filter((r) => r.status === 'red' || r.status === 'yellow');
  });

  it('issues 21 unit ledgers and merges every return', () => {
    expect(returns).toHaveLength(21);
    expect(ingested.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
    expect(ingested.ok).toBe(true);
    expect(ingested.files.map((f) => f.status)).toEqual(returns.map(() => 'merged'));
    expect(ingested.written).toHaveLength(1);
  });

  it('builds with exit 0 and its own preflight clean', () => {
    expect(second.failures).toEqual([]);
    expect(second.checks.filter((p) => p.severity !== 'warning')).toEqual([]);
    expect(second.artifacts.some((a) => a.path.endsWith('progress.pdf'))).toBe(true);
  });

  it('adds up: every item in exactly one bucket, in the sentence, the unit table and the ledger', async () => {
    const m = /共(\d+)项纳入督查。其中，已完成(\d+)项，绿灯（[^）]*）(\d+)项，黄灯（[^）]*）(\d+)项，红灯（[^）]*）(\d+)项，未填报(\d+)项/.exec(text);
    expect(m).not.toBeNull();
    const [total, done, green, yellow, red, missing] = m!.slice(1).map(Number) as [number, number, number, number, number, number];
    expect(total).toBe(rows.length);
    expect(done + green + yellow + red + missing).toBe(total);
    for (const n of [done, green, yellow, red, missing]) expect(n).toBeGreaterThan(0);

    // the master ledger's own formulas (cached results) give the same buckets
    const wb = await openWorkbook(join(dir, 'ledger.xlsx'));
    const ledger: Record<string, number> = {};
    for (const name of ['主要预期目标', '重点任务', '重点项目']) {
      const ws = wb.getWorksheet(name)!;
      for (const [, r] of rowsById(ws)) {
        const s = statusOf(ws.getCell(r, COL.status));
        ledger[s] = (ledger[s] ?? 0) + 1;
      }
    }
    expect(ledger).toEqual(
      Object.fromEntries(
        (['done', 'green', 'yellow', 'red', 'missing'] as Status[]).map((s, k) => [STATUS_LABEL[s], [done, green, yellow, red, missing][k]]).filter(([, n]) => (n as number) > 0),
      ),
    );
    // the unit table's 合计 row
    expect(text).toContain(`合计${total}${done}${green}${yellow}${red}${missing}`);
    console.log(`buckets: total ${total}, 已完成 ${done}, 绿灯 ${green}, 黄灯 ${yellow}, 红灯 ${red}, 未填报 ${missing}`);
  });

  it('prints the office figures: two decimals, n/12, 个百分点; amounts as written', () => {
    expect(text).toContain('序时进度50.00%，即6/12');
    expect(text).toMatch(/完成率\d+\.\d{2}%，比序时进度慢\d+\.\d{2}个百分点/);
    expect(text).not.toMatch(/完成率\d+%/);
    expect(text).not.toMatch(/完成率\d+\.\d%/);
    expect(text).toContain('10.149%');
    // Word's vertical tabs and form feeds became line breaks, no control character left
    expect(text).toContain('要素保障不足审批周期长');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]|_x000B_/);
  });

  it('lists red and yellow items with the units’ problems, and the co-units’ 配合情况', () => {
    const red = text.indexOf('红灯事项（');
    const yellow = text.indexOf('黄灯事项（');
    const units = text.indexOf('各责任单位推进情况');
    expect(red).toBeGreaterThan(0);
    expect(yellow).toBeGreaterThan(red);
    expect(units).toBeGreaterThan(yellow);
    expect(text.slice(red, yellow)).toContain('存在问题：');
    // every red or yellow item supported by co-units shows what they reported
    const supported = rows.filter((r) => r.coIds.length > 0);
    expect(supported.length).toBeGreaterThan(0);
    const listed = text.slice(red, units);
    const shownSupport = (listed.match(/（配合）：配合做好要素保障按月对接/g) ?? []).length;
    const expected = listedRows.filter((r) => r.coIds.length > 0).reduce((n, r) => n + r.coIds.filter((u) => u !== r.leadId).length, 0);
    expect(shownSupport).toBe(expected);
  });

  it('colours each status with its one colour, the same as the ledger’s conditional formats', async () => {
    const used = await fillColours(reportBytes);
    for (const s of STATUSES) expect(used, `${s} ${STATUS_RGB[s]}`).toContain(STATUS_RGB[s]);
    const wb = await openWorkbook(join(dir, 'ledger.xlsx'));
    const ws = wb.getWorksheet('重点任务')!;
    const rules = (ws as unknown as { conditionalFormattings: { rules: { formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[] }[] }).conditionalFormattings.flatMap((c) => c.rules);
    for (const s of STATUS_REPORT_ORDER) {
      const rule = rules.find((r) => r.formulae?.[0] === `"${STATUS_LABEL[s]}"`);
      expect(rule?.style?.fill?.bgColor?.argb, s).toBe(`FF${STATUS_RGB[s]}`);
    }
  });
});
