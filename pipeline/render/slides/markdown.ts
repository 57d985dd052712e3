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
import type { ChartSpec } from '../../core/chart.js';
import { num } from '../../core/format.js';
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
  front.push('style: |', ...themeCss(fonts, opts.accent ?? 'C8102E').map((l) => `  ${l}`), '---', '');
  const body = slides.map(slideToMd).join('\n\n---\n\n');
  return `${front.join('\n')}${body}\n`;
}

/**
 * The deck's own look on top of Marp's default theme: titles at the top of every slide
 * (not centred), CJK fonts, a rule under the title, tables in the body size with
 * numbers that never break ("291个" stays whole), covers centred.
 */
function themeCss(fonts: string, accent: string): string[] {
  return [
    `section { font-family: ${fonts}; font-size: 26px; line-height: 1.45; padding: 48px 64px 60px; place-content: start stretch; }`,
    `h1, h2, h3 { color: #${accent}; }`,
    `h2 { font-size: 38px; margin: 0 0 18px; padding-bottom: 8px; border-bottom: 2px solid #${accent}; }`,
    'h3 { font-size: 28px; margin: 0 0 8px; }',
    'ul, ol { margin: 0; padding-left: 1.2em; }',
    'li { margin: 0 0 6px; }',
    `li::marker { color: #${accent}; }`,
    `strong { color: #${accent}; }`,
    'table { font-size: 19px; width: 100%; display: table; border-collapse: collapse; }',
    `th { background: #${accent}; color: #fff; padding: 5px 10px; }`,
    'td { padding: 4px 10px; border-bottom: 1px solid #D9D9D9; }',
    'td[style*="center"], td[style*="right"], th[style*="center"], th[style*="right"] { white-space: nowrap; }',
    'tr:nth-child(even) td { background: #F5F5F5; }',
    'blockquote { font-size: 22px; border-left: 6px solid #D9D9D9; margin: 0; padding-left: 16px; }',
    'section.cover { place-content: safe center center; text-align: center; }',
    'section.cover h1 { font-size: 52px; }',
    'section.numbers ul:first-of-type { display: grid; grid-template-columns: repeat(3, 1fr); gap: 14px; list-style: none; padding: 0; }',
    'section.numbers ul:first-of-type > li { background: #F5F5F5; border-top: 5px solid #' + accent + '; padding: 12px 16px; font-size: 22px; }',
    'section.numbers ul:first-of-type > li strong { display: block; font-size: 36px; white-space: nowrap; }',
    'section.two-columns ul { column-count: 2; }',
    'footer { font-size: 16px; }',
  ];
}

function slideToMd(s: Slide): string {
  const parts: string[] = [];
  const classes = [
    ...(s.blocks[0]?.type === 'heading' && s.blocks[0].level === 1 ? ['cover'] : []),
    ...(s.blocks.some((b) => b.type === 'directive' && b.name === 'numbers') ? ['numbers'] : []),
    ...(s.blocks.some((b) => b.type === 'list' && isCompactList(b)) ? ['two-columns'] : []),
  ];
  if (classes.length) parts.push(`<!-- _class: ${classes.join(' ')} -->`);
  if (classes.includes('cover')) parts.push('<!-- _paginate: false -->');
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
    case 'chart':
      return chartTable(b.spec);
    case 'directive':
      switch (b.name) {
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

function chartTable(spec: ChartSpec): string {
  // With labels (增长15%左右) the last series is shown in the data's own words.
  const last = spec.series.length - 1;
  const cell = (si: number, i: number) => (spec.labels && si === last ? escapeMd(spec.labels[i] ?? '') : num(spec.series[si]!.data[i] ?? NaN));
  const header = `| 项目 | ${spec.series.map((s) => escapeMd(s.name)).join(' | ')} |`;
  const sep = `| --- | ${spec.series.map(() => '---:').join(' | ')} |`;
  const rows = spec.categories.map((c, i) => `| ${escapeMd(c)} | ${spec.series.map((_, si) => cell(si, i)).join(' | ')} |`);
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
