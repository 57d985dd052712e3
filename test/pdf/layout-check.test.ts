/**
 * The preflight at layout time (layout-check.ts) sees what the read-back sees: the same
 * lines (text, position, size) on every page of every sample briefing, and the same
 * findings — none on the samples, and each defect of deliberately bad documents.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pdfmake from 'pdfmake';
import { describe, expect, it } from 'vitest';
import { parseDoc } from '../../pipeline/render/doc/parse.js';
import { checkedAtLayout, preflight, renderBriefing } from '../../pipeline/render/pdf/index.js';
import { layoutFindings, traceLayout, type LayoutCheck } from '../../pipeline/render/pdf/layout-check.js';
import { briefingDoc, loadView, readPdf, renderMeeting, ROOT, type PdfLine } from '../support/pdf.js';
import { briefingInputs, handMadeDefinition, testFontSet, testTheme } from '../support/assets.js';

const theme = testTheme(ROOT);
const fonts = testFontSet(ROOT);

const samples = readdirSync(join(ROOT, 'data'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'seeds')
  .flatMap((d) => readdirSync(join(ROOT, 'data', d.name, 'meetings')).map((f) => `data/${d.name}/meetings/${f}`));

/** A line as both sides describe it (positions to a tenth of a point). */
function shape(l: PdfLine): string {
  return `${l.text.trim()} @${l.x.toFixed(1)}–${l.right.toFixed(1)} base ${l.baseline.toFixed(1)} size ${l.size.toFixed(1)}`;
}

/** A pdfmake document with one defect, traced while drawn (with the project's fonts and margins). */
async function handMade(content: object[], extra: Record<string, unknown> = {}): Promise<{ pdf: Uint8Array; layout: LayoutCheck }> {
  const dd = handMadeDefinition(pdfmake, theme, fonts, content, extra);
  const trace = traceLayout(content);
  const buf = await pdfmake.createPdf(dd).getBuffer();
  const layout = layoutFindings(trace, theme, '');
  if (!layout) throw new Error('not traced');
  return { pdf: new Uint8Array(buf), layout };
}

describe('preflight at layout time', () => {
  it.each(samples)('%s: the same lines and the same findings as the read-back', async (file) => {
    const { pdf, findings } = await renderMeeting(file);
    const layout = checkedAtLayout.get(pdf);
    expect(layout).toBeDefined();
    const back = await readPdf(pdf);
    expect(layout!.pages.length).toBe(back.pages.length);
    for (const [i, page] of back.pages.entries()) {
      const traced = layout!.pages[i]!;
      expect([traced.width, traced.height]).toEqual([page.width, page.height]);
      expect(traced.lines.map(shape), `page ${i + 1}`).toEqual(page.lines.map(shape));
    }
    const report = await preflight(pdf, theme);
    expect(findings).toEqual(report.findings);
    expect(layout!.fonts).toEqual(report.fonts);
    expect(report.fonts.length).toBeGreaterThan(0);
  }, 600_000);

  it.each([
    ['a font that is not embedded', [{ text: 'Hello', font: 'Helvetica' }], {}, 'font-embedded'],
    [
      'lines that start with closing or end with opening punctuation',
      [
        { text: '会议强调要抓好落实', noWrap: true },
        { text: '，各级各部门要行动', noWrap: true },
        { text: '印发《', noWrap: true },
      ],
      {},
      'kinsoku',
    ],
    [
      'a —— split across two lines',
      [
        { text: '目标—', noWrap: true },
        { text: '—增长', noWrap: true },
      ],
      {},
      'kinsoku',
    ],
    [
      'text outside the type area (and the page number below it, which is fine)',
      [{ text: '正文' }, { text: '页边文字', absolutePosition: { x: 20, y: 300 } }],
      { footer: () => ({ text: '— 1 —', fontSize: 14, alignment: 'right', margin: [0, 12, theme.margins.right + 14, 0] }) },
      'outside-type-area',
    ],
    ['a page that is not A4', [{ text: '正文' }], { pageSize: 'LETTER' }, 'page-size'],
    ['a table running past the type area', [{ table: { widths: [300, 300], body: [['左栏文字', '右栏超出版心的文字']] } }], {}, 'outside-type-area'],
  ] as const)('finds %s exactly as the read-back does', async (_what, content, extra, code) => {
    const { pdf, layout } = await handMade(content as unknown as object[], extra as Record<string, unknown>);
    const report = await preflight(pdf, theme);
    expect(report.findings.map((f) => f.code)).toContain(code);
    expect(layout.findings).toEqual(report.findings);
    expect(layout.fonts).toEqual(report.fonts);
  }, 600_000);

  it('reports characters the fonts cannot show exactly as the read-back does', async () => {
    const view = loadView('data/guancheng/meetings/2017-08-15-study-session.yaml');
    const { doc } = briefingDoc(view);
    doc.children.push(...parseDoc('会议室编号𠀀号，表情😀。').children);
    const out = await renderBriefing({ view, doc, ...briefingInputs(ROOT) });
    const report = await preflight(out.pdf, theme);
    expect(report.findings.some((f) => f.code === 'missing-glyph')).toBe(true);
    expect(out.findings).toEqual(report.findings);
  }, 600_000);
});
