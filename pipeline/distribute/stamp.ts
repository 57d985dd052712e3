/**
 * Numbered copies (份号) stamped onto the rendered briefing.pdf — the master is never laid
 * out again: its pages are kept as they are and a small content stream is appended to
 * each (pdf-lib), with the stamp text set in a subset of the heiti role font.
 *
 *   page 1, the masthead's first line (where 密级 sits on the left):
 *                                           发：区发展改革委  000009
 *   every page, when the meeting is internal: the recipient's name, light, diagonal
 *
 * Fonts: pdf-lib's own font engine (@pdf-lib/fontkit 1.1) writes broken TrueType subsets
 * for the Noto CJK fonts (only some glyphs render; pdf-lib#1232, #494, #808: its fork
 * predates fontkit's loca fixes). So the fontkit that pdfkit itself embeds the briefing's
 * fonts with (fontkit 2, the same copy fonts.ts uses) is handed to pdf-lib through a small
 * adapter; its subsets are the ones the master already proves good.
 *
 * Deterministic: pdf-lib names resources with a seeded generator, the subset tag and the
 * second /ID half are hashes of the stamp, and the document info is left as the master
 * has it (dates come from the briefing date) plus JianbaoCopy / JianbaoRecipient.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, degrees, drawLinesOfText, rgb, type Color, type PDFFont, type PDFPage, type PDFRef } from 'pdf-lib';
import { JianbaoError } from '../errors.js';
import { msg } from '../messages/index.js';
import { pdfkitFontkit } from '../render/pdf/fonts.js';
import type { Theme } from '../render/pdf/theme.js';

/** What is stamped on one copy. */
export interface CopyStamp {
  /** 份号, six digits. */
  serial: string;
  /** The line before the 份号: `发：区发展改革委` or `存档`. */
  label: string;
  /** Recipient name for the diagonal watermark (internal meetings), on every page. */
  watermark?: string;
  /** Recorded in the document info (JianbaoRecipient). */
  recipient: string;
}

export interface StampFont {
  /** The font file of the heiti role, as the build resolved it (shown in messages). */
  file: string;
  /** Its bytes (a .ttc member already extracted as a plain font), from the same resolution. */
  bytes: Uint8Array;
  /** hhea ascender in 1/1000 em, as pdfkit placed the masthead's first line with it. */
  ascender: number;
}

export interface StampGeometry {
  theme: Theme;
  font: StampFont;
  /** 密级 printed at the left of the same line (its width is kept free). */
  secrecy?: string;
}

/** 份号: 16 pt 黑体, like the 密级 on the same line. */
export const SERIAL_SIZE = 16;
const LABEL_SIZE = 12;
const LABEL_MIN_SIZE = 8;
const WATERMARK_ANGLE = 30;
const WATERMARK_MAX_SIZE = 40;
const WATERMARK_OPACITY = 0.18;
const WATERMARK_GRAY = 0.4;

// ---------------------------------------------------------------- fontkit adapter

interface Fontkit2Subset {
  includeGlyph(glyph: number | { id: number }): number;
  encode(): Uint8Array;
  encodeStream?: () => unknown;
}
interface Fontkit2Font {
  postscriptName: string;
  directory?: { tables: Record<string, unknown> };
  createSubset(): Fontkit2Subset;
}
interface Fontkit2 {
  create(data: Uint8Array): Fontkit2Font;
}

/** Parsed fonts by their bytes: one parse per process (fontkit reads tables lazily). */
const PARSED = new WeakMap<Uint8Array, { bytes: Uint8Array; font: Fontkit2Font }>();

/** A TrueType font pdf-lib can subset, or a clear refusal naming the file. */
function parsedFont(f: StampFont): { bytes: Uint8Array; font: Fontkit2Font } {
  let hit = PARSED.get(f.bytes);
  if (!hit) {
    const bytes = f.bytes;
    let font: Fontkit2Font | { fonts: unknown[] } | undefined;
    let detail = '';
    try {
      font = pdfkitFontkit<{ create(d: Uint8Array): Fontkit2Font | { fonts: unknown[] } }>().create(bytes);
    } catch (err) {
      detail = err instanceof Error ? err.message : String(err);
    }
    if (!font || 'fonts' in font || typeof font.createSubset !== 'function' || !(font.directory && 'glyf' in font.directory.tables)) {
      throw new JianbaoError('config', [{ location: { kind: 'file', file: f.file }, field: 'heiti', message: msg('distribute.stampFont', { file: f.file, detail: detail || msg('distribute.stampFontKind') }) }]);
    }
    // pdf-lib serialises a subset through fontkit 1's encodeStream(); fontkit 2 has encode().
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      subset.encodeStream = () => {
        const handlers: Record<string, (x?: unknown) => void> = {};
        const stream = {
          on(event: string, fn: (x?: unknown) => void) {
            handlers[event] = fn;
            // pdf-lib registers 'data', 'end', then 'error': all listeners are in place
            if (event === 'error') {
              queueMicrotask(() => {
                try {
                  handlers.data?.(subset.encode());
                  handlers.end?.();
                } catch (err) {
                  handlers.error?.(err);
                }
              });
            }
            return stream;
          },
        };
        return stream;
      };
      return subset;
    };
    hit = { bytes, font };
    PARSED.set(bytes, hit);
  }
  return hit;
}

/** The adapter pdf-lib's registerFontkit() takes: hands back the font parsed once. */
function fontkitFor(f: StampFont): Parameters<PDFDocument['registerFontkit']>[0] {
  const { font } = parsedFont(f);
  return { create: () => font } as unknown as Parameters<PDFDocument['registerFontkit']>[0];
}

// ---------------------------------------------------------------- stamping

function hex(data: string, len: number): string {
  return createHash('sha256').update(data).digest('hex').slice(0, len);
}

/** A subset tag (six capital letters) derived from what the subset holds. */
function subsetTag(seed: string): string {
  const h = createHash('sha256').update(seed).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (h[i]! % 26));
  return tag;
}

async function embedStampFont(doc: PDFDocument, geo: StampGeometry, texts: string[]): Promise<PDFFont> {
  const { bytes, font } = parsedFont(geo.font);
  doc.registerFontkit(fontkitFor(geo.font));
  const chars = [...new Set([...texts.join('')])].sort().join('');
  const name = `${subsetTag(`${font.postscriptName}\0${chars}`)}+${font.postscriptName}`;
  return doc.embedFont(bytes, { subset: true, customName: name });
}

/** Width of the 密级 at the left of the first line, in points (0 without one). */
function secrecyWidth(font: PDFFont, secrecy: string | undefined): number {
  return secrecy ? font.widthOfTextAtSize(secrecy, SERIAL_SIZE) : 0;
}

/**
 * Draws stamp text with fixed resource names. pdf-lib's drawText() registers a fresh,
 * randomly named font entry and graphics state in the page's resources at every call; the
 * collated archive shares each master page's resources among all its copies, so those
 * would pile up (hundreds of entries per dictionary). Here every page gets the same two
 * names, pointing at the same two objects.
 */
interface Pen {
  doc: PDFDocument;
  font: PDFFont;
  /** The watermark's graphics state (transparency), made on first use. */
  gs?: PDFRef;
}
const FONT_KEY = 'JianbaoStamp';
const GS_KEY = 'JianbaoWatermark';

function pen(doc: PDFDocument, font: PDFFont): Pen {
  return { doc, font };
}

function write(page: PDFPage, p: Pen, text: string, o: { x: number; y: number; size: number; color: Color; rotate?: number; translucent?: boolean }): void {
  page.node.setFontDictionary(PDFName.of(FONT_KEY), p.font.ref);
  if (o.translucent) {
    p.gs ??= p.doc.context.register(p.doc.context.obj({ Type: 'ExtGState', ca: PDFNumber.of(WATERMARK_OPACITY), CA: PDFNumber.of(WATERMARK_OPACITY) }));
    page.node.setExtGState(PDFName.of(GS_KEY), p.gs);
  }
  page.pushOperators(
    ...drawLinesOfText([p.font.encodeText(text)], {
      color: o.color,
      font: FONT_KEY,
      size: o.size,
      lineHeight: o.size,
      rotate: degrees(o.rotate ?? 0),
      xSkew: degrees(0),
      ySkew: degrees(0),
      x: o.x,
      y: o.y,
      graphicsState: o.translucent ? GS_KEY : undefined,
    }),
  );
}

/** Draw the 份号 line on page 1: label and serial on the baseline of the masthead's first line. */
function drawSerial(page: PDFPage, p: Pen, stamp: CopyStamp, geo: StampGeometry): void {
  const { theme } = geo;
  const font = p.font;
  const H = page.getHeight();
  const baseline = theme.typeArea.y + (geo.font.ascender / 1000) * SERIAL_SIZE;
  const y = H - baseline;
  const serialWidth = font.widthOfTextAtSize(stamp.serial, SERIAL_SIZE);
  const right = theme.typeArea.right;
  write(page, p, stamp.serial, { x: right - serialWidth, y, size: SERIAL_SIZE, color: rgb(0, 0, 0) });

  // the label: one character's gap before the serial, clear of the 密级 by one character
  const gap = SERIAL_SIZE;
  const room = theme.typeArea.width - serialWidth - gap - (geo.secrecy ? secrecyWidth(font, geo.secrecy) + gap : 0);
  let label = stamp.label;
  let size = LABEL_SIZE;
  while (size > LABEL_MIN_SIZE && font.widthOfTextAtSize(label, size) > room) size -= 0.5;
  if (font.widthOfTextAtSize(label, size) > room) {
    const chars = [...label];
    while (chars.length > 1 && font.widthOfTextAtSize(`${chars.join('')}…`, size) > room) chars.pop();
    label = `${chars.join('')}…`;
  }
  const labelWidth = font.widthOfTextAtSize(label, size);
  write(page, p, label, { x: right - serialWidth - gap - labelWidth, y, size, color: rgb(0.2, 0.2, 0.2) });
}

/**
 * The recipient's name three times down the type area, diagonal (30°), light grey and
 * translucent, each kept inside the type area.
 */
function drawWatermark(page: PDFPage, p: Pen, text: string, geo: StampGeometry): void {
  const font = p.font;
  const area = geo.theme.typeArea;
  const H = page.getHeight();
  const a = (WATERMARK_ANGLE * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const rows = 3;
  const rowHeight = area.height / rows;
  // as large as fits: the rotated box within 90 % of the width and of one row's height
  let size = WATERMARK_MAX_SIZE;
  const box = (s: number) => {
    const len = font.widthOfTextAtSize(text, s);
    return { w: len * cos + s * sin, h: len * sin + s * cos, len };
  };
  while (size > 12 && (box(size).w > area.width * 0.9 || box(size).h > rowHeight * 0.95)) size -= 1;
  const { len } = box(size);
  // visual centre of a CJK line: about 0.38 em above the baseline
  const lift = 0.38 * size;
  const grey = rgb(WATERMARK_GRAY, WATERMARK_GRAY, WATERMARK_GRAY);
  for (let r = 0; r < rows; r++) {
    const cx = area.x + area.width / 2;
    const cy = H - (area.y + rowHeight * (r + 0.5));
    const x = cx - (len / 2) * cos + lift * sin;
    const y = cy - (len / 2) * sin - lift * cos;
    write(page, p, text, { x, y, size, color: grey, rotate: WATERMARK_ANGLE, translucent: true });
  }
}

function stampTexts(s: CopyStamp, secrecy?: string): string[] {
  return [s.serial, s.label, '…', s.watermark ?? '', secrecy ?? ''];
}

function setInfo(doc: PDFDocument, stamp: CopyStamp): void {
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  if (info && 'set' in info && typeof info.set === 'function') {
    info.set(PDFName.of('JianbaoCopy'), PDFString.of(stamp.serial));
    info.set(PDFName.of('JianbaoRecipient'), PDFHexString.fromText(stamp.recipient));
  }
}

/** Keep the master's first /ID half (same document), derive the second from the stamp. */
function setId(doc: PDFDocument, seed: string): void {
  const old = doc.context.trailerInfo.ID;
  const arr = old instanceof PDFArray ? old : undefined;
  const first = arr?.get(0);
  const firstHex = first instanceof PDFHexString ? first.asString() : hex(`jianbao-id\0${seed}`, 32);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(firstHex), PDFHexString.of(hex(`${firstHex}\0${seed}`, 32))]);
}

export interface Stamper {
  /** One recipient's copy: the master's pages with the stamp added. */
  copy(stamp: CopyStamp): Promise<Uint8Array>;
  /** Several copies one after another in one PDF (the 存档 copies); pages are shared, only stamps differ. */
  collated(stamps: CopyStamp[], title: string): Promise<Uint8Array>;
  pages: number;
}

export async function createStamper(master: Uint8Array, geo: StampGeometry, opts: { watermark: boolean }): Promise<Stamper> {
  const probe = await PDFDocument.load(master, { updateMetadata: false });
  const pages = probe.getPageCount();
  const masterHash = createHash('sha256').update(master).digest('hex');

  return {
    pages,
    async copy(stamp) {
      const doc = await PDFDocument.load(master, { updateMetadata: false });
      const p = pen(doc, await embedStampFont(doc, geo, stampTexts(stamp, geo.secrecy)));
      const all = doc.getPages();
      drawSerial(all[0]!, p, stamp, geo);
      if (opts.watermark && stamp.watermark) for (const page of all) drawWatermark(page, p, stamp.watermark, geo);
      setInfo(doc, stamp);
      setId(doc, `${masterHash}\0${stamp.serial}\0${stamp.label}\0${stamp.watermark ?? ''}`);
      return doc.save({ useObjectStreams: true, addDefaultPage: false });
    },
    async collated(stamps, title) {
      const src = await PDFDocument.load(master, { updateMetadata: false });
      const doc = await PDFDocument.create({ updateMetadata: false });
      const indices = stamps.flatMap(() => Array.from({ length: pages }, (_, i) => i));
      // one copyPages call: fonts, images and content streams of the master are copied once
      const copied = indices.length ? await doc.copyPages(src, indices) : [];
      for (const p of copied) doc.addPage(p);
      const p = pen(doc, await embedStampFont(doc, geo, stamps.flatMap((s) => stampTexts(s, geo.secrecy))));
      stamps.forEach((s, k) => {
        const mine = copied.slice(k * pages, (k + 1) * pages);
        drawSerial(mine[0]!, p, s, geo);
        if (opts.watermark && s.watermark) for (const page of mine) drawWatermark(page, p, s.watermark, geo);
      });
      // document info from the master (fixed dates), titled as the archive
      const date = src.getCreationDate();
      doc.setTitle(title);
      const author = src.getAuthor();
      if (author) doc.setAuthor(author);
      const subject = src.getSubject();
      if (subject) doc.setSubject(subject);
      doc.setCreator('jianbao');
      doc.setProducer('jianbao (pdfmake 0.3, pdf-lib 1.17)');
      if (date) {
        doc.setCreationDate(date);
        doc.setModificationDate(src.getModificationDate() ?? date);
      }
      doc.setLanguage('zh-CN');
      const first = stamps[0]?.serial ?? '';
      const last = stamps.at(-1)?.serial ?? '';
      const info = doc.context.lookup(doc.context.trailerInfo.Info);
      if (info && 'set' in info && typeof info.set === 'function') info.set(PDFName.of('JianbaoCopy'), PDFString.of(`${first}-${last}`));
      setId(doc, `${masterHash}\0archive\0${stamps.map((s) => `${s.serial}\0${s.label}`).join('\0')}`);
      return doc.save({ useObjectStreams: true, addDefaultPage: false });
    },
  };
}
