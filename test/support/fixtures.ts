/** Fixture folders: test/fixtures/<case>/data (+ expected.txt for invalid-* cases). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../../pipeline/build/index.js';
import { formatProblem } from '../../pipeline/errors.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export function fixtureCases(prefix: string): string[] {
  return readdirSync(FIXTURES).filter((d) => d.startsWith(prefix)).sort();
}

/** The report `jianbao check` prints on stderr for a fixture, paths relative to the fixture. */
export async function checkReport(caseDir: string): Promise<string> {
  const result = await build({ dataDir: join(caseDir, 'data'), outDir: '', checkOnly: true, cwd: caseDir });
  return result.failures.flatMap((f) => f.error.problems.map(formatProblem)).join('\n') + '\n';
}
