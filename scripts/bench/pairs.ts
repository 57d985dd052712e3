/**
 * Interleaved before/after comparison of commands by CPU time, for a machine shared with
 * other work: each round runs every command once (order rotating), CPU time (user + system,
 * children included, from /usr/bin/time) is the main figure, wall time only as a ratio
 * within a round.
 *
 *   npx tsx scripts/bench/pairs.ts [--runs 7] [--before 'shell cmd'] -- 'cmd A' 'cmd B' …
 *
 * `--before` runs (unmeasured) ahead of every measured command, e.g. to empty output/.
 * A development tool, not a test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Run {
  cpu: number;
  wall: number;
  rssMb: number;
}

export function measure(cmd: string, before?: string): Run {
  if (before) execFileSync('bash', ['-c', before], { stdio: 'ignore' });
  const out = join(mkdtempSync(join(tmpdir(), 'jianbao-pairs-')), 'time');
  const r = spawnSync('/usr/bin/time', ['-o', out, '-f', '%U %S %e %M', 'bash', '-c', cmd], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd}: exit ${r.status}\n${r.stderr}`);
  const [u, s, e, m] = readFileSync(out, 'utf8').trim().split(/\s+/).slice(-4).map(Number) as [number, number, number, number];
  return { cpu: (u + s) * 1000, wall: e * 1000, rssMb: m / 1024 };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};

function main(): void {
  const args = process.argv.slice(2);
  let runs = Number(process.env.BENCH_RUNS ?? 7);
  let before: string | undefined;
  const cmds: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--runs') runs = Number(args[++i]);
    else if (a === '--before') before = args[++i];
    else if (a !== '--') cmds.push(a);
  }
  if (cmds.length < 1) {
    process.stderr.write("usage: npx tsx scripts/bench/pairs.ts [--runs N] [--before 'cmd'] -- 'cmd A' 'cmd B' …\n");
    process.exit(2);
  }
  const results: Run[][] = cmds.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < cmds.length; k++) {
      const i = (k + round) % cmds.length;
      results[i]!.push(measure(cmds[i]!, before));
    }
    process.stderr.write(`round ${round + 1}/${runs}: ${results.map((r) => `${Math.round(r.at(-1)!.cpu)} ms CPU`).join(' | ')}\n`);
  }
  const base = results[0]!;
  process.stdout.write('| command | CPU median | CPU vs first | wall vs first (per-round median) | RSS median |\n| --- | ---: | ---: | ---: | ---: |\n');
  cmds.forEach((cmd, i) => {
    const r = results[i]!;
    const cpuRatio = median(r.map((x, j) => x.cpu / base[j]!.cpu));
    const wallRatio = median(r.map((x, j) => x.wall / base[j]!.wall));
    process.stdout.write(`| \`${cmd}\` | ${Math.round(median(r.map((x) => x.cpu)))} ms | ${cpuRatio.toFixed(2)}× | ${wallRatio.toFixed(2)}× | ${Math.round(median(r.map((x) => x.rssMb)))} MB |\n`);
  });
}

if (process.argv[1]?.endsWith('pairs.ts')) main();
