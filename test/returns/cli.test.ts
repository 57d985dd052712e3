/**
 * A handful of the bad-returns corpus through the command line — three through the compiled
 * CLI (`node bin/jianbao.js ingest --data <tmp data> <files>`), the others through the same
 * main() in-process, every one from its own folder: exit 1 on errors, 0 on
 * success, the located lines on stderr exactly as `ingestReturns` reports them, never a
 * stack trace, and the data folder unchanged by bad input.
 *
 * Needs the compiled CLI (dist/): `make test` builds it first (`npx tsc -p tsconfig.build.json`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../pipeline/errors.js';
import { fillReturn } from '../support/xlsx.js';
import { englishPhrases } from '../support/english.js';
import { CASES, caseContext, EN_LINES, expandLines, type CaseContext, type ReturnCase } from './cases.js';
import { ensureDist } from '../support/dist.js';
import { mainIn } from '../support/main.js';
import { caseDirs, hashTree, issue, runCli, STACK, type Issued } from './support.js';

let issued: Issued;

beforeAll(async () => {
  ensureDist();
  issued = await issue();
});


const byName = (prefix: string) => {
  const c = CASES.find((x) => x.name.startsWith(prefix));
  if (!c) throw new Error(`no case ${prefix}`);
  return c;
};

const shorten = (text: string, ctx: CaseContext) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replaceAll(`${ctx.returnsDir}/`, '').replaceAll(ctx.dataDir, '{data}'));

describe('jianbao ingest on bad returns (compiled CLI)', () => {
  // Through the compiled program: a zip bomb (the real process's memory) and a good return
  // (exit 0), besides the errors of the several-returns test below; the others through the
  // same main() in-process (a node start and the program's imports cost a CPU-second or two each).
  const spawned = ['zip bomb: a small zip whose central directory claims 3 GB', 'a drawing exceljs crashes on'];
  const inProcess = ['not a zip', 'an empty file', 'the hidden sheet edited: another unit', 'locked cells edited', 'numbers as text', 'a row deleted', 'rows sorted'];
  for (const prefix of [...spawned, ...inProcess]) {
    const c = byName(prefix);
    const how = spawned.includes(prefix) ? 'compiled CLI' : 'cli.main in-process';
    it(`${c.kind}: ${c.name} (${how})`, async () => {
      const ctx = caseContext(issued, c, `cli-${c.name}`);
      const files = await c.build(ctx);
      const before = hashTree(ctx.dataDir);
      const args = ['ingest', '--data', ctx.dataDir, ...files];
      const r = spawned.includes(prefix) ? runCli(args, ctx.root) : await mainIn(ctx.root, args);
      expect(r.code, r.stderr).toBe(c.kind === 'error' ? EXIT.data : EXIT.ok);
      expect(shorten(r.stderr, ctx)).toEqual(expandLines(c.lines, files[0]!));
      expect(r.stderr + r.stdout).not.toMatch(STACK);
      expect(englishPhrases(r.stderr + r.stdout)).toEqual([]);
      expect(r.stdout).toMatch(c.kind === 'error' ? /未采用：/ : /已合并（\d+行有填报）/);
      if (c.changes) expect(hashTree(ctx.dataDir)).not.toBe(before);
      else expect(hashTree(ctx.dataDir)).toBe(before);
    });
  }

  it('several returns at once: the bad ones are reported and rejected, the good one merged, exit 1', async () => {
    const bad = [byName('not a zip'), byName('locked cells edited'), byName('a drawing exceljs crashes on')];
    const ctx = caseContext(issued, bad[0]!, `cli-${bad[0]!.name}`);
    const files: string[] = [];
    const expected: string[] = [];
    for (const [i, c] of bad.entries()) {
      // each case writes bad.xlsx: build it, then move it aside under its own name
      const [f] = await c.build(ctx);
      const own = ctx.path(`${i}-${c.kind}.xlsx`);
      writeFileSync(own, readFileSync(f!));
      files.push(own);
      expected.push(...c.lines.map((l) => l.replace(/^(bad|drawing)\.xlsx/, `${i}-${c.kind}.xlsx`)));
    }
    const r = runCli(['ingest', '--data', ctx.dataDir, ...files], ctx.root);
    expect(r.code).toBe(EXIT.data);
    expect(shorten(r.stderr, ctx)).toEqual(expected);
    expect(r.stderr + r.stdout).not.toMatch(STACK);
    expect(shorten(r.stdout, ctx).slice(0, 3)).toEqual([
      '0-error.xlsx    未采用：期望 .xlsx 格式的工作簿（Excel 2007 以后的格式），实际为 不是 .xlsx 格式的文件（旧的 .xls、设了密码的工作簿，或改了扩展名的文件？）',
      '1-error.xlsx  testqu / 2023-01-10-plenary / fgw / 2023-01  未采用：目标任务：期望与下发时相同（此单元格已锁定），实际为 "完成土地收储（已调整）"',
      '2-good.xlsx  testqu / 2023-01-10-plenary / fgw / 2023-01  已合并（2行有填报）',
    ]);
    // the last line adds up: every file counted once, by what happened to it
    expect(shorten(r.stdout, ctx).at(-1)).toMatch(/^共3份：合并1份，无变化0份，未采用2份；改动进度文件1个。/);
  });

  it('--lang en: the same lines in English for the IT colleague', async () => {
    const c = byName('numbers as text');
    const ctx = caseContext(issued, c, `cli-en-${c.name}`);
    const files = await c.build(ctx);
    const r = runCli(['--lang', 'en', 'ingest', '--data', ctx.dataDir, ...files], ctx.root);
    expect(r.code).toBe(EXIT.data);
    expect(shorten(r.stderr, ctx)).toEqual(EN_LINES[c.name]);
    expect(r.stdout).toMatch(/REJECTED: 累计完成: expected a number between 0 and 10000 \(in 亩, without the unit\), found "120" \(a number stored as text\)/);
  });

  // (the compiled CLI's exit 2 for `ingest` without files: robustness/cli-usage.test.ts)
  it('usage errors exit 2 without a stack: no files given (cli.main in-process)', async () => {
    const r = await mainIn(issued.fx.dir, ['ingest']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).not.toMatch(STACK);
  });
});
