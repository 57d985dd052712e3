/**
 * A qualifier is part of the figure (以上, 余, 左右, 突破, 力争, 约): every target, task figure
 * and review figure whose seed clause carries one keeps it in every output — the briefing
 * PDF (read back with pdfjs), the ledger workbooks (read back with exceljs) and the slides of
 * the shared build of data/ (test/support/sample-build.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readStamp } from '../../pipeline/build/inputs.js';
import type { MeetingView } from '../../pipeline/core/view.js';
import { columnText, compact, loadView, readPdfText, ROOT } from '../support/pdf.js';
import { sampleBuild } from '../support/sample-build.js';

const MEETINGS = readdirSync(join(ROOT, 'data'))
  .filter((d) => d !== 'seeds')
  .flatMap((d) => readdirSync(join(ROOT, 'data', d, 'meetings')).map((f) => `data/${d}/meetings/${f}`))
  .sort();

const QUALIFIERS = ['以上', '余', '左右', '突破', '力争', '约'] as const;

/** The seed's qualifiers of a number in the clause (between ，。；、) that states it near `name`. */
export function seedQualifiers(seed: string, value: number, hint: string): string[] | undefined {
  const n = String(value);
  const clauses = seed.split(/[，。；！？,;\n]/);
  const key = [...hint].slice(0, 2).join('');
  const hits = clauses.filter((c) => new RegExp(`(^|[^0-9.])${n.replace('.', '\\.')}([^0-9.]|$)`).test(c));
  const clause = hits.find((c) => c.includes(key)) ?? (hits.length === 1 ? hits[0] : undefined);
  if (clause === undefined) return undefined;
  const at = clause.search(new RegExp(`(^|[^0-9.])${n.replace('.', '\\.')}([^0-9.]|$)`));
  const before = clause.slice(0, at + 1);
  const after = clause.slice(at + 1 + n.length);
  const out: string[] = [];
  if (/(突破)/.test(before)) out.push('突破');
  if (/力争/.test(before)) out.push('力争');
  if (/约$/.test(before)) out.push('约');
  if (/^余/.test(after)) out.push('余');
  if (/^[^，、]{0,4}以上/.test(after)) out.push('以上');
  if (/^[^，、]{0,4}左右/.test(after)) out.push('左右');
  return out;
}

interface Item {
  kind: string;
  name: string;
  shown: string;
  qualifiers: string[];
}

function itemsOf(view: MeetingView): Item[] {
  const seed = view.meeting
    .source!.seed!.split('、')
    .map((f: string) => readFileSync(join(ROOT, 'data', 'seeds', f.trim()), 'utf8'))
    .join('\n');
  const items: Item[] = [];
  const add = (kind: string, name: string, value: number | undefined, shown: string) => {
    if (value === undefined) return;
    const q = seedQualifiers(seed, value, name);
    if (q && q.length) items.push({ kind, name, shown, qualifiers: q });
  };
  for (const t of view.targets) add('target', t.name, t.value, t.text);
  for (const t of view.tasks) add('task', t.task, t.quantity, t.quantityText);
  for (const f of view.figures) add('figure', f.name, f.value, f.text);
  return items;
}

describe('qualifiers of the seeds', () => {
  it('finds them in the seed text (the check itself)', () => {
    expect(seedQualifiers('力争“十五五”时期铝产业产值突破2000亿元。', 2000, '铝产业')).toEqual(['突破', '力争']);
    expect(seedQualifiers('劳动和技能竞赛覆盖职工400余万人。', 400, '劳动')).toEqual(['余']);
    expect(seedQualifiers('地区生产总值增长7%左右，', 7, '地区')).toEqual(['左右']);
    expect(seedQualifiers('完成投资35亿元以上，', 35, '完成')).toEqual(['以上']);
  });

  const all = MEETINGS.map((m) => ({ file: m, view: loadView(m) }));
  const withItems = all.filter((m) => itemsOf(m.view).length > 0);

  it('concerns most samples', () => {
    expect(withItems.length).toBeGreaterThanOrEqual(3);
  });

  it.each(withItems.map((m) => [m.file, m.view] as const))('%s keeps every qualifier in the view, briefing, ledger and slides', async (_file, view) => {
    const items = itemsOf(view);
    const lost: string[] = [];
    for (const it of items) for (const q of it.qualifiers) if (!it.shown.includes(q)) lost.push(`${it.kind} ${it.name}: “${it.shown}” lacks ${q}`);
    expect(lost).toEqual([]);

    // the outputs of the shared build of data/ (test/support/sample-build.ts), read back
    const dir = join((await sampleBuild()).outDir, view.districtId, view.id);
    const stamp = readStamp(dir);
    // briefing PDF
    const read = await readPdfText(new Uint8Array(readFileSync(join(dir, 'briefing.pdf'))));
    const pdfText = read.pages.map(columnText).join('|') + compact(read.pages.flatMap((p) => p.lines.map((l) => l.text)).join(''));
    // ledger cells, of every workbook the ledger format wrote
    const ledgerCells: string[] = [];
    for (const name of stamp.formats.ledger!.files) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(join(dir, name)) as unknown as ArrayBuffer);
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => ledgerCells.push(compact(String(cell.text ?? ''))))));
    }
    const ledger = ledgerCells.join('|');
    // slides
    expect(stamp.formats.slides!.files).toContain('slides.md');
    const md = compact(readFileSync(join(dir, 'slides.md'), 'utf8'));

    for (const it of items) {
      const shown = compact(it.shown);
      if (it.kind !== 'figure' && !pdfText.includes(shown)) lost.push(`briefing: ${it.name} “${shown}”`);
      if (it.kind !== 'figure' && !ledger.includes(shown)) lost.push(`ledger: ${it.name} “${shown}”`);
      if (md.includes(compact(it.name)) && !md.includes(shown)) lost.push(`slides: ${it.name} “${shown}”`);
    }
    expect(lost).toEqual([]);
  }, 240_000);
});
