/**
 * The docx package made deterministic and finished where the `docx` API stops:
 *
 * - zip entries dated with the briefing date (docx's zip writer stamps the clock);
 * - docProps/core.xml created/modified = the briefing date (docx writes "now");
 * - drawing ids (wp:docPr, pic:cNvPr) numbered from 1 in document order (docx counts
 *   them process-wide, so a second document in the same worker would differ);
 * - word/fontTable.xml naming the faces with their fallbacks (fonts.ts);
 * - w:snapToGrid 0 in the styles whose text is not on the body grid, w:autoSpaceDE/DN 0
 *   in the table styles (docx has no style option for either).
 */
import { packFiles, repack } from '../../core/zip.js';
import { fontTableXml } from './fonts.js';
import { NO_AUTOSPACE, OFF_GRID } from './styles.js';

export function finishPackage(zip: Uint8Array, opts: { date: string }): Uint8Array {
  const when = packageTime(opts.date);
  const out = repack(zip, when, patcher(when));
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** `finishPackage` of the zip docx would make of these parts, without docx zipping them first. */
export function finishParts(parts: Map<string, string | Uint8Array>, opts: { date: string }): Uint8Array {
  const when = packageTime(opts.date);
  const out = packFiles([...parts].map(([name, data]) => ({ name, data })), when, patcher(when));
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Midnight of the briefing date, China Standard Time (as the PDF's dates). */
function packageTime(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

function patcher(when: Date): (name: string, text: string) => string {
  const iso = when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (name, text) => {
    if (name === 'docProps/core.xml') {
      return text
        .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${iso}$2`)
        .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${iso}$2`);
    }
    if (name === 'word/fontTable.xml') return fontTableXml();
    if (name === 'word/styles.xml') return offGrid(text);
    if (name === 'word/document.xml' || /^word\/(header|footer)\d*\.xml$/.test(name)) return renumberDrawings(text);
    return text;
  };
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
 * Paragraph properties docx has no style option for, written into styles.xml at their
 * place in CT_PPrBase:
 * - w:snapToGrid 0 in the off-grid styles (OFF_GRID);
 * - w:autoSpaceDE/DN 0 in the table styles (NO_AUTOSPACE): Word and LibreOffice otherwise
 *   add a gap between Chinese and digits ("2023 年 12 月"), which the PDF does not, and
 *   the column widths measured for the PDF's text would wrap dates.
 */
export function offGrid(styles: string): string {
  return styles.replace(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>[\s\S]*?<\/w:style>/g, (style, id: string) => {
    let add = '';
    if (NO_AUTOSPACE.includes(id)) add += '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>';
    if (OFF_GRID.includes(id)) add += '<w:snapToGrid w:val="0"/>';
    if (!add) return style;
    if (!/<w:pPr>/.test(style)) return style.replace(/(<w:rPr>|<\/w:style>)/, `<w:pPr>${add}</w:pPr>$1`);
    return style.replace(/<w:pPr>([\s\S]*?)<\/w:pPr>/, (_m, inner: string) => `<w:pPr>${insertBefore(inner, add, AFTER_AUTOSPACE)}</w:pPr>`);
  });
}

/** CT_PPrBase elements that come after w:autoSpaceDN (and so after w:snapToGrid too). */
const AFTER_AUTOSPACE = ['w:bidi', 'w:adjustRightInd', 'w:snapToGrid', 'w:spacing', 'w:ind', 'w:contextualSpacing', 'w:mirrorIndents', 'w:suppressOverlap', 'w:jc', 'w:textDirection', 'w:textAlignment', 'w:textboxTightWrap', 'w:outlineLvl', 'w:divId', 'w:cnfStyle', 'w:rPr', 'w:sectPr', 'w:pPrChange'];

function insertBefore(inner: string, add: string, after: string[]): string {
  let at = inner.length;
  for (const tag of after) {
    const i = inner.search(new RegExp(`<${tag}[ />]`));
    if (i >= 0 && i < at) at = i;
  }
  return `${inner.slice(0, at)}${add}${inner.slice(at)}`;
}
