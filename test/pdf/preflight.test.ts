/**
 * preflight(): a real briefing passes; hand-made PDFs with one defect each are caught.
 */
import pdfmake from 'pdfmake';
import { describe, expect, it } from 'vitest';
import { parseDoc } from '../../pipeline/render/doc/parse.js';
import { JianbaoError } from '../../pipeline/errors.js';
import { preflight, renderBriefing } from '../../pipeline/render/pdf/index.js';
import { briefingDoc, loadView, ROOT } from '../support/pdf.js';
import { sampleFile } from '../support/sample-build.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { briefingInputs, handMadeDefinition, testFontSet, testTheme } from '../support/assets.js';

const theme = testTheme(ROOT);
const fonts = testFontSet(ROOT);

/** A small PDF made with pdfmake directly, with the project's fonts and margins. */
async function handMade(content: object[], extra: Record<string, unknown> = {}): Promise<Uint8Array> {
  const dd = handMadeDefinition(pdfmake, theme, fonts, content, extra);
  const buf = await pdfmake.createPdf(dd).getBuffer();
  return new Uint8Array(buf);
}

describe('preflight', () => {
  it('passes a real briefing', async () => {
    // the plenary of the shared build of data/ (test/support/sample-build.ts)
    const pdf = await sampleFile('guancheng/2022-12-28-plenary', 'briefing.pdf');
    const report = await preflight(pdf, theme);
    // tests see no installed fonts (JIANBAO_FONT_DIRS is empty): every role is a Noto substitute, reported as a warning
    expect(report.findings.filter((f) => f.code !== 'font-substitute')).toEqual([]);
    expect(report.findings.filter((f) => f.code === 'font-substitute').map((f) => f.severity)).toEqual(['warning', 'warning', 'warning', 'warning', 'warning']);
    expect(report.ok).toBe(true);
    expect(report.pages).toBeGreaterThan(5);
    expect(report.fonts.every((f) => /^[A-Z]{6}\+/.test(f))).toBe(true);
  }, 240_000);

  it('finds a font that is not embedded', async () => {
    const pdf = await handMade([{ text: 'Hello', font: 'Helvetica' }]);
    const report = await preflight(pdf, theme);
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => f.code)).toContain('font-embedded');
  });

  it('finds a line that starts with closing punctuation or ends with opening punctuation', async () => {
    const pdf = await handMade([
      { text: '会议强调要抓好落实', noWrap: true },
      { text: '，各级各部门要行动', noWrap: true },
      { text: '印发《', noWrap: true },
    ]);
    const report = await preflight(pdf, theme);
    const kinsoku = report.findings.filter((f) => f.code === 'kinsoku');
    expect(kinsoku.map((f) => f.detail)).toEqual(['，各级各部门要行动', '印发《']);
    expect(kinsoku[0]!.page).toBe(1);
  });

  it('finds a split —— across two lines', async () => {
    const pdf = await handMade([
      { text: '目标—', noWrap: true },
      { text: '—增长', noWrap: true },
    ]);
    const report = await preflight(pdf, theme);
    expect(report.findings.some((f) => f.code === 'kinsoku' && f.message.includes('——'))).toBe(true);
  });

  it('finds text outside the type area but accepts the page number below it', async () => {
    const pdf = await handMade([{ text: '正文' }, { text: '页边文字', absolutePosition: { x: 20, y: 300 } }], {
      footer: () => ({ text: '— 1 —', fontSize: 14, alignment: 'right', margin: [0, 12, theme.margins.right + 14, 0] }),
    });
    const report = await preflight(pdf, theme);
    const outside = report.findings.filter((f) => f.code === 'outside-type-area');
    expect(outside).toHaveLength(1);
    expect(outside[0]!.detail).toContain('页边文字');
  });

  it('finds a page that is not A4', async () => {
    const pdf = await handMade([{ text: '正文' }], { pageSize: 'LETTER' });
    const report = await preflight(pdf, theme);
    expect(report.findings.map((f) => f.code)).toContain('page-size');
  });

  it('reports characters the fonts cannot show (recorded at render time)', async () => {
    const view = loadView('data/guancheng/meetings/2017-08-15-study-session.yaml');
    const { doc } = briefingDoc(view);
    doc.children.push(...parseDoc('会议室编号𠀀号，表情😀。').children);
    const out = await renderBriefing({ view, doc, ...briefingInputs(ROOT) });
    expect(out.missingGlyphs.map((m) => m.codePoint)).toEqual(expect.arrayContaining(['U+1F600']));
    const report = await preflight(out.pdf, theme);
    const missing = report.findings.find((f) => f.code === 'missing-glyph');
    expect(missing?.message).toContain('😀');
    expect(report.ok).toBe(false);
  });
});

describe('font configuration', () => {
  it('names the role and the path of a missing font file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jianbao-fonts-'));
    const config = join(dir, 'fonts.yaml');
    const good = 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf';
    writeFileSync(config, `title: ${good}\nbody: ${good}\nheiti: ${good}\nkaiti: fonts/simkai.ttf\nfangsong: ${good}\n`);
    let error: unknown;
    try {
      testFontSet(ROOT, { configFile: config });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JianbaoError);
    const problem = (error as JianbaoError).problems[0]!;
    expect(problem.field).toBe('kaiti');
    expect(problem.message).toContain('kaiti');
    expect(problem.message).toContain(join(ROOT, 'fonts/simkai.ttf'));
  });

  it('rejects a file that is not a font', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jianbao-fonts-'));
    const config = join(dir, 'fonts.yaml');
    const good = 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf';
    writeFileSync(join(dir, 'fake.ttf'), 'not a font');
    writeFileSync(config, `title: ${good}\nbody: ${good}\nheiti: ${join(dir, 'fake.ttf')}\nkaiti: ${good}\nfangsong: ${good}\n`);
    expect(() => testFontSet(ROOT, { configFile: config })).toThrow(/heiti/);
  });
});
