/**
 * The office's whole loop through the public entry points: build issues the ledgers for
 * a month, units fill in their workbooks, ingest merges the returns, the next build
 * pre-fills the ledgers and adds the 督查通报 (progress.pdf) with the red items first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.js';
import { ingestReturns } from '../../pipeline/ingest/index.js';
import { pageText, readPdfText, type PdfTextBack } from '../support/pdf.js';
import { COL, DISTRICT_ID, fillReturn, makeFixture, MEETING_ID, openWorkbook, rowsById, type Fixture } from '../support/xlsx.js';

describe('ledger round trip through build → ingest → build', () => {
  let fx: Fixture;
  let dir: string;
  let report: PdfTextBack;
  const opts = () => ({ dataDir: fx.dataDir, outDir: fx.outDir, period: '2023-06', jobs: 1, formats: ['ledger', 'report'] });

  beforeAll(async () => {
    fx = makeFixture();
    dir = join(fx.outDir, DISTRICT_ID, MEETING_ID);
    const first = await build(opts());
    expect(first.failures).toEqual([]);
    // no returns yet: ledgers, but no progress report
    expect(existsSync(join(dir, 'ledger-fgw.xlsx'))).toBe(true);
    expect(existsSync(join(dir, 'progress.pdf'))).toBe(false);

    // 区发展改革委 is far behind on t01 (100 of 1000亩 by June: 10% vs 序时 50%) and done with t05;
    // 区科技局 is on track with t03.
    const fgw = await fillReturn(join(dir, 'ledger-fgw.xlsx'), join(fx.returnsDir, 'fgw.xlsx'), {
      'task:t01': { actual: 100, progress: '完成收储100亩', problems: '征迁进度慢', nextSteps: '加快征迁' },
      'task:t05': { actual: 14, progress: '14个小区全部完工' },
    });
    const kjj = await fillReturn(join(dir, 'ledger-kjj.xlsx'), join(fx.returnsDir, 'kjj.xlsx'), {
      'task:t03': { actual: 66, progress: '覆盖率66%' },
    });
    const ingested = await ingestReturns([fgw, kjj], { dataDir: fx.dataDir });
    expect(ingested.ok).toBe(true);
    expect(ingested.written).toHaveLength(1);

    const second = await build(opts());
    expect(second.failures).toEqual([]);
    expect(second.built).toEqual([`${DISTRICT_ID}/${MEETING_ID}`]);
    report = await readPdfText(new Uint8Array(readFileSync(join(dir, 'progress.pdf'))));
  });

  it('pre-fills the regenerated ledgers with what the units returned', async () => {
    const wb = await openWorkbook(join(dir, 'ledger.xlsx'));
    const ws = wb.getWorksheet('重点任务')!;
    const rows = rowsById(ws);
    expect(ws.getCell(rows.get('task:t01')!, COL.actual).value).toBe(100);
    expect(ws.getCell(rows.get('task:t01')!, COL.progress).value).toBe('完成收储100亩');
    expect(ws.getCell(rows.get('task:t05')!, COL.actual).value).toBe(14);
    expect(ws.getCell(rows.get('task:t01')!, COL.status).result ?? ws.getCell(rows.get('task:t01')!, COL.status).value).toBe('红灯');
  });

  it('writes a 督查通报 whose first list is the red tasks', () => {
    const text = pageText(report.pages);
    expect(text).toContain('测试区督查通报');
    expect(text).toContain('截至6月');
    const red = text.indexOf('红灯事项');
    const units = text.indexOf('各责任单位推进情况');
    expect(red).toBeGreaterThan(0);
    expect(units).toBeGreaterThan(red);
    // t01 (red) is listed in the red section with its figures and its problem
    const t01 = text.indexOf('完成土地收储');
    expect(t01).toBeGreaterThan(red);
    expect(t01).toBeLessThan(units);
    expect(text.replace(/—\d+—/g, '')).toContain('1—6月累计完成100亩，完成率10.00%，比序时进度慢40.00个百分点');
    expect(text).toContain('存在问题：征迁进度慢。');
    // the per-unit table and charts
    expect(text).toContain('各责任单位推进状态');
    expect(text).toContain('目标任务推进状态');
  });

  it('does nothing more when built again', async () => {
    const again = await build(opts());
    expect(again.built).toEqual([]);
  });
});
