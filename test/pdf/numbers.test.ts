/**
 * Body text keeps a figure on one line (GB/T 9704 practice, as titles already do): an Arabic
 * number with its magnitude and unit (291亿元, 0.5个百分点, 第12期), a year in Chinese
 * numerals (二〇三五年), 十四五 — the line before is pushed out and justified on the measure.
 */
import { describe, expect, it } from 'vitest';
import { breakLines, numberSpans, type Span } from '../../pipeline/render/pdf/typeset.js';
import { bodyLines, compact, readPdfText, renderMeeting, ROOT } from '../support/pdf.js';
import { testFontSet, testTheme } from '../support/assets.js';

const fonts = testFontSet(ROOT);
const theme = testTheme(ROOT);
const figures = (t: string) => numberSpans(t).map((s) => t.slice(s.start, s.end));

/** Line boundaries (between `lines[k]` and `lines[k+1]`) that cut a figure, as "前|后". */
function cuts(lines: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k + 1 < lines.length; k++) {
    const a = lines[k]!.replace(/\s+$/, '');
    const b = lines[k + 1]!.replace(/^\s+/, '');
    if (numberSpans(a + b).some((s) => s.start < a.length && s.end > a.length)) out.push(`${a.slice(-6)}|${b.slice(0, 6)}`);
  }
  return out;
}

describe('figures in body text', () => {
  it('are found with their units, and ordinary words are not', () => {
    expect(figures('到二〇三五年基本实现')).toEqual(['二〇三五年']);
    expect(figures('地区生产总值达到291亿元，增长7%左右')).toEqual(['291亿元', '7%']);
    expect(figures('比上年提高0.5个百分点，实施3000余万元项目')).toEqual(['0.5个百分点', '3000余万元']);
    expect(figures('“十四五”时期，第十二次党代会，第12期')).toEqual(['十四五', '第十二次', '第12期']);
    expect(figures('统一思想，一一落实，万一')).toEqual([]);
  });

  it('are never cut by the body line breaker, at any offset in the line', () => {
    const body = (text: string): Span[] => [{ text, role: 'fangsong', bold: false }];
    const width = 28 * theme.charPitch - theme.charSpacing + 0.05;
    const sentence = '到二〇三五年，地区生产总值突破2000亿元，比上年提高0.17个百分点，“十四五”时期建成第12期。';
    let checked = 0;
    for (let k = 0; k < 28; k++) {
      const text = `${'字'.repeat(k)}${sentence}${sentence}`;
      const lines = breakLines(fonts, body(text), { width, size: theme.bodySize, tracking: theme.charSpacing }).map((l) => l.segments.map((s) => s.text).join(''));
      expect(compact(lines.join(''))).toBe(compact(text));
      expect(cuts(lines), lines.join('/')).toEqual([]);
      // a pushed-out line is at most a few characters short, never wider than the measure
      for (const l of lines.slice(0, -1)) expect([...l].length).toBeGreaterThanOrEqual(20);
      checked += lines.length;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('stay whole in the rendered briefings (pdfjs read-back), with the same pages and the preflight clean', async () => {
    // before: 突破360|亿元, 创汇278亿|元, “十三|五”, 92|个, 60|个 (2021 congress); 第|2, 0.17个百分|点 (plenary); 到二〇|三五年 (郑州)
    for (const [file, pages] of [
      ['data/guancheng/meetings/2021-09-15-party-congress.yaml', 10],
      ['data/guancheng/meetings/2022-12-28-plenary.yaml', 16],
      ['data/zhengzhou/meetings/2025-12-01-plenary.yaml', 6],
    ] as const) {
      const { pdf, findings } = await renderMeeting(file);
      const read = await readPdfText(pdf);
      expect(read.pages.length, file).toBe(pages);
      const lines = read.pages.flatMap((p) => bodyLines(p, theme).map((l) => l.text));
      expect(lines.length, file).toBeGreaterThan(50);
      expect(cuts(lines), file).toEqual([]);
      expect(findings, file).toBeDefined();
      expect(findings!.filter((f) => f.code !== 'font-substitute'), file).toEqual([]);
    }
  });
});
