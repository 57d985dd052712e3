/**
 * Fonts by role (title, body, heiti, kaiti, fangsong) from config/fonts.yaml.
 *
 * Font files are read and parsed ONCE per process (the explicit font cache below):
 * pdfmake re-opens every font for every document, so the bytes are handed to it through
 * its virtual file system (no disk reads per document), and the parsed fontkit object
 * is kept here for measuring text (line breaking) and checking glyph coverage. fontkit
 * is the engine pdfkit itself lays text out with, so widths measured here are the
 * widths pdfmake uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import pdfmake, { type FontFaces } from 'pdfmake';
import { parse } from 'yaml';
import { JianbaoError } from '../../errors.js';
import { joinList, msg } from '../../messages/index.js';

export const FONT_ROLES = ['title', 'body', 'heiti', 'kaiti', 'fangsong'] as const;
export type FontRole = (typeof FONT_ROLES)[number];

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
  file: string;
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
  /** The pdfmake font dictionary (paths are virtual-file-system keys). */
  pdfmakeFonts: Record<string, FontFaces>;
}

interface LoadedFace extends Face {
  font: FontkitFont;
  widths: Map<string, number>;
}

// ---------------------------------------------------------------- the font cache

/** Parsed fonts by absolute file path: filled once per process, never evicted. */
const FONT_CACHE = new Map<string, { font: FontkitFont; vfsKey: string }>();
/** Font sets by config file + its text. */
const SET_CACHE = new Map<string, FontSet>();

let fontkitModule: Fontkit | undefined;
/** pdfkit's own fontkit module (so fonts parsed here are the ones pdfkit uses); typed by the caller. */
export function pdfkitFontkit<T>(): T {
  return fontkit() as unknown as T;
}

function fontkit(): Fontkit {
  if (!fontkitModule) {
    // fontkit is pdfkit's own dependency: resolve it from there so both use the same copy.
    const require = createRequire(import.meta.url);
    const pdfkitMain = require.resolve('pdfkit', { paths: [dirname(require.resolve('pdfmake'))] });
    fontkitModule = createRequire(pdfkitMain)('fontkit') as Fontkit;
  }
  return fontkitModule;
}

function configError(file: string, role: string, message: string, cause?: unknown): JianbaoError {
  return new JianbaoError('config', [{ location: { kind: 'file', file }, field: role, message }], { cause });
}

function openFont(configFile: string, role: string, path: string): { font: FontkitFont; vfsKey: string } {
  const cached = FONT_CACHE.get(path);
  if (cached) return cached;
  if (!existsSync(path)) throw configError(configFile, role, `font file for role "${role}" not found: ${path}`);
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (cause) {
    throw configError(configFile, role, `font file for role "${role}" cannot be read: ${path} (${(cause as Error).message})`, cause);
  }
  let font: FontkitFont | { fonts: unknown[] };
  try {
    font = fontkit().create(data);
  } catch (cause) {
    throw configError(configFile, role, `font file for role "${role}" is not a usable font: ${path} (${(cause as Error).message})`, cause);
  }
  if (!font || 'fonts' in font) {
    throw configError(configFile, role, `font file for role "${role}" is a collection (.ttc); use a single .ttf: ${path}`);
  }
  if (!('glyf' in font.directory.tables)) {
    throw configError(configFile, role, `font file for role "${role}" has CFF (PostScript) outlines, which embed unreliably; use a TrueType .ttf: ${path}`);
  }
  // The virtual-file-system key is the PostScript name: pdfkit registers every font it
  // opens under that name, so when svg-to-pdfkit asks for a chart font by this key it
  // finds the font pdfmake already opened instead of trying to read a file.
  let vfsKey = font.postscriptName || 'font';
  for (let k = 2; [...FONT_CACHE.values()].some((e) => e.vfsKey === vfsKey); k++) vfsKey = `${font.postscriptName}-${k}`;
  pdfmake.virtualfs.writeFileSync(vfsKey, data);
  const entry = { font, vfsKey };
  FONT_CACHE.set(path, entry);
  return entry;
}

interface RoleConfig {
  file: string;
  bold?: string;
}

function readConfig(file: string, text: string): Record<FontRole, RoleConfig> {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (cause) {
    throw new JianbaoError('config', [{ location: { kind: 'file', file }, message: `could not read the font configuration: ${(cause as Error).message}` }], { cause });
  }
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out = {} as Record<FontRole, RoleConfig>;
  for (const key of Object.keys(obj)) {
    if (!(FONT_ROLES as readonly string[]).includes(key)) {
      throw configError(file, key, msg('config.fontRole', { key, list: joinList(FONT_ROLES) }));
    }
  }
  for (const role of FONT_ROLES) {
    const v = obj[role];
    if (typeof v === 'string') out[role] = { file: v };
    else if (v && typeof v === 'object' && typeof (v as { file?: unknown }).file === 'string') {
      const b = (v as { bold?: unknown }).bold;
      out[role] = { file: (v as { file: string }).file, bold: typeof b === 'string' ? b : undefined };
    } else throw configError(file, role, msg('config.fontFile', { role }));
  }
  return out;
}

/** The font set configured for a project (config/fonts.yaml under `root`). */
export function loadFonts(root: string, configFile = join(root, 'config', 'fonts.yaml')): FontSet {
  if (!existsSync(configFile)) throw configError(configFile, '(file)', 'font configuration file not found');
  const text = readFileSync(configFile, 'utf8');
  const cacheKey = `${resolve(root)}\0${configFile}\0${text}`;
  const hit = SET_CACHE.get(cacheKey);
  if (hit) return hit;

  const config = readConfig(configFile, text);
  const faces = new Map<string, LoadedFace>();
  const pdfmakeFonts: Record<string, FontFaces> = {};
  const family = (role: FontRole) => `Jianbao${role[0]!.toUpperCase()}${role.slice(1)}`;
  for (const role of FONT_ROLES) {
    const abs = (p: string) => (isAbsolute(p) ? p : resolve(root, p));
    const normalPath = abs(config[role].file);
    const boldPath = abs(config[role].bold ?? config[role].file);
    const normal = openFont(configFile, role, normalPath);
    const bold = openFont(configFile, `${role}.bold`, boldPath);
    for (const [isBold, path, f] of [[false, normalPath, normal], [true, boldPath, bold]] as const) {
      faces.set(`${role}/${isBold}`, {
        role,
        bold: isBold,
        file: path,
        postscriptName: f.font.postscriptName,
        ascender: (f.font.ascent * 1000) / f.font.unitsPerEm,
        descender: (f.font.descent * 1000) / f.font.unitsPerEm,
        font: f.font,
        widths: new Map(),
      });
    }
    pdfmakeFonts[family(role)] = { normal: normal.vfsKey, bold: bold.vfsKey, italics: normal.vfsKey, bolditalics: bold.vfsKey };
  }

  const get = (role: FontRole, bold = false): LoadedFace => faces.get(`${role}/${bold}`)!;
  const set: FontSet = {
    family,
    face: (role, bold = false) => {
      const { font: _f, widths: _w, ...face } = get(role, bold);
      return face;
    },
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
  };
  SET_CACHE.set(cacheKey, set);
  return set;
}

/** Controls and default-ignorable code points never need a glyph. */
function isIgnorable(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2060 && cp <= 0x206f) || cp === 0xfeff;
}
