/**
 * The walk the paged renderers share (the PDF engine for 简报 / 督查通报 / notes, and
 * briefing.docx): one block → the visitor's method for it. Slide-only directives
 * (`::slide`, `::: notes`) are skipped; an unknown directive is a template error at its line.
 */
import { JianbaoError } from '../../errors.js';
import { msg } from '../../messages/index.js';
import type { Block, Chart, Directive, Heading, List, Paragraph, Table } from './ast.js';

export interface PagedVisitor<R> {
  heading(b: Heading): R;
  paragraph(b: Paragraph): R;
  list(b: List): R;
  table(b: Table): R;
  chart(b: Chart): R;
  /** `::pagebreak` */
  pagebreak(d: Directive): R;
  /** `::: note 编者按` */
  note(d: Directive): R;
  /** `::: annex 标题` */
  annex(d: Directive): R;
}

/** `source` names the template in the error for an unknown directive. */
export function visitBlock<R>(b: Block, v: PagedVisitor<R>, source: string): R | undefined {
  switch (b.type) {
    case 'heading':
      return v.heading(b);
    case 'paragraph':
      return v.paragraph(b);
    case 'list':
      return v.list(b);
    case 'table':
      return v.table(b);
    case 'chart':
      return v.chart(b);
    case 'directive':
      switch (b.name) {
        case 'pagebreak':
          return v.pagebreak(b);
        case 'note':
          return v.note(b);
        case 'annex':
          return v.annex(b);
        case 'slide':
        case 'notes':
          return undefined;
        default:
          throw new JianbaoError('template', [{ location: { kind: 'file', file: source, line: b.line }, message: msg('doc.unknownDirective', { name: b.name }) }]);
      }
  }
}

/** How many `::: annex` blocks a document has, at any depth (numbered only when more than one). */
export function countAnnexes(blocks: Block[]): number {
  let n = 0;
  for (const b of blocks) if (b.type === 'directive') n += (b.name === 'annex' ? 1 : 0) + countAnnexes(b.children ?? []);
  return n;
}
