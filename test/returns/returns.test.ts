/**
 * The bad-returns corpus (cases.ts) through `ingestReturns`: for every case the exact
 * located report, `ok` false exactly for errors, no exception and no stack trace, and
 * the data folder unchanged (sha256 of every file) unless the input was good.
 */
import { cpuMs } from '../support/cpu.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import ExcelJS from 'exceljs';
import { ingestReturns, type IngestReport } from '../../pipeline/ingest/index.js';
import { fillReturn, soffice } from '../support/xlsx.js';
import { CASES, caseContext, EN_LINES, expandLines, type CaseContext, type ReturnCase } from './cases.js';
import { lang, setLang } from '../../pipeline/messages/index.js';
import { englishPhrases } from '../support/english.js';
import { caseDirs, hashTree, issue, listTree, reportLines, STACK, withChart, type Issued } from './support.js';

let issued: Issued;

beforeAll(async () => {
  issued = await issue();
});


/** Run one case; returns the report and the case context (for extra checks). */
async function runCase(c: ReturnCase, expected: string[] = c.lines): Promise<{ report: IngestReport; ctx: CaseContext; files: string[] }> {
  const ctx = caseContext(issued, c, c.name);
  if (c.prior) {
    const prior = await ingestReturns(await c.prior(ctx), { dataDir: ctx.dataDir });
    expect(prior.problems, 'the prior returns merge cleanly').toEqual([]);
  }
  const files = await c.build(ctx);
  const before = hashTree(ctx.dataDir);
  const treeBefore = listTree(ctx.dataDir);
  let report: IngestReport | undefined;
  let thrown: unknown;
  try {
    report = await ingestReturns(files, { dataDir: ctx.dataDir });
  } catch (err) {
    thrown = err;
  }
  expect(thrown, `ingestReturns threw: ${thrown instanceof Error ? thrown.stack : String(thrown)}`).toBeUndefined();
  const lines = reportLines(report!.problems, ctx);
  expect(lines).toEqual(expandLines(expected, files[0]!));
  expect(lines.join('\n')).not.toMatch(STACK);
  // in Chinese, nothing a clerk reads is English: not the problems, not the one-line reasons
  if (lang() === 'zh-CN') expect(englishPhrases([...lines, ...report!.files.map((f) => f.why ?? '')].join('\n'))).toEqual([]);
  expect(report!.ok).toBe(c.kind !== 'error');
  if (c.kind === 'good') expect(report!.problems).toEqual([]);
  if (c.kind === 'warning') expect(report!.problems.every((p) => p.severity === 'warning')).toBe(true);
  const after = hashTree(ctx.dataDir);
  if (c.changes) {
    expect(after, 'good input changes the data folder').not.toBe(before);
  } else {
    expect(after, `the data folder is unchanged (files now: ${listTree(ctx.dataDir).join(', ')}; before: ${treeBefore.join(', ')})`).toBe(before);
  }
  if (c.written) expect(report!.written.map((w) => relative(ctx.dataDir, w))).toEqual(c.written);
  if (c.statuses) expect(report!.files.map((f) => f.status)).toEqual(c.statuses);
  else expect(report!.files.map((f) => f.status)).toEqual(files.map(() => (c.kind === 'error' ? 'rejected' : 'merged')));
  if (c.expectYaml) {
    const y = parse(readFileSync(join(ctx.dataDir, c.expectYaml.file), 'utf8'));
    expect(y).toMatchObject(c.expectYaml.data);
  }
  c.check?.(ctx.dataDir);
  // no temp file, lock or backup is left behind by a rejected return
  if (!c.changes) expect(listTree(ctx.dataDir)).toEqual(treeBefore);
  return { report: report!, ctx, files };
}

describe('bad returns: every case is located, rejected or merged, never a crash', () => {
  it('has at least 25 cases, good and bad', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    expect(CASES.filter((c) => c.kind === 'error').length).toBeGreaterThanOrEqual(25);
    expect(CASES.filter((c) => c.kind === 'good').length).toBeGreaterThanOrEqual(5);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it.skipIf(c.needs === 'soffice' && soffice() === null)(`${c.kind}: ${c.name}`, async () => {
      await runCase(c);
    });
  }
});

describe('in English (--lang en / JIANBAO_LANG=en): the same problems at the same cells', () => {
  for (const [name, lines] of Object.entries(EN_LINES)) {
    it(name, async () => {
      const c = CASES.find((x) => x.name === name)!;
      setLang('en');
      try {
        await runCase(c, lines);
      } finally {
        setLang('zh-CN');
      }
    });
  }
});

describe('the hazards behind some cases are real', () => {
  it('exceljs itself crashes on the drawing of the exceljs#2591 case (ingest never lets it see one)', async () => {
    const ctx = caseContext(issued, CASES[0]!, CASES[0]!.name);
    const filled = await ctx.fill(issued.jan['ledger-fgw.xlsx']!, 'f.xlsx', { 'task:t01': { actual: 1 } });
    const bytes = withChart(readFileSync(filled), '');
    await expect(new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer)).rejects.toThrow(/anchors/);
    // while the Excel-style (xdr:) drawing loads
    await new ExcelJS.Workbook().xlsx.load(withChart(readFileSync(filled), 'xdr') as unknown as ArrayBuffer);
  });

  it('a whole-sheet merge makes the ingest finish in well under a second of work, not gigabytes', async () => {
    const c = CASES.find((x) => x.name.startsWith('a merge and a data validation'))!;
    const { ms } = await cpuMs(() => runCase(c));
    expect(ms).toBeLessThan(15_000); // CPU time: a busy machine does not stretch it
  });

  it('a rejected file among good ones changes nothing of its own, the good ones merge', async () => {
    const bad = CASES.find((x) => x.name.startsWith('locked cells edited'))!;
    const ctx = caseContext(issued, bad, bad.name);
    const [badFile] = await bad.build(ctx);
    const good = await ctx.fill(issued.jan['ledger-kjj.xlsx']!, 'kjj.xlsx', { 'task:t03': { actual: 50 } });
    const report = await ingestReturns([badFile!, good], { dataDir: ctx.dataDir });
    expect(report.files.map((f) => f.status)).toEqual(['rejected', 'merged']);
    expect(report.ok).toBe(false);
    const y = parse(readFileSync(join(ctx.dataDir, 'testqu', 'progress', '2023-01-10-plenary', '2023-01.yaml'), 'utf8')) as { tasks: Record<string, unknown> };
    expect(Object.keys(y.tasks)).toEqual(['t03']);
    expect(existsSync(badFile!)).toBe(true);
  });
});
