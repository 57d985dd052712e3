/**
 * Slide outline (汇报提纲): the "slides.md" template, parsed once, cut into slides once
 * (outline.ts), then written twice — as Marp Markdown (slides.md) and as an editable
 * PowerPoint deck (slides.pptx). Both come from the same slides, so templates control both.
 */
import type { RenderContext, Renderer } from '../registry.js';
import type { SlidesConfig } from '../../model/config.js';
import { BODY, BULLET_INDENT_PT, INSET_PT } from './frames.js';
import { layoutSlide, themeOf, type DeckTheme, type SlidePlan } from './layout.js';
import { PT_PER_IN } from './measure.js';
import { slidesToMarp } from './markdown.js';
import { finishPackage } from './ooxml.js';
import { fillToc, fitSlides, notesText, numberParts, splitSlides, withNotes, type Slide } from './outline.js';
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
  const listMinPt = theme.bodySizes.find((x) => x <= LIST_MIN_PT) ?? theme.bodySizes[theme.bodySizes.length - 1]!;
  const fits = (s: Slide, minPt?: number) => {
    const sizes = minPt === undefined ? theme.bodySizes : theme.bodySizes.filter((x) => x >= minPt);
    return layoutSlide(s, { ...theme, bodySizes: sizes.length ? sizes : [minPt!] }).fits;
  };
  const { slides, parts } = numberParts(splitSlides(doc));
  const fitted = fitSlides(slides, { maxParagraphChars: config.text.maxParagraphChars, bulletChars: bulletChars(theme), listMinPt, fits });
  return withNotes(fillToc(fitted, parts));
}

/** Bullets are split over slides rather than set smaller than this (points). */
const LIST_MIN_PT = 20;

/** Characters of two bullet lines at the deck's largest body size (short slides are set at it). */
function bulletChars(theme: DeckTheme): number {
  const size = theme.bodySizes[0] ?? 24;
  const perLine = Math.floor(((BODY.w * PT_PER_IN - 2 * INSET_PT - BULLET_INDENT_PT) * 0.97) / size);
  return 2 * perLine;
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
