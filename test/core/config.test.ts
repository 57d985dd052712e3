/**
 * The one config loader (load/config.ts): every settings file read through the data loader,
 * a mistake reported as `文件:行:列  字段  期望…，实际为…`, a commented-out file meaning the
 * defaults; the fonts resolved by the build (load/fonts.ts) with a bad font file located at
 * its line in config/fonts.yaml.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, JianbaoError } from '../../pipeline/errors.js';
import { checkConfig, loadFontsConfig, loadLedgerConfig, loadSlidesConfig, loadThemeConfig, projectConfig } from '../../pipeline/load/config.js';
import { projectFonts } from '../../pipeline/load/fonts.js';
import { DEFAULT_LEDGER_CONFIG, DEFAULT_THEME_SETTINGS } from '../../pipeline/model/config.js';
import { setLang } from '../../pipeline/messages/index.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

setLang('zh-CN');

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'jianbao-config-'));
  mkdirSync(join(root, 'config'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'config', name), text);
  return root;
}

function problemsOf(fn: () => unknown): { kind: string; lines: string[] } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(JianbaoError);
    return { kind: (e as JianbaoError).kind, lines: (e as JianbaoError).problems.map(formatProblem) };
  }
  throw new Error('expected a JianbaoError');
}

describe('the config loader', () => {
  it('reads the project settings, each file once asked for', () => {
    const c = projectConfig(PROJECT_ROOT);
    expect(c.theme.bodySize).toBe(16);
    expect(c.theme.singleSided).toBe(false);
    expect(c.ledger.status.yellowBehind).toBe(10);
    expect(c.slides.fonts.heading).toBe('微软雅黑');
    expect(c.fonts).toEqual({ roles: {}, keys: {}, dirs: [] }); // config/fonts.yaml is all comments
  });

  it('uses the defaults for a missing or commented-out file', () => {
    const root = project({ 'theme.yaml': '# 都用默认值\n# bodySize: 16\n', 'ledger.yaml': '\n' });
    expect(loadThemeConfig(root)).toEqual(DEFAULT_THEME_SETTINGS);
    expect(loadLedgerConfig(root)).toEqual(DEFAULT_LEDGER_CONFIG);
    expect(loadSlidesConfig(root).text.bodySizes).toEqual([24, 22, 20, 18, 16]);
  });

  it('locates a mistake in config/theme.yaml: file:line:col, field, expected, found', () => {
    const root = project({ 'theme.yaml': '# 页边距\nmarginTopMm: 37\nbodySize: "16"\nred: red\n' });
    const { kind, lines } = problemsOf(() => loadThemeConfig(root));
    const file = relative(process.cwd(), join(root, 'config', 'theme.yaml'));
    expect(kind).toBe('config');
    expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}:3:11  bodySize  期望.*数字.*实际为.*"16"`));
    expect(lines[1]).toMatch(/:4:6  red  期望.*颜色写作 #RRGGBB.*实际为 "red"/);
  });

  it('checks every settings file at once (jianbao check)', () => {
    expect(checkConfig(PROJECT_ROOT)).toEqual([]);
    const root = project({ 'theme.yaml': 'bodySize: 0\n', 'slides.yaml': 'colors:\n  accent: red\n', 'ledger.yaml': 'review:\n  assess: rank\n', 'fonts.yaml': 'lishu: a.ttf\n' });
    const lines = checkConfig(root).map(formatProblem);
    expect(lines.map((l) => /config\/(\w+)\.yaml:(\d+)/.exec(l)?.slice(1).join(':'))).toEqual(['theme:1', 'fonts:1', 'slides:2', 'ledger:2']);
  });

  it('locates a mistake in config/ledger.yaml and a misspelt key with a suggestion', () => {
    const root = project({ 'ledger.yaml': 'status:\n  yellowBehnd: 5\n' });
    const { lines } = problemsOf(() => loadLedgerConfig(root));
    expect(lines[0]).toMatch(/ledger\.yaml:2:3  status\.yellowBehnd  .*yellowBehind/);
  });

  it('reports a YAML syntax error in a settings file at its line', () => {
    const root = project({ 'slides.yaml': 'fonts:\n\theading: 黑体\n' });
    const { kind, lines } = problemsOf(() => loadSlidesConfig(root));
    expect(kind).toBe('config');
    expect(lines[0]).toMatch(/slides\.yaml:2:1  .*制表符|slides\.yaml:2:1  .*Tab/i);
  });

  it('locates a bad role in config/fonts.yaml, and a font file that does not exist at its line', () => {
    const bad = project({ 'fonts.yaml': '# 字体\nkaiti:\n  size: 3\n' });
    expect(problemsOf(() => loadFontsConfig(bad)).lines[0]).toMatch(/fonts\.yaml:3:3  kaiti\.size/);
    const missing = project({ 'fonts.yaml': '# 字体\n楷体:\n  file: fonts/没有这个字体.ttf\n' });
    const { kind, lines } = problemsOf(() => projectFonts(missing, { dirs: [] }));
    expect(kind).toBe('config');
    expect(lines[0]).toMatch(/fonts\.yaml:3:9  楷体  字体角色 楷体 的字体文件不存在：.*没有这个字体\.ttf/);
  });

  it('refuses a font file that is not a font, naming the role and the file', () => {
    const root = project({ 'fonts.yaml': 'heiti: config/fake.ttf\n', 'fake.ttf': 'not a font' });
    const { lines } = problemsOf(() => projectFonts(root, { dirs: [] }));
    expect(lines[0]).toMatch(/fonts\.yaml:1:8  heiti  字体角色 heiti 的字体文件不能用于简报：.*fake\.ttf（无法读取字体/);
  });
});
