/**
 * Template → Doc, the one way: escape the view, render the named template for the district,
 * parse the text (charts checked against the one schema), and turn a text that is not a
 * valid Doc into a located template error (the template file, the line of the rendered text,
 * the field, 期望…，实际…). The build (build/meeting.ts) and the distribution notes
 * (distribute/notice.ts) both come here.
 */
import { JianbaoError } from '../../errors.js';
import { msg } from '../../messages/index.js';
import type { TemplateSet } from '../template.js';
import type { Doc } from './ast.js';
import { escapeDeep } from './escape.js';
import { DocSyntaxError, parseDoc } from './parse.js';

export interface TemplateDoc {
  /** The template's rendered text (the intermediate Markdown form). */
  text: string;
  doc: Doc;
}

/** Render `name` (e.g. "briefing.md") for a district with an unescaped context and parse it. */
export function templateDoc(templates: TemplateSet, name: string, district: string, context: unknown): TemplateDoc {
  const text = templates.render(name, district, escapeDeep(context));
  try {
    return { text, doc: parseDoc(text) };
  } catch (err) {
    if (!(err instanceof DocSyntaxError)) throw err;
    const file = templates.inputs(name, district).find((t) => t.rel === `${name}.hbs`)?.file ?? `${name}.hbs`;
    throw new JianbaoError(
      'template',
      err.problems.map((p) => ({
        location: { kind: 'file', file },
        field: p.field ?? msg('doc.line', { line: p.line }),
        message: p.message,
        ...(p.found !== undefined ? { found: p.found } : {}),
        ...(p.hint ? { hint: p.hint } : {}),
      })),
      { cause: err },
    );
  }
}
