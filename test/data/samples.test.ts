/**
 * The sample data is the embedded default: it must load, and every figure in it must
 * trace to the seed document the meeting names (data/seeds/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../pipeline/load/project.js';
import type { Meeting } from '../../pipeline/model/schema.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

const DATA = join(PROJECT_ROOT, 'data');
const loaded = loadProject(DATA, { cwd: PROJECT_ROOT });

/** Numbers written with Chinese words in the seeds (千亿元台阶 = 1000亿元, 百亿级 = 100亿元, 九个方面 = 9). */
const WORD_NUMBERS: Record<string, number> = { 千亿: 1000, 百亿: 100, 九个方面: 9, 六区: 6, 三个一批: 3, 十个: 10 };

function seedNumbers(seedField: string): Set<number> {
  const nums = new Set<number>();
  for (const name of seedField.split('、')) {
    const text = readFileSync(join(DATA, 'seeds', name.trim()), 'utf8');
    for (const m of text.matchAll(/\d+(?:\.\d+)?/g)) nums.add(Number(m[0]));
    for (const [word, n] of Object.entries(WORD_NUMBERS)) if (text.includes(word)) nums.add(n);
  }
  return nums;
}

function meetingNumbers(m: Meeting): { path: string; value: number }[] {
  const out: { path: string; value: number }[] = [];
  const add = (path: string, v: number | undefined) => v !== undefined && out.push({ path, value: v });
  m.review?.figures.forEach((f, i) => {
    add(`review.figures[${i}].value`, f.value);
    add(`review.figures[${i}].from`, f.from);
    f.series?.forEach((p, j) => add(`review.figures[${i}].series[${j}]`, p.value));
  });
  m.targets?.items.forEach((t, i) => add(`targets.items[${i}].value`, t.value));
  m.areas.forEach((a, ai) => a.tasks.forEach((t, ti) => add(`areas[${ai}].tasks[${ti}].quantity`, t.quantity)));
  m.projects.forEach((p, i) => {
    add(`projects[${i}].investment`, p.investment);
    add(`projects[${i}].count`, p.count);
  });
  m.rankings.forEach((r, i) => add(`rankings[${i}].rank`, r.rank));
  return out;
}

describe('sample data', () => {
  it('loads without a problem', () => {
    expect(loaded.failures.map((f) => f.error.message)).toEqual([]);
  });

  it('has at least 7 meetings across at least 4 districts or bodies', () => {
    expect(loaded.meetings.length).toBeGreaterThanOrEqual(7);
    expect(new Set(loaded.meetings.map((m) => m.districtId)).size).toBeGreaterThanOrEqual(4);
  });

  it('covers every kind of meeting the seeds describe', () => {
    const kinds = new Set(loaded.meetings.flatMap((m) => [m.meeting.kind, ...(m.meeting.kinds ?? [])]));
    for (const k of ['party-congress', 'plenary', 'economic-work-conference', 'study-session', 'five-year-review', 'planning'] as const) {
      expect(kinds).toContain(k);
    }
  });

  it('transcribes the 2023 targets and the quantified tasks of the nine work areas', () => {
    const m = loaded.meetings.find((x) => x.key === 'guancheng/2022-12-28-plenary')!.meeting;
    expect(m.targets?.items.map((t) => [t.name, t.value, t.bound ?? ''])).toEqual(
      expect.arrayContaining([
        ['地区生产总值', 7, ''],
        ['固定资产投资', 15, '左右'],
        ['社会消费品零售总额', 12, '左右'],
      ]),
    );
    expect(m.areas).toHaveLength(9);
    expect(m.areas.flatMap((a) => a.tasks).length).toBeGreaterThanOrEqual(40);
  });

  for (const m of loaded.meetings) {
    it(`${m.key}: every number traces to its seed`, () => {
      const seed = seedNumbers(m.meeting.source.seed);
      const untraced = meetingNumbers(m.meeting).filter((n) => !seed.has(n.value));
      expect(untraced).toEqual([]);
    });
  }
});
