/**
 * Long fuzzing runs of the robustness properties (`make fuzz`); `make test` runs the same
 * properties briefly (test/robustness/properties.test.ts).
 *
 *   npx tsx scripts/fuzz.ts [--runs N] [--seed S] [--only <name part>] [--minutes M]
 *
 *   JIANBAO_FUZZ_RUNS        cases per property (default here 5000; large-input families a tenth,
 *                            the render property a quarter)
 *   JIANBAO_FUZZ_SEED        start from this seed (replays a reported failure with its path)
 *   JIANBAO_FUZZ_TIMEOUT_MS  time limit per hostile input: this many ms (default 2000) + 20 ms per KB
 *   JIANBAO_FUZZ_FORMATS     formats the valid-data property renders (default: slides)
 *
 * Every failure is shrunk, printed with its seed and path, and its input is written to
 * .cache/fuzz/<property>-<seed>.{yaml,json} to be turned into a fixture. Exit code 1 when a
 * property failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { PROJECT_ROOT } from '../pipeline/paths.js';
import { assertParams, fuzzConfig, hostileInputs, hostileProperty, runsFor, VALID_SHARE, validDataProperty } from '../test/robustness/properties.js';
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
}

const sandbox = new LoadSandbox();
const jobs: Job[] = [
  ...hostileInputs().map((input) => ({
    name: `hostile input: ${input.name}`,
    runs: runsFor(cfg, input.share),
    property: () => hostileProperty(sandbox, input, cfg) as unknown as fc.IAsyncProperty<unknown[]>,
  })),
  {
    name: `valid meetings render (${cfg.formats.join(', ')})`,
    runs: runsFor(cfg, VALID_SHARE),
    property: () => validDataProperty(cfg) as unknown as fc.IAsyncProperty<unknown[]>,
  },
].filter((j) => !only || j.name.includes(only));

let failed = 0;
const t0 = Date.now();
for (const job of jobs) {
  const started = Date.now();
  const params = {
    ...assertParams(cfg, job.runs),
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
process.stdout.write(`${jobs.length - failed} of ${jobs.length} properties held (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
process.exitCode = failed ? 1 : 0;
