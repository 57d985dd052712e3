/**
 * The 版记 ends an even page (GB/T 9704 §7.5), decided while pdfmake lays the briefing out:
 * the PDF is written once, whether no, one or two empty pages go in front of the 版记.
 */
import pdfmake from 'pdfmake';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkedAtLayout } from '../../pipeline/render/pdf/index.js';
import type { MeetingView } from '../../pipeline/core/view.js';
import { compact, readPdfText, renderMeeting, type PdfTextBack } from '../support/pdf.js';

/** Rendering a briefing on a busy two-core machine. */
const SLOW = 240_000;
/** A sample whose text ends on an odd page (its first layout has 5 pages). */
const ODD = 'data/zhengzhou/meetings/2025-12-01-plenary.yaml';

/** One more sentence, `k` times, at the end of the first area's summary. */
const longer = (k: number) => (view: MeetingView) => {
  view.areas[0]!.summary = (view.areas[0]!.summary ?? '') + '全区上下要坚定信心、真抓实干，推动各项工作取得新成效。'.repeat(k);
};

const pageNumber = (read: PdfTextBack, i: number) => read.pages[i]!.lines.find((l) => /^—\d+—$/.test(compact(l.text)));
const hasColophon = (read: PdfTextBack, i: number) => read.pages[i]!.lines.some((l) => compact(l.text).startsWith('（共印'));

describe('even last page, decided during layout', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes an odd-page briefing once, with one page more in front of the 版记', async () => {
    const created = vi.spyOn(pdfmake, 'createPdf');
    const { pdf } = await renderMeeting(ODD);
    expect(created).toHaveBeenCalledTimes(1);
    const read = await readPdfText(pdf);
    const n = read.pages.length;
    expect(n % 2).toBe(0);
    expect(hasColophon(read, n - 1)).toBe(true);
    // the text ended on page n - 1: the 版记 page is the only one added, and it is numbered
    expect(read.pages[n - 2]!.lines.filter((l) => !/^—\d+—$/.test(compact(l.text))).length).toBeGreaterThan(0);
    expect(compact(pageNumber(read, n - 1)?.text ?? '')).toBe(`—${n}—`);
    // the layout-time preflight saw the pages that were written
    expect(checkedAtLayout.get(pdf)!.pages.length).toBe(n);
  }, SLOW);

  it('puts an empty unnumbered page before an unnumbered 版记 page when one more page only moves the 版记 over, written once', async () => {
    // 34 more sentences end the text at the foot of page 6: the 版记 does not fit under
    // it and goes to page 7 on its own; one page more would only move it there again
    const created = vi.spyOn(pdfmake, 'createPdf');
    const { pdf } = await renderMeeting(ODD, longer(34));
    expect(created).toHaveBeenCalledTimes(1);
    const read = await readPdfText(pdf);
    const n = read.pages.length;
    expect(n).toBe(8);
    // page 6: the end of the text, numbered; page 7: nothing at all; page 8: the 版记 and no number
    expect(compact(pageNumber(read, n - 3)?.text ?? '')).toBe(`—${n - 2}—`);
    expect(read.pages[n - 2]!.lines).toEqual([]);
    expect(hasColophon(read, n - 1)).toBe(true);
    expect(pageNumber(read, n - 1)).toBeUndefined();
    for (let i = 0; i < n - 1; i++) expect(hasColophon(read, i)).toBe(false);
    // the layout-time preflight describes this final layout: the same pages, the empty one empty
    const laid = checkedAtLayout.get(pdf)!;
    expect(laid.pages.length).toBe(n);
    expect(laid.pages[n - 2]!.items.filter((i) => i.str.trim())).toEqual([]);
    expect(laid.pages[n - 1]!.lines.map((l) => compact(l.text))).toEqual(read.pages[n - 1]!.lines.map((l) => compact(l.text)));
  }, SLOW);
});
