/**
 * Slide outline (汇报提纲): the "slides.md" template, parsed once, cut into slides once
 * (outline.ts), then written twice — as Marp Markdown (slides.md) and as an editable
 * PowerPoint deck (slides.pptx). Both come from the same slides, so templates control both.
 */
import type { RenderContext, Renderer } from '../registry.js';
import type { SlidesConfig } from '../../model/config.js';
import { layoutSlide, themeOf, type SlidePlan } from './layout.js';
import { slidesToMarp } from './markdown.js';
import { finishPackage } from './ooxml.js';
import { fitSlides, notesText, splitSlides, type Slide } from './outline.js';
import { LANG, writeDeck } from './pptx.js';

export const slidesRenderer: Renderer = {
  format: 'slides',
  async render(ctx) {
    const config = ctx.config.slides;
    const slides = outlineOf(ctx, config);
    const md = markdownOf(ctx, slides, config);
    const pptx = await pptxOf(ctx, slides, config);
    return [
      { name: 'slides.md', data: md },
      { name: 'slides.pptx', data: pptx },
    ];
  },
};

/** The meeting's slides, with text that does not fit moved to the speaker notes. */
export function outlineOf(ctx: RenderContext, config: SlidesConfig): Slide[] {
  const { doc } = ctx.doc('slides.md');
  const theme = themeOf(config);
  return fitSlides(splitSlides(doc), { maxParagraphChars: config.text.maxParagraphChars, fits: (s) => layoutSlide(s, theme).fits });
}

function markdownOf(ctx: RenderContext, slides: Slide[], config: SlidesConfig): string {
  const v = ctx.view;
  const f = config.fonts;
  return slidesToMarp(slides, {
    title: v.shortTitle,
    footer: footerOf(ctx),
    fonts: [...new Set([f.heading, f.body, f.fallback, 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC'])],
    accent: config.colors.accent,
  });
}

async function pptxOf(ctx: RenderContext, slides: Slide[], config: SlidesConfig): Promise<Uint8Array> {
  const v = ctx.view;
  const theme = themeOf(config);
  const plans: SlidePlan[] = slides.map((s) => layoutSlide(s, theme));
  const raw = await writeDeck({
    plans,
    notes: slides.map((s) => notesText(s.notes)),
    meta: { title: v.shortTitle, subject: `${v.title}汇报提纲`, author: v.district.office, company: v.district.name, footer: footerOf(ctx) },
    config,
    theme,
  });
  return finishPackage(raw, { fonts: config.fonts, lang: LANG, date: v.date, bulletColor: config.colors.accent });
}

function footerOf(ctx: RenderContext): string {
  return `${ctx.view.district.shortName} · ${ctx.view.dateCn}`;
}
