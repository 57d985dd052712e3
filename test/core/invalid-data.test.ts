/**
 * Each test/fixtures/invalid-* folder pins the exact report a user sees for a broken
 * data file. `make golden` rewrites expected.txt; review the diff.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, checkReport, fixtureCases } from '../support/fixtures.js';

/** A problem inside a file: `data/…/x.yaml:48:14  field  期望…`. */
const LOCATED = /^data\/\S+?\.ya?ml:\d+:\d+  \S/;
/** A problem with a whole file or folder (its name, its profile, its size): no line to point at. */
const WHOLE_FILE =
  /^data\/\S+  (期望区县文件夹名|期望会议文件|期望区县概况文件名|期望 meetings\/ 旁边有区县概况|期望每个会议 id 只有一个文件|期望 \S+ 无误（见上面列出的问题）；本会议未检查|期望数据文件不超过|本文件还有 \d+ 处问题未列出)/;

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
        expect(line).toMatch(/  (\S+  )?(期望|未知字段|本文件还有 \d+ 处问题)/);
        // Chinese only: no English sentence (three English words in a row) outside quoted values
        expect(line.replace(/"[^"]*"/g, '').replace(/^\S+/, ''), line).not.toMatch(/[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}/);
        expect(line).not.toMatch(/\bat .+:\d+:\d+\)|internal error|could not read:|TypeError|RangeError/);
      }
    });
  }
});
