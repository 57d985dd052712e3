/**
 * Usage errors of the compiled CLI: an unknown --format or --only is refused with exit 2, a
 * one-line message with the choices or a "是不是…" suggestion, and no screenful of help;
 * --only accepts a meeting's file path with either slash.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../pipeline/errors.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { ensureDist } from '../support/dist.js';
import { mainIn } from '../support/main.js';
import { runCli } from './support.js';
import { englishPhrases } from '../support/english.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

beforeAll(() => ensureDist());

describe('usage errors (compiled CLI)', () => {
  it('--format with a typo: exit 2, the suggestion and the list, short', () => {
    const r = runCli(['build', '--format', 'breifing'], PROJECT_ROOT);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('是不是 briefing');
    expect(r.stderr).toContain('docx');
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
    expect(r.stdout).toBe('');
  });

  it('--format with an unknown word: exit 2 with the list of formats, nothing built', () => {
    const r = runCli(['build', '--format', 'pdf'], PROJECT_ROOT);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/期望以下之一：briefing、ledger/);
  });

  it('--only with a typo: exit 2 and the meeting it probably meant', () => {
    const r = runCli(['check', '--only', 'guancheng/2022-plenery'], PROJECT_ROOT);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('是不是 guancheng/2022-12-28-plenary');
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
  });

  it('--only takes the meeting file path, with Windows backslashes and without .yaml', () => {
    for (const only of ['data\\guancheng\\meetings\\2017-08-15-study-session.yaml', 'data/guancheng/meetings/2017-08-15-study-session']) {
      const r = runCli(['check', '--only', only], PROJECT_ROOT);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('1 个会议中 1 个无误');
    }
  });

  it('every command\'s error paths speak Chinese: no English phrase on stdout or stderr', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'jianbao-usage-'));
    const data = join(PROJECT_ROOT, 'data');
    const runs: [args: string[], code: number][] = [
      [['build', '--data', data, '--format', 'pdf'], EXIT.usage],
      [['build', '--data', data, '--only', 'nosuch'], EXIT.usage],
      [['build', '--data', data, '--period', '2023-13'], EXIT.usage],
      [['build', '--data', data, '--jobs', '0'], EXIT.usage],
      [['watch', '--data', data, '--format', 'x'], EXIT.usage],
      [['check', '--data', 'nosuch'], EXIT.usage],
      [['ingest'], EXIT.usage],
      [['ingest', '--data', data, 'nomatch*.xlsx'], EXIT.usage],
      [['ingest', '--data', data, join(PROJECT_ROOT, 'package.json')], EXIT.data],
      [['preflight', 'missing.pdf'], EXIT.data],
      [['distribute', '--bogus'], EXIT.usage],
      [['index', '--out', 'nosuch'], EXIT.usage],
      [['fonts', '--bogus'], EXIT.usage],
      [['frobnicate'], EXIT.usage],
      [['--lang', 'fr', 'build'], EXIT.usage],
    ];
    // every path through cli.main in-process (a spawned CLI costs a node start each); two of
    // them through the compiled CLI as well, which must print exactly the same
    const spawned = new Set(['ingest', 'frobnicate']);
    for (const [args, code] of runs) {
      const r = await mainIn(empty, args, 'zh-CN');
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(code);
      expect(r.stderr, args.join(' ')).not.toBe('');
      expect(englishPhrases(r.stdout + r.stderr), `${args.join(' ')}: ${r.stdout}${r.stderr}`).toEqual([]);
      if (args.length === 1 && spawned.has(args[0]!)) {
        const cli = runCli(args, empty, { JIANBAO_LANG: 'zh-CN' });
        expect(cli.code, args.join(' ')).toBe(code);
        expect(cli.stderr, args.join(' ')).toBe(r.stderr);
        expect(cli.stdout, args.join(' ')).toBe(r.stdout);
      }
    }
    // the same paths in English for the IT colleague (the check above is not blind to English)
    const en = runCli(['--lang', 'en', 'build', '--data', data, '--format', 'pdf'], empty);
    expect(englishPhrases(en.stderr).length).toBeGreaterThan(0);
  });
});
