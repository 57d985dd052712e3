/**
 * Round trip: issue ledgers, fill them in as units would (sorted rows, wrong types, edited
 * locked cells, another meeting, not-a-zip…), ingest into a temp data folder, and check
 * the YAML written and the problems reported.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import ExcelJS from 'exceljs';
import { formatProblem, type Problem } from '../../pipeline/errors.js';
import { ingestReturns, loadProgress, withProgress, type IngestReport } from '../../pipeline/ingest/index.js';
import { writeZip } from '../../pipeline/core/zip.js';
import { colLetter } from '../../pipeline/render/xlsx/spec.js';
import {
  COL,
  DISTRICT_ID,
  fillReturn,
  loadView,
  makeFixture,
  MEETING_ID,
  openWorkbook,
  renderTo,
  reorderRows,
  rowsById,
  type Fixture,
} from '../support/xlsx.js';

let ledgers: Promise<Record<string, string>> | undefined;

/**
 * A fresh fixture (data folder, returns folder) per test, and its issued ledgers: the same
 * bytes for every test (the fixture's data is the same), rendered once per file and only
 * read by the tests (each fills a copy into its own returns folder).
 */
async function issued(): Promise<{ fx: Fixture; files: Record<string, string> }> {
  const fx = makeFixture();
  ledgers ??= (async () => {
    const first = makeFixture();
    return renderTo(first.outDir, loadView(first.dataDir));
  })();
  return { fx, files: await ledgers };
}

const progressFile = (fx: Fixture, period = '2023-01') => join(fx.dataDir, DISTRICT_ID, 'progress', MEETING_ID, `${period}.yaml`);
const readYaml = (fx: Fixture, period = '2023-01') => parse(readFileSync(progressFile(fx, period), 'utf8')) as { tasks: Record<string, Record<string, unknown>>; targets?: Record<string, Record<string, unknown>> };
const errors = (r: IngestReport) => r.problems.filter((p) => p.severity !== 'warning');
const at = (p: Problem) => (p.location.kind === 'cell' ? `${p.location.sheet}!${p.location.cell ?? ''}` : p.location.file);

describe('ingestReturns', () => {
  it('merges filled returns into the period file', async () => {
    const { fx, files } = await issued();
    const fgw = await fillReturn(files['ledger-fgw.xlsx']!, join(fx.returnsDir, 'fgw.xlsx'), {
      'task:t01': { actual: 120.5, progress: '完成收储120.5亩', problems: '无', nextSteps: '加快供地' },
      'task:t05': { actual: 3 },
    });
    const kjj = await fillReturn(files['ledger-kjj.xlsx']!, join(fx.returnsDir, 'kjj.xlsx'), {
      'task:t03': { actual: 60.2, progress: '=开头的文本 不是公式' },
      'task:t04': { self: '按序时推进', progress: '已完成方案\n第二段' },
    });
    const report = await ingestReturns([fgw, kjj], { dataDir: fx.dataDir });
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.files.map((f) => [f.status, f.unit, f.rows])).toEqual([
      ['merged', 'fgw', 2],
      ['merged', 'kjj', 2],
    ]);
    expect(report.written).toEqual([progressFile(fx)]);
    const y = readYaml(fx);
    expect(y.tasks.t01).toMatchObject({ actual: 120.5, progress: '完成收储120.5亩', problems: '无', nextSteps: '加快供地', unit: 'fgw' });
    expect(y.tasks.t05).toMatchObject({ actual: 3, unit: 'fgw' });
    expect(y.tasks.t03).toMatchObject({ actual: 60.2, progress: '=开头的文本 不是公式', unit: 'kjj' });
    expect(y.tasks.t04!.progress).toBe('已完成方案\n第二段');
    expect(y.tasks.t04!.self).toBe('按序时推进');
    expect(y.tasks.t01!.returned).toBe('2023-02-03T09:00:00.000Z');
    expect(y.tasks.t01!.issued).toBe('2023-01-12T00:00:00.000Z');
    expect(typeof y.tasks.t01!.actual).toBe('number');
    const records = await loadProgress(fx.dataDir, DISTRICT_ID, MEETING_ID);
    expect(records).toHaveLength(4);
    expect(readdirSync(join(fx.dataDir, DISTRICT_ID, 'progress', MEETING_ID)).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('changes nothing when the same return is ingested twice', async () => {
    const { fx, files } = await issued();
    const fgw = await fillReturn(files['ledger-fgw.xlsx']!, join(fx.returnsDir, 'fgw.xlsx'), { 'task:t01': { actual: 10, progress: '进展' } });
    await ingestReturns([fgw], { dataDir: fx.dataDir });
    const before = readFileSync(progressFile(fx));
    const again = await ingestReturns([fgw, fgw], { dataDir: fx.dataDir });
    expect(again.problems).toEqual([]);
    expect(again.written).toEqual([]);
    expect(again.backups).toEqual([]);
    expect(readFileSync(progressFile(fx)).equals(before)).toBe(true);
  });

  it('maps sorted rows back by their row ids', async () => {
    const { fx, files } = await issued();
    const sorted = await fillReturn(
      files['ledger.xlsx']!,
      join(fx.returnsDir, 'master-sorted.xlsx'),
      { 'task:t01': { actual: 1 }, 'task:t03': { actual: 33 }, 'task:t06': { actual: 0.5 } },
      { mutate: (wb) => reorderRows(wb.getWorksheet('重点任务')!, [9, 6, 4, 7, 5, 8]) },
    );
    const wb = await openWorkbook(sorted);
    expect([...rowsById(wb.getWorksheet('重点任务')!).keys()]).toEqual(['task:t06', 'task:t03', 'task:t01', 'task:t04', 'task:t02', 'task:t05']);
    const report = await ingestReturns([sorted], { dataDir: fx.dataDir });
    expect(report.problems.map(formatProblem)).toEqual([]);
    const y = readYaml(fx);
    expect([y.tasks.t01!.actual, y.tasks.t03!.actual, y.tasks.t06!.actual]).toEqual([1, 33, 0.5]);
  });

  it('rejects wrong types and out-of-range inputs with cell locations, changing nothing', async () => {
    const { fx, files } = await issued();
    const bad = await fillReturn(files['ledger.xlsx']!, join(fx.returnsDir, 'bad.xlsx'), {
      'task:t01': { actual: '一百二十', progress: '好' },
      'task:t05': { actual: 1e6 },
      'task:t06': { actual: new Date(Date.UTC(2023, 1, 1)) },
      'task:t04': { problems: 'x'.repeat(501) },
    });
    const report = await ingestReturns([bad], { dataDir: fx.dataDir });
    expect(report.ok).toBe(false);
    expect(report.files[0]!.status).toBe('rejected');
    expect(existsSync(progressFile(fx))).toBe(false);
    const wb = await openWorkbook(bad);
    const rows = rowsById(wb.getWorksheet('重点任务')!);
    const byCell = Object.fromEntries(errors(report).map((p) => [at(p), p]));
    const j = (id: string) => `重点任务!${colLetter(COL.actual)}${rows.get(id)}`;
    expect(byCell[j('task:t01')]).toMatchObject({ field: '累计完成', found: '"一百二十"' });
    expect(byCell[j('task:t01')]!.message).toMatch(/^期望 0 到 10000 之间的数字/);
    expect(byCell[j('task:t05')]).toMatchObject({ field: '累计完成', found: '1000000', message: '期望 0 到 140 之间的数字' });
    expect(byCell[j('task:t06')]!.found).toBe('日期 2023-02-01');
    expect(byCell[`重点任务!${colLetter(COL.problems)}${rows.get('task:t04')}`]).toMatchObject({ field: '存在问题', message: '期望不超过 500 个字' });
    expect(formatProblem(byCell[j('task:t05')]!)).toBe(`${bad} › 重点任务 › ${colLetter(COL.actual)}${rows.get('task:t05')}  累计完成  期望 0 到 140 之间的数字，实际为 1000000`);
  });

  it('detects edited locked cells by their fingerprints', async () => {
    const { fx, files } = await issued();
    const edited = await fillReturn(
      files['ledger-fgw.xlsx']!,
      join(fx.returnsDir, 'edited.xlsx'),
      { 'task:t01': { actual: 500 } },
      {
        mutate: (wb) => {
          const ws = wb.getWorksheet('重点任务')!;
          const rows = rowsById(ws);
          ws.getCell(rows.get('task:t01')!, COL.target).value = 500; // lower the target
          ws.getCell(rows.get('task:t05')!, COL.status).value = '绿灯'; // overwrite a formula
          ws.getCell(rows.get('task:t05')!, COL.name).value = '改过的任务';
          ws.getCell('K2').value = new Date(Date.UTC(2023, 11, 31)); // move 截至日期
        },
      },
    );
    const report = await ingestReturns([edited], { dataDir: fx.dataDir });
    expect(report.files[0]!.status).toBe('rejected');
    const wb = await openWorkbook(edited);
    const rows = rowsById(wb.getWorksheet('重点任务')!);
    const got = errors(report).map((p) => [at(p), p.field, p.message.slice(0, 9)]);
    expect(got).toEqual(
      expect.arrayContaining([
        ['重点任务!K2', '截至日期', '期望与下发时相同（'],
        [`重点任务!D${rows.get('task:t01')}`, '年度目标', '期望与下发时相同（'],
        [`重点任务!C${rows.get('task:t05')}`, '目标任务', '期望与下发时相同（'],
        [`重点任务!${colLetter(COL.status)}${rows.get('task:t05')}`, '状态', '期望与下发时相同（'],
      ]),
    );
    expect(errors(report)).toHaveLength(4);
    expect(existsSync(progressFile(fx))).toBe(false);
  });

  it('rejects added rows, duplicated rows and edited row ids; warns about deleted rows', async () => {
    const { fx, files } = await issued();
    const ret = await fillReturn(
      files['ledger-kjj.xlsx']!,
      join(fx.returnsDir, 'rows.xlsx'),
      {},
      {
        mutate: (wb) => {
          const ws = wb.getWorksheet('重点任务')!;
          ws.getCell(7, COL.name).value = '自己加的任务';
          ws.getCell(7, COL.actual).value = 5;
          ws.getCell(5, COL.rowId).value = 'task:t03'; // duplicate of row 4's id
        },
      },
    );
    const report = await ingestReturns([ret], { dataDir: fx.dataDir });
    const got = errors(report).map((p) => [at(p), p.message]);
    const T = colLetter(COL.rowId);
    expect(got).toContainEqual([`重点任务!${T}7`, expect.stringMatching(/^期望是下发的行（行标识为空：不能增加行/)]);
    expect(got).toContainEqual([`重点任务!${T}5`, expect.stringMatching(/^期望每个下发的行只出现一次/)]);
    const warnings = report.problems.filter((p) => p.severity === 'warning');
    expect(warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('task:t04'));
  });

  it('rejects a workbook for a meeting the data folder does not have, and an unknown unit', async () => {
    const { fx, files } = await issued();
    const other = await fillReturn(files['ledger-fgw.xlsx']!, join(fx.returnsDir, 'other.xlsx'), { 'task:t01': { actual: 1 } }, {
      mutate: (wb) => {
        wb.getWorksheet('_jianbao')!.getCell('B2').value = '2099-01-01-plenary';
      },
    });
    const stranger = await fillReturn(files['ledger-fgw.xlsx']!, join(fx.returnsDir, 'stranger.xlsx'), { 'task:t01': { actual: 1 } }, {
      mutate: (wb) => {
        wb.getWorksheet('_jianbao')!.getCell('B4').value = 'nobody';
      },
    });
    const report = await ingestReturns([other, stranger], { dataDir: fx.dataDir });
    expect(report.files.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    expect(report.problems[0]).toMatchObject({ field: '会议', message: '期望数据文件夹中有这个会议' });
    expect(report.problems[0]!.location).toMatchObject({ kind: 'cell', file: other, sheet: '_jianbao' });
    expect(report.problems[1]).toMatchObject({ field: '单位', found: '"nobody"' });
  });

  it('rejects files that are not ledger workbooks: not a zip, a zip bomb, a plain workbook', async () => {
    const { fx, files } = await issued();
    const notZip = join(fx.returnsDir, 'notzip.xlsx');
    writeFileSync(notZip, 'this is not a workbook');
    const bomb = join(fx.returnsDir, 'bomb.xlsx');
    writeFileSync(bomb, writeZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024) }], new Date(Date.UTC(2023, 0, 1))));
    const lying = join(fx.returnsDir, 'lying.xlsx');
    const z = writeZip([{ name: 'a.xml', data: Buffer.alloc(2 * 1024 * 1024) }], new Date(Date.UTC(2023, 0, 1)));
    // Declare 1 KB uncompressed in both headers while the entry inflates to 2 MB.
    z.writeUInt32LE(1024, 22);
    z.writeUInt32LE(1024, z.length - 22 - 46 - 5 + 24);
    writeFileSync(lying, z);
    const plainWb = new ExcelJS.Workbook();
    plainWb.addWorksheet('Sheet1').getCell('A1').value = 1;
    const plain = join(fx.returnsDir, 'plain.xlsx');
    await plainWb.xlsx.writeFile(plain);
    const good = await fillReturn(files['ledger-ysj.xlsx']!, join(fx.returnsDir, 'ysj.xlsx'), { 'task:t02': { actual: 4 } });
    const report = await ingestReturns([notZip, bomb, lying, plain, good, join(fx.returnsDir, 'missing.xlsx')], { dataDir: fx.dataDir });
    expect(report.files.map((f) => f.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'merged', 'rejected']);
    const msgs = report.problems.map((p) => `${p.message} | ${p.found}`);
    expect(msgs[0]).toMatch(/^期望 \.xlsx 格式的工作簿（Excel 2007 以后的格式） \| 不是 \.xlsx 格式的文件/);
    expect(msgs[1]).toMatch(/^期望解压后不超过 50 MB 的工作簿/);
    expect(msgs[2]).toMatch(/解压后超出记录的大小/);
    expect(msgs[3]).toMatch(/^期望由 jianbao 下发的台账/);
    expect(msgs[4]).toMatch(/^期望一个可读取的文件/);
    // the bad files changed nothing; the good one merged
    expect(readYaml(fx).tasks.t02!.actual).toBe(4);
  });

  it('takes the figures from the lead unit only; a co-unit reports 配合情况; a different source conflicting is reported', async () => {
    const { fx, files } = await issued();
    const lead = await fillReturn(files['ledger-fgw.xlsx']!, join(fx.returnsDir, 'fgw.xlsx'), { 'task:t01': { actual: 100, progress: '牵头单位' } }, { modified: new Date(Date.UTC(2023, 1, 2)) });
    // kjj supports t01: its workbook has t01 on 配合事项, with 配合情况 as the only input
    const co = await fillReturn(files['ledger-kjj.xlsx']!, join(fx.returnsDir, 'kjj.xlsx'), { 'task:t01': { progress: '配合做好供地_x000B_手续' } }, { sheet: '配合事项', modified: new Date(Date.UTC(2023, 1, 3)) });
    const master = await fillReturn(files['ledger.xlsx']!, join(fx.returnsDir, 'master.xlsx'), { 'task:t01': { actual: 90 } }, { modified: new Date(Date.UTC(2023, 1, 4)) });
    const report = await ingestReturns([co, master, lead], { dataDir: fx.dataDir });
    expect(report.files.map((f) => f.status)).toEqual(['merged', 'unchanged', 'merged']);
    expect(errors(report)).toHaveLength(1);
    const p = errors(report)[0]!;
    expect(p.location).toMatchObject({ file: master, sheet: '重点任务' });
    expect(p).toMatchObject({ field: '累计完成', found: '90' });
    expect(p.message).toContain('区发展改革委');
    expect(report.ok).toBe(false);
    const y = readYaml(fx);
    expect(y.tasks.t01).toMatchObject({ actual: 100, progress: '牵头单位', unit: 'fgw', support: { kjj: { text: '配合做好供地\n手续' } } });
    // the co-unit's figures are not even open to it
    const wb = await openWorkbook(files['ledger-kjj.xlsx']!);
    const ws = wb.getWorksheet('配合事项')!;
    expect(ws.getCell(rowsById(ws).get('task:t01')!, COL.actual).protection?.locked).not.toBe(false);
  });

  it("applies a unit's newer correction with a dated backup, and reports an older return", async () => {
    const { fx, files } = await issued();
    const first = await fillReturn(files['ledger-fgw.xlsx']!, join(fx.returnsDir, 'v1.xlsx'), { 'task:t01': { actual: 100 } }, { modified: new Date(Date.UTC(2023, 1, 2)) });
    const second = await fillReturn(files['ledger-fgw.xlsx']!, join(fx.returnsDir, 'v2.xlsx'), { 'task:t01': { actual: 150 } }, { modified: new Date(Date.UTC(2023, 1, 5)) });
    await ingestReturns([first], { dataDir: fx.dataDir, now: () => new Date(Date.UTC(2023, 1, 2, 10)) });
    // Hand-written comments in the tool's file survive the next write.
    const path = progressFile(fx);
    const withComment = readFileSync(path, 'utf8').replace('  t01:\n', '  t01:   # 牵头单位已电话核实\n');
    writeFileSync(path, withComment);
    const r2 = await ingestReturns([second], { dataDir: fx.dataDir, now: () => new Date(Date.UTC(2023, 1, 5, 10)) });
    expect(r2.problems).toEqual([]);
    expect(r2.backups).toHaveLength(1);
    expect(r2.backups[0]).toMatch(/\.backup\/2023-01\.20230205T100000Z\.yaml$/);
    expect(readFileSync(r2.backups[0]!, 'utf8')).toBe(withComment);
    const after = readFileSync(path, 'utf8');
    expect(after).toContain('  t01:   # 牵头单位已电话核实\n');
    const changed = after.split('\n').filter((line, i) => line !== withComment.split('\n')[i]);
    expect(changed).toEqual(['    actual: 150', '    returned: 2023-02-05T00:00:00.000Z']);
    const r3 = await ingestReturns([first], { dataDir: fx.dataDir });
    expect(errors(r3)).toHaveLength(1);
    expect(errors(r3)[0]!.message).toMatch(/期望不早于已记录的回填/);
    expect(readYaml(fx).tasks.t01!.actual).toBe(150);
  });

  it('ingests targets from the master ledger', async () => {
    const { fx, files } = await issued();
    const master = await fillReturn(files['ledger.xlsx']!, join(fx.returnsDir, 'master.xlsx'), { 'target:gdp': { actual: 6.8 }, 'target:pm25': { actual: 38 } }, { sheet: '主要预期目标' });
    const report = await ingestReturns([master], { dataDir: fx.dataDir });
    expect(report.problems).toEqual([]);
    const y = readYaml(fx);
    expect(y.targets).toEqual({
      gdp: { actual: 6.8, issued: '2023-01-12T00:00:00.000Z', returned: '2023-02-03T09:00:00.000Z' },
      pm25: { actual: 38, issued: '2023-01-12T00:00:00.000Z', returned: '2023-02-03T09:00:00.000Z' },
    });
  });

  it('pre-fills regenerated workbooks with the ingested values', async () => {
    const { fx, files } = await issued();
    const fgw = await fillReturn(files['ledger-fgw.xlsx']!, join(fx.returnsDir, 'fgw.xlsx'), { 'task:t01': { actual: 200, progress: '进展', nextSteps: '下步' } });
    await ingestReturns([fgw], { dataDir: fx.dataDir });
    const pv = await withProgress(loadView(fx.dataDir), { dataDir: fx.dataDir, root: fx.dir });
    expect(pv.progress.period).toBe('2023-01');
    const again = await renderTo(join(fx.dir), pv);
    const wb = await openWorkbook(again['ledger-fgw.xlsx']!);
    const ws = wb.getWorksheet('重点任务')!;
    const r = rowsById(ws).get('task:t01')!;
    expect(ws.getCell(r, COL.actual).value).toBe(200);
    expect(ws.getCell(r, COL.progress).value).toBe('进展');
    expect(ws.getCell(r, COL.nextSteps).value).toBe('下步');
    expect(ws.getCell(r, COL.rate).result).toBe(0.2);
    expect(ws.getCell(r, COL.status).result).toBe('绿灯');
    // the regenerated workbook comes back unchanged: nothing new, nothing lost
    const back = await ingestReturns([again['ledger-fgw.xlsx']!], { dataDir: fx.dataDir });
    expect(back.problems).toEqual([]);
    expect(back.written).toEqual([]);
  });

  // a workbook saved again by LibreOffice (protection flags lost): test/returns/cases.ts
});
