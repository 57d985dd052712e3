/**
 * The two ways of reading a PDF back: `readPdf` (text, positions and faces) and
 * `readPdfText` (text and positions only, for tests that check words and places: pdfjs
 * builds no operator list). Both must see the same words in the same places.
 */
import { describe, expect, it } from 'vitest';
import { readPdf, readPdfText } from '../support/pdf.js';
import { sampleFile } from '../support/sample-build.js';

describe('reading a briefing back', () => {
  it('gives the same pages, lines, info and outline either way; only readPdf names the faces', async () => {
    const pdf = await sampleFile('guancheng/2022-12-28-plenary', 'briefing.pdf');
    const [whole, text] = [await readPdf(pdf), await readPdfText(pdf)];
    const strip = (r: typeof text) => r.pages.map((p) => ({ ...p, items: p.items.map(({ baseFont: _b, ...i }) => i), lines: p.lines.map((l) => ({ ...l, items: l.items.map(({ baseFont: _b, ...i }) => i) })) }));
    expect(text.pages.length).toBeGreaterThan(10);
    expect(strip(text)).toEqual(strip(whole));
    expect(text.info).toEqual(whole.info);
    expect(text.outline).toEqual(whole.outline);
    expect('fonts' in text).toBe(false);
    expect(text.pages.flatMap((p) => p.items).some((i) => i.baseFont !== undefined)).toBe(false);
    expect(whole.fonts.length).toBeGreaterThanOrEqual(3);
    expect(whole.pages[0]!.items.every((i) => /^[A-Z]{6}\+/.test(i.baseFont ?? ''))).toBe(true);
  });
});
