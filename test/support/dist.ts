/** The compiled CLI (dist/) that tests spawn, and whether it is fresh enough to test. */
import { existsSync, readdirSync, statSync } from 'node:fs';
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
  const stale: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, n.name);
      if (n.isDirectory()) walk(p);
      else if (n.name.endsWith('.ts') && !n.name.endsWith('.d.ts')) {
        const js = join(dist, relative(join(PROJECT_ROOT, 'pipeline'), p)).replace(/\.ts$/, '.js');
        if (!existsSync(js) || statSync(js).mtimeMs + 1 < statSync(p).mtimeMs) stale.push(relative(PROJECT_ROOT, p));
      }
    }
  };
  walk(join(PROJECT_ROOT, 'pipeline'));
  return stale.length ? `dist/ is older than ${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ' …' : ''}: run \`npx tsc -p tsconfig.build.json\`` : undefined;
}
