/**
 * Page geometry and typographic settings of the briefing (GB/T 9704-2012 type area,
 * 简报 masthead and 报尾 conventions). Defaults live here; config/theme.yaml may
 * override any of them. Everything downstream works in points.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { JianbaoError } from '../../errors.js';
import { msg } from '../../messages/index.js';

export const MM = 72 / 25.4;
export const A4 = { width: 595.28, height: 841.89 } as const;

const ThemeConfig = z
  .object({
    marginTopMm: z.number().positive().default(37),
    marginBottomMm: z.number().positive().default(35),
    marginLeftMm: z.number().positive().default(28),
    marginRightMm: z.number().positive().default(26),
    bodySize: z.number().positive().default(16),
    linesPerPage: z.number().int().positive().default(22),
    charsPerLine: z.number().int().positive().default(28),
    linePitch: z.number().positive().default(28.95),
    titleSize: z.number().positive().default(22),
    pageNumberSize: z.number().positive().default(14),
    pageNumberBelowMm: z.number().nonnegative().default(7),
    mastheadNameSize: z.number().positive().default(42),
    red: z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: () => msg('config.colourHash') }).default('#D0121B'),
    ruleWidth: z.number().positive().default(2),
    colophonSize: z.number().positive().default(14),
    tableSize: z.number().positive().default(12),
    tableMinSize: z.number().positive().default(10.5),
    chartHeight: z.number().positive().default(200),
    /** Printed on one side only: the 版记 ends the last page whatever its number (default: double-sided, last page even). */
    singleSided: z.boolean().default(false),
  })
  .strict();

export type ThemeSettings = z.infer<typeof ThemeConfig>;

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
  const s = ThemeConfig.parse(settings);
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

/** Read config/theme.yaml under the project root (optional file). */
export function loadTheme(root: string): Theme {
  const file = join(root, 'config', 'theme.yaml');
  if (!existsSync(file)) return makeTheme();
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8')) ?? {};
  } catch (cause) {
    throw new JianbaoError('config', [{ location: { kind: 'file', file }, message: `could not read the theme: ${(cause as Error).message}` }], { cause });
  }
  const r = ThemeConfig.safeParse(raw);
  if (!r.success) {
    throw new JianbaoError(
      'config',
      r.error.issues.map((i) => ({ location: { kind: 'file' as const, file }, field: i.path.join('.'), message: i.message })),
    );
  }
  return makeTheme(r.data);
}
