/**
 * Parse the intermediate Markdown form (see ast.ts for the syntax) into a Doc.
 * Pure and small on purpose: templates are written by office staff, so every construct
 * the parser accepts is listed in docs/TEMPLATES.md, and anything else is a paragraph.
 */
import type { Align, Block, Directive, Doc, Inline } from './ast.js';
import { chartOf, type DocProblem } from './chart.js';
import { msg } from '../../messages/index.js';

export type { DocProblem } from './chart.js';

/** The rendered text is not a valid Doc: what is wrong, by line of that text (render/doc/index.ts locates it in its template). */
export class DocSyntaxError extends Error {
  readonly line: number;
  constructor(readonly problems: DocProblem[]) {
    super(problems.map((p) => `${p.line}: ${p.field ? `${p.field} ` : ''}${p.message}${p.found !== undefined ? ` (${p.found})` : ''}`).join('; '));
    this.name = 'DocSyntaxError';
    this.line = problems[0]?.line ?? 0;
  }
}

const syntax = (line: number, message: string) => new DocSyntaxError([{ line, message }]);

export function parseDoc(text: string): Doc {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const { blocks, next } = parseBlocks(lines, 0, false);
  if (next < lines.length) throw syntax(next + 1, msg('doc.strayClose'));
  return { children: blocks };
}

const FENCE_OPEN = /^:::\s*([A-Za-z][\w-]*)\s*(.*)$/;
const LEAF = /^::([A-Za-z][\w-]*)\s*(.*)$/;
const HEADING = /^(#{1,5})\s+(.*)$/;
const BULLET = /^[-*+]\s+(.*)$/;
const ORDERED = /^\d+[.)]\s+(.*)$/;
const TABLE_ROW = /^\|.*\|\s*$/;
const TABLE_SEP = /^\|(\s*:?-{3,}:?\s*\|)+\s*$/;

function parseBlocks(lines: string[], start: number, inContainer: boolean): { blocks: Block[]; next: number } {
  const blocks: Block[] = [];
  let i = start;
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ type: 'paragraph', children: parseInline(para.map((l) => l.trim()).join('')) });
    para = [];
  };
  while (i < lines.length) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === ':::') {
      flush();
      if (inContainer) return { blocks, next: i };
      throw syntax(i + 1, msg('doc.strayClose'));
    }
    if (trimmed === '') {
      flush();
      i++;
      continue;
    }
    let m: RegExpMatchArray | null;
    if ((m = trimmed.match(FENCE_OPEN))) {
      flush();
      const name = m[1]!;
      const { args, attrs } = parseArgs(m[2]!);
      if (name === 'chart') {
        // a YAML body, checked against the one chart schema here, once
        const body: string[] = [];
        let j = i + 1;
        while (j < lines.length && lines[j]!.trim() !== ':::') body.push(lines[j++]!);
        if (j >= lines.length) throw syntax(i + 1, msg('doc.unclosed', { name }));
        const checked = chartOf(body.join('\n'), args, i + 1);
        if ('problems' in checked) throw new DocSyntaxError(checked.problems);
        blocks.push({ type: 'chart', spec: checked.spec, args, attrs, line: i + 1 });
        i = j + 1;
        continue;
      }
      const dir: Directive = { type: 'directive', name, args, attrs, line: i + 1 };
      const inner = parseBlocks(lines, i + 1, true);
      if (inner.next >= lines.length) throw syntax(i + 1, msg('doc.unclosed', { name }));
      dir.children = inner.blocks;
      i = inner.next + 1;
      blocks.push(dir);
      continue;
    }
    if ((m = trimmed.match(LEAF))) {
      flush();
      const { args, attrs } = parseArgs(m[2]!);
      blocks.push({ type: 'directive', name: m[1]!, args, attrs, line: i + 1 });
      i++;
      continue;
    }
    if ((m = trimmed.match(HEADING))) {
      flush();
      blocks.push({ type: 'heading', level: m[1]!.length as 1 | 2 | 3 | 4 | 5, children: parseInline(m[2]!.trim()) });
      i++;
      continue;
    }
    if (BULLET.test(trimmed) || ORDERED.test(trimmed)) {
      flush();
      const ordered = ORDERED.test(trimmed);
      const re = ordered ? ORDERED : BULLET;
      const items: Inline[][] = [];
      while (i < lines.length) {
        const t = lines[i]!.trim();
        const mm = t.match(re);
        if (mm) items.push(parseInline(mm[1]!.trim()));
        else if (t !== '' && /^\s{2,}/.test(lines[i]!) && items.length) {
          // continuation line of the previous item
          items[items.length - 1]!.push(...parseInline(t));
        } else break;
        i++;
      }
      blocks.push({ type: 'list', ordered, items });
      continue;
    }
    if (TABLE_ROW.test(trimmed) && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1]!.trim())) {
      flush();
      const header = splitRow(trimmed).map(parseInline);
      const align = splitRow(lines[i + 1]!.trim()).map(parseAlign);
      if (align.length !== header.length) throw syntax(i + 2, msg('doc.tableSep', { sep: align.length, header: header.length }));
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && TABLE_ROW.test(lines[i]!.trim())) {
        const cells = splitRow(lines[i]!.trim());
        if (cells.length !== header.length) throw syntax(i + 1, msg('doc.tableRow', { cells: cells.length, header: header.length }));
        rows.push(cells.map(parseInline));
        i++;
      }
      blocks.push({ type: 'table', align, header, rows });
      continue;
    }
    para.push(line);
    i++;
  }
  flush();
  return { blocks, next: i };
}

/** Split `| a | b\|c |` into cells, honouring backslash escapes. */
function splitRow(row: string): string[] {
  const body = row.trim().replace(/^\|/, '').replace(/\|\s*$/, '');
  const cells: string[] = [];
  let cur = '';
  for (let k = 0; k < body.length; k++) {
    const c = body[k]!;
    if (c === '\\' && k + 1 < body.length) {
      cur += c + body[k + 1]!;
      k++;
    } else if (c === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

function parseAlign(cell: string): Align {
  const c = cell.trim();
  const left = c.startsWith(':');
  const right = c.endsWith(':');
  return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
}

/** `trend {unit="亿元" width=300}` → args "trend", attrs {unit:"亿元", width:"300"} */
export function parseArgs(s: string): { args: string; attrs: Record<string, string> } {
  const attrs: Record<string, string> = {};
  const brace = s.indexOf('{');
  if (brace < 0 || !s.trim().endsWith('}')) return { args: s.trim(), attrs };
  const inner = s.slice(brace + 1, s.lastIndexOf('}'));
  const re = /([A-Za-z][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(inner))) attrs[m[1]!] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
  return { args: s.slice(0, brace).trim(), attrs };
}

/** Inline: `**strong**`, backslash escapes, `<br>`. Everything else is literal text. */
export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  const stack: Inline[][] = [out];
  let buf = '';
  const push = (n: Inline) => stack[stack.length - 1]!.push(n);
  const flushText = () => {
    if (buf) push({ type: 'text', value: buf });
    buf = '';
  };
  for (let k = 0; k < s.length; k++) {
    const c = s[k]!;
    if (c === '\\' && k + 1 < s.length && /[\\*_`[\]|<>#:+.\-!{}()]/.test(s[k + 1]!)) {
      buf += s[k + 1]!;
      k++;
    } else if (c === '*' && s[k + 1] === '*') {
      flushText();
      if (stack.length > 1) {
        stack.pop();
      } else {
        const node: Inline = { type: 'strong', children: [] };
        push(node);
        stack.push(node.children);
      }
      k++;
    } else if (c === '<' && s.startsWith('<br>', k)) {
      flushText();
      push({ type: 'break' });
      k += 3;
    } else buf += c;
  }
  flushText();
  if (stack.length > 1) {
    // An unclosed ** is literal text, as in Markdown.
    const open = stack[0]!;
    const strong = open.pop() as Extract<Inline, { type: 'strong' }>;
    open.push({ type: 'text', value: '**' }, ...strong.children);
    return mergeText(open);
  }
  return mergeText(out);
}

function mergeText(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (n.type === 'text' && last?.type === 'text') last.value += n.value;
    else out.push(n);
  }
  return out;
}
