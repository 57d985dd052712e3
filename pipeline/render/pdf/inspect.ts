/**
 * Read a PDF back (pdfjs-dist): text items with positions, reassembled lines, document
 * info and outline. Used by the preflight checker and by the tests.
 *
 * Coordinates are converted to the layout's convention: points from the TOP-left corner.
 */

export interface PdfTextItem {
  str: string;
  /** Left edge and baseline, from the top-left of the page. */
  x: number;
  baseline: number;
  width: number;
  /** Font size (vertical scale of the text matrix). */
  size: number;
  fontName: string;
  /** The font dictionary's /BaseFont (ABCDEF+PostScriptName) of a read-back item, '' when pdfjs did not load it. */
  baseFont?: string;
}

export interface PdfLine {
  text: string;
  x: number;
  right: number;
  baseline: number;
  size: number;
  items: PdfTextItem[];
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfTextItem[];
  lines: PdfLine[];
}

export interface PdfOutlineItem {
  title: string;
  page?: number;
  items: PdfOutlineItem[];
}

/** What `readPdfText` reads: text with positions, info and outline; no font names. */
export interface PdfTextBack {
  pages: PdfPage[];
  info: Record<string, unknown>;
  outline: PdfOutlineItem[];
}

export interface PdfReadBack extends PdfTextBack {
  /** Font names pdfjs reports per page (loadedName → real name). */
  fonts: string[];
}

interface PdfjsTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

/** How many PDFs this process read back (a build reads none: its checks run at layout time). */
export const readBacks = { count: 0 };

/** Read a PDF back whole: text with positions, the /BaseFont of every item and the fonts used. */
export async function readPdf(data: Uint8Array): Promise<PdfReadBack> {
  return read(data, true);
}

/**
 * Read only the text (positions, lines, info, outline): no font names and no item's
 * /BaseFont, so pdfjs does not build each page's operator list (≈ 0.4× the CPU of
 * `readPdf` on a 16-page briefing). For callers that check words and places, not faces.
 */
export async function readPdfText(data: Uint8Array): Promise<PdfTextBack> {
  const { pages, info, outline } = await read(data, false);
  return { pages, info, outline };
}

async function read(data: Uint8Array, withFonts: boolean): Promise<PdfReadBack> {
  readBacks.count++;
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs detaches the buffer it is given: hand it a copy
  const task = pdfjs.getDocument({ data: data.slice(), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: PdfPage[] = [];
    const fontNames = new Set<string>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const height = y1 - y0;
      const content = await page.getTextContent();
      const styles = content.styles as Record<string, { fontFamily?: string }>;
      const items: PdfTextItem[] = [];
      for (const raw of content.items as unknown[]) {
        const it = raw as PdfjsTextItem;
        if (typeof it.str !== 'string' || !Array.isArray(it.transform)) continue;
        const [, , , d, e, f] = it.transform as [number, number, number, number, number, number];
        items.push({ str: it.str, x: e - x0, baseline: height - (f - y0), width: it.width, size: Math.abs(d), fontName: styles[it.fontName]?.fontFamily ?? it.fontName, baseFont: it.fontName });
      }
      if (withFonts) {
        const ops = await page.getOperatorList();
        // the font dictionary's /BaseFont of each item (ABCDEF+PostScriptName)
        for (const item of items) {
          const id = item.baseFont ?? '';
          const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string }) : undefined;
          item.baseFont = font?.name ?? '';
        }
        for (const [k, fn] of ops.fnArray.entries()) {
          if (fn === pdfjs.OPS.setFont) {
            const id = (ops.argsArray[k] as [string])[0];
            const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string }) : undefined;
            if (font?.name) fontNames.add(font.name);
          }
        }
      } else {
        for (const item of items) delete item.baseFont;
      }
      pages.push({ number: n, width: x1 - x0, height, items, lines: groupLines(items) });
      page.cleanup();
    }
    const meta = await doc.getMetadata();
    const outline = await readOutline(doc, (await doc.getOutline()) ?? []);
    return { pages, info: (meta.info ?? {}) as Record<string, unknown>, outline, fonts: [...fontNames].sort() };
  } finally {
    await doc.destroy();
  }
}

interface RawOutline {
  title: string;
  dest: unknown;
  items: RawOutline[];
}

interface PdfjsDoc {
  getDestination(id: string): Promise<unknown[] | null>;
  getPageIndex(ref: { num: number; gen: number }): Promise<number>;
}

async function readOutline(doc: PdfjsDoc, items: RawOutline[]): Promise<PdfOutlineItem[]> {
  const out: PdfOutlineItem[] = [];
  for (const it of items) {
    let page: number | undefined;
    try {
      const dest = typeof it.dest === 'string' ? await doc.getDestination(it.dest) : (it.dest as unknown[] | null);
      const ref = dest?.[0];
      if (ref && typeof ref === 'object') page = (await doc.getPageIndex(ref as { num: number; gen: number })) + 1;
    } catch {
      page = undefined;
    }
    out.push({ title: it.title, page, items: await readOutline(doc, it.items ?? []) });
  }
  return out;
}

/**
 * Reassemble lines: items on the same baseline that touch (gap under half a character)
 * belong to one line; a wider gap starts another line (the next table cell).
 */
export function groupLines(items: PdfTextItem[]): PdfLine[] {
  const sorted = items
    // pdfjs adds white-space items to bridge gaps: they would glue table cells together
    .filter((i) => i.str.trim().length > 0)
    .sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const lines: PdfLine[] = [];
  let cur: PdfLine | undefined;
  for (const it of sorted) {
    const sameRow = cur && Math.abs(it.baseline - cur.baseline) < Math.max(1.5, 0.15 * it.size);
    const touching = cur && it.x - cur.right < 0.5 * Math.max(it.size, cur.size) && it.x >= cur.x - 0.5;
    if (cur && sameRow && touching) {
      cur.text += it.str;
      cur.right = Math.max(cur.right, it.x + it.width);
      cur.items.push(it);
      cur.size = Math.max(cur.size, it.size);
    } else {
      cur = { text: it.str, x: it.x, right: it.x + it.width, baseline: it.baseline, size: it.size, items: [it] };
      lines.push(cur);
    }
  }
  return lines.filter((l) => l.text.trim().length > 0);
}
