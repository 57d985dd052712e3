/**
 * Slide outline (汇报提纲): the "slides.md" template, parsed, written back as Marp Markdown.
 */
import type { Renderer } from '../registry.js';
import { docToMarp } from './markdown.js';

export const slidesRenderer: Renderer = {
  format: 'slides',
  templates: ['slides.md'],
  async render(ctx) {
    const { doc } = ctx.doc('slides.md');
    const v = ctx.view;
    const md = docToMarp(doc, { title: v.shortTitle, footer: `${v.district.shortName} · ${v.dateCn}` });
    return [{ name: 'slides.md', data: md }];
  },
};
