/**
 * The long robustness runs (`make fuzz`); `make test` runs a fast sample of each:
 *   1. the loader properties (test/robustness/properties.ts), in this process;
 *   2. the ingest fuzzer on returned workbooks (test/returns/fuzz.test.ts), JIANBAO_FUZZ_RUNS/10
 *      cases per property (a real ingest each);
 *   3. the SIGKILL trials (test/robustness/kill.test.ts): 20 kills, every format.
 * Stages 2 and 3 are vitest runs started through zx.
 *
 *   npx tsx scripts/fuzz.ts [--runs N] [--seed S] [--only <name part>] [--minutes M] [--no-long]
 *
 *   JIANBAO_FUZZ_RUNS        cases per property (default here 5000; large-input families a tenth,
 *                            the render property a quarter)
 *   JIANBAO_FUZZ_SEED        start from this seed (replays a reported failure with its path)
 *   JIANBAO_FUZZ_TIMEOUT_MS  CPU time per hostile input: this many ms (default 2000) + 20 ms per KB
 *   JIANBAO_FUZZ_FORMATS     formats the valid-data property renders (default: slides)
 *
 * Every failure is shrunk, printed with its seed and path, and its input is written to
 * .cache/fuzz/<property>-<seed>.{yaml,json} to be turned into a fixture. Exit code 1 when a
 * property failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { $ } from 'zx';
import { PROJECT_ROOT } from '../pipeline/paths.js';
import { assertParams, fuzzConfig, hostileInputs, hostileParams, hostileProperty, runsFor, VALID_SHARE, validDataProperty } from '../test/robustness/properties.js';
import { LoadSandbox } from '../test/robustness/support.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const env = { ...process.env };
if (arg('runs')) env.JIANBAO_FUZZ_RUNS = arg('runs');
if (arg('seed')) env.JIANBAO_FUZZ_SEED = arg('seed');
env.JIANBAO_FUZZ_RUNS ??= '5000';
const cfg = fuzzConfig(env);
const only = arg('only');
const minutes = Number(arg('minutes') ?? 0);
const outDir = join(PROJECT_ROOT, '.cache', 'fuzz');

interface Job {
  name: string;
  runs: number;
  property: () => fc.IAsyncProperty<unknown[]> | fc.IAsyncPropertyWithHooks<unknown[]>;
  /** Parameters beyond the runs (a property's fixed examples). */
  params?: fc.Parameters<unknown[]>;
}

const sandbox = new LoadSandbox();
const jobs: Job[] = [
  ...hostileInputs().map((input) => ({
    name: `hostile input: ${input.name}`,
    runs: runsFor(cfg, input.share),
    property: () => hostileProperty(sandbox, input, cfg) as unknown as fc.IAsyncProperty<unknown[]>,
    params: hostileParams(cfg, input) as unknown as fc.Parameters<unknown[]>,
  })),
  {
    name: `valid meetings render (${cfg.formats.join(', ')})`,
    runs: runsFor(cfg, VALID_SHARE),
    property: () => validDataProperty(cfg) as unknown as fc.IAsyncProperty<unknown[]>,
  },
].filter((j) => !only || j.name.includes(only));

// The sandbox's worker thread is unref'd (it must not hold a test process open): without a
// timer of our own, Node would see nothing left to wait for while a case runs, and exit 13.
const keepAlive = setInterval(() => {}, 1 << 30);
let failed = 0;
const t0 = Date.now();
for (const job of jobs) {
  const started = Date.now();
  const params = {
    ...(job.params ?? assertParams(cfg, job.runs)),
    ...(minutes > 0 ? { interruptAfterTimeLimit: (minutes * 60_000) / jobs.length, markInterruptAsFailure: false } : {}),
  } as fc.Parameters<unknown[]>;
  process.stdout.write(`${job.name}: ${job.runs} cases … `);
  const details = await fc.check(job.property(), params);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (!details.failed) {
    process.stdout.write(`ok (${details.numRuns} runs${details.interrupted ? ', time limit reached' : ''}, ${secs} s)\n`);
    continue;
  }
  failed++;
  process.stdout.write(`FAILED after ${details.numRuns} runs (${secs} s)\n`);
  process.stdout.write(`  replay: JIANBAO_FUZZ_SEED=${details.seed} npx tsx scripts/fuzz.ts --only "${job.name}"  (path ${details.counterexamplePath})\n`);
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  process.stdout.write(`  ${error.split('\n').slice(0, 12).join('\n  ')}\n`);
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, `${job.name.replace(/[^\w]+/g, '-')}-${details.seed}`);
  const example = details.counterexample?.[0] as { text?: string; bytes?: Uint8Array } | undefined;
  if (example?.bytes) writeFileSync(`${base}.yaml`, example.bytes);
  writeFileSync(`${base}.json`, JSON.stringify({ seed: details.seed, path: details.counterexamplePath, error, counterexample: details.counterexample }, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v), 2));
  process.stdout.write(`  input written to ${base}.{yaml,json}\n`);
}
await sandbox.close();
clearInterval(keepAlive);
process.stdout.write(`${jobs.length - failed} of ${jobs.length} properties held (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);

// the long runs of the suite's other samples, unless only some properties were asked for
const stages = [
  { name: 'ingest fuzzer', env: { JIANBAO_FUZZ_RUNS: String(Math.max(40, Math.round(cfg.runs / 10))) }, files: ['test/returns/fuzz.test.ts'] },
  { name: 'SIGKILL trials', env: { JIANBAO_KILL_TRIALS: process.env.JIANBAO_KILL_TRIALS ?? '20', JIANBAO_KILL_FORMATS: process.env.JIANBAO_KILL_FORMATS ?? 'all' }, files: ['test/robustness/kill.test.ts'] },
];
let stagesFailed = 0;
if (!only && !process.argv.includes('--no-long')) {
  for (const stage of stages) {
    process.stdout.write(`${stage.name}: ${Object.entries(stage.env).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
    const r = await $({ cwd: PROJECT_ROOT, env: { ...process.env, ...stage.env }, stdio: 'inherit', nothrow: true })`npx vitest run ${stage.files}`;
    if (r.exitCode !== 0) stagesFailed++;
  }
}
process.exitCode = failed || stagesFailed ? 1 : 0;
