/**
 * The same briefing content as Typst markup (bench reference only): Doc → .typ with the
 * GB/T 9704 page geometry and the same Noto fonts, compiled by the native Typst compiler
 * shipped in @myriaddreamin/typst-ts-node-compiler.
 */
import type { Block, Doc, Inline } from '../../pipeline/render/doc/ast.js';

function esc(s: string): string {
  return s.replace(/[\\#*_`$@<>[\]=~\/"-]/g, (c) => `\\${c}`);
}

function inline(nodes: Inline[]): string {
  return nodes.map((n) => (n.type === 'text' ? esc(n.value) : n.type === 'strong' ? `*${inline(n.children)}*` : ' \\ ')).join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'heading':
      return b.level === 1 ? `#align(center)[#text(size: 22pt, font: "Noto Serif SC", weight: "bold")[${inline(b.children)}]]\n` : `${'='.repeat(b.level - 1)} ${inline(b.children)}\n`;
    case 'paragraph':
      return `${inline(b.children)}\n`;
    case 'list':
      return b.items.map((i) => `${b.ordered ? '+' : '-'} ${inline(i)}`).join('\n') + '\n';
    case 'table': {
      const cells = [...b.header.map((c) => `[*${inline(c)}*]`), ...b.rows.flat().map((c) => `[${inline(c)}]`)];
      return `#table(columns: ${b.header.length}, stroke: 0.5pt, inset: 4pt, table.header(repeat: true, ${cells.slice(0, b.header.length).join(', ')}), ${cells.slice(b.header.length).join(', ')})\n`;
    }
    case 'chart': {
      const spec = b.spec;
      // Typst has no charting built in: draw the bars as boxes (same data, similar ink).
      const max = Math.max(...spec.series.flatMap((s) => s.data), 1);
      const bars = spec.categories
        .map((c, i) => `[${esc(c)}], [#box(width: ${(((spec.series[0]?.data[i] ?? 0) / max) * 100).toFixed(1)}%, height: 8pt, fill: rgb("#C8102E"))]`)
        .join(', ');
      return `#figure(caption: [${esc(spec.title)}])[#table(columns: (30%, 70%), stroke: none, ${bars})]\n`;
    }
    case 'directive':
      if (b.name === 'pagebreak') return '#pagebreak()\n';
      return (b.children ?? []).map(block).join('\n');
  }
}

export function docToTypst(doc: Doc, masthead: { name: string; issue: string; office: string; date: string }): string {
  return `#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),
  footer: context { let n = counter(page).get().first(); if calc.odd(n) { align(right)[#text(size: 14pt)[— #n —]] } else { align(left)[#text(size: 14pt)[— #n —]] } })
#set text(font: ("Noto Serif SC"), size: 16pt, lang: "zh", region: "cn", tracking: -0.2pt)
#set par(justify: true, leading: 12.95pt, spacing: 12.95pt, first-line-indent: (amount: 2em, all: true))
#show heading: set text(font: "Noto Sans SC", size: 16pt, weight: "regular")
#show heading: set block(above: 12.95pt, below: 12.95pt)
#align(center)[#text(fill: rgb("#C8102E"), size: 36pt, font: "Noto Serif SC", weight: "bold")[${esc(masthead.name)}]]
#align(center)[${esc(masthead.issue)}]
#grid(columns: (1fr, 1fr), align(left)[${esc(masthead.office)}], align(right)[${esc(masthead.date)}])
#line(length: 100%, stroke: 1.5pt + rgb("#C8102E"))
${doc.children.map(block).join('\n')}
`;
}
