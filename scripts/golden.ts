/**
 * `make golden`: rewrite the recorded expectations from the current code (review the diff!):
 *   - test/fixtures/invalid-…/expected.txt, the reports of bad data;
 *   - test/fixtures/golden/<case>/, the view, template text and Doc of the golden cases.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, checkReport, fixtureCases } from '../test/support/fixtures.js';
import { GOLDEN_CASES, goldenOutputs, writeGolden } from '../test/support/golden.js';

for (const c of fixtureCases('invalid-')) {
  const dir = join(FIXTURES, c);
  writeFileSync(join(dir, 'expected.txt'), await checkReport(dir));
  process.stdout.write(`wrote ${c}/expected.txt\n`);
}
for (const c of GOLDEN_CASES) {
  for (const [file, text] of goldenOutputs(c)) writeGolden(c.name, file, text);
  process.stdout.write(`wrote golden/${c.name}/\n`);
}
