/**
 * The YAML body of a `::: chart` block → a checked ChartSpec. Templates write these blocks
 * (usually through the `chart` helper), so a malformed one is a template problem.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { JianbaoError } from '../../errors.js';
import type { ChartSpec } from '../../core/chart.js';
import type { Directive } from '../doc/ast.js';

const Spec = z
  .object({
    type: z.enum(['bar', 'line']),
    title: z.string().default(''),
    unit: z.string().default(''),
    categories: z.array(z.coerce.string()).min(1),
    series: z.array(z.object({ name: z.coerce.string(), data: z.array(z.number()) })).min(1),
    labels: z.array(z.coerce.string()).optional(),
  })
  .refine((s) => s.series.every((x) => x.data.length === s.categories.length), {
    error: 'every series needs one number per category',
  })
  .refine((s) => !s.labels || s.labels.length === s.categories.length, { error: 'labels need one entry per category' });

export function chartSpecOf(d: Directive, template = 'slides.md'): ChartSpec {
  let raw: unknown;
  try {
    raw = parse(d.raw ?? '');
  } catch (cause) {
    throw problem(d, template, `the chart's YAML body does not parse: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`);
  }
  const typed = raw && typeof raw === 'object' && !('type' in raw) && d.args ? { ...raw, type: d.args } : raw;
  const r = Spec.safeParse(typed);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw problem(d, template, `expected a chart with type (bar or line), categories and series: ${issue.path.join('.') || '(body)'}: ${issue.message}`);
  }
  return r.data;
}

function problem(d: Directive, template: string, message: string): JianbaoError {
  return new JianbaoError('template', [{ location: { kind: 'file', file: `templates/…/${template}.hbs` }, field: `::: chart (rendered line ${d.line})`, message }]);
}
