/**
 * A meeting copied as the README says and not fully edited: `build` refuses it with the
 * lines `check` prints (one decision, load/project.ts `duplicateMeetings`), naming both
 * files — whether the original was built before, with --only naming the copy alone, and
 * again on the next run. The original still builds.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.js';
import { formatProblem } from '../../pipeline/errors.js';
import { DISTRICT_ID, makeFixture, MEETING_ID, MEETING_YAML } from '../support/xlsx.js';

const COPY = '2023-03-01-plenary';
const lines = (r: Awaited<ReturnType<typeof build>>) => r.failures.flatMap((f) => f.error.problems.map(formatProblem));

function withCopy(edit: (yaml: string) => string = (y) => y) {
  const fx = makeFixture();
  const copy = join(fx.dataDir, DISTRICT_ID, 'meetings', `${COPY}.yaml`);
  writeFileSync(copy, edit(MEETING_YAML));
  return { fx, copy, original: join(fx.dataDir, DISTRICT_ID, 'meetings', `${MEETING_ID}.yaml`) };
}

describe('a copied meeting with the same 期号 or the same date and kind', () => {
  it('is refused by build with the lines check prints, naming both files; the original builds', async () => {
    const { fx, copy, original } = withCopy();
    const cwd = fx.dir;
    const checked = await build({ dataDir: fx.dataDir, outDir: fx.outDir, checkOnly: true, cwd });
    const expected = lines(checked);
    expect(checked.failures.map((f) => f.key)).toEqual([`${DISTRICT_ID}/${COPY}`]);
    expect(expected).toEqual([
      expect.stringMatching(new RegExp(`^${relative(cwd, copy)}:\\d+:\\d+  date  期望同一区县同一天同一类型的会议只有一个；${relative(cwd, original)} 也是 2023-01-10 的 plenary`)),
      expect.stringMatching(new RegExp(`^${relative(cwd, copy)}:\\d+:\\d+  briefing\\.issue  期望每期简报的期号不同；第 \\d+ 期已用于 ${relative(cwd, original)}`)),
    ]);

    const built = await build({ dataDir: fx.dataDir, outDir: fx.outDir, formats: ['ledger'], jobs: 1, cwd });
    expect(lines(built)).toEqual(expected);
    expect(built.built).toEqual([`${DISTRICT_ID}/${MEETING_ID}`]);
    expect(existsSync(join(fx.outDir, DISTRICT_ID, MEETING_ID, 'ledger.xlsx'))).toBe(true);
    expect(existsSync(join(fx.outDir, DISTRICT_ID, COPY))).toBe(false);

    // the next run: the original is up to date (read from the kept identities), the copy is refused again
    const again = await build({ dataDir: fx.dataDir, outDir: fx.outDir, formats: ['ledger'], jobs: 1, cwd });
    expect(again.unchanged).toEqual([`${DISTRICT_ID}/${MEETING_ID}`]);
    expect(lines(again)).toEqual(expected);
    // --only the copy: still compared with the original it was copied from
    const only = await build({ dataDir: fx.dataDir, outDir: fx.outDir, formats: ['ledger'], jobs: 1, cwd, only: [`${DISTRICT_ID}/${COPY}`] });
    expect(lines(only)).toEqual(expected);
  });

  it('builds once the copy has its own 期号, date and kind; a changed 期号 alone still leaves the date', async () => {
    const { fx, copy } = withCopy((y) => y.replace(/issue: (\d+)/, (_m, n: string) => `issue: ${Number(n) + 1}`));
    const cwd = fx.dir;
    const first = await build({ dataDir: fx.dataDir, outDir: fx.outDir, formats: ['ledger'], jobs: 1, cwd });
    expect(lines(first).map((l) => l.split('  ')[1])).toEqual(['date']);
    writeFileSync(copy, readFileSync(copy, 'utf8').replace('date: 2023-01-10', 'date: 2023-03-01').replace('date: 2023-01-12', 'date: 2023-03-02'));
    const second = await build({ dataDir: fx.dataDir, outDir: fx.outDir, formats: ['ledger'], jobs: 1, cwd });
    expect(second.failures).toEqual([]);
    expect(second.built).toEqual([`${DISTRICT_ID}/${COPY}`]);
  });
});
