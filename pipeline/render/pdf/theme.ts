/**
 * Page geometry and typographic settings of the briefing (GB/T 9704-2012 type area,
 * 简报 masthead and 报尾 conventions). Defaults live here; config/theme.yaml may
 * override any of them (read by load/config.ts, schema in model/config.ts; the renderer gets
 * the settings in its RenderContext). Everything downstream works in points.
 */
import { ThemeConfigSchema, type ThemeSettings } from '../../model/config.js';

export const MM = 72 / 25.4;
export const A4 = { width: 595.28, height: 841.89 } as const;

export type { ThemeSettings };

export interface Theme extends ThemeSettings {
  page: { width: number; height: number };
  margins: { top: number; bottom: number; left: number; right: number };
  /** The type area (版心) in points, origin top-left. */
  typeArea: { x: number; y: number; width: number; height: number; right: number; bottom: number };
  /** Advance of one body character on the grid (character + tracking). */
  charPitch: number;
  /** Tracking that puts `charsPerLine` body characters exactly across the type area. */
  charSpacing: number;
}

export function makeTheme(settings: Partial<ThemeSettings> = {}): Theme {
  const s = ThemeConfigSchema.parse(settings);
  const margins = {
    top: s.marginTopMm * MM,
    bottom: s.marginBottomMm * MM,
    left: s.marginLeftMm * MM,
    right: s.marginRightMm * MM,
  };
  const width = A4.width - margins.left - margins.right;
  const height = A4.height - margins.top - margins.bottom;
  // tracking that makes charsPerLine characters fill the measure exactly (less a hair of
  // slack, since pdfmake refuses a line wider than the measure by any amount)
  const charSpacing = (width - 0.05 - s.charsPerLine * s.bodySize) / (s.charsPerLine - 1);
  const charPitch = s.bodySize + charSpacing;
  return {
    ...s,
    page: { ...A4 },
    margins,
    typeArea: { x: margins.left, y: margins.top, width, height, right: margins.left + width, bottom: margins.top + height },
    charPitch,
    charSpacing,
  };
}
