/**
 * Compile dist/ unless it is fresh, then touch dist/.jianbao-built as `make` does (run by
 * ensureDist under a lock, so only the first waiting test worker compiles).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { distProblem } from './dist.js';

if (distProblem()) {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  writeFileSync(join(PROJECT_ROOT, 'dist', '.jianbao-built'), '');
}
