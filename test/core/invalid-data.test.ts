/**
 * Each test/fixtures/invalid-* folder pins the exact report a user sees for a broken
 * data file. `make golden` rewrites expected.txt; review the diff.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, checkReport, fixtureCases } from '../support/fixtures.js';

describe('invalid data fixtures', () => {
  const cases = fixtureCases('invalid-');
  it('has fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(8));
  for (const c of cases) {
    it(c, async () => {
      const dir = join(FIXTURES, c);
      const report = await checkReport(dir);
      expect(report.trim()).not.toBe('');
      expect(report).toBe(readFileSync(join(dir, 'expected.txt'), 'utf8'));
      // every line is located: file:line:col
      for (const line of report.trim().split('\n')) expect(line).toMatch(/^data\/\S+\.yaml:\d+:\d+  /);
    });
  }
});
