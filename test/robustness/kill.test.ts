/**
 * Never lose data: the real CLI build is killed with SIGKILL at random points while it
 * rewrites every output of a previous build. After each kill, every output file must be
 * byte-identical either to the previous build's file or to the new build's file (the build
 * is deterministic; both are reference builds of the same inputs), no output may be
 * missing, data/ must be untouched, and the next build must finish the job: exactly the
 * new reference outputs, and no temp file (`.<name>.tmp-*`) left anywhere.
 *
 * Kills happen at points of the build's progress (after its k-th output line), not after a
 * wall-clock delay, so a busy machine kills at the same points as an idle one. The first
 * trial kills at the build's start, the others at random lines of their share of the rest
 * of the build. Compiles dist/ first when it is stale.
 *   JIANBAO_KILL_TRIALS    number of kills (default 2 — the start and one random point;
 *                          `make fuzz` runs 20)
 *   JIANBAO_KILL_FORMATS   only these formats, comma-separated (default slides,ledger; `make fuzz`:
 *                          every format the build writes, JIANBAO_KILL_FORMATS=all)
 *
 * Builds: the two references (A, and B over a copy of A with --force), then per trial a
 * killed build and the build that repairs it, and for the site index a fresh build of B (it
 * must write the same bytes as the forced one: the build is deterministic) and its repair.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { isTempFile } from '../../pipeline/write.js';
import { ensureDist } from '../support/dist.js';
import { copyTree, programSnapshot, runCli as runLiveCli, runCliAndKill as runLiveCliAndKill, sameTree, snapshot, tmp } from './support.js';

const TRIALS = Number(process.env.JIANBAO_KILL_TRIALS ?? 2);
const FORMATS = (process.env.JIANBAO_KILL_FORMATS ?? 'slides,ledger')
  .split(',')
  .filter((f) => f && f !== 'all')
  .flatMap((f) => ['--format', f]);

/** The sample data (every renderer registered makes a build take a while). */
function makeData(): string {
  return copyTree(join(PROJECT_ROOT, 'data'), 'kill-data');
}

/** The same data with every meeting's titles changed: (nearly) every output changes. */
function revise(data: string): void {
  for (const d of readdirSync(data)) {
    let files: string[] = [];
    try {
      files = readdirSync(join(data, d, 'meetings'));
    } catch {
      continue;
    }
    for (const f of files) {
      const p = join(data, d, 'meetings', f);
      writeFileSync(p, readFileSync(p, 'utf8').replace(/^(title|shortTitle): (.*)$/gm, '$1: $2（修订稿）'));
    }
  }
}

function temps(dir: string): string[] {
  return [...snapshot(dir).keys()].filter((k) => isTempFile(basename(k)));
}

let program = '';
const runCli = (args: string[], cwd: string) => runLiveCli(args, cwd, {}, program);
const runCliAndKill = (args: string[], cwd: string, lines: number) => runLiveCliAndKill(args, cwd, lines, program);

describe('a build killed at any point loses nothing (compiled CLI, SIGKILL)', () => {
  // Two data folders, A (before) and B (after), at fixed paths: input hashes in the build
  // stamps include the data paths, so every build of B must read the same folder.
  let dataA = '';
  let dataB = '';
  let refA = new Map<string, Buffer>();
  let refB = new Map<string, Buffer>();
  let outA = '';
  /** Lines a whole rebuild of B prints (one per output written, then the summary). */
  let buildLines = 0;

  beforeAll(async () => {
    ensureDist();
    program = programSnapshot();
    dataA = makeData();
    dataB = copyTree(dataA, 'kill-data-b');
    revise(dataB);
    outA = tmp('kill-ref-a');
    const a = runCli(['build', ...FORMATS, '--data', dataA, '--out', outA], PROJECT_ROOT);
    // nothing on stderr but the briefings' font-substitution warnings (every format: the
    // tests see no host fonts, JIANBAO_FONT_DIRS='')
    expect(a.stderr.split('\n').filter((l) => l && !/印前检查（font-substitute）.*（警告）$/.test(l))).toEqual([]);
    expect(a.code).toBe(0);
    const outB = tmp('kill-ref-b');
    cpSync(outA, outB, { recursive: true });
    // the reference rebuild: how many lines does a whole build print?
    const whole = runCli(['build', ...FORMATS, '--force', '--data', dataB, '--out', outB], PROJECT_ROOT);
    expect(whole.code, whole.stderr).toBe(0);
    buildLines = whole.stdout.split('\n').length - 1;
    expect(buildLines).toBeGreaterThan(TRIALS);
    refA = snapshot(outA);
    refB = snapshot(outB);
    // (that the build is deterministic — a second build of B writes the same bytes — is
    // checked by the site-index test below, whose fresh build of B must equal refB)
    // the outputs are the same files, and most of them change between A and B
    // (otherwise "old or new" would prove nothing)
    expect([...refB.keys()].sort()).toEqual([...refA.keys()].sort());
    const changed = [...refB.keys()].filter((k) => !refA.get(k)!.equals(refB.get(k)!));
    expect(changed.length).toBeGreaterThan(refB.size / 2);
  });

  it(`${TRIALS} kills at random points of a --force rebuild: old or new file, never a torn one; the next build repairs all`, async () => {
    const dataBefore = snapshot(dataB);
    const log: string[] = [];
    let killedMidway = 0;
    for (let i = 0; i < TRIALS; i++) {
      const out = tmp(`kill-${i}`);
      rmSync(out, { recursive: true, force: true });
      cpSync(outA, out, { recursive: true });
      // trial i kills after line k of the build: the first at its start, the others at
      // random lines (1…buildLines) of their share of the rest of it (one trial after the
      // first: anywhere in the build)
      const k = i === 0 ? 0 : 1 + Math.floor(((buildLines - 1) * (i - 1 + Math.random())) / Math.max(1, TRIALS - 1));
      const r = await runCliAndKill(['build', ...FORMATS, '--force', '--data', dataB, '--out', out], PROJECT_ROOT, k);
      const after = snapshot(out);
      const left = temps(out);
      let fromA = 0;
      let fromB = 0;
      for (const [k, bytes] of after) {
        if (left.includes(k)) continue;
        const a = refA.get(k);
        const b = refB.get(k);
        expect(a || b, `unexpected file ${k}`).toBeTruthy();
        const isA = !!a && bytes.equals(a);
        const isB = !!b && bytes.equals(b);
        expect(isA || isB, `${k} is neither the old nor the new complete file (trial ${i}, killed after line ${k})`).toBe(true);
        if (isB && !isA) fromB++;
        else fromA++;
      }
      for (const k of refA.keys()) expect(after.has(k), `${k} disappeared (trial ${i})`).toBe(true);
      if (r.killed && fromB > 0 && fromA > 0) killedMidway++;
      log.push(`trial ${i}: kill after line ${k} of ${buildLines} → ${r.killed ? 'killed' : `finished (${r.code})`}, ${fromB} new / ${fromA} old files, ${left.length} temp files left`);

      // the next build (not forced) completes the job and removes the temp files
      const next = runCli(['build', ...FORMATS, '--data', dataB, '--out', out], PROJECT_ROOT);
      expect(next.code, next.stderr).toBe(0);
      expect(temps(out), `temp files left after the next build (trial ${i})`).toEqual([]);
      const repaired = snapshot(out);
      const stale = sameTree(repaired, refB)
        .map((d) => {
          const k = d.split(':')[0]!;
          return repaired.get(k) && refA.get(k)?.equals(repaired.get(k)!) ? `${k}: still the previous build's file` : d;
        })
        // output/index.html and output/_index/ are not repaired by the next build (known
        // bug, pinned down by the next test); everything inside a meeting's folder must be
        .filter((d) => !(isSiteIndex(d.split(':')[0]!) && d.endsWith("still the previous build's file")));
      expect(stale, `trial ${i}: the build after the kill left outputs that differ from a clean build`).toEqual([]);
      expect(next.stdout).not.toMatch(/\.tmp-/);
      rmSync(out, { recursive: true, force: true });
    }
    expect(sameTree(snapshot(dataB), dataBefore), 'data/ changed').toEqual([]);
    log.push(`${killedMidway} kills landed mid-build`);
    console.log(`build of ${refB.size} files prints ${buildLines} lines\n${log.join('\n')}`);
  });

  // output/index.html has its own up-to-date check (a signature of every meeting's stamp
  // and manifest), so a build killed after the meetings but before the index is repaired.
  it('a build killed after the meetings but before output/index.html: the next build rewrites the index', async () => {
    const siteFiles = [...refB.keys()].filter(isSiteIndex);
    expect(siteFiles.length, 'this build writes no site index').toBeGreaterThan(0);
    // a fresh build of B into an empty folder: deterministic, the same bytes as the
    // reference (a --force rebuild over A's outputs)
    const out = tmp('kill-index');
    const full = runCli(['build', ...FORMATS, '--data', dataB, '--out', out], PROJECT_ROOT);
    expect(full.code, full.stderr).toBe(0);
    expect(sameTree(snapshot(out), refB)).toEqual([]);
    // the state a kill between the meetings' writes and the index's write leaves behind
    for (const k of siteFiles) if (refA.has(k)) writeFileSync(join(out, k), refA.get(k)!);
    const next = runCli(['build', ...FORMATS, '--data', dataB, '--out', out], PROJECT_ROOT);
    expect(next.code, next.stderr).toBe(0);
    expect(sameTree(snapshot(out), refB)).toEqual([]);
  });
});

/** Files of the site index at the top of output/ (not inside a meeting's folder). */
function isSiteIndex(rel: string): boolean {
  return rel === 'index.html' || rel === '.jianbao-index.json' || rel.startsWith('_index/');
}
