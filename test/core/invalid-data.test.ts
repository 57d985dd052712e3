/**
 * Each test/fixtures/invalid-* folder pins the exact report a user sees for a broken
 * data file. `make golden` rewrites expected.txt; review the diff.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, checkReport, fixtureCases } from '../support/fixtures.js';

/** A problem inside a file: `data/…/x.yaml:48:14  field  expected …`. */
const LOCATED = /^data\/\S+?\.ya?ml:\d+:\d+  \S/;
/** A problem with a whole file or folder (its name, its profile, its size): no line to point at. */
const WHOLE_FILE =
  /^data\/\S+  (expected a district folder named|expected a meeting file|expected the district profile named|expected a district profile|expected one file per meeting id|expected a valid \S+ \(see the problems above\); this meeting was not checked|expected a data file of at most|\d+ more problems in this file)/;

describe('invalid data fixtures', () => {
  const cases = fixtureCases('invalid-');
  it('has at least 60 fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(60));
  for (const c of cases) {
    it(c, async () => {
      const dir = join(FIXTURES, c);
      const report = await checkReport(dir);
      expect(report.trim()).not.toBe('');
      expect(report).toBe(readFileSync(join(dir, 'expected.txt'), 'utf8'));
      for (const line of report.trim().split('\n')) {
        // every line is located (file:line:col, or the file or folder itself), says what
        // was expected, and is never a stack trace or an internal error
        expect(LOCATED.test(line) || WHOLE_FILE.test(line), line).toBe(true);
        expect(line).toMatch(/  (\S+  )?(expected|unknown field|\d+ more problems)/);
        expect(line).not.toMatch(/\bat .+:\d+:\d+\)|internal error|could not read:|TypeError|RangeError/);
      }
    });
  }
});
