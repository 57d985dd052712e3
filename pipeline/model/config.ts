/**
 * The project settings (config/*.yaml) as the renderers receive them in their
 * RenderContext. load/config.ts reads and validates the files; nothing else does.
 *
 * Deck settings (config/slides.yaml): fonts, colours and text fitting. Every field has a
 * default, so the file is optional; a present file is validated like data (located errors).
 */
import { z } from 'zod';
import { msg } from '../messages/index.js';

const FontName = z
  .string()
  .trim()
  .min(1, { error: () => msg('config.fontName') })
  .max(64)
  .regex(/^[^<>&"]+$/, { error: () => msg('config.fontNameChars') });
const Hex = z
  .string({ error: () => msg('config.colourQuoted') })
  .regex(/^#?[0-9A-Fa-f]{6}$/, { error: () => msg('config.colour') })
  .transform((s) => s.replace(/^#/, '').toUpperCase());

export const SlidesConfigSchema = z
  .object({
    fonts: z
      .object({
        heading: FontName.default('微软雅黑').meta({ description: '标题字体名称（各单位电脑都装有的字体）' }),
        body: FontName.default('微软雅黑').meta({ description: '正文字体名称' }),
        fallback: FontName.default('宋体').meta({ description: '备用字体名称（缺字时使用）' }),
      })
      .strict()
      .default({ heading: '微软雅黑', body: '微软雅黑', fallback: '宋体' })
      .meta({ description: '幻灯片字体（只写名称，不嵌入文件）' }),
    colors: z
      .object({
        accent: Hex.default('C8102E').meta({ description: '强调色，六位十六进制，例如 "C8102E"（党政红）' }),
        text: Hex.default('222222').meta({ description: '正文颜色，例如 "222222"' }),
        muted: Hex.default('6E6E6E').meta({ description: '次要文字颜色，例如 "6E6E6E"' }),
      })
      .strict()
      .default({ accent: 'C8102E', text: '222222', muted: '6E6E6E' })
      .meta({ description: '配色' }),
    text: z
      .object({
        maxParagraphChars: z.number().int().min(20).max(1000).default(120).meta({ description: '超过这么多字的段落拆成要点' }),
        bodySizes: z.array(z.number().int().min(10).max(40)).min(1).default([24, 22, 20, 18, 16]).meta({ description: '正文字号（磅），放不下时依次改用较小的' }),
      })
      .strict()
      .default({ maxParagraphChars: 120, bodySizes: [24, 22, 20, 18, 16] })
      .meta({ description: '文字排布' }),
  })
  .strict()
  .meta({ title: '汇报PPT配置 config/slides.yaml' });

export type SlidesConfig = z.output<typeof SlidesConfigSchema>;

export const DEFAULT_SLIDES_CONFIG: SlidesConfig = SlidesConfigSchema.parse({});

/** The settings a renderer may ask for; each file is read when first asked for. */
export interface ProjectConfig {
  readonly slides: SlidesConfig;
}
