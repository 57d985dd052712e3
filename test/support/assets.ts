/**
 * What the build hands a renderer, for tests that call a renderer or the briefing engine
 * directly: the settings of config/*.yaml, the resolved fonts, the theme and the font faces.
 */
import { loadFontsConfig, loadThemeConfig, projectConfig } from '../../pipeline/load/config.js';
import { projectFonts } from '../../pipeline/load/fonts.js';
import type { ProjectConfig, ResolvedFonts } from '../../pipeline/model/config.js';
import { fontSet, type FontSet } from '../../pipeline/render/pdf/fonts.js';
import { makeTheme, type Theme } from '../../pipeline/render/pdf/theme.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

export interface FontOptions {
  /** Font folders searched (default: JIANBAO_FONT_DIRS, i.e. none in tests, or the system's). */
  dirs?: string[];
  /** A fonts.yaml other than the project's config/fonts.yaml (a missing file means none). */
  configFile?: string;
}

/** The fonts the build would resolve for `root`. */
export function testFonts(root = PROJECT_ROOT, opts: FontOptions = {}): ResolvedFonts {
  return projectFonts(root, { dirs: opts.dirs, config: opts.configFile ? loadFontsConfig(root, opts.configFile) : undefined });
}

/** The font faces of those fonts (what the PDF engine measures and embeds with). */
export function testFontSet(root = PROJECT_ROOT, opts: FontOptions = {}): FontSet {
  return fontSet(testFonts(root, opts));
}

/** config/theme.yaml of `root` as the briefing engine takes it. */
export function testTheme(root = PROJECT_ROOT): Theme {
  return makeTheme(loadThemeConfig(root));
}

/** theme + fonts, for renderBriefing / renderBriefingDocx. */
export function briefingInputs(root = PROJECT_ROOT): { theme: Theme; fonts: FontSet } {
  return { theme: testTheme(root), fonts: testFontSet(root) };
}

/** The config and fonts of a RenderContext. */
export function contextAssets(root = PROJECT_ROOT): { config: ProjectConfig; fonts: ResolvedFonts } {
  return { config: projectConfig(root), fonts: testFonts(root) };
}

/**
 * A pdfmake document definition drawn with the project's fonts and margins (plus Helvetica,
 * for the defects that need a non-embedded face), for hand-made PDFs with one defect each.
 * pdfmake is set up for it (fonts, no URL access); the caller draws it.
 */
export function handMadeDefinition(pdfmake: PdfmakeSetup, theme: Theme, fonts: FontSet, content: object[], extra: Record<string, unknown> = {}) {
  pdfmake.setFonts({ ...fonts.pdfmakeFonts, Helvetica: { normal: 'Helvetica' } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => p === 'Helvetica');
  const m = theme.margins;
  return {
    pageSize: 'A4',
    pageMargins: [m.left, m.top, m.right, m.bottom],
    content,
    defaultStyle: { font: fonts.family('fangsong'), fontSize: 16 },
    info: { creationDate: new Date(0), modDate: new Date(0) },
    ...extra,
  };
}

interface PdfmakeSetup {
  setFonts(fonts: object): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
}
