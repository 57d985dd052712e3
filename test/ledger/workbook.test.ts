/**
 * Read the written ledgers back with exceljs and check what a clerk (and Excel /
 * LibreOffice) would get.
 */
import { projectConfig } from '../../pipeline/load/config.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { applyProgress, type ProgressRecord, type ProgressedView } from '../../pipeline/model/progress.js';
import { col, renderLedgers, ledgerRenderer } from '../../pipeline/render/xlsx/index.js';
import { colLetter } from '../../pipeline/render/xlsx/spec.js';
import { STATUS_RGB } from '../../pipeline/core/status.js';
import { listZip, readEntry } from '../../pipeline/core/zip.js';
import { COL, FIRST_ROW, loadView, makeFixture, openWorkbook, renderTo, rowsById, type Fixture } from '../support/xlsx.js';
import { contextAssets } from '../support/assets.js';

const RECORDS: ProgressRecord[] = [
  { period: '2023-03', kind: 'task', id: 't01', actual: 0, progress: '已完成选址', unit: 'fgw' },
  { period: '2023-03', kind: 'task', id: 't02', actual: 6, unit: 'ysj' },
  { period: '2023-03', kind: 'task', id: 't03', actual: 60, unit: 'kjj' },
  { period: '2023-03', kind: 'task', id: 't04', progress: '=HYPERLINK("x") 已启动', unit: 'kjj' },
  { period: '2023-03', kind: 'task', id: 't05', actual: 7, unit: 'fgw' },
  { period: '2023-03', kind: 'target', id: 'gdp', actual: 7.2 },
  { period: '2023-03', kind: 'target', id: 'invest', actual: 30 },
  { period: '2023-03', kind: 'target', id: 'pm25', actual: 42 },
];

let fx: Fixture;
let pv: ProgressedView;
let files: Record<string, string>;
let master: ExcelJS.Workbook;

beforeAll(async () => {
  fx = makeFixture();
  pv = applyProgress(loadView(fx.dataDir), RECORDS);
  files = await renderTo(fx.outDir, pv);
  master = await openWorkbook(files['ledger.xlsx']!);
});

describe('ledger workbooks', () => {
  it('writes the master ledger and one per responsible unit with tasks', () => {
    expect(Object.keys(files).sort()).toEqual(['ledger-fgw.xlsx', 'ledger-kjj.xlsx', 'ledger-ysj.xlsx', 'ledger.xlsx']);
  });

  it('has the two data sheets, the summary and a veryHidden protected meta sheet', () => {
    expect(master.worksheets.map((w) => w.name)).toEqual(['主要预期目标', '重点任务', '汇总', '_jianbao']);
    const meta = master.getWorksheet('_jianbao')!;
    expect(meta.state).toBe('veryHidden');
    expect(meta.getCell('B2').value).toBe('2023-01-10-plenary');
    expect(meta.getCell('B3').value).toBe('testqu');
    expect(meta.getCell('B4').value ?? '').toBe('');
    expect(meta.getCell('B5').value).toBe('2023-03');
    expect(meta.getCell('B6').value).toBe('2023-03-31');
    expect(meta.getCell('B7').value).toBe('2023-01-12T00:00:00.000Z');
    const ids: unknown[] = [];
    for (let r = 11; r <= meta.rowCount; r++) ids.push(meta.getCell(r, 2).value);
    expect(ids.filter((v) => v !== '#sheet')).toEqual([
      'target:gdp',
      'target:invest',
      'target:pm25',
      'target:income',
      'task:t01',
      'task:t02',
      'task:t03',
      'task:t04',
      'task:t05',
      'task:t06',
    ]);
    for (let r = 11; r <= meta.rowCount; r++) expect(String(meta.getCell(r, 4).value)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('has one row per task and per target, with a title naming the period', () => {
    const tasks = master.getWorksheet('重点任务')!;
    const targets = master.getWorksheet('主要预期目标')!;
    expect(rowsById(tasks).size).toBe(pv.tasks.length);
    expect(rowsById(targets).size).toBe(pv.targets.length);
    expect(tasks.rowCount).toBe(FIRST_ROW - 1 + pv.tasks.length);
    expect(tasks.getCell('A1').value).toBe('测试区2023年重点任务推进情况表（截至3月）');
    expect(targets.getCell('A1').value).toBe('测试区2023年主要预期目标完成情况表（截至3月）');
    expect(tasks.getCell(3, COL.actual).value).toBe('1—3月累计完成');
    expect(tasks.getCell(3, COL.rowId).value).toBe('行标识');
    expect(tasks.getColumn(COL.rowId).hidden).toBe(true);
  });

  it('writes real numbers and UTC dates, not text', () => {
    const ws = master.getWorksheet('重点任务')!;
    const r = rowsById(ws).get('task:t05')!;
    expect(ws.getCell(r, COL.no).value).toBe(5);
    expect(ws.getCell(r, COL.target).value).toBe(14);
    expect(ws.getCell(r, COL.actual).value).toBe(7);
    const end = ws.getCell(r, COL.end).value as Date;
    expect(end).toBeInstanceOf(Date);
    expect(end.toISOString()).toBe('2023-06-30T00:00:00.000Z');
    expect(ws.getCell('K2').value).toEqual(new Date(Date.UTC(2023, 2, 31)));
  });

  it('writes text from the data that looks like a formula as text', () => {
    const ws = master.getWorksheet('重点任务')!;
    const r = rowsById(ws).get('task:t04')!;
    expect(ws.getCell(r, 3).value).toBe('=SUM(A1:A9) 开展城市体检');
    expect(ws.getCell(r, 3).type).not.toBe(6 /* ValueType.Formula */);
    expect(ws.getCell(r, COL.progress).value).toBe('=HYPERLINK("x") 已启动');
    expect(ws.getCell(r, COL.note).value).toBe('+86 联系人电话；-号开头；@提示；无量化目标，请选择自评进度');
    const data = new Uint8Array(readFileSync(files['ledger.xlsx']!));
    const xml = listZip(data)
      .filter((e) => e.name.startsWith('xl/worksheets/'))
      .map((e) => readEntry(data, e).toString('utf8'))
      .join('');
    expect(xml).not.toMatch(/<f>[^<]*SUM\(A1:A9\)/);
    expect(xml).not.toMatch(/<f>[^<]*HYPERLINK/);
  });

  it('writes formulas with correct cached results (a 0 result is kept)', () => {
    const ws = master.getWorksheet('重点任务')!;
    const rows = rowsById(ws);
    const cell = (id: string, c: number) => ws.getCell(rows.get(id)!, c);
    const H = colLetter(COL.actual);
    expect(cell('task:t01', COL.rate).formula).toBe(`IF(${H}${rows.get('task:t01')}="","",${H}${rows.get('task:t01')}/D${rows.get('task:t01')})`);
    expect(cell('task:t01', COL.rate).result).toBe(0);
    expect(cell('task:t01', COL.schedule).result).toBe(0.25);
    expect(cell('task:t01', COL.status).result).toBe('红灯');
    expect(cell('task:t02', COL.rate).formula).toContain('<=0,1,');
    expect(cell('task:t02', COL.rate).result).toBeCloseTo(5 / 6, 12);
    expect(cell('task:t02', COL.status).result).toBe('红灯');
    expect(cell('task:t03', COL.status).result).toBe('黄灯');
    expect(cell('task:t04', COL.rate).value).toBeNull();
    // words only, no 自评进度 chosen: not reported
    expect(cell('task:t04', COL.status).result).toBe('未填报');
    expect(cell('task:t01', COL.gap).result).toBe('慢25.00个百分点');
    expect(cell('task:t05', COL.gap).result).toBe('与序时进度持平');
    expect(cell('task:t05', COL.schedule).result).toBe(0.5);
    expect(cell('task:t05', COL.status).result).toBe('绿灯');
    expect(cell('task:t06', COL.schedule).result).toBe(3 / 24);
    expect(cell('task:t06', COL.status).result).toBe('未填报');
    // an empty-string result is written as <v></v>; exceljs reads it back as undefined
    expect(cell('task:t06', COL.rate).formula).toBeTruthy();
    expect(cell('task:t06', COL.rate).result ?? '').toBe('');
    const tg = master.getWorksheet('主要预期目标')!;
    const trow = rowsById(tg);
    expect(tg.getCell(trow.get('target:gdp')!, COL.status).result).toBe('绿灯');
    expect(tg.getCell(trow.get('target:invest')!, COL.status).result).toBe('绿灯');
    expect(tg.getCell(trow.get('target:pm25')!, COL.rate).result).toBeCloseTo(40 / 42, 12);
    expect(tg.getCell(trow.get('target:pm25')!, COL.status).result).toBe('黄灯');
    expect(tg.getCell(trow.get('target:income')!, COL.status).result).toBe('未填报');
    // Every formula cell carries a result computed by us.
    for (const w of [ws, tg]) {
      for (let r = FIRST_ROW; r <= w.rowCount; r++) {
        for (const c of [COL.schedule, COL.status]) expect(w.getCell(r, c).result).not.toBeUndefined();
      }
    }
  });

  it('counts statuses in the summary by formula', () => {
    const s = master.getWorksheet('汇总')!;
    expect(s.getCell('A5').value).toBe('重点任务');
    expect(s.getCell('B5').formula).toBe(`COUNTA('重点任务'!$${colLetter(COL.rowId)}$4:$${colLetter(COL.rowId)}$9)`);
    expect(s.getCell('B5').result).toBe(6);
    const header = [3, 4, 5, 6, 7].map((c) => s.getCell(3, c).value);
    expect(header).toEqual(['红灯', '黄灯', '绿灯', '已完成', '未填报']);
    // each header wears its status colour
    expect([3, 4, 5, 6, 7].map((c) => (s.getCell(3, c).fill as ExcelJS.FillPattern).fgColor?.argb)).toEqual(['red', 'yellow', 'green', 'done', 'missing'].map((k) => `FF${STATUS_RGB[k as 'red']}`));
    const counts = [3, 4, 5, 6, 7].map((c) => s.getCell(5, c).result);
    expect(counts).toEqual([2, 1, 1, 0, 2]);
    expect(s.getCell('C5').formula).toContain('COUNTIF(');
    expect(s.getCell('B6').result).toBe(10);
    const unitRows: Record<string, unknown> = {};
    for (let r = 9; r <= s.rowCount; r++) unitRows[String(s.getCell(r, 1).value)] = s.getCell(r, 2).result;
    // rows add up: the targets without a lead unit stand under 督查室, and 合计 is every row
    expect(unitRows).toEqual({ 区发展改革委: 2, 区科技局: 2, 区营商环境建设局: 2, '督查室（未明确牵头单位）': 4, 合计: 10 });
    expect(s.getCell(9, 3).formula).toContain('COUNTIFS(');
  });

  it('protects locked cells and leaves marked inputs unlocked', () => {
    const ws = master.getWorksheet('重点任务')!;
    const prot = (ws as unknown as { sheetProtection: { sheet?: boolean } }).sheetProtection;
    expect(prot.sheet).toBe(true);
    const qualitative = rowsById(ws).get('task:t04');
    for (let r = FIRST_ROW; r <= ws.rowCount; r++) {
      // figures: 累计完成 for a numeric target, 自评进度 (a list) for a qualitative one
      const figure = r === qualitative ? COL.self : COL.actual;
      const other = r === qualitative ? COL.actual : COL.self;
      for (const c of [figure, COL.progress, COL.problems, COL.nextSteps]) {
        const cell = ws.getCell(r, c);
        expect(cell.protection?.locked).toBe(false);
        expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF2CC');
      }
      expect(ws.getCell(r, other).protection?.locked).not.toBe(false);
      for (const c of [COL.no, COL.name, COL.target, COL.rate, COL.schedule, COL.status, COL.note, COL.rowId]) {
        expect(ws.getCell(r, c).protection?.locked).not.toBe(false);
      }
    }
    const data = new Uint8Array(readFileSync(files['ledger.xlsx']!));
    const wbXml = readEntry(data, listZip(data).find((e) => e.name === 'xl/workbook.xml')!).toString('utf8');
    expect(wbXml).toContain('<workbookProtection lockStructure="1"/>');
    expect(wbXml.indexOf('<workbookProtection')).toBeLessThan(wbXml.indexOf('<sheets'));
  });

  it('validates inputs with bounds and input messages', () => {
    const ws = master.getWorksheet('重点任务')!;
    const rows = rowsById(ws);
    const j = ws.getCell(rows.get('task:t01')!, COL.actual).dataValidation;
    expect(j.type).toBe('decimal');
    expect(j.operator).toBe('between');
    expect(j.formulae).toEqual([0, 10000]);
    expect(j.showInputMessage).toBe(true);
    expect(j.prompt).toContain('1—3月累计完成');
    expect(j.prompt).toContain('1000亩以上');
    const self = ws.getCell(rows.get('task:t04')!, COL.self).dataValidation;
    expect(self.type).toBe('list');
    expect(self.formulae).toEqual(['"已完成,按序时推进,滞后,未启动"']);
    const m = ws.getCell(rows.get('task:t01')!, COL.progress).dataValidation;
    expect(m.type).toBe('textLength');
    expect(m.formulae).toEqual([1000]);
    expect(m.prompt).toMatch(/工作进展/);
    expect(ws.getCell(rows.get('task:t01')!, COL.problems).dataValidation.formulae).toEqual([500]);
    const tg = master.getWorksheet('主要预期目标')!;
    expect(tg.getCell(rowsById(tg).get('target:gdp')!, COL.actual).dataValidation.formulae).toEqual([-100, 100]);
  });

  it('is print-ready: A4 landscape at 100 % (10 pt stays 10 pt), two pages across with columns and header repeated', () => {
    const ws = master.getWorksheet('重点任务')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: false, scale: 100, printTitlesRow: '3:3', printTitlesColumn: 'A:C' });
    for (let r = FIRST_ROW; r <= ws.rowCount; r++) expect(ws.getCell(r, COL.name).font?.size).toBeGreaterThanOrEqual(10);
    const data = new Uint8Array(readFileSync(files['ledger.xlsx']!));
    const sheetXml = readEntry(data, listZip(data).find((e) => e.name === 'xl/worksheets/sheet2.xml')!).toString('utf8');
    expect(sheetXml).toContain(`<colBreaks count="1" manualBreakCount="1"><brk id="${col('status')}" max="1048575" man="1"/></colBreaks>`);
    expect(sheetXml).toMatch(/<pageSetup[^>]*scale="100"/);
    expect(sheetXml).not.toMatch(/fitToPage="1"/);
    expect(ws.headerFooter.oddHeader).toContain('中共测试区委十二届四次全会');
    expect(ws.headerFooter.oddFooter).toContain('&P');
    expect(ws.headerFooter.oddFooter).toContain('&N');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 3 });
    expect(ws.getColumn(COL.name).width).toBeGreaterThanOrEqual(17);
    expect(ws.autoFilter).toBe(`A3:${colLetter(COL.rowId)}9`);
  });

  it('colours statuses and draws data bars with explicit cfvo', () => {
    const ws = master.getWorksheet('重点任务')!;
    const cfs = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    const S = colLetter(COL.status);
    const status = cfs.find((c) => c.ref === `${S}4:${S}9`)!;
    expect(status.rules.map((r) => (r as { formulae?: string[] }).formulae?.[0])).toEqual(['"红灯"', '"黄灯"', '"绿灯"', '"已完成"', '"未填报"']);
    expect(status.rules.map((r) => (r as { style?: { fill?: { bgColor?: { argb?: string } } } }).style?.fill?.bgColor?.argb)).toEqual(
      (['red', 'yellow', 'green', 'done', 'missing'] as const).map((k) => `FF${STATUS_RGB[k]}`),
    );
    const R = colLetter(COL.rate);
    const bar = cfs.find((c) => c.ref === `${R}4:${R}9`)!.rules[0] as ExcelJS.DataBarRuleType;
    expect(bar.type).toBe('dataBar');
    expect(bar.cfvo).toEqual([
      { type: 'num', value: 0 },
      { type: 'num', value: 1 },
    ]);
  });

  it('gives each unit the rows it leads, and the rows it supports on a 配合事项 sheet (配合情况 only)', async () => {
    const expected: Record<string, { lead: string[]; co: string[] }> = {
      fgw: { lead: ['task:t01', 'task:t05'], co: ['task:t04'] },
      kjj: { lead: ['task:t03', 'task:t04'], co: ['task:t01', 'task:t06'] },
      ysj: { lead: ['task:t02', 'task:t06'], co: [] },
    };
    for (const [unit, ids] of Object.entries(expected)) {
      const wb = await openWorkbook(files[`ledger-${unit}.xlsx`]!);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['重点任务', ...(ids.co.length ? ['配合事项'] : []), '汇总', '_jianbao']);
      const ws = wb.getWorksheet('重点任务')!;
      expect([...rowsById(ws).keys()]).toEqual(ids.lead);
      expect(wb.getWorksheet('_jianbao')!.getCell('B4').value).toBe(unit);
      expect(String(ws.getCell('A2').value)).toContain('填报单位：');
      expect(wb.getWorksheet('汇总')!.getCell('B4').result).toBe(ids.lead.length);
      if (ids.co.length) {
        const co = wb.getWorksheet('配合事项')!;
        expect([...rowsById(co).keys()]).toEqual(ids.co);
        expect(co.getCell(3, COL.progress).value).toBe('配合情况');
        for (const [, r] of rowsById(co)) {
          // only 配合情况 is open; the lead unit reports the figures
          expect(co.getCell(r, COL.progress).protection?.locked).toBe(false);
          for (const c of [COL.actual, COL.self, COL.problems, COL.nextSteps]) expect(co.getCell(r, c).protection?.locked).not.toBe(false);
          expect(co.getCell(r, COL.status).value).toBeNull();
        }
      }
    }
  });

  it('pre-fills inputs with the latest recorded values', async () => {
    const wb = await openWorkbook(files['ledger-fgw.xlsx']!);
    const ws = wb.getWorksheet('重点任务')!;
    const rows = rowsById(ws);
    expect(ws.getCell(rows.get('task:t01')!, COL.actual).value).toBe(0);
    expect(ws.getCell(rows.get('task:t01')!, COL.progress).value).toBe('已完成选址');
    expect(ws.getCell(rows.get('task:t05')!, COL.actual).value).toBe(7);
  });

  it('is byte-identical across runs, with fixed workbook and zip dates', async () => {
    const again = await renderLedgers(pv);
    for (const f of again) expect(Buffer.from(f.data).equals(readFileSync(files[f.name]!))).toBe(true);
    const data = new Uint8Array(readFileSync(files['ledger.xlsx']!));
    const buf = Buffer.from(data);
    for (const e of listZip(data)) {
      // DOS date of 2023-01-12 in every local header
      expect(buf.readUInt16LE(e.offset + 12)).toBe(((2023 - 1980) << 9) | (1 << 5) | 12);
    }
    expect(master.created.toISOString()).toBe('2023-01-12T00:00:00.000Z');
    expect(master.modified.toISOString()).toBe('2023-01-12T00:00:00.000Z');
  });

  it('renders through the Renderer interface without progress attached (blank, briefing month)', async () => {
    const view = loadView(fx.dataDir);
    const out = await ledgerRenderer.render({ view, ...contextAssets(process.cwd()), doc: () => ({ text: '', doc: { type: 'doc', children: [] } as never }) });
    expect(ledgerRenderer.format).toBe('ledger');
    expect(out.map((f) => f.name)).toContain('ledger.xlsx');
    const wb = await openWorkbook(join(fx.outDir, 'ledger.xlsx'));
    expect(wb.getWorksheet('_jianbao')).toBeDefined();
  });
});

describe('ledgers of the sample data', () => {
  const sample = join(process.cwd(), 'data', 'guancheng', 'meetings', '2022-12-28-plenary.yaml');
  it.skipIf(!existsSync(sample))('renders guancheng/2022-12-28-plenary: every task once, one workbook per unit', async () => {
    const fx2 = makeFixture({ realData: true });
    const view = loadView(fx2.dataDir, 'guancheng', '2022-12-28-plenary');
    const out = await renderTo(fx2.outDir, view);
    const wb = await openWorkbook(out['ledger.xlsx']!);
    expect(rowsById(wb.getWorksheet('重点任务')!).size).toBe(view.tasks.length);
    const units = view.district.units.filter((u) => Object.keys(out).includes(`ledger-${u.id}.xlsx`));
    expect(Object.keys(out).length).toBe(1 + units.length);
    expect(units.length).toBe(21);
    let sum = 0;
    for (const u of units) {
      const uw = await openWorkbook(out[`ledger-${u.id}.xlsx`]!);
      const lead = uw.getWorksheet('重点任务') ? [...rowsById(uw.getWorksheet('重点任务')!).keys()] : [];
      expect(lead.sort()).toEqual(view.tasks.filter((t) => t.leadId === u.id).map((t) => `task:${t.id}`).sort());
      const co = uw.getWorksheet('配合事项') ? [...rowsById(uw.getWorksheet('配合事项')!).keys()].filter((id) => id.startsWith('task:')) : [];
      expect(co.sort()).toEqual(view.tasks.filter((t) => t.coIds.includes(u.id) && t.leadId !== u.id).map((t) => `task:${t.id}`).sort());
      sum += lead.length;
    }
    expect(sum).toBe(view.tasks.filter((t) => t.leadId).length);
  });
});
