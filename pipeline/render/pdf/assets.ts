/** What the briefing engines (PDF, 督查通报, docx) take from a RenderContext: the page and the font faces. */
import type { RenderContext } from '../registry.js';
import { fontSet, type FontSet } from './fonts.js';
import { makeTheme, type Theme } from './theme.js';

/** The theme (config/theme.yaml) and the font faces of the build's resolved font roles. */
export function briefingAssets(ctx: Pick<RenderContext, 'config' | 'fonts'>): { theme: Theme; fonts: FontSet } {
  return { theme: makeTheme(ctx.config.theme), fonts: fontSet(ctx.fonts) };
}
