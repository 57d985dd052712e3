/**
 * The project settings (config/*.yaml) as the renderers receive them in their
 * RenderContext. load/config.ts reads and validates the files; nothing else does.
 *
 * Deck settings (config/slides.yaml): fonts, colours and text fitting. Every field has a
 * default, so the file is optional; a present file is validated like data (located errors).
 */
import { z } from 'zod';

const FontName = z
  .string()
  .trim()
  .min(1, { error: 'expected a font name' })
  .max(64)
  .regex(/^[^<>&"]+$/, { error: 'expected a font name without < > & "' });
const Hex = z
  .string({ error: 'expected a colour as six hex digits in quotes, e.g. "C8102E"' })
  .regex(/^#?[0-9A-Fa-f]{6}$/, { error: 'expected a colour as six hex digits, e.g. "C8102E"' })
  .transform((s) => s.replace(/^#/, '').toUpperCase());

export const SlidesConfigSchema = z
  .object({
    fonts: z
      .object({
        heading: FontName.default('微软雅黑'),
        body: FontName.default('微软雅黑'),
        fallback: FontName.default('宋体'),
      })
      .strict()
      .default({ heading: '微软雅黑', body: '微软雅黑', fallback: '宋体' }),
    colors: z
      .object({
        accent: Hex.default('C8102E'),
        text: Hex.default('222222'),
        muted: Hex.default('6E6E6E'),
      })
      .strict()
      .default({ accent: 'C8102E', text: '222222', muted: '6E6E6E' }),
    text: z
      .object({
        maxParagraphChars: z.number().int().min(20).max(1000).default(120),
        bodySizes: z.array(z.number().int().min(10).max(40)).min(1).default([24, 22, 20, 18, 16]),
      })
      .strict()
      .default({ maxParagraphChars: 120, bodySizes: [24, 22, 20, 18, 16] }),
  })
  .strict();

export type SlidesConfig = z.output<typeof SlidesConfigSchema>;

export const DEFAULT_SLIDES_CONFIG: SlidesConfig = SlidesConfigSchema.parse({});

/** The settings a renderer may ask for; each file is read when first asked for. */
export interface ProjectConfig {
  readonly slides: SlidesConfig;
}
