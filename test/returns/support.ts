/**
 * Support for the bad-returns corpus: ledgers issued once from the synthetic fixture of
 * test/support/xlsx.ts (plus a second meeting, a March issue and another district), a
 * fresh copy of the data folder per case, a hash of a folder, zip surgery on returned
 * workbooks (parts, patches, drawings), and Excel-like row deletion. Every workbook is
 * built here in code, in a temp dir: no binary file is committed.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type ExcelJS from 'exceljs';
import { formatProblem, type Problem } from '../../pipeline/errors.js';
import { applyProgress } from '../../pipeline/model/progress.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { listZip, readEntry, writeZip } from '../../pipeline/core/zip.js';
import { COL, DISTRICT_ID, DISTRICT_YAML, loadView, makeFixture, MEETING_ID, MEETING_YAML, renderTo, type Fixture } from '../support/xlsx.js';

export { COL, DISTRICT_ID, MEETING_ID };

/** A second meeting of the same district (its own ledgers and progress folder). */
export const OTHER_MEETING_ID = '2023-02-20-economic-work-conference';
export const OTHER_MEETING_YAML = MEETING_YAML.replace('kind: plenary', 'kind: economic-work-conference')
  .replace('title: 中共测试区委十二届四次全会', 'title: 测试区经济工作会议')
  .replace('shortTitle: 区委十二届四次全会', 'shortTitle: 区经济工作会议')
  .replace('date: 2023-01-10', 'date: 2023-02-20')
  .replace('date: 2023-01-12', 'date: 2023-02-21');

/** Another district (its ledgers name a district the case data folders do not have). */
export const OTHER_DISTRICT_ID = 'otherqu';

export interface Issued {
  fx: Fixture;
  /** The pristine data folder every case copies. */
  dataDir: string;
  /** Ledgers of the fixture meeting, briefing month (2023-01): name → path. */
  jan: Record<string, string>;
  /** The same meeting issued for 2023-03. */
  march: Record<string, string>;
  /** Ledgers of the second meeting. */
  other: Record<string, string>;
  /** Ledgers of the fixture meeting issued by another district's data. */
  foreign: Record<string, string>;
}

export function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `jianbao-${prefix}-`));
}

/** Issue every ledger the corpus starts from (once per test file). */
export async function issue(): Promise<Issued> {
  const fx = makeFixture();
  writeFileSync(join(fx.dataDir, DISTRICT_ID, 'meetings', `${OTHER_MEETING_ID}.yaml`), OTHER_MEETING_YAML);
  const at = (name: string) => {
    const d = join(fx.outDir, name);
    mkdirSync(d, { recursive: true });
    return d;
  };
  const view = loadView(fx.dataDir);
  const jan = await renderTo(at('jan'), view);
  const march = await renderTo(at('march'), applyProgress(view, [], { period: '2023-03' }));
  const other = await renderTo(at('other'), loadView(fx.dataDir, DISTRICT_ID, OTHER_MEETING_ID));
  // the same meeting in another district's data folder
  const foreignData = join(fx.dir, 'foreign-data');
  mkdirSync(join(foreignData, OTHER_DISTRICT_ID, 'meetings'), { recursive: true });
  writeFileSync(join(foreignData, OTHER_DISTRICT_ID, 'district.yaml'), DISTRICT_YAML.replace('id: testqu', `id: ${OTHER_DISTRICT_ID}`));
  writeFileSync(join(foreignData, OTHER_DISTRICT_ID, 'meetings', `${MEETING_ID}.yaml`), MEETING_YAML);
  const foreign = await renderTo(at('foreign'), loadView(foreignData, OTHER_DISTRICT_ID, MEETING_ID));
  return { fx, dataDir: fx.dataDir, jan, march, other, foreign };
}

/** A private copy of the pristine data folder, and a folder for the case's returns. */
export function caseDirs(issued: Issued, name: string): { dataDir: string; returnsDir: string; root: string } {
  const root = tmp(`case-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`);
  const dataDir = join(root, 'data');
  cpSync(issued.dataDir, dataDir, { recursive: true });
  const returnsDir = join(root, 'returns');
  mkdirSync(returnsDir);
  return { dataDir, returnsDir, root };
}

/** sha256 over every file under `dir` (hidden ones included): path and bytes. */
export function hashTree(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const n of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, n.name);
      if (n.isDirectory()) walk(p);
      else h.update(`${relative(dir, p)}\0`).update(readFileSync(p)).update('\0');
    }
  };
  if (existsSync(dir)) walk(dir);
  return h.digest('hex');
}

/** Every file under `dir`, relative, sorted. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, n.name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** Problems as the CLI prints them, with the case's folders shortened to `{returns}` / `{data}`. */
export function reportLines(problems: Problem[], dirs: { returnsDir: string; dataDir: string }): string[] {
  return problems.map((p) => formatProblem(p).replaceAll(`${dirs.returnsDir}/`, '').replaceAll(dirs.dataDir, '{data}'));
}

// ---------------------------------------------------------------- zip surgery

export interface Part {
  name: string;
  data: Buffer;
}

export function parts(bytes: Uint8Array): Part[] {
  return listZip(bytes).map((e) => ({ name: e.name, data: readEntry(bytes, e) }));
}

export function pack(ps: Part[]): Buffer {
  return writeZip(ps, new Date(Date.UTC(2023, 1, 3)));
}

/** Re-pack with text parts patched (name → new text). */
export function patchParts(bytes: Uint8Array, patch: (name: string, text: string) => string): Buffer {
  return pack(parts(bytes).map((p) => (/\.(xml|rels)$/.test(p.name) ? { name: p.name, data: Buffer.from(patch(p.name, p.data.toString('utf8')), 'utf8') } : p)));
}

/** Offset of the central directory entry of `name` in a zip written by writeZip. */
export function centralEntryOffset(z: Buffer, name: string): number {
  const eocd = z.length - 22;
  let p = z.readUInt32LE(eocd + 16);
  for (;;) {
    if (z.readUInt32LE(p) !== 0x02014b50) throw new Error(`no central entry ${name}`);
    const nameLen = z.readUInt16LE(p + 28);
    const extra = z.readUInt16LE(p + 30);
    const comment = z.readUInt16LE(p + 32);
    if (z.toString('utf8', p + 46, p + 46 + nameLen) === name) return p;
    p += 46 + nameLen + extra + comment;
  }
}

const DRAWING_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * Add a bar chart over the first data sheet, as a unit might before sending the ledger
 * back. `prefix` is the namespace prefix of the drawing part: Excel writes `xdr:`; other
 * producers may use a default namespace (`''`), which exceljs 4.4 cannot parse (the
 * drawing's model stays undefined and `reconcile` crashes on `drawing.anchors`:
 * exceljs#2591).
 */
export function withChart(bytes: Uint8Array, prefix: 'xdr' | ''): Buffer {
  const x = (tag: string) => (prefix ? `${prefix}:${tag}` : tag);
  const nsDecl = prefix ? `xmlns:${prefix}="${DRAWING_NS}"` : `xmlns="${DRAWING_NS}"`;
  const anchor = `<${x('from')}><${x('col')}>1</${x('col')}><${x('colOff')}>0</${x('colOff')}><${x('row')}>10</${x('row')}><${x('rowOff')}>0</${x('rowOff')}></${x('from')}><${x('to')}><${x('col')}>8</${x('col')}><${x('colOff')}>0</${x('colOff')}><${x('row')}>25</${x('row')}><${x('rowOff')}>0</${x('rowOff')}></${x('to')}>`;
  const drawing =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${x('wsDr')} ${nsDecl} xmlns:a="${A_NS}"><${x('twoCellAnchor')}>${anchor}` +
    `<${x('graphicFrame')} macro=""><${x('nvGraphicFramePr')}><${x('cNvPr')} id="2" name="图表 1"/><${x('cNvGraphicFramePr')}/></${x('nvGraphicFramePr')}>` +
    `<${x('xfrm')}><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></${x('xfrm')}><a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${R_NS}" r:id="rId1"/></a:graphicData></a:graphic></${x('graphicFrame')}>` +
    `<${x('clientData')}/></${x('twoCellAnchor')}></${x('wsDr')}>`;
  const chart =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}"><c:chart><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>'重点任务'!$J$4:$J$6</c:f></c:numRef></c:val></c:ser>` +
    `<c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`;
  const rels = (type: string, target: string) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_RELS}"><Relationship Id="rId1" Type="${R_NS}/${type}" Target="${target}"/></Relationships>`;
  const ps = parts(bytes).map((p) => {
    if (p.name === 'xl/worksheets/sheet1.xml') {
      const text = p.data.toString('utf8');
      // <drawing> goes after the page setup elements, before tableParts/extLst
      const at = text.search(/<tableParts|<extLst|<\/worksheet>/);
      return { name: p.name, data: Buffer.from(`${text.slice(0, at)}<drawing r:id="rIdDr1"/>${text.slice(at)}`, 'utf8') };
    }
    if (p.name === '[Content_Types].xml') {
      const text = p.data
        .toString('utf8')
        .replace(
          '</Types>',
          '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>' +
            '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
        );
      return { name: p.name, data: Buffer.from(text, 'utf8') };
    }
    return p;
  });
  const sheetRels = ps.find((p) => p.name === 'xl/worksheets/_rels/sheet1.xml.rels');
  const drawingRel = `<Relationship Id="rIdDr1" Type="${R_NS}/drawing" Target="../drawings/drawing1.xml"/>`;
  if (sheetRels) sheetRels.data = Buffer.from(sheetRels.data.toString('utf8').replace('</Relationships>', `${drawingRel}</Relationships>`), 'utf8');
  else ps.push({ name: 'xl/worksheets/_rels/sheet1.xml.rels', data: Buffer.from(rels('drawing', '../drawings/drawing1.xml').replace('Id="rId1"', 'Id="rIdDr1"'), 'utf8') });
  ps.push(
    { name: 'xl/drawings/drawing1.xml', data: Buffer.from(drawing, 'utf8') },
    { name: 'xl/drawings/_rels/drawing1.xml.rels', data: Buffer.from(rels('chart', '../charts/chart1.xml'), 'utf8') },
    { name: 'xl/charts/chart1.xml', data: Buffer.from(chart, 'utf8') },
  );
  return pack(ps);
}

// ---------------------------------------------------------------- sheet edits as Excel does them

const ownRowRefs = (formula: string, from: number, to: number) =>
  formula.replace(/(?<![A-Z$])(\$?)([A-Z]{1,3})(\d+)(?!\d)/g, (m, abs: string, l: string, n: string) => (Number(n) === from && abs === '' ? `${l}${to}` : m));

/** Delete data row `r` as Excel does: rows below move up and their formulas follow. */
export function deleteRow(ws: ExcelJS.Worksheet, r: number): void {
  const last = ws.rowCount;
  for (let src = r + 1; src <= last; src++) {
    for (let c = 1; c <= COL.rowId; c++) {
      const from = ws.getCell(src, c);
      const to = ws.getCell(src - 1, c);
      let value = from.value;
      if (value && typeof value === 'object' && 'formula' in value && typeof value.formula === 'string') {
        value = { formula: ownRowRefs(value.formula, src, src - 1), result: value.result } as ExcelJS.CellFormulaValue;
      }
      to.value = value;
      to.style = { ...from.style };
    }
  }
  for (let c = 1; c <= COL.rowId; c++) ws.getCell(last, c).value = null;
}

// ---------------------------------------------------------------- the compiled CLI

import { CLI } from '../support/dist.js';

export { CLI, distProblem } from '../support/dist.js';

export function runCli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1', DEBUG: '', JIANBAO_LANG: 'zh-CN' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack frame or the CLI's internal-error line. */
export const STACK = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at \S+:\d+:\d+$|internal error|内部错误|TypeError|RangeError|ReferenceError/m;
