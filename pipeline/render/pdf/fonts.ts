/**
 * Fonts by role (仿宋 fangsong, 楷体 kaiti, 黑体 heiti, 小标宋 xiaobiaosong, 宋体 songti) for
 * pdfmake: which file each role uses comes resolved in the RenderContext (`ResolvedFonts`,
 * made by the build in load/fonts.ts); this module never reads a file — it asks the
 * resolution for the bytes of a face when the document first uses it, so only the font
 * files a document uses are read.
 *
 * A face is parsed ONCE per process: pdfmake re-opens every font for every document, so the
 * bytes are handed to it through its virtual file system (an entry that asks for the bytes
 * when pdfmake first opens it), and the parsed fontkit object is kept here for measuring
 * text (line breaking) and checking glyph coverage. fontkit is the engine pdfkit itself
 * lays text out with, so widths measured here are the widths pdfmake uses.
 */
import pdfmake, { type FontFaces } from 'pdfmake';
import { JianbaoError } from '../../errors.js';
import { msg } from '../../messages/index.js';
import { FONT_ROLES, fontkitEngine, type FontFile, type FontRole, type ResolvedFonts, type RoleResolution } from './font-roles.js';

export { FONT_ROLES, ROLE_LABEL, ROLE_USE, type FontRole, type ResolvedFonts, type RoleResolution } from './font-roles.js';

/** The part of a fontkit font this module uses. */
interface FontkitFont {
  postscriptName: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  directory: { tables: Record<string, unknown> };
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string): { advanceWidth: number };
}
interface Fontkit {
  create(data: Uint8Array): FontkitFont | { fonts: unknown[] };
}

export interface Face {
  role: FontRole;
  bold: boolean;
  /** The font file (for a collection: the .ttc; see `index`). */
  file: string;
  index: number;
  postscriptName: string;
  /** hhea ascender/descender in 1/1000 em (descender negative), as pdfkit uses them. */
  ascender: number;
  descender: number;
}

export interface FontSet {
  /** pdfmake / SVG font family name of a role. */
  family(role: FontRole): string;
  face(role: FontRole, bold?: boolean): Face;
  /** Width in points of `text` set in a role's face at `size`, as pdfkit measures it (no tracking). */
  measure(role: FontRole, bold: boolean, size: number, text: string): number;
  /** Height pdfmake gives a line at lineHeight 1: (ascender − descender) × size. */
  lineBox(role: FontRole, bold: boolean, size: number): number;
  /** Code points in `text` the face has no glyph for. */
  missing(role: FontRole, bold: boolean, text: string): number[];
  /** The bytes of a face (a .ttc member extracted as a plain font), read on first use. */
  data(role: FontRole, bold?: boolean): Uint8Array;
  /** The pdfmake font dictionary (paths are virtual-file-system keys). */
  pdfmakeFonts: Record<string, FontFaces>;
  /** What each role resolved to and why. */
  resolution: Record<FontRole, RoleResolution>;
}

interface LoadedFace extends Face {
  font: FontkitFont;
  widths: Map<string, number>;
}

// ---------------------------------------------------------------- the font cache

/** Parsed fonts by file + collection member: filled once per process, never evicted. */
const FONT_CACHE = new Map<string, FontkitFont>();
/** pdfmake virtual-file-system keys by file + collection member, and the reverse. */
const VFS_KEYS = new Map<string, string>();
const VFS_FILES = new Map<string, string>();
/** Font sets by resolution. */
const SET_CACHE = new Map<string, FontSet>();

/** pdfkit's own fontkit module (so fonts parsed here are the ones pdfkit uses); typed by the caller. */
export function pdfkitFontkit<T>(): T {
  return fontkitEngine<T>();
}

function fontkit(): Fontkit {
  return fontkitEngine<Fontkit>();
}

function fontError(role: string, f: FontFile, message: string, cause?: unknown): JianbaoError {
  return new JianbaoError('render', [{ location: { kind: 'file', file: f.file }, field: role, message }], { cause });
}

function bytesOf(fonts: ResolvedFonts, role: string, f: FontFile): Uint8Array {
  try {
    return fonts.bytes(f);
  } catch (cause) {
    if (cause instanceof JianbaoError) throw cause;
    throw fontError(role, f, msg('fonts.unreadable', { role, file: f.file, detail: (cause as Error).message }), cause);
  }
}

function openFont(fonts: ResolvedFonts, role: string, f: FontFile): FontkitFont {
  const key = `${f.file}#${f.index}`;
  const cached = FONT_CACHE.get(key);
  if (cached) return cached;
  const data = bytesOf(fonts, role, f);
  let font: FontkitFont | { fonts: unknown[] };
  try {
    font = fontkit().create(data);
  } catch (cause) {
    throw fontError(role, f, msg('fonts.unreadable', { role, file: f.file, detail: (cause as Error).message }), cause);
  }
  if (!font || 'fonts' in font) throw fontError(role, f, msg('fonts.unreadable', { role, file: f.file, detail: 'collection' }));
  if (!('glyf' in font.directory.tables)) throw fontError(role, f, msg('fonts.cff', { role, file: f.file }));
  FONT_CACHE.set(key, font);
  return font;
}

/**
 * The virtual-file-system key of a face: its PostScript name (from the name table, as fontkit
 * reads it). pdfkit registers every font it opens under that name, so when svg-to-pdfkit asks
 * for a chart font by this key it finds the font pdfmake already opened instead of trying to
 * read a file. The entry reads the bytes only when pdfmake opens the face.
 */
function vfsKey(fonts: ResolvedFonts, role: string, f: FontFile, postscriptName: string): string {
  const file = `${f.file}#${f.index}`;
  let key = VFS_KEYS.get(file);
  if (key) return key;
  const base = postscriptName || 'font';
  key = base;
  for (let k = 2; VFS_FILES.has(key); k++) key = `${base}-${k}`;
  VFS_KEYS.set(file, key);
  VFS_FILES.set(key, file);
  const storage = (pdfmake.virtualfs as unknown as { storage: Record<string, unknown> }).storage;
  Object.defineProperty(storage, key, { enumerable: true, configurable: true, get: () => bytesOf(fonts, role, f) });
  return key;
}

/** The font set of a build's resolved fonts; faces are read and parsed when first used. */
export function fontSet(fonts: ResolvedFonts): FontSet {
  const hit = SET_CACHE.get(fonts.key);
  if (hit) return hit;

  const resolution = fonts.roles;
  const faces = new Map<string, LoadedFace>();
  const pdfmakeFonts: Record<string, FontFaces> = {};
  const family = (role: FontRole) => `Jianbao${role[0]!.toUpperCase()}${role.slice(1)}`;
  for (const role of FONT_ROLES) {
    const r = resolution[role];
    const normal = vfsKey(fonts, role, r.normal, r.postscriptName.normal);
    const bold = vfsKey(fonts, `${role}.bold`, r.bold, r.postscriptName.bold);
    pdfmakeFonts[family(role)] = { normal, bold, italics: normal, bolditalics: bold };
  }

  const get = (role: FontRole, bold = false): LoadedFace => {
    const k = `${role}/${bold}`;
    let face = faces.get(k);
    if (!face) {
      const file = bold ? resolution[role].bold : resolution[role].normal;
      const font = openFont(fonts, bold ? `${role}.bold` : role, file);
      face = {
        role,
        bold,
        file: file.file,
        index: file.index,
        postscriptName: font.postscriptName,
        ascender: (font.ascent * 1000) / font.unitsPerEm,
        descender: (font.descent * 1000) / font.unitsPerEm,
        font,
        widths: new Map(),
      };
      faces.set(k, face);
    }
    return face;
  };
  const set: FontSet = {
    family,
    face: (role, bold = false) => {
      const { font: _f, widths: _w, ...face } = get(role, bold);
      return face;
    },
    data: (role, bold = false) => bytesOf(fonts, bold ? `${role}.bold` : role, bold ? resolution[role].bold : resolution[role].normal),
    measure(role, bold, size, text) {
      const f = get(role, bold);
      let units = 0;
      // pdfkit lays text out word by word (split after spaces and tabs): do the same.
      let last = 0;
      for (let i = 0; i <= text.length; i++) {
        const c = text[i];
        if (i === text.length || c === ' ' || c === '\t') {
          const piece = text.slice(last, i + 1);
          last = i + 1;
          if (!piece) continue;
          let w = f.widths.get(piece);
          if (w === undefined) {
            w = f.font.layout(piece).advanceWidth;
            if (f.widths.size < 100_000) f.widths.set(piece, w);
          }
          units += w;
        }
      }
      return (units * size) / f.font.unitsPerEm;
    },
    lineBox(role, bold, size) {
      const f = get(role, bold);
      return ((f.ascender - f.descender) / 1000) * size;
    },
    missing(role, bold, text) {
      if (!text) return [];
      const f = get(role, bold);
      const out: number[] = [];
      for (const ch of new Set(text)) {
        const cp = ch.codePointAt(0)!;
        if (isIgnorable(cp)) continue;
        if (!f.font.hasGlyphForCodePoint(cp)) out.push(cp);
      }
      return out;
    },
    pdfmakeFonts,
    resolution,
  };
  SET_CACHE.set(fonts.key, set);
  return set;
}

/** Controls and default-ignorable code points never need a glyph. */
function isIgnorable(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2060 && cp <= 0x206f) || cp === 0xfeff;
}
