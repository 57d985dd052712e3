/** The compiled CLI (dist/) that tests spawn, and whether it is fresh enough to test. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

export const CLI = join(PROJECT_ROOT, 'bin', 'jianbao.js');

/**
 * Why the compiled CLI cannot be used, or undefined when it can: dist/ must exist and be
 * newer than the sources it is compiled from (`make test` builds it first).
 */
export function distProblem(): string | undefined {
  const dist = join(PROJECT_ROOT, 'dist');
  if (!existsSync(join(dist, 'cli.js'))) return 'dist/ is missing: run `npx tsc -p tsconfig.build.json` (make test does)';
  // tsc builds incrementally and leaves unchanged outputs alone, so a source newer than its
  // .js is fresh when a compile finished after it: the stamp make (and compile-dist.ts) touch
  const stamp = join(dist, '.jianbao-built');
  const compiled = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const stale: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, n.name);
      if (n.isDirectory()) walk(p);
      else if (n.name.endsWith('.ts') && !n.name.endsWith('.d.ts')) {
        const js = join(dist, relative(join(PROJECT_ROOT, 'pipeline'), p)).replace(/\.ts$/, '.js');
        if (!existsSync(js) || Math.max(statSync(js).mtimeMs, compiled) + 1 < statSync(p).mtimeMs) stale.push(relative(PROJECT_ROOT, p));
      }
    }
  };
  walk(join(PROJECT_ROOT, 'pipeline'));
  return stale.length ? `dist/ is older than ${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ' …' : ''}: run \`npx tsc -p tsconfig.build.json\`` : undefined;
}

/**
 * The compiled CLI, fresh: compiles dist/ when it is missing or older than pipeline/ (one
 * compile at a time across test workers, under `flock`: the second finds it fresh), and
 * fails loudly when that does not make it fresh. Tests that spawn the CLI call this instead
 * of skipping on a missing or stale dist/.
 */
export function ensureDist(): void {
  if (!distProblem()) return;
  const cache = join(PROJECT_ROOT, '.cache');
  mkdirSync(cache, { recursive: true });
  const r = spawnSync('flock', [join(cache, 'dist.lock'), process.execPath, '--import', 'tsx', join(PROJECT_ROOT, 'test', 'support', 'compile-dist.ts')], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  const still = distProblem();
  if (r.status !== 0 || still) throw new Error(`could not compile dist/ (${still ?? `exit ${r.status}`}):\n${r.stdout}${r.stderr}`);
}
