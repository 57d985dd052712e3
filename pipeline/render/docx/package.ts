/**
 * The docx package made deterministic and finished where the `docx` API stops:
 *
 * - zip entries dated with the briefing date (docx's zip writer stamps the clock);
 * - docProps/core.xml created/modified = the briefing date (docx writes "now");
 * - drawing ids (wp:docPr, pic:cNvPr) numbered from 1 in document order (docx counts
 *   them process-wide, so a second document in the same worker would differ);
 * - word/fontTable.xml naming the faces with their fallbacks (fonts.ts);
 * - w:snapToGrid 0 in the styles whose text is not on the body grid (docx has no
 *   paragraph-level option for it).
 */
import { repack } from '../xlsx/zip.js';
import { fontTableXml } from './fonts.js';
import { OFF_GRID } from './styles.js';

export function finishPackage(zip: Uint8Array, opts: { date: string }): Uint8Array {
  // midnight of the briefing date, China Standard Time (as the PDF's dates)
  const when = new Date(`${opts.date}T00:00:00+08:00`);
  const iso = when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const out = repack(zip, when, (name, text) => {
    if (name === 'docProps/core.xml') {
      return text
        .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${iso}$2`)
        .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${iso}$2`);
    }
    if (name === 'word/fontTable.xml') return fontTableXml();
    if (name === 'word/styles.xml') return offGrid(text);
    if (name === 'word/document.xml' || /^word\/(header|footer)\d*\.xml$/.test(name)) return renumberDrawings(text);
    return text;
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Drawing object ids in document order, from 1. */
export function renumberDrawings(xml: string): string {
  let n = 0;
  return xml.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++n}"`).replace(/<pic:cNvPr id="\d+"/g, (() => {
    let k = 0;
    return () => `<pic:cNvPr id="${++k}"`;
  })());
}

/**
 * w:snapToGrid w:val="0" in the paragraph properties of the off-grid styles, at its place
 * in CT_PPrBase (after w:bidi/w:adjustRightInd, before w:spacing).
 */
export function offGrid(styles: string): string {
  return styles.replace(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>[\s\S]*?<\/w:style>/g, (style, id: string) => {
    if (!OFF_GRID.includes(id)) return style;
    if (!/<w:pPr>/.test(style)) return style.replace(/(<w:rPr>|<\/w:style>)/, '<w:pPr><w:snapToGrid w:val="0"/></w:pPr>$1');
    return style.replace(/<w:pPr>([\s\S]*?)<\/w:pPr>/, (_m, inner: string) => `<w:pPr>${insertSnap(inner)}</w:pPr>`);
  });
}

const AFTER_SNAP = ['w:spacing', 'w:ind', 'w:contextualSpacing', 'w:mirrorIndents', 'w:suppressOverlap', 'w:jc', 'w:textDirection', 'w:textAlignment', 'w:textboxTightWrap', 'w:outlineLvl', 'w:divId', 'w:cnfStyle', 'w:rPr', 'w:sectPr', 'w:pPrChange'];

function insertSnap(inner: string): string {
  let at = inner.length;
  for (const tag of AFTER_SNAP) {
    const i = inner.search(new RegExp(`<${tag}[ />]`));
    if (i >= 0 && i < at) at = i;
  }
  return `${inner.slice(0, at)}<w:snapToGrid w:val="0"/>${inner.slice(at)}`;
}
