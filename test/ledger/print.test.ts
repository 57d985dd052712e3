/**
 * A unit's ledger printed on A4 landscape across two pages: the figures (with the title and
 * the info row) on page 1, the words on page 2 with 序号、类别、目标任务 and the header row
 * repeated — and nothing of the title cut into page 2's first columns. Read back from the
 * workbook (exceljs, workbook.xml) and, where LibreOffice is installed, from its PDF (the
 * master ledger's PDF too: A4 landscape).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { applyProgress, type ProgressedView } from '../../pipeline/model/progress.js';
import { col, renderLedgers } from '../../pipeline/render/xlsx/index.js';
import { colLetter } from '../../pipeline/render/xlsx/spec.js';
import { listZip, readEntry } from '../../pipeline/core/zip.js';
import { readPdfText } from '../support/pdf.js';
import { convert, loadView, makeFixture, openWorkbook, soffice, type Fixture } from '../support/xlsx.js';

const M = colLetter(col('status'));
const N = colLetter(col('progress'));
const S = colLetter(col('note'));

let fx: Fixture;
let pv: ProgressedView;
const paths: Record<string, string> = {};

beforeAll(async () => {
  fx = makeFixture();
  pv = applyProgress(loadView(fx.dataDir), []);
  for (const f of await renderLedgers(pv)) {
    paths[f.name] = join(fx.outDir, f.name);
    writeFileSync(paths[f.name]!, f.data);
  }
});

function workbookXml(path: string): string {
  const data = new Uint8Array(readFileSync(path));
  return readEntry(data, listZip(data).find((e) => e.name === 'xl/workbook.xml')!).toString('utf8');
}

describe('ledger print set-up', () => {
  it('repeats the header row and 序号、类别、目标任务; the title is one merge on the first page', async () => {
    const wb: ExcelJS.Workbook = await openWorkbook(paths['ledger.xlsx']!);
    const sheets = wb.worksheets.filter((w) => w.state === 'visible' && w.name !== '汇总');
    expect(sheets.map((w) => w.name)).toEqual(expect.arrayContaining(['主要预期目标', '重点任务']));
    for (const ws of sheets) {
      expect(ws.pageSetup.printTitlesRow).toBe('3:3');
      expect(ws.pageSetup.printTitlesColumn).toBe('A:C');
      const merges = (ws as unknown as { _merges: Record<string, { range: string }> })._merges;
      const ranges = Object.values(merges).map((m) => m.range);
      expect(ranges).toContain(`A1:${M}1`);
      // the print area exceljs reads back is the first of the two: the title's page
      expect(ws.pageSetup.printArea).toBe(`A1:${M}${ws.rowCount}`);
    }
  });

  it('prints the words from the header row down: one print area per sheet, absolute, two ranges', () => {
    for (const file of ['ledger.xlsx', ...Object.keys(paths).filter((n) => n !== 'ledger.xlsx')]) {
      const xml = workbookXml(paths[file]!);
      const areas = [...xml.matchAll(/<definedName name="_xlnm\.Print_Area" localSheetId="(\d+)">([^<]*)<\/definedName>/g)];
      const sheets = areas.map((a) => a[1]);
      expect(new Set(sheets).size, `${file}: one name per sheet`).toBe(sheets.length);
      expect(areas.length).toBeGreaterThan(0);
      for (const [, , ranges] of areas) {
        const [first, second, more] = ranges!.split(',').map((r) => r.replace(/^.*!/, ''));
        expect(more).toBeUndefined();
        const last = /\$(\d+)$/.exec(first!)![1];
        expect(first).toBe(`$A$1:$${M}$${last}`);
        // page 2 starts at the header row: rows 1–2 (title, info) are not on it
        expect(second).toBe(`$${N}$3:$${S}$${last}`);
      }
    }
  });

  describe.skipIf(soffice() === null)('in LibreOffice', () => {
    // one LibreOffice run prints a unit's workbook and the master ledger
    const unit = () => Object.keys(paths).find((n) => n !== 'ledger.xlsx')!;
    const dir = () => join(fx.outDir, 'lo');
    beforeAll(async () => {
      await convert([paths[unit()]!, paths['ledger.xlsx']!], 'pdf', dir());
    });

    it('converts the ledger to an A4 landscape PDF', () => {
      const pdf = join(dir(), 'ledger.pdf');
      expect(existsSync(pdf)).toBe(true);
      const head = readFileSync(pdf).subarray(0, 5).toString('latin1');
      expect(head).toBe('%PDF-');
      const text = readFileSync(pdf).toString('latin1');
      // A4 landscape media box (841.89 × 595.3 pt)
      expect(text).toMatch(/MediaBox\s*\[\s*0 0 841\.8\d* 595\.\d+/);
    });

    it('page 1 has the whole title, page 2 only the repeated header and columns, text ≥ 9 pt', async () => {
      const unit = Object.keys(paths).find((n) => n !== 'ledger.xlsx')!;
      const pdf = await readPdfText(new Uint8Array(readFileSync(join(dir(), unit.replace(/\.xlsx$/, '.pdf')))));
      expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
      const [p1, p2] = pdf.pages as [(typeof pdf.pages)[0], (typeof pdf.pages)[0]];
      const lines = (p: typeof p1) => p.lines.map((l) => l.text.replace(/\s+/g, ''));
      const wb = await openWorkbook(paths[unit]!);
      const ws = wb.worksheets.find((w) => w.state === 'visible')!;
      const title = String(ws.getCell('A1').value);
      const info = String(ws.getCell('A2').value);
      expect(title).toMatch(/^测试区\d{4}年/);
      expect(lines(p1)).toContain(title);
      // nothing of the title or the info row on page 2, not even its first characters
      const text2 = lines(p2).join('');
      expect(text2).not.toContain(title.slice(0, 4));
      expect(text2).not.toContain(info.slice(0, 4));
      for (const h of ['序号', '类别', '目标任务', '进展情况', '存在问题', '下步打算']) expect(text2).toContain(h);
      // the page header (meeting title) aside, every text on paper is at least 9 pt
      for (const p of [p1, p2]) for (const it of p.items.filter((i) => i.str.trim())) expect(it.size, it.str).toBeGreaterThanOrEqual(9);
    });
  });
});
