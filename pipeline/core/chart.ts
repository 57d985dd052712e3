/**
 * A chart specification: renderer-neutral chart data. derive makes them from the data
 * (model/charts.ts, model/progress/), templates put them in the Doc as `::: chart` blocks
 * (YAML bodies), `parseDoc` checks each body against this one schema when the Doc is built,
 * and the PDF (ECharts SVG), briefing.docx (the same SVG as PNG) and deck (native PowerPoint
 * chart) renderers draw the typed result.
 */
import { z } from 'zod';
import { msg } from '../messages/index.js';

/** A colour as #RRGGBB (a status colour of core/status.ts, for instance). */
const Colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: () => msg('chart.colour') });

const Series = z
  .object({
    name: z.coerce.string(),
    data: z.array(z.number()),
    /** A fixed colour for a series that means something (a status). */
    color: Colour.optional(),
    /** One colour per category, for a series whose bars each mean something (a status per bar). */
    colors: z.array(Colour).optional(),
  })
  .strict();

export const ChartSpecSchema = z
  .object({
    type: z.enum(['bar', 'line']),
    title: z.string().default(''),
    unit: z.string().default(''),
    categories: z.array(z.coerce.string()).min(1),
    series: z.array(Series).min(1),
    /** Bars running left to right, categories down the side (long labels stay on one line). */
    horizontal: z.boolean().optional(),
    /** Series stacked into one bar per category. */
    stacked: z.boolean().optional(),
    /** Per category, the value as the data words it (增长15%左右): renderers show it beside the bar. */
    labels: z.array(z.coerce.string()).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    s.series.forEach((x, i) => {
      if (x.data.length !== s.categories.length) {
        ctx.addIssue({ code: 'custom', path: ['series', i, 'data'], message: msg('chart.perCategory', { n: s.categories.length }), input: x.data });
      }
      if (x.colors && x.colors.length !== s.categories.length) {
        ctx.addIssue({ code: 'custom', path: ['series', i, 'colors'], message: msg('chart.perCategory', { n: s.categories.length }), input: x.colors });
      }
    });
    if (s.labels && s.labels.length !== s.categories.length) {
      ctx.addIssue({ code: 'custom', path: ['labels'], message: msg('chart.perCategory', { n: s.categories.length }), input: s.labels });
    }
  });

/** A checked chart: what the schema gives (title and unit default to ''). */
export type ChartSpec = z.output<typeof ChartSpecSchema>;
