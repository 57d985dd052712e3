/**
 * The YAML body of a `::: chart` block → a checked ChartSpec (the one schema, core/chart.ts),
 * or the problems located by line of the rendered text. Called once per chart, by parseDoc.
 */
import { LineCounter, parseDocument } from 'yaml';
import { ChartSpecSchema, type ChartSpec } from '../../core/chart.js';
import { formatPath, locate, type YamlSource } from '../../core/source.js';
import { showValue } from '../../errors.js';
import { msg } from '../../messages/index.js';
import { issuesToProblems } from '../../model/validate.js';

/** A problem in the rendered text of a template, by its 1-based line there. */
export interface DocProblem {
  line: number;
  col?: number;
  field?: string;
  message: string;
  found?: string;
  hint?: string;
}

/** `first` is the line of `::: chart`; the body starts on the next line. */
export function chartOf(body: string, args: string, first: number): { spec: ChartSpec } | { problems: DocProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(body, { lineCounter: lines, schema: 'core', prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const at = lines.linePos(e.pos[0]);
    return { problems: [{ line: first + at.line, col: at.col, field: msg('chart.field', { line: first + at.line, path: '' }), message: msg('chart.yaml', { detail: e.message.split('\n')[0]! }) }] };
  }
  const raw: unknown = doc.toJS();
  // `::: chart bar` names the type when the body does not
  const data = raw && typeof raw === 'object' && !Array.isArray(raw) && !('type' in raw) && args ? { ...raw, type: args } : raw;
  const r = ChartSpecSchema.safeParse(data, { reportInput: true });
  if (r.success) return { spec: r.data };
  const src: YamlSource = { file: '', text: body, doc, lines, data };
  const problems: DocProblem[] = [];
  // the schema's own messages (a colour, one entry per category) are already the "expected …" text
  const own = (i: { code: string }) => i.code === 'custom' || i.code === 'invalid_format';
  const custom = r.error.issues.filter(own);
  const located = issuesToProblems(src, ChartSpecSchema, r.error.issues.filter((i) => !own(i))).map((p) => ({
    line: p.location.kind === 'file' ? (p.location.line ?? 1) : 1,
    col: p.location.kind === 'file' ? p.location.col : undefined,
    path: p.field,
    message: p.message,
    found: p.found,
    hint: p.hint,
  }));
  for (const i of custom) {
    const { line, col } = locate(src, i.path as (string | number)[]);
    located.push({ line, col, path: formatPath(i.path as (string | number)[]), message: i.message, found: showValue((i as { input?: unknown }).input), hint: undefined });
  }
  for (const p of located) {
    // a path the body does not hold (a missing field) is located at the body's first line
    const line = first + Math.max(1, p.line);
    problems.push({ line, col: p.col, field: msg('chart.field', { line, path: p.path ?? '' }), message: p.message, found: p.found, ...(p.hint ? { hint: p.hint } : {}) });
  }
  return { problems: problems.sort((a, b) => a.line - b.line) };
}
