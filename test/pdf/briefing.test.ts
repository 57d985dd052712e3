/**
 * The briefing PDF of real meeting data (the shared build of data/, and rendered here again)
 * read back with pdfjs: what a reader and a print shop would check.
 */
import { projectConfig } from '../../pipeline/load/config.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { lineViolation, splitPairViolation } from '../../pipeline/render/pdf/kinsoku.js';
import { MM } from '../../pipeline/render/pdf/theme.js';
import type { MeetingView } from '../../pipeline/core/view.js';
import type { Doc } from '../../pipeline/render/doc/ast.js';
import { bodyLines, briefingDoc, columnText, compact, isPureCjk, loadView, pageText, readPdf, readPdfText, renderMeeting, ROOT, type PdfReadBack, type PdfTextBack } from '../support/pdf.js';
import { meetingKey, sampleFile } from '../support/sample-build.js';
import { contextAssets, testTheme } from '../support/assets.js';

const PLENARY = 'data/guancheng/meetings/2022-12-28-plenary.yaml';
const STUDY = 'data/guancheng/meetings/2017-08-15-study-session.yaml';
const theme = testTheme(ROOT);
const area = theme.typeArea;

/** A sample meeting: its view and intermediate form, and its briefing.pdf from the shared build. */
interface Sample {
  view: MeetingView;
  doc: Doc;
  markdown: string;
  pdf: Uint8Array;
}

let plenary: Sample;
let plenaryPdf: PdfReadBack;
let study: Sample;
let studyPdf: PdfTextBack;

async function sample(file: string): Promise<Sample> {
  const view = loadView(file);
  return { view, ...briefingDoc(view), pdf: await sampleFile(meetingKey(file), 'briefing.pdf') };
}

beforeAll(async () => {
  // the briefings of the shared build of data/ (test/support/sample-build.ts)
  plenary = await sample(PLENARY);
  plenaryPdf = await readPdf(plenary.pdf);
  study = await sample(STUDY);
  studyPdf = await readPdfText(study.pdf);
});

describe('content', () => {
  it('puts the article title on page 1, centred, in 22 pt', () => {
    const title = plenary.doc.children.find((b) => b.type === 'heading' && b.level === 1);
    expect(title).toBeDefined();
    const page1 = plenaryPdf.pages[0]!;
    const titleLines = page1.lines.filter((l) => Math.abs(l.size - theme.titleSize) < 0.01);
    expect(titleLines.length).toBeGreaterThan(0);
    expect(compact(titleLines.map((l) => l.text).join(''))).toBe(compact(`${plenary.view.shortTitle}召开`));
    for (const l of titleLines) expect(Math.abs((l.x + l.right) / 2 - (area.x + area.right) / 2)).toBeLessThan(1);
    expect(plenaryPdf.info.Title).toBe(`${plenary.view.shortTitle}召开`);
    expect(plenaryPdf.info.Author).toBe(plenary.view.briefing.office);
  });

  it('prints every target and every task figure', () => {
    // table cells wrap: read each table column top to bottom
    const text = plenaryPdf.pages.map(columnText).join('|');
    expect(plenary.view.targets.length).toBeGreaterThan(0);
    for (const t of plenary.view.targets) {
      expect(text).toContain(compact(t.name));
      expect(text).toContain(compact(t.text));
    }
    expect(plenary.view.tasks.length).toBeGreaterThan(0);
    for (const t of plenary.view.tasks) {
      if (t.quantityText) expect(text).toContain(compact(t.quantityText));
      expect(text).toContain(compact(t.task));
      expect(text).toContain(compact(t.leadName));
      expect(text).toContain(compact(t.deadlineCn));
    }
  });

  it('has the task table columns and repeats its header on every page the table continues on', () => {
    const numbers = new Set(plenary.view.tasks.map((t) => String(t.no)));
    // pages with task rows (a task number alone in the 序号 column, in table type)
    // (the task list is an 附件: pages from "附件1" on; the 附件2 project list is numbered too)
    const from = plenaryPdf.pages.find((p) => p.lines.some((l) => compact(l.text) === '附件1'))!.number;
    const to = plenaryPdf.pages.find((p) => p.lines.some((l) => compact(l.text) === '附件2'))!.number;
    const rowPages = plenaryPdf.pages.filter((p) => p.number >= from && p.number < to && p.lines.some((l) => l.size <= theme.tableSize && numbers.has(compact(l.text))));
    expect(rowPages.length).toBeGreaterThan(1);
    for (const p of rowPages) {
      const head = p.lines.filter((l) => ['序号', '任务', '目标', '完成时限', '牵头单位', '配合单位'].includes(compact(l.text))).map((l) => compact(l.text));
      expect(head, `page ${p.number}`).toContain('序号');
      expect(head, `page ${p.number}`).toContain('任务');
    }
    // the full set of columns appears where they are not all the same
    const all = new Set(plenaryPdf.pages.flatMap((p) => p.lines.map((l) => compact(l.text))));
    for (const h of ['序号', '任务', '目标', '完成时限', '牵头单位', '配合单位']) expect(all.has(h), h).toBe(true);
  });

  it('numbers headings 一、（一） and lists them in the outline', () => {
    const text = pageText(plenaryPdf.pages);
    expect(text).toContain('一、2022年工作回顾');
    expect(text).toContain('（一）项目建设成效明显');
    const titles = plenaryPdf.outline.map((o) => o.title);
    expect(titles).toContain('一、2022年工作回顾');
    const review = plenaryPdf.outline.find((o) => o.title === '一、2022年工作回顾')!;
    expect(review.items.map((i) => i.title)).toContain('（一）项目建设成效明显');
    for (const o of plenaryPdf.outline) expect(o.page).toBeGreaterThanOrEqual(1);
  });

  it('draws the targets chart with its labels as text', () => {
    const text = pageText(plenaryPdf.pages);
    expect(text).toContain('图1');
    // category labels of the chart are real text in the embedded font
    const chartPage = plenaryPdf.pages.find((p) => p.lines.some((l) => l.text.startsWith('图')))!;
    const small = chartPage.lines.filter((l) => l.size < 12).map((l) => compact(l.text)).join('');
    expect(small).toContain('地区生产总值');
  });
});

describe('page geometry (GB/T 9704)', () => {
  it('is A4 with body text starting at the 28 mm left margin', () => {
    for (const p of plenaryPdf.pages) {
      expect(p.width).toBeCloseTo(595.28, 1);
      expect(p.height).toBeCloseTo(841.89, 1);
    }
    // pages after the first (page 1 also holds the masthead)
    const lefts = studyPdf.pages.slice(1).flatMap((p) => bodyLines(p, theme)).map((l) => l.x);
    const flush = lefts.filter((x) => Math.abs(x - 28 * MM) < 0.05);
    const indented = lefts.filter((x) => Math.abs(x - (28 * MM + 2 * theme.charPitch)) < 0.05);
    // the text itself starts 28 mm (79.37 pt, from the standard, not from our MM constant) from the edge
    expect(Math.min(...lefts)).toBeCloseTo(79.37, 1);
    expect(flush.length).toBeGreaterThan(50);
    expect(indented.length).toBeGreaterThan(10);
    expect(flush.length + indented.length).toBe(lefts.length);
  });

  it('justifies body lines to the right edge of the type area and never beyond', () => {
    const lines = studyPdf.pages.flatMap((p) => bodyLines(p, theme));
    for (const l of lines) expect(l.right).toBeLessThanOrEqual(area.right + 0.3);
    const full = lines.filter((l) => Math.abs(l.right - area.right) < 0.3);
    expect(full.length / lines.length).toBeGreaterThan(0.7);
  });

  it('holds 22 lines of 28 characters on a full body page', () => {
    const counts = studyPdf.pages.map((p) => bodyLines(p, theme).length);
    expect(Math.max(...counts)).toBe(22);
    const lines = studyPdf.pages.flatMap((p) => bodyLines(p, theme));
    const fullCjk = lines.filter((l) => l.x < area.x + 1 && Math.abs(l.right - area.right) < 0.3 && isPureCjk(compact(l.text)));
    expect(fullCjk.length).toBeGreaterThan(20);
    const lengths = fullCjk.map((l) => [...compact(l.text)].length);
    expect(Math.max(...lengths)).toBe(28);
    // the fixed line pitch: consecutive body lines are 28.95 pt apart
    const page = studyPdf.pages[2]!;
    const baselines = bodyLines(page, theme).map((l) => l.baseline);
    for (let i = 1; i < baselines.length; i++) expect(baselines[i]! - baselines[i - 1]!).toBeCloseTo(theme.linePitch, 0);
  });

  it('numbers pages "— N —" 7 mm under the type area, odd right and even left, one character in', () => {
    for (const p of plenaryPdf.pages) {
      const num = p.lines.find((l) => l.baseline > area.bottom && /^—\s*\d+\s*—$/.test(l.text.trim()));
      expect(num, `page ${p.number}`).toBeDefined();
      expect(compact(num!.text)).toBe(`—${p.number}—`);
      expect(num!.size).toBe(14);
      if (p.number % 2 === 1) expect(num!.right).toBeCloseTo(area.right - 14, 0);
      else expect(num!.x).toBeCloseTo(area.x + 14, 0);
      // the dash line sits about 7 mm below the type area
      const dashLine = num!.baseline - 0.33 * 14;
      expect(dashLine - area.bottom).toBeGreaterThan(6 * MM);
      expect(dashLine - area.bottom).toBeLessThan(8 * MM);
    }
  });

  it('sets the masthead in order: name, issue, office and date, then the title', () => {
    const page = plenaryPdf.pages[0]!;
    const b = plenary.view.briefing;
    const find = (s: string) => page.lines.find((l) => compact(l.text).includes(compact(s)));
    const name = find(b.name)!;
    const issue = find(b.issueLabel)!;
    const office = find(b.office)!;
    const date = find(b.dateCn)!;
    const title = page.lines.find((l) => Math.abs(l.size - theme.titleSize) < 0.01)!;
    expect(name.size).toBeGreaterThanOrEqual(36);
    expect(name.baseline).toBeLessThan(issue.baseline);
    expect(issue.baseline).toBeLessThan(office.baseline);
    expect(Math.abs(office.baseline - date.baseline)).toBeLessThan(1);
    expect(office.baseline).toBeLessThan(title.baseline);
    expect(office.x).toBeCloseTo(area.x, 0);
    expect(date.right).toBeCloseTo(area.right, 0);
    expect(name.baseline - name.size).toBeGreaterThanOrEqual(area.y - 1);
  });

  it('puts the 报尾 at the foot of the last page only', () => {
    const last = plenaryPdf.pages[plenaryPdf.pages.length - 1]!;
    const b = plenary.view.briefing;
    const text = pageText([last]);
    if (b.distribution.bao.length) expect(text).toContain(`报：${b.distribution.bao.join('，')}。`);
    expect(text).toContain(`（共印${b.copies}份）`);
    const copies = last.lines.find((l) => compact(l.text) === `（共印${b.copies}份）`)!;
    expect(copies.baseline).toBeLessThan(area.bottom);
    expect(area.bottom - copies.baseline).toBeLessThan(15);
    expect(copies.right).toBeCloseTo(area.right - 14, 0);
    for (const p of plenaryPdf.pages.slice(0, -1)) expect(pageText([p])).not.toContain(`共印${b.copies}份`);
  });
});

describe('line breaking', () => {
  it('starts no line with closing punctuation and ends none with opening punctuation', () => {
    for (const pdf of [plenaryPdf, studyPdf]) {
      for (const p of pdf.pages) {
        for (const l of p.lines) expect(lineViolation(l.text), `page ${p.number}: ${l.text}`).toBeUndefined();
        const body = bodyLines(p, theme);
        for (let i = 1; i < body.length; i++) expect(splitPairViolation(body[i - 1]!.text, body[i]!.text)).toBeUndefined();
      }
    }
  });

  it('keeps headings with the text that follows them', () => {
    for (const pdf of [plenaryPdf, studyPdf]) {
      for (const p of pdf.pages) {
        const lines = p.lines.filter((l) => l.baseline < area.bottom);
        const last = lines[lines.length - 1];
        if (!last) continue;
        expect(/^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/.test(compact(last.text)), `page ${p.number} ends with a heading: ${last.text}`).toBe(false);
      }
    }
  });
});

describe('fonts and output', () => {
  it('embeds subsetted TrueType fonts', () => {
    const raw = Buffer.from(plenary.pdf).toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(plenaryPdf.fonts.length).toBeGreaterThanOrEqual(3);
    for (const f of plenaryPdf.fonts) expect(f).toMatch(/^[A-Z]{6}\+Noto(Serif|Sans)SC-/);
  });

  it('works as the "briefing" Renderer: one file, briefing.pdf', async () => {
    const { briefingRenderer } = await import('../../pipeline/render/pdf/index.js');
    expect(briefingRenderer.format).toBe('briefing');
    const files = await briefingRenderer.render({
      view: study.view,
      ...contextAssets(ROOT),
      doc: (name) => {
        expect(name).toBe('briefing.md');
        return { text: study.markdown, doc: study.doc };
      },
    });
    expect(files.map((f) => f.name)).toEqual(['briefing.pdf']);
    expect(Buffer.compare(Buffer.from(files[0]!.data as Uint8Array), Buffer.from(study.pdf))).toBe(0);
  });

  it('is byte-identical for the same input', async () => {
    // rendered here, the same bytes as the build's (another process)
    const again = await renderMeeting(PLENARY);
    expect(Buffer.compare(Buffer.from(again.pdf), Buffer.from(plenary.pdf))).toBe(0);
    // no glyph of the briefing is missing from the fonts (of the render whose bytes those are)
    expect(again.missingGlyphs).toEqual([]);
    // dates come from the briefing date (2022-12-29, China time), not from the clock
    expect(plenaryPdf.info.CreationDate).toBe('D:20221228160000Z');
    expect(plenaryPdf.info.ModDate).toBe('D:20221228160000Z');
  });
});
