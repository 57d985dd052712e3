/**
 * The output checks at layout time: the preflight's findings (preflight.ts) without
 * reading the PDF back.
 *
 * Every operator pdfkit writes into a page — for pdfmake's lines, table cells, the
 * masthead, the footer and the chart labels svg-to-pdfkit draws — passes through the
 * document's `addContent`. While a briefing is drawn, a tracer follows the few operators
 * that place text (q Q cm BT Tf Tm Tc Tz TJ) the way a PDF reader does, decoding each
 * glyph through the font's own glyph → Unicode table (the table pdfkit writes as
 * ToUnicode), and groups the glyphs into text items with the rules pdfjs uses (a gap over
 * 0.6 em or a change of font ends an item; a gap over 0.102 em reads as a space). At the
 * end of the document the fonts it used are known under the names they are embedded as.
 * The page checks then run on these pages exactly as on a read-back, so a build needs no
 * PDF reader; `jianbao preflight FILE` and the tests keep the read-back.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { groupLines, type PdfTextItem } from './inspect.js';
import { fontListFindings, missingGlyphFindings, pageFindings, type CheckedPage, type Finding } from './preflight.js';
import type { Theme } from './theme.js';

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m × n in PDF's row-vector convention (apply m first, then n). */
function mul(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/** The part of a pdfkit font the tracer reads. */
interface PdfkitFont {
  id: string;
  name?: string;
  /** EmbeddedFont: subset glyph id → code points, and advance widths in 1/1000 em. */
  unicode?: number[][];
  widths?: number[];
  font?: { postscriptName?: string };
  /** StandardFont (AFM): width of a string at a size. */
  widthOfString?(s: string, size: number): number;
  /** Set once the font was used on a page (and so written to the file). */
  dictionary?: unknown;
}

interface PdfkitDoc {
  page: { width: number; height: number };
  _fontFamilies: Record<string, PdfkitFont>;
  _font?: PdfkitFont;
  addContent(s: string): PdfkitDoc;
  addPage(...args: unknown[]): unknown;
}

/** pdfjs's normalisation of text content (compatibility characters, NFKC). */
const NORMALIZE = /([\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+)|(\ufb05+)/gu;
const WHITESPACE = /^[\s\u00a0\u2000-\u200a\u3000]$/u;

interface Run {
  str: string;
  fontKey: string;
  /** start of the item (device space, PDF coordinates: origin bottom-left) */
  x: number;
  y: number;
  size: number;
  width: number;
  /** where the last glyph ended */
  endX: number;
  endY: number;
}

interface TracedPage {
  width: number;
  height: number;
  items: PdfTextItem[];
  run?: Run;
}

/** Follows one document's text operators; see the module comment. */
class Tracer {
  readonly pages: TracedPage[] = [];
  private ctm: Matrix = IDENTITY;
  private stack: { ctm: Matrix; tc: number; tz: number }[] = [];
  private tm: Matrix = IDENTITY;
  private font?: PdfkitFont;
  private fontSize = 0;
  private tc = 0;
  private tz = 100;
  private readonly fonts = new Map<string, PdfkitFont>();

  constructor(private readonly doc: PdfkitDoc) {}

  newPage(): void {
    this.flush();
    this.pages.push({ width: 0, height: 0, items: [] }); // measured once pdfkit made the page
    this.ctm = IDENTITY;
    this.stack = [];
    this.tc = 0;
    this.tz = 100;
  }

  pageMade(): void {
    const page = this.pages.at(-1);
    if (page) Object.assign(page, { width: this.doc.page.width, height: this.doc.page.height });
  }

  op(s: string): void {
    const cut = s.lastIndexOf(' ');
    const op = cut < 0 ? s : s.slice(cut + 1);
    switch (op) {
      case 'q':
        this.stack.push({ ctm: this.ctm, tc: this.tc, tz: this.tz });
        return;
      case 'Q': {
        const g = this.stack.pop();
        if (g) ({ ctm: this.ctm, tc: this.tc, tz: this.tz } = g);
        return;
      }
      case 'cm':
        this.ctm = mul(numbers(s, 6) as Matrix, this.ctm);
        return;
      case 'BT':
        this.tm = IDENTITY;
        return;
      case 'Tm':
        this.tm = numbers(s, 6) as Matrix;
        return;
      case 'Tc':
        this.tc = numbers(s, 1)[0]!;
        return;
      case 'Tz':
        this.tz = numbers(s, 1)[0]!;
        return;
      case 'Tf': {
        const m = /^\/(\S+)\s+(\S+)\s+Tf$/.exec(s);
        if (m) {
          this.font = this.fontById(m[1]!);
          this.fontSize = Number(m[2]);
        }
        return;
      }
      case 'TJ':
        this.showText(s);
        return;
      default:
    }
  }

  private fontById(id: string): PdfkitFont | undefined {
    let f = this.fonts.get(id);
    if (!f) {
      const all = [this.doc._font, ...Object.values(this.doc._fontFamilies)];
      f = all.find((x) => x?.id === id);
      if (f) this.fonts.set(id, f);
    }
    return f;
  }

  /** `[<hex> n <hex> n …] TJ`: each glyph with its position, as pdfjs builds text items. */
  private showText(s: string): void {
    const page = this.pages.at(-1);
    const font = this.font;
    if (!page || !font) return;
    const fs = this.fontSize;
    const th = this.tz / 100;
    let tx = 0; // advance along the text line, in text space
    for (const m of s.matchAll(/<([0-9a-fA-F]*)>|(-?\d*\.?\d+(?:e-?\d+)?)/g)) {
      if (m[2] !== undefined) {
        tx -= (Number(m[2]) / 1000) * fs * th;
        continue;
      }
      for (const { text, width } of glyphs(font, m[1]!, fs)) {
        // the glyph ends at its advance width; character spacing only moves the pen on
        // (pdfjs counts it as the gap before the next glyph, so not after the last one)
        const trm = mul(mul([1, 0, 0, 1, tx, 0], this.tm), this.ctm);
        const after = mul(mul([1, 0, 0, 1, tx + width * fs * th, 0], this.tm), this.ctm);
        tx += (width * fs + this.tc) * th;
        const size = Math.abs(fs * mul(this.tm, this.ctm)[3]);
        this.glyph(page, font, text, trm[4], trm[5], after[4], after[5], size);
      }
    }
  }

  private glyph(page: TracedPage, font: PdfkitFont, text: string, x: number, y: number, endX: number, endY: number, size: number): void {
    // white space is not text to pdfjs: it only moves the pen (the gap it leaves may read as a space)
    if (WHITESPACE.test(text)) return;
    // glyphs off the page are not read
    if (endX < 0 || x > page.width || y < 0 || y > page.height) return;
    const fontKey = `${font.id}/${size}`;
    let run = page.run;
    if (run && run.fontKey !== fontKey) run = this.flush();
    if (run) {
      const gap = x - run.endX;
      // pdfjs: another baseline, more than 0.6 em apart or overlapping by 0.2 em → a new item
      if (Math.abs(y - run.endY) > run.size * 0.25 || gap < -0.2 * run.size || gap > 0.6 * run.size) run = this.flush();
      else if (gap >= 0.102 * run.size && !run.str.endsWith(' ')) run.str += ' ';
    }
    if (!run) run = page.run = { str: '', fontKey, x, y, size, width: 0, endX: x, endY: y };
    run.str += text;
    run.endX = endX;
    run.endY = endY;
    run.width = endX - run.x;
  }

  flush(): undefined {
    const page = this.pages.at(-1);
    const run = page?.run;
    if (page && run) {
      if (run.str) {
        const str = run.str.replaceAll(NORMALIZE, (_all, p1: string | undefined) => (p1 ? p1.normalize('NFKC') : 'ſt'));
        page.items.push({ str, x: run.x, baseline: page.height - run.y, width: run.width, size: run.size, fontName: run.fontKey });
      }
      page.run = undefined;
    }
    return undefined;
  }

  /** The fonts written into the file: used on a page; embedded unless a standard PDF font. */
  usedFonts(): { name: string; embedded: boolean }[] {
    const out = new Map<string, boolean>();
    for (const f of Object.values(this.doc._fontFamilies)) {
      if (!f?.dictionary) continue;
      if (f.unicode && f.font) {
        // pdfkit's EmbeddedFont.embed(): the subset tag is derived from the font's id
        const tag = [1, 2, 3, 4, 5, 6].map((i) => String.fromCharCode((f.id.charCodeAt(i) || 73) + 17)).join('');
        out.set(`${tag}+${f.font.postscriptName?.replaceAll(' ', '_')}`, true);
      } else if (f.name) out.set(f.name, false);
    }
    return [...out].map(([name, embedded]) => ({ name, embedded }));
  }
}

function numbers(s: string, n: number): number[] {
  return s.trim().split(/\s+/).slice(0, n).map(Number);
}

/** Decode a hex string of glyph codes: text and advance (em) per glyph. */
function glyphs(font: PdfkitFont, hex: string, size: number): { text: string; width: number }[] {
  const out: { text: string; width: number }[] = [];
  if (font.unicode && font.widths) {
    for (let i = 0; i + 4 <= hex.length; i += 4) {
      const gid = Number.parseInt(hex.slice(i, i + 4), 16);
      const cps = font.unicode[gid];
      out.push({ text: cps?.length ? String.fromCodePoint(...cps) : '\uFFFD', width: (font.widths[gid] ?? 0) / 1000 });
    }
    return out;
  }
  // a standard (AFM) font: one byte per character, WinAnsi ≈ Latin-1 for what we draw
  for (let i = 0; i + 2 <= hex.length; i += 2) {
    const ch = String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16));
    out.push({ text: ch, width: size > 0 && font.widthOfString ? font.widthOfString(ch, size) / size : 0 });
  }
  return out;
}

// ---------------------------------------------------------------- installing the tracer

const pending = new WeakMap<object, LayoutTrace[]>();
let installed = false;

/**
 * pdfmake lays a document out with `LayoutBuilder.layoutDocument(content, pdfKitDoc, …)`
 * and then draws it synchronously; `content` is the array the renderer built, so it
 * names the document a tracer belongs to. Installed once per process.
 */
function install(): void {
  if (installed) return;
  const req = createRequire(import.meta.url);
  const builderPath = req.resolve('pdfmake/js/LayoutBuilder.js', { paths: [dirname(req.resolve('pdfmake'))] });
  const LayoutBuilder = (req(builderPath) as { default: { prototype: { layoutDocument(content: unknown, doc: PdfkitDoc, ...rest: unknown[]): unknown } } }).default;
  const layoutDocument = LayoutBuilder.prototype.layoutDocument;
  LayoutBuilder.prototype.layoutDocument = function (this: unknown, content: unknown, doc: PdfkitDoc, ...rest: unknown[]) {
    const waiting = content && typeof content === 'object' ? pending.get(content) : undefined;
    const tracer = waiting?.shift();
    if (tracer) attach(doc, tracer);
    return layoutDocument.call(this, content, doc, ...rest);
  };
  installed = true;
}

const attached = new WeakSet<object>();

function attach(doc: PdfkitDoc, slot: LayoutTrace): void {
  if (attached.has(doc)) return;
  attached.add(doc);
  const tracer = new Tracer(doc);
  slot.tracer = tracer;
  const addContent = doc.addContent;
  const addPage = doc.addPage;
  // pdfkit starts a page by writing its own operators through addContent (the flip of
  // the y axis): the page must exist before them.
  doc.addPage = function (this: PdfkitDoc, ...args: unknown[]) {
    tracer.newPage();
    const result = addPage.apply(this, args);
    tracer.pageMade();
    return result;
  };
  doc.addContent = function (this: PdfkitDoc, s: string) {
    tracer.op(s);
    return addContent.call(this, s);
  };
}

/** A request to trace the document laid out from `content` (the array handed to pdfmake). */
export interface LayoutTrace {
  tracer?: Tracer;
}

export function traceLayout(content: object): LayoutTrace {
  install();
  const slot: LayoutTrace = {};
  const list = pending.get(content) ?? [];
  list.push(slot);
  pending.set(content, list);
  return slot;
}

/** The preflight's findings for a traced document (call after the PDF was produced); undefined if it was not traced. */
export interface LayoutCheck {
  /** The pages as the checks saw them (text items and lines, PDF reader's conventions). */
  pages: CheckedPage[];
  /** Font names as embedded (ABCDEF+Name), sorted. */
  fonts: string[];
  findings: Finding[];
}

export function layoutFindings(trace: LayoutTrace, theme: Theme, missingGlyphs: string): LayoutCheck | undefined {
  // not traced (pdfmake laid the document out some other way): the caller reads it back
  const tracer = trace.tracer;
  if (!tracer) return undefined;
  tracer.flush();
  const fonts = tracer.usedFonts();
  const pages: CheckedPage[] = tracer.pages.map((p, i) => ({ number: i + 1, width: p.width, height: p.height, items: p.items, lines: groupLines(p.items) }));
  const findings = [...fontListFindings(fonts), ...missingGlyphFindings(missingGlyphs), ...pageFindings(pages, theme)];
  return { pages, fonts: fonts.map((f) => f.name).sort(), findings };
}
