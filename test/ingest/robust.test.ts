/**
 * Ingest never poisons the data: text pasted from Word is cleaned or refused (and
 * whatever ingest writes, the loader accepts — a property), a lock left by a dead process
 * is taken over, a full disk is a clear message with no debris; `check` and `build`
 * report progress files that no longer fit the data; outputs whose inputs are gone are
 * removed.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';

// A disk that fills up on demand: the n-th write from now on fails with ENOSPC.
const disk = vi.hoisted(() => ({ failAt: 0, writes: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    if (disk.failAt > 0 && ++disk.writes >= disk.failAt) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    return (fs.writeSync as (...a: unknown[]) => number)(...args);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

import { build } from '../../pipeline/build/index.js';
import { cleanText } from '../../pipeline/ingest/check.js';
import { ingestReturns } from '../../pipeline/ingest/index.js';
import { mergeRows, type IncomingRow } from '../../pipeline/ingest/merge.js';
import { LOCK_FILE, progressText } from '../../pipeline/ingest/store.js';
import { parseYaml } from '../../pipeline/load/yaml.js';
import { ProgressFile } from '../../pipeline/model/progress.js';
import { validate } from '../../pipeline/model/validate.js';
import { DISTRICT_ID, fillReturn, loadView, makeFixture, MEETING_ID, renderTo } from '../support/xlsx.js';

afterEach(() => {
  disk.failAt = 0;
  disk.writes = 0;
});

const progressDir = (dataDir: string) => join(dataDir, DISTRICT_ID, 'progress', MEETING_ID);

describe('text pasted from Word', () => {
  it('turns vertical tabs, form feeds and line separators into line breaks, and refuses other control characters', () => {
    expect(cleanText('第一段_x000B_第二段')).toBe('第一段\n第二段');
    expect(cleanText('第一段\u000b第二段\u000c第三段\u2028第四段')).toBe('第一段\n第二段\n第三段\n第四段');
    expect(cleanText('  前后空白  \r\n\r\n\r\n下一段 ')).toBe('前后空白\n下一段');
    expect(cleanText('_x005F_ 不是控制字符')).toBe('_x005F_ 不是控制字符');
    expect(cleanText('响铃\u0007字符')).toEqual({ bad: expect.stringContaining('U+0007'), hint: expect.stringContaining('纯文本') });
    expect(cleanText('空字符_x0000_')).toEqual({ bad: expect.stringContaining('U+0000'), hint: expect.stringContaining('纯文本') });
  });

  it('whatever ingest writes, the loader accepts (property over any cell text)', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: fc.constantFrom('a', '中', ' ', '\n', '\r', '\t', '\u000b', '\u000c', '\u0000', '\u001f', '\u2028', '_x000B_', '_x000C_', '#', ':', '- ', '"', "'", '{', '\ufffe'), maxLength: 30 }),
    );
    fc.assert(
      fc.property(text, text, text, (progress, problems, support) => {
        const values: IncomingRow['values'] = {};
        const rows: IncomingRow[] = [];
        const base = { kind: 'task' as const, id: 't01', issued: '2023-01-12T00:00:00.000Z', returned: '2023-02-03T09:00:00.000Z', file: 'x.xlsx', sheet: '重点任务', cells: {} };
        for (const [k, raw] of [['progress', progress], ['problems', problems]] as const) {
          const t = cleanText(raw);
          if (typeof t === 'string' && t !== '') values[k] = t;
        }
        rows.push({ ...base, unit: 'fgw', values });
        const s = cleanText(support);
        if (typeof s === 'string' && s !== '') rows.push({ ...base, unit: 'kjj', values: {}, support: s, sheet: '配合事项' });
        const empty = { meeting: MEETING_ID, district: DISTRICT_ID, period: '2023-01', targets: {}, tasks: {}, projects: {} };
        const merged = mergeRows(empty, rows, { unitName: (u) => u ?? '', progressFile: 'p.yaml' });
        const text = progressText({ path: 'p.yaml', text: '', raw: { meeting: MEETING_ID, district: DISTRICT_ID, period: '2023-01' }, file: empty }, merged.changes);
        if (text === undefined) return;
        const file = validate(parseYaml('p.yaml', text), ProgressFile);
        expect(file.tasks.t01?.progress).toBe(values.progress);
        expect(file.tasks.t01?.problems).toBe(values.problems);
      }),
      { numRuns: 300 },
    );
  });
});

describe('locks and full disks', () => {
  it('takes over a lock left by a process that no longer runs, and reports a live one', async () => {
    const fx = makeFixture();
    const files = await renderTo(fx.outDir, loadView(fx.dataDir));
    const ret = await fillReturn(files['ledger-fgw.xlsx']!, join(fx.returnsDir, 'fgw.xlsx'), { 'task:t01': { actual: 100 } });
    mkdirSync(progressDir(fx.dataDir), { recursive: true });
    const lock = join(progressDir(fx.dataDir), LOCK_FILE);
    // a live holder (this very process) on this host: refused, nothing written
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: '2023-02-03T09:00:00.000Z' }));
    const busy = await ingestReturns([ret], { dataDir: fx.dataDir });
    expect(busy.ok).toBe(false);
    expect(busy.files[0]).toMatchObject({ status: 'rejected', why: expect.stringContaining(`进程 ${process.pid}（`) });
    expect(existsSync(join(progressDir(fx.dataDir), '2023-01.yaml'))).toBe(false);
    // a dead holder: taken over
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), started: '2023-02-03T09:00:00.000Z' }));
    const taken = await ingestReturns([ret], { dataDir: fx.dataDir });
    expect(taken.problems).toEqual([]);
    expect(taken.files[0]!.status).toBe('merged');
    expect(readdirSync(progressDir(fx.dataDir)).sort()).toEqual(['2023-01.yaml']);
  });

  it('says which file could not be written when the disk is full, and leaves no temp or lock file', async () => {
    const fx = makeFixture();
    const files = await renderTo(fx.outDir, loadView(fx.dataDir));
    const ret = await fillReturn(files['ledger-fgw.xlsx']!, join(fx.returnsDir, 'fgw.xlsx'), { 'task:t01': { actual: 100 } });
    disk.failAt = 2; // the lock is written, the progress file is not
    const report = await ingestReturns([ret], { dataDir: fx.dataDir });
    disk.failAt = 0;
    expect(report.ok).toBe(false);
    expect(report.written).toEqual([]);
    expect(report.files[0]).toMatchObject({ status: 'rejected', why: expect.stringContaining('磁盘已满') });
    const p = report.problems.find((x) => x.found?.includes('磁盘已满'))!;
    expect(p.location).toMatchObject({ kind: 'file', file: join(progressDir(fx.dataDir), '2023-01.yaml') });
    expect(readdirSync(progressDir(fx.dataDir))).toEqual([]);
  });
});

describe('progress files that no longer fit the data', () => {
  it('are reported by check and build: a stray name, an unknown id, a month outside the plan year', async () => {
    const fx = makeFixture();
    const dir = progressDir(fx.dataDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), '备忘');
    writeFileSync(join(dir, '2023-02.yaml'), `meeting: ${MEETING_ID}\ndistrict: ${DISTRICT_ID}\nperiod: 2023-02\ntasks:\n  t01:\n    actual: 100\n  t99:\n    actual: 5\n`);
    const checked = await build({ dataDir: fx.dataDir, outDir: fx.outDir, checkOnly: true });
    expect(checked.planYears).toEqual([{ key: `${DISTRICT_ID}/${MEETING_ID}`, file: expect.stringContaining(`${MEETING_ID}.yaml`), year: 2023, rule: '取目标年度 targets.year' }]);
    const lines = checked.checks.map((p) => [p.location.kind === 'file' ? `${p.location.file.split('/').pop()}:${p.location.line ?? ''}` : '', p.field ?? '', p.severity ?? 'error']);
    expect(lines).toEqual([
      ['notes.txt:', '', 'warning'],
      ['2023-02.yaml:7', 'tasks.t99', 'warning'],
    ]);
    writeFileSync(join(dir, '2022-12.yaml'), `meeting: ${MEETING_ID}\ndistrict: ${DISTRICT_ID}\nperiod: 2022-12\ntasks: {}\n`);
    const again = await build({ dataDir: fx.dataDir, outDir: fx.outDir, checkOnly: true });
    const error = again.checks.find((p) => p.severity !== 'warning')!;
    expect(error).toMatchObject({ field: 'period', found: '"2022-12"' });
    expect(error.message).toContain('计划年度 2023 年');
    // the build reports the same and does not use the file
    const built = await build({ dataDir: fx.dataDir, outDir: fx.outDir, jobs: 1, formats: ['ledger'] });
    expect(built.failures.flatMap((f) => f.error.problems.map((p) => p.field))).toContain('period');
    rmSync(join(dir, '2022-12.yaml'));
    const ok = await build({ dataDir: fx.dataDir, outDir: fx.outDir, jobs: 1, formats: ['ledger'] });
    expect(ok.failures).toEqual([]);
    expect(ok.checks.map((p) => p.field ?? p.found)).toEqual(['"notes.txt"', 'tasks.t99']);
  });

  it('removes an output whose inputs are gone: progress.pdf once no progress is left', async () => {
    const fx = makeFixture();
    const dir = progressDir(fx.dataDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '2023-02.yaml'), `meeting: ${MEETING_ID}\ndistrict: ${DISTRICT_ID}\nperiod: 2023-02\ntasks:\n  t01:\n    actual: 100\n`);
    const opts = { dataDir: fx.dataDir, outDir: fx.outDir, jobs: 1, formats: ['report'] };
    const first = await build(opts);
    expect(first.failures).toEqual([]);
    const pdf = join(fx.outDir, DISTRICT_ID, MEETING_ID, 'progress.pdf');
    expect(existsSync(pdf)).toBe(true);
    rmSync(dir, { recursive: true });
    const second = await build(opts);
    expect(second.failures).toEqual([]);
    expect(existsSync(pdf)).toBe(false);
  });
});
