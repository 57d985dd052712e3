/**
 * The real command line on bad data: exit codes, the exact report on stderr (the same as
 * the fixture's expected.txt), no stack trace, and the limits that need generated input
 * (a file over the size limit is made here rather than committed).
 *
 * Needs the compiled CLI (dist/): `make test` builds it first.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { englishPhrases } from '../support/english.js';
import { EXIT } from '../../pipeline/errors.js';
import { loadProject } from '../../pipeline/load/project.js';
import { parseYaml, YAML_LIMITS } from '../../pipeline/load/yaml.js';
import { FIXTURES, fixtureCases } from '../support/fixtures.js';
import { childrenCpuMs } from '../support/cpu.js';
import { ensureDist } from '../support/dist.js';
import { mainIn } from '../support/main.js';
import { copyTree, runCli, tmp } from './support.js';

beforeAll(() => ensureDist());
const STACK = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at \S+:\d+:\d+$|internal error|内部错误/m;

describe('jianbao check on bad data (compiled CLI)', () => {
  // The compiled program, as a clerk runs it: a few fixtures whose reading differs most
  // (stack depth of a real process, a foreign encoding, a long report through the pipe).
  // Every fixture's report, byte for byte, is checked in-process below (the same main()).
  const cases = ['invalid-yaml-deep-nesting', 'invalid-encoding-gbk', 'invalid-many-problems'];
  for (const c of cases) {
    it(`${c}: exit 1, the report of expected.txt on stderr, no stack trace`, () => {
      const dir = join(FIXTURES, c);
      const r = runCli(['check', '--data', 'data'], dir);
      expect(r.code).toBe(EXIT.data);
      expect(r.stderr).toBe(readFileSync(join(dir, 'expected.txt'), 'utf8'));
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stdout).toMatch(/^\d+ 个会议中 \d+ 个无误/);
    });
  }

  it('every fixture through cli.main in-process, from its folder: exit 1, exactly the report of expected.txt, no stack trace, no internal error, no English', async () => {
    for (const c of fixtureCases('invalid-')) {
      const dir = join(FIXTURES, c);
      const { code, stdout, stderr } = await mainIn(dir, ['check', '--data', 'data']);
      expect(code, c).toBe(EXIT.data);
      expect(stderr, c).toBe(readFileSync(join(dir, 'expected.txt'), 'utf8'));
      expect(stderr, c).not.toMatch(STACK);
      expect(stderr, c).not.toMatch(/could not read:|TypeError|RangeError|\bundefined\b/);
      expect(englishPhrases(stderr), `${c}: ${stderr}`).toEqual([]);
      expect(stdout, c).toMatch(/^\d+ 个会议中 \d+ 个无误/);
    }
  });

  it('a broken district profile: its meetings fail, the other district still builds', () => {
    const out = tmp('out');
    // (one format is enough: what matters is which meetings build)
    const r = runCli(['build', '--format', 'slides', '--data', join(FIXTURES, 'invalid-district-bad-profile', 'data'), '--out', out], FIXTURES);
    expect(r.code).toBe(EXIT.data);
    expect(r.stdout).toMatch(/共 3 个会议：生成 1 个，未变 0 个，失败 2 个/);
    expect(r.stderr).toMatch(/demo\/district\.yaml:5:7  city  期望文字/);
    expect(r.stderr).not.toMatch(STACK);
    const built = readFileSync(join(out, 'other', '2023-01-05-plenary', 'slides.md'), 'utf8');
    expect(built).toContain('区委一届二次全会');
  });

  it('a missing data folder is a usage error (exit 2)', () => {
    const r = runCli(['check', '--data', 'no-such-folder'], tmp('empty'));
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/^no-such-folder  期望一个数据文件夹/);
  });

  it('valid-* fixtures (BOM, CRLF) check clean: exit 0 (the CRLF one through the compiled CLI, every one in-process)', async () => {
    const r = runCli(['check', '--data', 'data'], join(FIXTURES, 'valid-crlf'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.ok);
    for (const c of fixtureCases('valid-')) {
      const m = await mainIn(join(FIXTURES, c), ['check', '--data', 'data']);
      expect(m.stderr, c).toBe('');
      expect(m.code, c).toBe(EXIT.ok);
    }
  });
});

describe('file size limit', () => {
  const base = readFileSync(join(FIXTURES, 'valid-minimal', 'data', 'demo', 'meetings', '2023-01-05-plenary.yaml'), 'utf8');
  /** The valid meeting padded with a comment to exactly `bytes` bytes. */
  const padded = (bytes: number) => {
    const head = `${base}# `;
    const pad = bytes - Buffer.byteLength(head) - 1;
    return `${head}${'x'.repeat(pad)}\n`;
  };

  function dataWith(meeting: string): string {
    const data = copyTree(join(FIXTURES, 'valid-minimal', 'data'), 'size');
    writeFileSync(join(data, 'demo', 'meetings', '2023-01-05-plenary.yaml'), meeting);
    return data;
  }

  it(`accepts a file of exactly ${YAML_LIMITS.maxBytes} bytes`, () => {
    const data = dataWith(padded(YAML_LIMITS.maxBytes));
    const r = loadProject(data, { cwd: data });
    expect(r.failures.map((f) => f.error.message)).toEqual([]);
    expect(r.meetings).toHaveLength(1);
  });

  it('refuses a file one byte over the limit before reading it, with a located report', () => {
    const data = dataWith(padded(YAML_LIMITS.maxBytes + 1));
    const r = loadProject(data, { cwd: data });
    expect(r.failures.map((f) => f.error.message)).toEqual([
      `demo/meetings/2023-01-05-plenary.yaml  期望数据文件不超过 2 MiB（请拆分文件，或删去粘贴进来的材料），实际为 2.0 MiB（${YAML_LIMITS.maxBytes + 1} 字节）`,
    ]);
  });

  it('counts bytes, not characters (Chinese text is 3 bytes a character)', () => {
    const chars = Math.ceil(YAML_LIMITS.maxBytes / 3) + 10;
    expect(() => parseYaml('big.yaml', `lead: ${'会'.repeat(chars)}\n`)).toThrow(/期望数据文件不超过 2 MiB/);
  });

  it('a 50 MB file is refused quickly through the CLI (exit 1), the other meetings are checked', () => {
    const data = dataWith(base);
    mkdirSync(join(data, 'demo', 'meetings'), { recursive: true });
    writeFileSync(join(data, 'demo', 'meetings', '2023-02-01-huge.yaml'), Buffer.alloc(50 * 1024 * 1024, 'a'));
    const { value: r, ms } = childrenCpuMs(() => runCli(['check', '--data', data], data));
    expect(ms).toBeLessThan(10_000); // CPU time of the CLI: it must not read the 50 MB
    expect(r.code).toBe(EXIT.data);
    expect(r.stdout).toMatch(/^2 个会议中 1 个无误/);
    expect(r.stderr).toMatch(/2023-02-01-huge\.yaml  期望数据文件不超过 2 MiB.*，实际为 50\.0 MiB/);
  });
});
