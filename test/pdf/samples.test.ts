/**
 * Every sample briefing as a secretary would print it, read back from the PDF (the shared
 * build of data/, test/support/sample-build.ts): titles that keep their words whole, an even
 * last page carrying the 版记 at its foot, long lists as an 附件 after a body of at most 8
 * pages; and, rendered here, no crash on a word longer than a line, and single-sided printing.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wordUnits } from '../../pipeline/render/pdf/kinsoku.js';
import { makeTheme } from '../../pipeline/render/pdf/theme.js';
import { renderBriefing } from '../../pipeline/render/pdf/index.js';
import { briefingDoc, columnText, compact, loadView, readPdf, readPdfText, renderMeeting, ROOT, type PdfTextBack } from '../support/pdf.js';
import { briefingInputs, testFontSet, testTheme } from '../support/assets.js';
import { meetingKey, sampleFile } from '../support/sample-build.js';

/** Rendering a 16-page briefing on a busy two-core machine. */
const SLOW = 240_000;
const theme = testTheme(ROOT);
const area = theme.typeArea;
const MEETINGS = readdirSync(join(ROOT, 'data'))
  .filter((d) => d !== 'seeds')
  .flatMap((d) => readdirSync(join(ROOT, 'data', d, 'meetings')).map((f) => `data/${d}/meetings/${f}`))
  .sort();

/** Title lines of page 1 (the title face size), top to bottom. */
function titleLines(read: PdfTextBack): string[] {
  return read.pages[0]!.lines.filter((l) => Math.abs(l.size - theme.titleSize) < 0.01).map((l) => compact(l.text));
}

/** Offsets (in characters without spaces) where the title may break: between word units. */
function wordBoundaries(title: string): Set<number> {
  const out = new Set<number>();
  const units = wordUnits(title);
  for (const u of units) {
    if (u.space) continue;
    out.add(compact(title.slice(0, u.start)).length);
  }
  return out;
}

describe('sample briefings', () => {
  it.each(MEETINGS)('%s: whole words in the title, even last page with the 版记 at its foot', async (file) => {
    const view = loadView(file);
    const read = await readPdfText(await sampleFile(meetingKey(file), 'briefing.pdf'));
    // the title keeps its words whole
    const title = view.meeting.source?.headline ?? `${view.shortTitle}召开`;
    const lines = titleLines(read);
    expect(lines.join('')).toBe(compact(title));
    const allowed = wordBoundaries(title.split('——')[0]!);
    let at = 0;
    for (const l of lines.slice(0, -1)) {
      at += [...l].length;
      if (title.includes('——') && compact(title).indexOf('——') === at) continue;
      expect(allowed.has(at), `title broken after “${l}”`).toBe(true);
    }
    // even last page (double-sided), 版记 at the foot of it
    expect(read.pages.length % 2).toBe(0);
    const last = read.pages[read.pages.length - 1]!;
    const copies = last.lines.find((l) => compact(l.text).startsWith('（共印'));
    expect(copies, 'the 版记 is on the last page').toBeDefined();
    expect(copies!.baseline).toBeGreaterThan(area.bottom - 40);
    expect(copies!.baseline).toBeLessThan(area.bottom);
    for (const p of read.pages.slice(0, -1)) expect(p.lines.some((l) => compact(l.text).startsWith('（共印'))).toBe(false);
  }, SLOW);

  it('keeps the words of the 2021 and 郑州 titles whole (their lines, exactly)', async () => {
    const a = titleLines(await readPdfText(await sampleFile('guancheng/2021-09-15-party-congress', 'briefing.pdf')));
    expect(a).toEqual(['凝心聚力谋发展奋楫扬帆谱新篇；', '砥砺前行、收获满满，细数管城这五年']);
    const b = titleLines(await readPdfText(await sampleFile('zhengzhou/2025-12-01-plenary', 'briefing.pdf')));
    expect(b).toEqual(['锚定目标任务，奋力担当作为；', '以更加积极有为的姿态', '推动各项工作取得新成绩展现新气象']);
  }, SLOW);

  it('moves the plenary task and project lists to 附件 after a body of at most 8 pages', async () => {
    const view = loadView('data/guancheng/meetings/2022-12-28-plenary.yaml');
    const read = await readPdf(await sampleFile('guancheng/2022-12-28-plenary', 'briefing.pdf'));
    const marks = read.pages
      .map((p) => ({ p, first: [...p.lines].sort((x, y) => x.baseline - y.baseline)[0]! }))
      .filter(({ first }) => /^附件\d*$/.test(compact(first.text)));
    expect(marks.map((m) => compact(m.first.text))).toEqual(['附件1', '附件2']);
    for (const { first } of marks) {
      // 黑体, flush left on the first line of the type area
      expect(first.items[0]!.baseFont).toMatch(/NotoSansSC/);
      expect(first.x).toBeCloseTo(area.x, 0);
      expect(first.baseline).toBeLessThan(area.y + theme.linePitch);
    }
    const bodyPages = marks[0]!.p.number - 1;
    expect(bodyPages).toBeLessThanOrEqual(8);
    const body = compact(read.pages.slice(0, bodyPages).flatMap((p) => p.lines.map((l) => l.text)).join(''));
    expect(body).toContain('附件：1.重点任务清单');
    expect(body).toContain('2.重点项目清单');
    expect(body).toContain(`重点任务共${view.tasks.length}项，清单见附件1`);
    // the task table is in the annex, with every task; one deadline is said once above each table
    const annex = read.pages.slice(bodyPages).map(columnText).join('|');
    for (const t of view.tasks) expect(annex).toContain(compact(t.task));
    expect(annex).toContain('完成时限均为2023年12月31日');
    // 版记 after the annexes, last page even
    expect(read.pages.length % 2).toBe(0);
  }, SLOW);

  it('keeps a short list inline and drops columns that are empty everywhere', async () => {
    const read = await readPdfText(await sampleFile('zhengzhou/2025-12-01-plenary', 'briefing.pdf'));
    const text = read.pages.flatMap((p) => p.lines.map((l) => compact(l.text)));
    expect(text.some((t) => /^附件\d*$/.test(t))).toBe(false);
    expect(text).toContain('牵头单位');
    expect(text).not.toContain('配合单位'); // no task has one
    expect(text).not.toContain('完成时限'); // the seed gives no date
    expect(text.join('')).toContain('400余万人');
  }, SLOW);

  it('builds a task holding a 120-letter word (a URL), breaking it safely', async () => {
    const word = `https://example.org/${'abcdefghij'.repeat(10)}`;
    expect(word.length).toBe(120);
    const { pdf } = await renderMeeting('data/zhengzhou/meetings/2025-12-01-plenary.yaml', (view) => {
      view.areas[0]!.tasks[0]!.task = `平台${word}上线`;
      view.areas[0]!.summary = `访问${word}了解详情。`;
    });
    const read = await readPdfText(pdf);
    const cols = read.pages.map(columnText).join('');
    expect(cols).toContain(word);
    expect(compact(read.pages.flatMap((p) => p.lines.map((l) => l.text)).join(''))).toContain(word);
    for (const p of read.pages) for (const l of p.lines) expect(l.right).toBeLessThanOrEqual(area.right + 0.5);
  }, SLOW);

  it('puts the 版记 on the last page whatever its number when printing single-sided', async () => {
    const view = loadView('data/erqi/meetings/2025-12-01-planning.yaml');
    const { doc } = briefingDoc(view);
    const double = await readPdfText((await renderBriefing({ view, doc, ...briefingInputs(ROOT) })).pdf);
    const single = await readPdfText((await renderBriefing({ view, doc, fonts: testFontSet(ROOT), theme: makeTheme({ singleSided: true }) })).pdf);
    expect(double.pages.length % 2).toBe(0);
    expect(single.pages.length).toBe(double.pages.length - 1);
    const last = single.pages[single.pages.length - 1]!;
    expect(last.lines.some((l) => compact(l.text).startsWith('（共印'))).toBe(true);
  }, SLOW);
});
