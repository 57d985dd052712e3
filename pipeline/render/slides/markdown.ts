/**
 * Slides → Marp-compatible Markdown (汇报提纲 slides.md).
 *
 *   slide boundary      → a `---` separator
 *   speaker notes       → an HTML comment, which Marp shows as speaker notes
 *   ::: chart …         → the chart's numbers as a table (Marp has no charts)
 *   ::: note 标签 …     → a blockquote led by the label
 *   ::: numbers …       → its content (the PowerPoint deck shows it as number cards)
 *   a compact list      → `<!-- _class: two-columns -->` (see outline.isCompactList)
 */
import type { Block, Inline } from '../doc/ast.js';
import { num } from '../../core/format.js';
import { chartSpecOf } from './chart-spec.js';
import { isCompactList, notesText, type Slide } from './outline.js';

export interface MarpOptions {
  title: string;
  /** Footer text shown on every slide. */
  footer?: string;
  /** CSS font-family list, first choice first. */
  fonts?: string[];
  /** Accent colour, six hex digits. */
  accent?: string;
}

const DEFAULT_FONTS = ['Microsoft YaHei', 'PingFang SC', 'Noto Sans SC'];

export function slidesToMarp(slides: Slide[], opts: MarpOptions): string {
  const fonts = [...(opts.fonts ?? DEFAULT_FONTS), 'sans-serif'].map((f) => (f === 'sans-serif' ? f : JSON.stringify(f))).join(', ');
  const front = ['---', 'marp: true', 'theme: default', 'paginate: true', 'lang: zh-CN', `title: ${JSON.stringify(opts.title)}`];
  if (opts.footer) front.push(`footer: ${JSON.stringify(opts.footer)}`);
  front.push(
    'style: |',
    `  section { font-family: ${fonts}; }`,
    `  h1, h2 { color: #${opts.accent ?? 'C8102E'}; }`,
    '  section.two-columns ul { column-count: 2; }',
    '---',
    '',
  );
  const body = slides.map(slideToMd).join('\n\n---\n\n');
  return `${front.join('\n')}${body}\n`;
}

function slideToMd(s: Slide): string {
  const parts: string[] = [];
  if (s.blocks.some((b) => b.type === 'list' && isCompactList(b))) parts.push('<!-- _class: two-columns -->');
  const shown = blocksToMd(s.blocks);
  if (shown) parts.push(shown);
  const notes = notesText(s.notes);
  if (notes.length) parts.push(`<!--\n${notes.join('\n\n').replace(/--/g, '—')}\n-->`);
  return parts.join('\n\n').replace(/\n{3,}/g, '\n\n').trim();
}

function blocksToMd(blocks: Block[]): string {
  return blocks.map(blockToMd).filter(Boolean).join('\n\n');
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
        case 'chart':
          return chartTable(b);
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

function chartTable(d: Extract<Block, { type: 'directive' }>): string {
  const spec = chartSpecOf(d);
  const header = `| 项目 | ${spec.series.map((s) => escapeMd(s.name)).join(' | ')} |`;
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
