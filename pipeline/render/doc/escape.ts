/**
 * Escaping of data values for the intermediate Markdown form.
 *
 * Templates are compiled with `noEscape` (Handlebars' HTML escaping corrupts Markdown);
 * instead, every string of the view model is escaped once before rendering, so a task
 * named `*重点* | 项目` prints literally wherever a template puts it — in a paragraph, a
 * heading or a table cell. Helpers that produce markup return already-safe text.
 */

const INLINE_SPECIAL = /[\\*_`[\]|<>#]/g;

/** Escape one string so it renders literally in any inline position. */
export function escapeInline(s: string): string {
  let out = s.replace(INLINE_SPECIAL, (c) => `\\${c}`);
  // Block markers only matter at the start of a line: a value that begins with one must
  // not turn into a list, a heading or a directive.
  out = out
    .replace(/^([-+])(?=\s|$)/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^:{2,}/, (m) => m.replace(/:/g, '\\:'));
  // A line break inside a value becomes an explicit hard break, so a value never
  // splits a table row or ends a paragraph.
  return out.replace(/\r?\n/g, '<br>');
}

/** Deep-copy a plain value with every string escaped (numbers, booleans stay as they are). */
export function escapeDeep<T>(value: T): T {
  if (typeof value === 'string') return escapeInline(value) as T;
  if (Array.isArray(value)) return value.map((v) => escapeDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeDeep(v);
    return out as T;
  }
  return value;
}

/** Undo `escapeInline` for text a helper needs in plain form. */
export function unescapeInline(s: string): string {
  return s.replace(/<br>/g, '\n').replace(/\\([\\*_`[\]|<>#:+.)\-])/g, '$1');
}
