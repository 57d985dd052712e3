/**
 * Incremental and parallel builds: only what changed is rebuilt; outputs of a parallel
 * build are byte-identical to a serial one; shards partition the meetings.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { ensureDist } from '../support/dist.js';
import { compact, pageText, readPdfText } from '../support/pdf.js';

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `jianbao-${prefix}-`));
}

function copyTree(from: string): string {
  const to = tmp('tree');
  cpSync(from, to, { recursive: true });
  return to;
}

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, n.name);
      if (n.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

describe('incremental builds', () => {
  it('rebuilds only the meeting whose data changed, and nothing on a second run', async () => {
    const data = copyTree(join(PROJECT_ROOT, 'data'));
    const templatesDir = copyTree(join(PROJECT_ROOT, 'templates'));
    const out = tmp('out');
    const opts = { dataDir: data, outDir: out, templatesDir, formats: ['slides'], jobs: 1 };
    const first = await build(opts);
    expect(first.failures).toEqual([]);
    expect(first.built.length).toBeGreaterThanOrEqual(7);

    const second = await build(opts);
    expect(second.built).toEqual([]);
    expect(second.unchanged.length).toBe(first.built.length);

    const file = join(data, 'guancheng', 'meetings', '2022-12-28-plenary.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('shortTitle: 区委十二届四次全会暨区委经济工作会议', 'shortTitle: 区委十二届四次全会（改）'));
    const third = await build(opts);
    expect(third.built).toEqual(['guancheng/2022-12-28-plenary']);
    expect(readFileSync(join(out, 'guancheng', '2022-12-28-plenary', 'slides.md'), 'utf8')).toContain('区委十二届四次全会（改）');

    // a district override of a slides partial rebuilds that district only
    const override = join(templatesDir, 'erqi', 'partials', 'slides');
    cpSync(join(templatesDir, 'default', 'partials', 'slides'), override, { recursive: true });
    writeFileSync(join(override, 'closing.hbs'), '# 谢谢大家！\n');
    const fourth = await build(opts);
    expect(fourth.built).toEqual(['erqi/2025-12-01-planning']);
    expect(readFileSync(join(out, 'erqi', '2025-12-01-planning', 'slides.md'), 'utf8')).toContain('# 谢谢大家！');
    expect(readFileSync(join(out, 'zhongyuan', '2025-12-01-planning', 'slides.md'), 'utf8')).toContain('# 谢谢！');

    const forced = await build({ ...opts, force: true });
    expect(forced.built.length).toBe(first.built.length);
  });

  it('hashes exactly the template files a render uses: a partial from another folder, not an unrelated one', async () => {
    const templatesDir = copyTree(join(PROJECT_ROOT, 'templates'));
    const out = tmp('out');
    const key = 'guancheng/2017-08-15-study-session';
    const opts = { dataDir: join(PROJECT_ROOT, 'data'), outDir: out, templatesDir, formats: ['briefing'], only: [key], jobs: 1, check: false };
    // the briefing includes a partial from the slides folder (the old folder convention missed it)
    const motto = join(templatesDir, 'default', 'partials', 'slides', 'motto.hbs');
    writeFileSync(motto, '坚持稳中求进工作总基调。\n');
    const briefing = join(templatesDir, 'default', 'briefing.md.hbs');
    writeFileSync(briefing, `${readFileSync(briefing, 'utf8')}\n{{> slides/motto}}\n`);
    const pdfText = async () => pageText((await readPdfText(new Uint8Array(readFileSync(join(out, key, 'briefing.pdf'))))).pages);

    expect((await build(opts)).built).toEqual([key]);
    expect(compact(await pdfText())).toContain('坚持稳中求进工作总基调。');
    const stamp = JSON.parse(readFileSync(join(out, key, '.jianbao-build.json'), 'utf8')) as { formats: Record<string, { templates?: string[] }> };
    expect(stamp.formats.briefing!.templates).toContain('partials/slides/motto.hbs');
    expect(stamp.formats.briefing!.templates).not.toContain('partials/slides/title.hbs');
    expect((await build(opts)).built).toEqual([]);

    // an unrelated partial (the deck's title slide) changes: the briefing stays
    const title = join(templatesDir, 'default', 'partials', 'slides', 'title.hbs');
    writeFileSync(title, `${readFileSync(title, 'utf8')}\n改动\n`);
    const unrelated = await build(opts);
    expect(unrelated.built).toEqual([]);
    expect(unrelated.unchanged).toEqual([key]);

    // the included partial changes: the briefing is rebuilt and says the new words
    writeFileSync(motto, '坚持以人民为中心的发展思想。\n');
    expect((await build(opts)).built).toEqual([key]);
    expect(compact(await pdfText())).toContain('坚持以人民为中心的发展思想。');

    // a district override of the included partial rebuilds that district's briefing
    mkdirSync(join(templatesDir, 'guancheng', 'partials', 'slides'), { recursive: true });
    writeFileSync(join(templatesDir, 'guancheng', 'partials', 'slides', 'motto.hbs'), '管城回族区的覆盖模板。\n');
    expect((await build(opts)).built).toEqual([key]);
    expect(compact(await pdfText())).toContain('管城回族区的覆盖模板。');
    expect((await build(opts)).built).toEqual([]);
  });

  it('rebuilds an output that was deleted', async () => {
    const out = tmp('out');
    const opts = { dataDir: join(PROJECT_ROOT, 'data'), outDir: out, formats: ['slides'], only: ['gongyi'], jobs: 1 };
    await build(opts);
    const f = join(out, 'gongyi', '2025-12-01-planning', 'slides.md');
    execFileSync('rm', [f]);
    const again = await build(opts);
    expect(again.built).toEqual(['gongyi/2025-12-01-planning']);
    expect(existsSync(f)).toBe(true);
  });

  it('splits the meetings into disjoint shards that cover them all', async () => {
    const keys: string[][] = [];
    for (const index of [1, 2, 3]) {
      const r = await build({ dataDir: join(PROJECT_ROOT, 'data'), outDir: tmp('shard'), formats: ['slides'], shard: { index, count: 3 }, jobs: 1 });
      keys.push(r.built);
    }
    const all = keys.flat().sort();
    expect(new Set(all).size).toBe(all.length);
    const full = await build({ dataDir: join(PROJECT_ROOT, 'data'), outDir: tmp('full'), formats: ['slides'], jobs: 1 });
    expect(all).toEqual(full.built);
  });
});

describe('parallel builds and shared fonts (compiled CLI)', () => {
  const cli = join(PROJECT_ROOT, 'bin', 'jianbao.js');
  beforeAll(() => ensureDist());
  // One serial build serves both checks. Three samples, not all seven (a cold CLI build of
  // every sample costs more than the rest of this file): the richest meeting (charts,
  // targets, a ledger per unit), one without a chart, and another district's; every format.
  const ONLY = ['guancheng/2022-12-28-plenary', 'guancheng/2017-08-15-study-session', 'gongyi'].flatMap((k) => ['--only', k]);
  it('write the same bytes as a serial build, which parses each font once per process, not once per document', () => {
    const serial = tmp('serial');
    const parallel = tmp('parallel');
    // English summaries, whatever the machine's locale (the log is matched below)
    const env = { ...process.env, JIANBAO_LANG: 'en' };
    const r = spawnSync('node', [cli, 'build', ...ONLY, '--out', serial, '--jobs', '1'], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...env, JIANBAO_STATS: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/built 3,/);
    const parses = Number(/font_parses=(\d+)/.exec(r.stderr)?.[1]);
    // 3 briefings × 5 font roles alone would be 15+ parses without sharing (and the
    // progress reports more); with it, one per face file.
    expect(parses).toBeGreaterThan(0);
    expect(parses).toBeLessThanOrEqual(8);
    const log = execFileSync('node', [cli, 'build', ...ONLY, '--out', parallel, '--jobs', '2'], { cwd: PROJECT_ROOT, encoding: 'utf8', env });
    expect(log).toMatch(/on 2 workers/);
    const a = files(serial);
    const b = files(parallel);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, v] of a) expect(b.get(k), k).toBe(v);
  });
});
