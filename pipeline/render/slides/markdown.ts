/**
 * Doc → Marp-compatible Markdown (汇报提纲 slides.md).
 *
 *   ::slide            → a `---` slide separator
 *   ::: notes … :::    → an HTML comment, which Marp shows as speaker notes
 *   ::: chart …        → the chart's numbers as a table (Marp has no charts)
 *   ::: note 标签 …    → a blockquote led by the label
 */
import { parse } from 'yaml';
import type { ChartSpec } from '../../model/charts.js';
import { num } from '../format.js';
import type { Block, Doc, Inline } from '../doc/ast.js';

export interface MarpOptions {
  title: string;
  /** Footer text shown on every slide. */
  footer?: string;
}

export function docToMarp(doc: Doc, opts: MarpOptions): string {
  const front = ['---', 'marp: true', 'theme: default', 'paginate: true', 'lang: zh-CN', `title: ${JSON.stringify(opts.title)}`];
  if (opts.footer) front.push(`footer: ${JSON.stringify(opts.footer)}`);
  front.push('style: |', '  section { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans SC", sans-serif; }', '  h1, h2 { color: #C8102E; }', '---', '');
  const body = blocksToMd(doc.children).replace(/\n{3,}/g, '\n\n').trim();
  return `${front.join('\n')}${body}\n`;
}

function blocksToMd(blocks: Block[]): string {
  return blocks.map(blockToMd).join('\n\n');
}

function blockToMd(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${inlineToMd(b.children)}`;
    case 'paragraph':
      return escapeLineStart(inlineToMd(b.children));
    case 'list':
      return b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '-'} ${escapeLineStart(inlineToMd(it))}`).join('\n');
    case 'table': {
      const row = (cells: Inline[][]) => `| ${cells.map((c) => inlineToMd(c)).join(' | ')} |`;
      const sep = `| ${b.align.map((a) => (a === 'center' ? ':---:' : a === 'right' ? '---:' : a === 'left' ? ':---' : '---')).join(' | ')} |`;
      return [row(b.header), sep, ...b.rows.map(row)].join('\n');
    }
    case 'directive':
      switch (b.name) {
        case 'slide':
        case 'pagebreak':
          return '---';
        case 'notes':
          return `<!--\n${plainBlocks(b.children ?? []).replace(/--/g, '—')}\n-->`;
        case 'chart':
          return chartTable(b.raw ?? '');
        case 'note':
          return blocksToMd(b.children ?? [])
            .split('\n')
            .map((l, i) => (i === 0 && b.args ? `> **${escapeMd(b.args)}：**${l}` : `> ${l}`))
            .join('\n');
        default:
          return blocksToMd(b.children ?? []);
      }
  }
}

function chartTable(raw: string): string {
  const spec = parse(raw) as ChartSpec;
  const header = `| ${escapeMd(spec.title)} | ${spec.series.map((s) => escapeMd(s.name)).join(' | ')} |`;
  const sep = `| --- | ${spec.series.map(() => '---:').join(' | ')} |`;
  const rows = spec.categories.map((c, i) => `| ${escapeMd(c)} | ${spec.series.map((s) => num(s.data[i] ?? NaN)).join(' | ')} |`);
  return [header, sep, ...rows].join('\n');
}

/** Inline nodes back to Markdown, escaping what Markdown would otherwise interpret. */
export function inlineToMd(nodes: Inline[]): string {
  return nodes
    .map((n) => (n.type === 'text' ? escapeMd(n.value) : n.type === 'strong' ? `**${inlineToMd(n.children)}**` : '<br>'))
    .join('');
}

/** A line that starts like a list item, a heading or a rule must stay text. */
function escapeLineStart(s: string): string {
  return s.replace(/^([-+=])(?=\s|$)/, '\\$1').replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

function escapeMd(s: string): string {
  return s.replace(/[\\*_`[\]|<>#]/g, (c) => `\\${c}`);
}

function plainBlocks(blocks: Block[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'paragraph' || b.type === 'heading') return inlinePlain(b.children);
      if (b.type === 'list') return b.items.map((i) => `- ${inlinePlain(i)}`).join('\n');
      return '';
    })
    .filter(Boolean)
    .join('\n\n');
}

function inlinePlain(nodes: Inline[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.value : n.type === 'strong' ? inlinePlain(n.children) : '\n')).join('');
}
