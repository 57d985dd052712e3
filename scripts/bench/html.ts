/**
 * The same briefing content as HTML for headless Chromium's print-to-PDF (bench reference
 * only): the approach of browser-based report servers. Fonts are the same TTF files,
 * loaded with @font-face from the file system.
 */
import type { Block, Doc, Inline } from '../../pipeline/render/doc/ast.js';

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function inline(nodes: Inline[]): string {
  return nodes.map((n) => (n.type === 'text' ? esc(n.value) : n.type === 'strong' ? `<strong>${inline(n.children)}</strong>` : '<br>')).join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `<h${b.level}>${inline(b.children)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${inline(b.children)}</p>`;
    case 'list':
      return `<${b.ordered ? 'ol' : 'ul'}>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${b.ordered ? 'ol' : 'ul'}>`;
    case 'table':
      return `<table><thead><tr>${b.header.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'chart': {
      const spec = b.spec;
      const max = Math.max(...spec.series.flatMap((s) => s.data), 1);
      const bars = spec.categories
        .map((c, i) => `<div class="bar"><span>${esc(c)}</span><i style="width:${(((spec.series[0]?.data[i] ?? 0) / max) * 70).toFixed(1)}%"></i></div>`)
        .join('');
      return `<figure><figcaption>${esc(spec.title)}</figcaption>${bars}</figure>`;
    }
    case 'directive':
      if (b.name === 'pagebreak') return '<div style="break-after: page"></div>';
      return (b.children ?? []).map(block).join('');
  }
}

export function docToHtml(doc: Doc, fonts: { serif: string; sans: string }, masthead: { name: string; issue: string; office: string; date: string }): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@font-face { font-family: BodySerif; src: url("file://${fonts.serif}"); }
@font-face { font-family: BodySans; src: url("file://${fonts.sans}"); }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt BodySerif; vertical-align: top; padding-top: 7mm; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt BodySerif; vertical-align: top; padding-top: 7mm; } }
body { font: 16pt/28.95pt BodySerif; letter-spacing: -0.2pt; text-align: justify; margin: 0; }
p { text-indent: 2em; margin: 0; }
h1 { font-size: 22pt; text-align: center; margin: 0 0 28.95pt; }
h2, h3, h4, h5 { font: 16pt/28.95pt BodySans; margin: 0; text-indent: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.4; }
th, td { border: 0.5pt solid #000; padding: 2pt 4pt; }
thead { display: table-header-group; }
.masthead { color: #C8102E; text-align: center; font-size: 36pt; font-weight: bold; line-height: 1.5; }
.meta { display: flex; justify-content: space-between; border-bottom: 1.5pt solid #C8102E; }
.bar { display: flex; align-items: center; } .bar span { width: 30%; } .bar i { display: block; height: 8pt; background: #C8102E; }
</style></head><body>
<div class="masthead">${esc(masthead.name)}</div><div style="text-align:center">${esc(masthead.issue)}</div>
<div class="meta"><span>${esc(masthead.office)}</span><span>${esc(masthead.date)}</span></div>
${doc.children.map(block).join('\n')}
</body></html>`;
}
