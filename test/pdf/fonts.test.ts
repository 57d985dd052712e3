/**
 * Fonts by role found "on the machine": the machine is test/fixtures/fonts (small renamed
 * subsets of the Noto fonts, see scripts/make-font-fixtures.py), never the host's folders.
 * The rendered PDF is read back and the font of each kind of text taken from its font
 * dictionary (/BaseFont).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JianbaoError } from '../../pipeline/errors.js';
import { parseDoc } from '../../pipeline/render/doc/parse.js';
import { fontDirs, readFontInfo, scanFonts } from '../../pipeline/core/font-scan.js';
import { describeFonts } from '../../pipeline/load/fonts.js';
import { testFonts, testFontSet } from '../support/assets.js';
import { renderBriefing } from '../../pipeline/render/pdf/index.js';
import { preflight } from '../../pipeline/render/pdf/preflight.js';
import { compact, loadView, readPdf, ROOT } from '../support/pdf.js';
import { testTheme } from '../support/assets.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'fonts');
const INSTALLED = join(FIXTURES, 'installed');
const TRADITIONAL = join(FIXTURES, 'traditional');
const NO_CONFIG = join(ROOT, 'test', 'fixtures', 'fonts', 'no-such-fonts.yaml');

function config(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'jianbao-fonts-'));
  const file = join(dir, 'fonts.yaml');
  writeFileSync(file, text);
  return file;
}

describe('finding fonts', () => {
  it('never looks at the host in tests (JIANBAO_FONT_DIRS is empty)', () => {
    expect(fontDirs()).toEqual([]);
    expect(fontDirs({ JIANBAO_FONT_DIRS: `${INSTALLED}:${TRADITIONAL}` })).toEqual(process.platform === 'win32' ? [`${INSTALLED}:${TRADITIONAL}`] : [INSTALLED, TRADITIONAL]);
    expect(fontDirs({ HOME: '/home/x' }).length).toBeGreaterThan(0);
  });

  it('reads family names (English and Chinese) of .ttf files and of every member of a .ttc', () => {
    const fonts = scanFonts([FIXTURES]);
    const kai = fonts.find((f) => f.postscriptName === 'FixtureKaiTi')!;
    expect(kai.collection).toBe(true);
    expect(kai.index).toBe(1);
    expect(kai.families).toEqual(expect.arrayContaining(['KaiTi', '楷体']));
    expect(fonts.find((f) => f.postscriptName === 'FixtureOther')?.index).toBe(0);
    expect(fonts.find((f) => f.postscriptName === 'FixtureFangSong')?.families).toEqual(expect.arrayContaining(['FangSong', '仿宋']));
    expect(fonts.every((f) => f.truetype)).toBe(true);
    // a file that is not a font is no font
    const notFont = config('not a font');
    expect(readFontInfo(notFont)).toEqual([]);
  });

  it('maps the installed faces to their roles and falls back to Noto for the rest, with reasons', () => {
    const r = testFonts(ROOT, { configFile: NO_CONFIG, dirs: [INSTALLED] }).roles;
    expect(r.fangsong).toMatchObject({ source: 'system', substitute: false, normal: { file: join(INSTALLED, 'simfang.ttf'), index: 0 } });
    expect(r.kaiti).toMatchObject({ source: 'system', substitute: false, normal: { file: join(INSTALLED, 'simkai.ttc'), index: 1 } });
    expect(r.heiti.normal.file).toBe(join(INSTALLED, 'simhei.ttf'));
    expect(r.xiaobiaosong.normal.file).toBe(join(INSTALLED, 'fzxbsjt.ttf'));
    expect(r.songti).toMatchObject({ source: 'npm', substitute: true });
    expect(r.songti.normal.file).toMatch(/NotoSerifSC_400Regular\.ttf$/);
    expect(r.kaiti.reason).toContain('楷体');
    expect(r.songti.reason).toContain('宋体');
  });

  it('passes over a 仿宋 without simplified characters and says why', () => {
    const r = testFonts(ROOT, { configFile: NO_CONFIG, dirs: [TRADITIONAL] }).roles;
    expect(r.fangsong.source).toBe('npm');
    expect(r.fangsong.rejected.join('')).toMatch(/cwTeX.*缺少常用简体字/);
  });

  it('lets config/fonts.yaml override any role, by file or by family name', () => {
    const file = config(`楷体:\n  file: ${join(INSTALLED, 'simhei.ttf')}\nfangsong:\n  family: 黑体\n`);
    const r = testFonts(ROOT, { configFile: file, dirs: [INSTALLED] }).roles;
    expect(r.kaiti).toMatchObject({ source: 'config', substitute: false, normal: { file: join(INSTALLED, 'simhei.ttf') } });
    expect(r.fangsong.normal.file).toBe(join(INSTALLED, 'simhei.ttf'));
    expect(r.fangsong.reason).toContain('config/fonts.yaml');
  });

  it('locates a bad font configuration', () => {
    const file = config('kaiti:\n  size: 3\n');
    let error: unknown;
    try {
      testFonts(ROOT, { configFile: file, dirs: [] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JianbaoError);
    const p = (error as JianbaoError).problems[0]!;
    expect(p.location).toMatchObject({ kind: 'file', file: relative(process.cwd(), file), line: 2, col: 3 });
    expect(p.field).toBe('kaiti.size');
    expect(() => testFonts(ROOT, { configFile: config('lishu: a.ttf\n'), dirs: [] })).toThrow(/lishu/);
  });

  it('describes the resolution in Chinese (jianbao fonts)', () => {
    const text = describeFonts(testFonts(ROOT, { configFile: NO_CONFIG, dirs: [INSTALLED] })).join('\n');
    expect(text).toContain('仿宋（正文、版记）：FangSong（仿宋）');
    expect(text).toContain('simkai.ttc（集合中第 2 个）');
    expect(text).toMatch(/宋体（页码）：Noto Serif SC.*【代替】/);
  });
});

describe('a briefing set in the installed faces', () => {
  it('uses each role for its kind of text, read back from the PDF font dictionary, and warns about the substitute', async () => {
    const fonts = testFontSet(ROOT, { configFile: NO_CONFIG, dirs: [INSTALLED] });
    const view = loadView('data/guancheng/meetings/2017-08-15-study-session.yaml');
    view.briefing = {
      ...view.briefing,
      name: '测试简报',
      office: '测试办公室',
      dateCn: '2025年1月2日',
      issueLabel: '第1期',
      totalIssueLabel: undefined,
      secrecy: undefined,
      editorNote: undefined,
      distribution: { bao: ['市委'], song: ['市政府'], fa: ['各街道'] },
      copies: 10,
    };
    const doc = parseDoc('# 坚持引领谋发展 推动老城焕新启新程\n\n## 总体要求\n\n### 工作目标\n\n这是正文。国这发会区经济项目进设党县单位达亿万元务实现。\n');
    const { pdf, missingGlyphs } = await renderBriefing({ view, doc, theme: testTheme(ROOT), fonts });
    expect(missingGlyphs).toEqual([]);
    const read = await readPdf(pdf);
    const lines = read.pages.flatMap((p) => p.lines);
    const fontOf = (text: string) => {
      const line = lines.find((l) => compact(l.text).includes(text));
      expect(line, text).toBeDefined();
      return [...new Set(line!.items.filter((i) => i.str.trim()).map((i) => (i.baseFont ?? '').replace(/^[A-Z]{6}\+/, '')))];
    };
    expect(fontOf('坚持引领谋发展')).toEqual(['FixtureXiaoBiaoSong']);
    expect(fontOf('测试简报')).toEqual(['FixtureXiaoBiaoSong']);
    expect(fontOf('一、总体要求')).toEqual(['FixtureSimHei']);
    expect(fontOf('（一）工作目标')).toEqual(['FixtureKaiTi']);
    expect(fontOf('这是正文')).toEqual(['FixtureFangSong']);
    expect(fontOf('共印10份')).toEqual(['FixtureFangSong']);
    expect(fontOf('—1—')).toEqual(['NotoSerifSC-Regular']);
    const report = await preflight(pdf, testTheme(ROOT));
    const subs = report.findings.filter((f) => f.code === 'font-substitute');
    expect(subs.map((f) => f.severity)).toEqual(['warning']);
    expect(subs[0]!.message).toContain('宋体');
    expect(report.ok).toBe(true);
  }, 240_000);
});
