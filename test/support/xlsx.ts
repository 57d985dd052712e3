/**
 * Test support for the ledger and ingest tests: a small synthetic data folder in a temp
 * directory (every row mode, formula-looking text, deadlines), rendering, filling a
 * workbook as a unit would (exceljs, like a clerk's Excel), and LibreOffice helpers.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { parseYaml } from '../../pipeline/load/yaml.js';
import { deriveMeeting } from '../../pipeline/model/derive.js';
import type { MeetingView } from '../../pipeline/core/view.js';
import { District, Meeting } from '../../pipeline/model/schema.js';
import { validate } from '../../pipeline/model/validate.js';
import { col, renderLedgers } from '../../pipeline/render/xlsx/index.js';
import { repack } from '../../pipeline/core/zip.js';

const run = promisify(execFile);

export const DISTRICT_ID = 'testqu';
export const MEETING_ID = '2023-01-10-plenary';

export const DISTRICT_YAML = `id: testqu
name: 测试市测试区
shortName: 测试区
city: 测试市
committee: 中共测试市测试区委员会
office: 中共测试市测试区委办公室
briefingName: 测试区委简报
units:
  - id: fgw
    name: 区发展改革委
  - id: kjj
    name: 区科技局
  - id: ysj
    name: 区营商环境建设局
  - id: idle
    name: 区闲置局
`;

export const MEETING_YAML = `# 测试会议（合成数据）
kind: plenary
title: 中共测试区委十二届四次全会
shortTitle: 区委十二届四次全会
date: 2023-01-10
source:
  seed: test.txt
targets:
  period: 2023年
  year: 2023
  items:
    - id: gdp
      name: 地区生产总值
      measure: growth
      value: 7
      unit: "%"
    - id: invest
      name: 固定资产投资
      measure: level
      value: 100
      unit: 亿元
      bound: 以上
    - id: pm25
      name: PM2.5平均浓度
      measure: level
      value: 40
      unit: 微克/立方米
      bound: 以内
    - id: income
      name: 城乡居民收入
      measure: growth
      text: 与经济增长基本同步
areas:
  - name: 创新驱动
    tasks:
      - id: t01
        task: 完成土地收储
        quantity: 1000
        unit: 亩
        bound: 以上
        deadline: 2023-12-31
        lead: fgw
        co: [kjj]
        leader: 张三
      - id: t02
        task: 营商环境评价排名进入全省前5
        quantity: 5
        unit: 名
        direction: down
        lead: ysj
      - id: t03
        task: 企业研发活动覆盖率
        quantity: 65
        unit: "%"
        bound: 以上
        lead: kjj
  - name: 城市建设
    tasks:
      - id: t04
        task: "=SUM(A1:A9) 开展城市体检"
        lead: kjj
        co: [fgw]
        note: "+86 联系人电话；-号开头；@提示"
      - id: t05
        task: 上半年完成老旧小区改造
        quantity: 14
        unit: 个
        deadline: 2023-06-30
        lead: fgw
      - id: t06
        task: 建成区级数据中心
        quantity: 1
        unit: 个
        deadline: 2024-12-31
        lead: ysj
        co: [kjj]
briefing:
  issue: 1
  date: 2023-01-12
`;

export interface Fixture {
  dir: string;
  dataDir: string;
  outDir: string;
  returnsDir: string;
}

export function makeFixture(opts: { realData?: boolean } = {}): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'jianbao-ledger-'));
  const dataDir = join(dir, 'data');
  const outDir = join(dir, 'output');
  const returnsDir = join(dir, 'returns');
  mkdirSync(join(dataDir, DISTRICT_ID, 'meetings'), { recursive: true });
  mkdirSync(outDir, { recursive: true });
  mkdirSync(returnsDir, { recursive: true });
  writeFileSync(join(dataDir, DISTRICT_ID, 'district.yaml'), DISTRICT_YAML);
  writeFileSync(join(dataDir, DISTRICT_ID, 'meetings', `${MEETING_ID}.yaml`), MEETING_YAML);
  if (opts.realData) cpSync(join(process.cwd(), 'data'), dataDir, { recursive: true });
  return { dir, dataDir, outDir, returnsDir };
}

export function loadView(dataDir: string, district = DISTRICT_ID, meeting = MEETING_ID): MeetingView {
  const dPath = join(dataDir, district, 'district.yaml');
  const mPath = join(dataDir, district, 'meetings', `${meeting}.yaml`);
  const d = validate(parseYaml(dPath, readFileSync(dPath, 'utf8')), District);
  const m = validate(parseYaml(mPath, readFileSync(mPath, 'utf8')), Meeting);
  return deriveMeeting(d, meeting, m);
}

/** Render every ledger of `view` into `outDir`; returns name → path. */
export async function renderTo(outDir: string, view: MeetingView): Promise<Record<string, string>> {
  const files = await renderLedgers(view);
  const out: Record<string, string> = {};
  for (const f of files) {
    const p = join(outDir, f.name);
    writeFileSync(p, f.data);
    out[f.name] = p;
  }
  return out;
}

export async function openWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

export const COL = {
  no: col('no'),
  name: col('name'),
  target: col('target'),
  lead: col('lead'),
  end: col('end'),
  actual: col('actual'),
  rate: col('rate'),
  schedule: col('schedule'),
  gap: col('gap'),
  self: col('self'),
  status: col('status'),
  progress: col('progress'),
  problems: col('problems'),
  nextSteps: col('nextSteps'),
  co: col('co'),
  note: col('note'),
  rowId: col('rowId'),
} as const;
export const FIRST_ROW = 4;

/** Data rows of a sheet: row number by row id. */
export function rowsById(ws: ExcelJS.Worksheet): Map<string, number> {
  const out = new Map<string, number>();
  for (let r = FIRST_ROW; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, COL.rowId).value;
    if (typeof v === 'string' && v) out.set(v, r);
  }
  return out;
}

export type Fill = { actual?: ExcelJS.CellValue; self?: ExcelJS.CellValue; progress?: ExcelJS.CellValue; problems?: ExcelJS.CellValue; nextSteps?: ExcelJS.CellValue };

/** Fill a returned workbook as a unit would and save it as `dst`. */
export async function fillReturn(
  src: string,
  dst: string,
  fills: Record<string, Fill>,
  opts: { sheet?: string; modified?: Date; mutate?: (wb: ExcelJS.Workbook) => void | Promise<void> } = {},
): Promise<string> {
  const wb = await openWorkbook(src);
  const ws = wb.getWorksheet(opts.sheet ?? '重点任务')!;
  const rows = rowsById(ws);
  for (const [rowId, f] of Object.entries(fills)) {
    const r = rows.get(rowId);
    if (!r) throw new Error(`no row ${rowId}`);
    for (const k of ['actual', 'self', 'progress', 'problems', 'nextSteps'] as const) {
      if (!(k in f)) continue;
      const cell = ws.getCell(r, COL[k]);
      cell.value = f[k] ?? null;
      // Excel switches a cell to a date format when a date is typed into it.
      // (a new style object: exceljs shares styles between cells read from one xf)
      if (f[k] instanceof Date) cell.style = { ...cell.style, numFmt: 'yyyy-mm-dd' };
    }
  }
  if (opts.mutate) await opts.mutate(wb);
  wb.modified = opts.modified ?? new Date(Date.UTC(2023, 1, 3, 9, 0, 0));
  await wb.xlsx.writeFile(dst);
  return dst;
}

/**
 * Reorder data rows as a spreadsheet sort does: whole rows move, and references to a
 * formula's own row follow it.
 */
export function reorderRows(ws: ExcelJS.Worksheet, order: number[]): void {
  const first = FIRST_ROW;
  const snapshot = order.map((src) => {
    const cells: { col: number; value: ExcelJS.CellValue; style: Partial<ExcelJS.Style> }[] = [];
    for (let c = 1; c <= COL.rowId; c++) {
      const cell = ws.getCell(src, c);
      cells.push({ col: c, value: cell.value, style: { ...cell.style } });
    }
    return { src, cells };
  });
  snapshot.forEach((row, i) => {
    const dst = first + i;
    for (const c of row.cells) {
      let value = c.value;
      if (value && typeof value === 'object' && 'formula' in value && typeof value.formula === 'string') {
        const formula = value.formula.replace(/(?<![A-Z$])([A-Z]{1,3})(\d+)(?!\d)/g, (m, l: string, n: string) => (Number(n) === row.src ? `${l}${dst}` : m));
        value = { formula, result: value.result } as ExcelJS.CellFormulaValue;
      }
      const cell = ws.getCell(dst, c.col);
      cell.value = value;
      cell.style = c.style;
    }
  });
}

// ---------------------------------------------------------------- LibreOffice

let sofficePath: string | null | undefined;

export function soffice(): string | null {
  if (sofficePath !== undefined) return sofficePath;
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice']) {
    if (existsSync(p)) return (sofficePath = p);
  }
  return (sofficePath = null);
}

/**
 * Convert with headless LibreOffice (own profile dir, so parallel runs do not collide). Give
 * every file that goes to the same format at once: each start of LibreOffice costs several
 * CPU-seconds, a further file in the same run little.
 */
export async function convert(files: string | string[], to: string, outDir: string): Promise<void> {
  const bin = soffice();
  if (!bin) throw new Error('LibreOffice is not installed');
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  mkdirSync(outDir, { recursive: true });
  await run(bin, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', to, '--outdir', outDir, ...(Array.isArray(files) ? files : [files])]);
}

/** A copy of a workbook without cached formula results, so LibreOffice must compute them. */
export function withoutCachedResults(data: Uint8Array): Buffer {
  return repack(data, new Date(Date.UTC(2023, 0, 1)), (name, text) =>
    /^xl\/worksheets\/sheet\d+\.xml$/.test(name)
      ? text.replace(/(<\/f>)<v>[^<]*<\/v>/g, '$1').replace(/<c ([^>]*?) t="str">(<f>)/g, '<c $1>$2')
      : text,
  );
}
