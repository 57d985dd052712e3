/**
 * Loader details that fixtures cannot pin down well: what is accepted silently (a BOM,
 * CRLF, a lone CR, a `%YAML 1.1` line), what never reaches the terminal (yaml's own
 * warnings), limits that hold on any stack size, and the atomic writer's clean-up.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMs } from '../support/cpu.js';
import { describe, expect, it, vi } from 'vitest';
import { build } from '../../pipeline/build/index.js';
import { JianbaoError, formatProblem } from '../../pipeline/errors.js';
import { loadProject } from '../../pipeline/load/project.js';
import { decodeText, parseYaml, YAML_LIMITS } from '../../pipeline/load/yaml.js';
import { Meeting } from '../../pipeline/model/schema.js';
import { validate } from '../../pipeline/model/validate.js';
import { isTempFile, removeStaleTemps, writeFileAtomic } from '../../pipeline/write.js';
import { FIXTURES, fixtureCases } from '../support/fixtures.js';
import { tmp } from './support.js';

const minimal = readFileSync(join(FIXTURES, 'valid-minimal', 'data', 'demo', 'meetings', '2023-01-05-plenary.yaml'), 'utf8');

function problemsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof JianbaoError) return e.problems.map((p) => formatProblem(p).replace(/^f\.yaml:/, ''));
    throw e;
  }
  return [];
}

describe('accepted silently', () => {
  const reference = loadProject(join(FIXTURES, 'valid-minimal', 'data'));

  for (const c of fixtureCases('valid-').filter((c) => c !== 'valid-minimal')) {
    it(`${c} loads to the same data as valid-minimal and builds the same slides.md`, async () => {
      const r = loadProject(join(FIXTURES, c, 'data'));
      expect(r.failures.map((f) => f.error.message)).toEqual([]);
      expect(r.meetings.map((m) => m.meeting)).toEqual(reference.meetings.map((m) => m.meeting));
      expect(r.meetings.map((m) => m.district)).toEqual(reference.meetings.map((m) => m.district));
      const a = tmp('valid-a');
      const b = tmp('valid-b');
      const ra = await build({ dataDir: join(FIXTURES, 'valid-minimal', 'data'), outDir: a, formats: ['slides'], jobs: 1 });
      const rb = await build({ dataDir: join(FIXTURES, c, 'data'), outDir: b, formats: ['slides'], jobs: 1 });
      expect(rb.failures).toEqual([]);
      expect(ra.failures).toEqual([]);
      const md = (d: string) => readFileSync(join(d, 'demo', '2023-01-05-plenary', 'slides.md'), 'utf8');
      expect(md(b)).toBe(md(a));
    });
  }

  it('a BOM does not shift columns', () => {
    expect(problemsOf(() => validate(parseYaml('f.yaml', `\uFEFF${minimal.replace('value: 7\n', 'value: 七\n')}`), Meeting))).toEqual([
      '25:14  targets.items[0].value  期望一个数字，实际为 "七"  提示：请用阿拉伯数字，写作 7',
    ]);
  });

  it('CRLF, LF and lone CR line ends all count as one line each', () => {
    const broken = minimal.replace('value: 7\n', 'value: 七\n');
    const lines = broken.split('\n');
    const mixed = lines.map((l, i) => l + (i === lines.length - 1 ? '' : ['\n', '\r\n', '\r'][i % 3])).join('');
    expect(problemsOf(() => validate(parseYaml('f.yaml', mixed), Meeting))).toEqual(['25:14  targets.items[0].value  期望一个数字，实际为 "七"  提示：请用阿拉伯数字，写作 7']);
  });

  it('a "%YAML 1.1" line does not turn dates into Date objects or yes into true', () => {
    const src = parseYaml('f.yaml', `%YAML 1.1\n---\n${minimal.replace('      value: 15\n      unit: "%"\n', '      value: 15\n      unit: "%"\n      strive: yes\n')}`);
    const data = src.data as { date: unknown; targets: { items: { strive?: unknown }[] } };
    expect(data.date).toBe('2023-01-05');
    expect(data.targets.items[1]!.strive).toBe('yes');
    expect(problemsOf(() => validate(src, Meeting))).toEqual(['34:15  targets.items[1].strive  期望 true 或 false，实际为 "yes"']);
  });

  it('prints nothing on the terminal itself (yaml warnings are silenced)', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const errors = vi.spyOn(console, 'warn');
    problemsOf(() => parseYaml('f.yaml', '? [a, b]\n: 1\n{x: 1}: 2\n'));
    expect(warn).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    warn.mockRestore();
    errors.mockRestore();
  });
});

describe('limits hold on a small stack', () => {
  // The parallel build parses in worker threads; run the nesting and alias limits in a
  // process with a quarter of the default stack.
  it(`nesting ${YAML_LIMITS.maxDepth} deep loads, deeper is a located error, 100 000 deep too`, () => {
    const script = `
      import { parseYaml } from './pipeline/load/yaml.ts';
      const out = [];
      for (const n of [${YAML_LIMITS.maxDepth}, ${YAML_LIMITS.maxDepth + 1}, 100000]) {
        try { parseYaml('f.yaml', 'a: ' + '['.repeat(n - 1) + ']'.repeat(n - 1)); out.push('ok'); }
        catch (e) { out.push(e.name === 'JianbaoError' ? e.message : 'CRASH ' + e.stack); }
      }
      console.log(JSON.stringify(out));`;
    const r = spawnSync(process.execPath, ['--stack-size=256', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: join(FIXTURES, '..', '..') });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([
      'ok',
      `f.yaml:1:${3 + YAML_LIMITS.maxDepth}  期望列表和映射的嵌套不超过 ${YAML_LIMITS.maxDepth} 层（是否有未闭合的 [ 或 {？），实际为 更深的嵌套`,
      `f.yaml:1:${3 + YAML_LIMITS.maxDepth}  期望列表和映射的嵌套不超过 ${YAML_LIMITS.maxDepth} 层（是否有未闭合的 [ 或 {？），实际为 更深的嵌套`,
    ]);
  });

  it('a file of 2 MiB of "[" is refused in well under a second of CPU time', async () => {
    const { value, ms } = await cpuMs(() => problemsOf(() => parseYaml('f.yaml', '['.repeat(YAML_LIMITS.maxBytes))));
    expect(value[0]).toMatch(/嵌套不超过/);
    expect(ms).toBeLessThan(1000);
  });

  it('100 000 keys in one mapping (duplicates or unknown) are reported in linear time', async () => {
    for (const text of ['a: 1\n'.repeat(100_000), Array.from({ length: 100_000 }, (_, i) => `k${i}: 1\n`).join('')]) {
      const { value: ps, ms } = await cpuMs(() => problemsOf(() => validate(parseYaml('f.yaml', text), Meeting)));
      expect(ms).toBeLessThan(15_000); // CPU time; quadratic would take minutes
      expect(ps.length).toBe(YAML_LIMITS.maxProblems + 1);
      expect(ps.at(-1)).toMatch(/处问题未列出/);
    }
  });

  it('aliases: a few are fine, an alias bomb stops at the first alias with a located error', () => {
    const ok = minimal.replace('        co: [kjj]\n', '        co: &units [kjj]\n').replace('        lead: kjj\n', '        lead: kjj\n        co: *units\n');
    expect(problemsOf(() => validate(parseYaml('f.yaml', ok), Meeting))).toEqual([]);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    expect(problemsOf(() => parseYaml('f.yaml', bomb))).toEqual([`2:8  期望别名（*名称）展开不超过 ${YAML_LIMITS.maxAliasCount} 次，实际更多（“别名炸弹”？）`]);
  });
});

describe('encodings', () => {
  it('reports the first byte that is not UTF-8 at its line and column', () => {
    const bytes = Buffer.concat([Buffer.from('kind: plenary\ntitle: 示例'), Buffer.from([0xc4, 0xe3]), Buffer.from('\n')]);
    expect(problemsOf(() => decodeText('f.yaml', bytes))).toEqual([
      '2:10  期望以 UTF-8 编码保存的文件（看起来是 GBK 或“ANSI”编码）：请另存为 UTF-8 编码，实际为 字节 0xC4 0xE3',
    ]);
  });

  it('accepts every valid UTF-8 sequence, 1 to 4 bytes', () => {
    expect(decodeText('f.yaml', Buffer.from('a é 中 𠀀 😀'))).toBe('a é 中 𠀀 😀');
  });

  it('refuses overlong and surrogate encodings', () => {
    for (const bad of [[0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff]]) {
      expect(problemsOf(() => decodeText('f.yaml', Buffer.from([0x61, ...bad]))), bad.join(' ')).toHaveLength(1);
    }
  });
});

describe('atomic writes', () => {
  it('leaves no temp file after a write and uses the thread id in temp names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jianbao-write-'));
    writeFileAtomic(join(dir, 'a.md'), 'x');
    expect(readdirSync(dir)).toEqual(['a.md']);
    expect(isTempFile('.a.md.tmp-123-0-1')).toBe(true);
    expect(isTempFile('a.md')).toBe(false);
  });

  it('removes temp files of dead writers and of an earlier process with the same pid, keeps live ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jianbao-write-'));
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout.trim());
    const names = {
      dead: `.slides.md.tmp-${deadPid}-0-1`,
      ownOld: `.slides.md.tmp-${process.pid}-0-99`,
      ownNew: `.slides.md.tmp-${process.pid}-1-98`,
      live: `.slides.md.tmp-1-0-1`, // pid 1 is always alive
    };
    for (const n of Object.values(names)) writeFileSync(join(dir, n), 'partial');
    const old = (Date.now() - process.uptime() * 1000 - 60_000) / 1000;
    utimesSync(join(dir, names.ownOld), old, old);
    writeFileAtomic(join(dir, 'slides.md'), 'complete');
    expect(existsSync(join(dir, names.dead))).toBe(false);
    expect(existsSync(join(dir, names.ownOld))).toBe(false);
    expect(existsSync(join(dir, names.ownNew))).toBe(true);
    expect(existsSync(join(dir, names.live))).toBe(true);
    expect(removeStaleTemps(dir)).toEqual([]);
  });
});
