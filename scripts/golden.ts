/** Rewrite each test/fixtures/invalid-… /expected.txt from the current reports (`make golden`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, checkReport, fixtureCases } from '../test/support/fixtures.js';

for (const c of fixtureCases('invalid-')) {
  const dir = join(FIXTURES, c);
  writeFileSync(join(dir, 'expected.txt'), await checkReport(dir));
  process.stdout.write(`wrote ${c}/expected.txt\n`);
}
