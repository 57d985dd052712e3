/**
 * Deck settings (config/slides.yaml): fonts, colours and text fitting. Every field has a
 * default, so the file is optional; a present file is validated like data (located errors).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { JianbaoError } from '../../errors.js';
import { parseYaml } from '../../load/yaml.js';
import { issuesToProblems } from '../../model/validate.js';

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

/** config/slides.yaml under the project root, or the defaults when the file is absent. */
export function loadSlidesConfig(root: string): SlidesConfig {
  const path = join(root, 'config', 'slides.yaml');
  if (!existsSync(path)) return DEFAULT_SLIDES_CONFIG;
  const file = relative(process.cwd(), path) || path;
  let src;
  try {
    src = parseYaml(file, readFileSync(path, 'utf8'));
  } catch (err) {
    if (err instanceof JianbaoError) throw new JianbaoError('config', err.problems, { cause: err });
    throw err;
  }
  const result = SlidesConfigSchema.safeParse(src.data, { reportInput: true });
  if (result.success) return withSortedSizes(result.data);
  throw new JianbaoError('config', issuesToProblems(src, SlidesConfigSchema, result.error.issues));
}

/** Body sizes are tried largest first, whatever order the file lists them in. */
function withSortedSizes(c: SlidesConfig): SlidesConfig {
  return { ...c, text: { ...c.text, bodySizes: [...new Set(c.text.bodySizes)].sort((a, b) => b - a) } };
}
