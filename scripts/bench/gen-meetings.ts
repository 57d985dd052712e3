/**
 * Write a synthetic data set of N valid meetings (for `make bench` scale runs):
 *   npx tsx scripts/bench/gen-meetings.ts <outDir> <N>
 * Meetings are variations of the sample 2022 plenary (figures scaled, task texts varied),
 * spread over districts of 50 meetings each. Clearly synthetic: not for distribution.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

export function generate(outDir: string, n: number): void {
  rmSync(outDir, { recursive: true, force: true });
  const src = join(PROJECT_ROOT, 'data', 'guancheng');
  const base = readFileSync(join(src, 'meetings', '2022-12-28-plenary.yaml'), 'utf8');
  const perDistrict = 50;
  for (let i = 0; i < n; i++) {
    const d = `synthetic-${String(Math.floor(i / perDistrict) + 1).padStart(3, '0')}`;
    const dir = join(outDir, d);
    if (i % perDistrict === 0) {
      mkdirSync(join(dir, 'meetings'), { recursive: true });
      const profile = parseDocument(readFileSync(join(src, 'district.yaml'), 'utf8'));
      profile.set('id', d);
      writeFileSync(join(dir, 'district.yaml'), profile.toString());
    }
    const doc = parseDocument(base);
    const k = 1 + (i % 17) / 10;
    doc.setIn(['shortTitle'], `合成样例会议第${i + 1}号`);
    doc.setIn(['briefing', 'issue'], (i % 60) + 1);
    const figures = doc.getIn(['review', 'figures']) as { items: { get(k: string): unknown; set(k: string, v: unknown): void }[] };
    for (const f of figures.items) f.set('value', Math.round(Number(f.get('value')) * k * 100) / 100);
    // a date of its own in its district (a copied meeting with the same date and kind, or the
    // same 期号, is refused by the build); the plan year stated, not derived from the date
    const year = 2023 + (i % 3);
    const day = (back: number) => new Date(Date.UTC(year - 1, 11, 28 - back)).toISOString().slice(0, 10);
    const date = day(i % perDistrict);
    doc.setIn(['date'], date);
    doc.setIn(['planYear'], year);
    doc.setIn(['briefing', 'date'], day((i % perDistrict) - 1));
    writeFileSync(join(dir, 'meetings', `${date}-meeting-${String(i + 1).padStart(4, '0')}.yaml`), doc.toString());
  }
  cpSync(join(PROJECT_ROOT, 'data', 'seeds'), join(outDir, 'seeds'), { recursive: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir, count] = process.argv.slice(2);
  if (!outDir || !count) {
    process.stderr.write('usage: gen-meetings.ts <outDir> <N>\n');
    process.exit(2);
  }
  generate(outDir, Number(count));
  process.stdout.write(`wrote ${count} meetings to ${outDir}\n`);
}
