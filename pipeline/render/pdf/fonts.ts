/**
 * Fonts by role (仿宋 fangsong, 楷体 kaiti, 黑体 heiti, 小标宋 xiaobiaosong, 宋体 songti): which
 * file each role uses is decided by font-roles.ts (config/fonts.yaml → the machine's fonts →
 * Noto from npm); this module loads them for pdfmake.
 *
 * Font files are read and parsed ONCE per process (the explicit font cache below):
 * pdfmake re-opens every font for every document, so the bytes are handed to it through
 * its virtual file system (no disk reads per document), and the parsed fontkit object
 * is kept here for measuring text (line breaking) and checking glyph coverage. fontkit
 * is the engine pdfkit itself lays text out with, so widths measured here are the
 * widths pdfmake uses. A member of a font collection (.ttc) is extracted to a plain font.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import pdfmake, { type FontFaces } from 'pdfmake';
import { parse } from 'yaml';
import { JianbaoError } from '../../errors.js';
import { msg } from '../../messages/index.js';
import { fontDirs } from '../../core/font-scan.js';
import {
  FONT_ROLES,
  ROLE_KEYS,
  ROLE_USE as ROLE_USE_TEXT,
  fontBytes,
  fontkitEngine,
  resolveFontRoles,
  unusable,
  type FontConfigEntry,
  type FontFile,
  type FontRole,
  type RoleResolution,
} from './font-roles.js';

export { FONT_ROLES, ROLE_LABEL, ROLE_USE, type FontRole, type RoleResolution } from './font-roles.js';

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
const FONT_CACHE = new Map<string, { font: FontkitFont; vfsKey: string }>();
/** Font sets by config file + its text + the search folders. */
const SET_CACHE = new Map<string, FontSet>();

/** pdfkit's own fontkit module (so fonts parsed here are the ones pdfkit uses); typed by the caller. */
export function pdfkitFontkit<T>(): T {
  return fontkitEngine<T>();
}

function fontkit(): Fontkit {
  return fontkitEngine<Fontkit>();
}

function configError(file: string, field: string, message: string, cause?: unknown): JianbaoError {
  return new JianbaoError('config', [{ location: { kind: 'file', file }, field, message }], { cause });
}

function openFont(configFile: string, role: string, f: FontFile): { font: FontkitFont; vfsKey: string } {
  const key = `${f.file}#${f.index}`;
  const cached = FONT_CACHE.get(key);
  if (cached) return cached;
  if (!existsSync(f.file)) throw configError(configFile, role, msg('fonts.fileNotFound', { role, file: f.file }));
  let data: Buffer;
  try {
    data = fontBytes(f);
  } catch (cause) {
    throw configError(configFile, role, msg('fonts.unreadable', { role, file: f.file, detail: (cause as Error).message }), cause);
  }
  let font: FontkitFont | { fonts: unknown[] };
  try {
    font = fontkit().create(data);
  } catch (cause) {
    throw configError(configFile, role, msg('fonts.unreadable', { role, file: f.file, detail: (cause as Error).message }), cause);
  }
  if (!font || 'fonts' in font) throw configError(configFile, role, msg('fonts.unreadable', { role, file: f.file, detail: 'collection' }));
  if (!('glyf' in font.directory.tables)) throw configError(configFile, role, msg('fonts.cff', { role, file: f.file }));
  // The virtual-file-system key is the PostScript name: pdfkit registers every font it
  // opens under that name, so when svg-to-pdfkit asks for a chart font by this key it
  // finds the font pdfmake already opened instead of trying to read a file.
  let vfsKey = font.postscriptName || 'font';
  for (let k = 2; [...FONT_CACHE.values()].some((e) => e.vfsKey === vfsKey); k++) vfsKey = `${font.postscriptName}-${k}`;
  pdfmake.virtualfs.writeFileSync(vfsKey, data);
  const entry = { font, vfsKey };
  FONT_CACHE.set(key, entry);
  return entry;
}

export interface FontConfig {
  roles: Partial<Record<FontRole, FontConfigEntry>>;
  /** Extra folders searched before the system folders. */
  dirs: string[];
}

/** config/fonts.yaml: every role optional (`fangsong:`/`仿宋:` with file, bold, index or family), `dirs:` extra folders. */
export function readFontConfig(file: string, text: string): FontConfig {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (cause) {
    throw configError(file, '(file)', msg('fonts.configUnreadable', { detail: (cause as Error).message }), cause);
  }
  const obj = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const out: FontConfig = { roles: {}, dirs: [] };
  for (const [key, v] of Object.entries(obj)) {
    if (key === 'dirs') {
      const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : v == null ? [] : undefined;
      if (!list || list.some((d) => typeof d !== 'string')) throw configError(file, 'dirs', msg('fonts.badDirs'));
      out.dirs = list as string[];
      continue;
    }
    const role = ROLE_KEYS[key];
    if (!role) throw configError(file, key, msg('fonts.unknownRole', { key, roles: FONT_ROLES.join('、') }));
    if (v == null) continue;
    if (typeof v === 'string') {
      out.roles[role] = { file: v };
      continue;
    }
    if (typeof v !== 'object' || Array.isArray(v)) throw configError(file, key, msg('fonts.badEntry', { key }));
    const e = v as Record<string, unknown>;
    for (const k of Object.keys(e)) if (!['file', 'bold', 'index', 'family'].includes(k)) throw configError(file, `${key}.${k}`, msg('fonts.badEntry', { key }));
    const str = (k: string) => {
      const x = e[k];
      if (x === undefined || x === null) return undefined;
      if (typeof x !== 'string' || !x.trim()) throw configError(file, `${key}.${k}`, msg('fonts.badEntry', { key }));
      return x;
    };
    const index = e.index;
    if (index !== undefined && (typeof index !== 'number' || !Number.isInteger(index) || index < 0)) throw configError(file, `${key}.index`, msg('fonts.badEntry', { key }));
    const entry: FontConfigEntry = { file: str('file'), bold: str('bold'), family: str('family'), index: index as number | undefined };
    if (!entry.file && !entry.family) throw configError(file, key, msg('fonts.badEntry', { key }));
    out.roles[role] = entry;
  }
  return out;
}

export interface LoadFontsOptions {
  /** Folders searched for installed fonts (default: JIANBAO_FONT_DIRS or the system folders). */
  dirs?: string[];
}

/** What each role resolves to for a project (no font is parsed beyond the candidates' checks). */
export function resolveFonts(root: string, configFile = join(root, 'config', 'fonts.yaml'), opts: LoadFontsOptions = {}): Record<FontRole, RoleResolution> {
  const text = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '';
  const config = readFontConfig(configFile, text);
  const dirs = [...config.dirs.map((d) => (isAbsolute(d) ? d : resolve(root, d))), ...(opts.dirs ?? fontDirs())];
  const res = resolveFontRoles({ root, config: config.roles, dirs });
  for (const role of FONT_ROLES) {
    const r = res[role];
    if (r.source !== 'config') continue;
    for (const [f, field] of [[r.normal, role], [r.bold, `${role}.bold`]] as const) {
      if (!existsSync(f.file)) throw configError(configFile, field, msg('fonts.fileNotFound', { role: field, file: f.file }));
      const why = unusable(f);
      if (why) throw configError(configFile, field, msg('fonts.unusable', { role: field, file: f.file, detail: why }));
    }
  }
  return res;
}

/** The font set of a project: config/fonts.yaml under `root`, then the machine, then Noto. */
export function loadFonts(root: string, configFile = join(root, 'config', 'fonts.yaml'), opts: LoadFontsOptions = {}): FontSet {
  const text = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '';
  const dirs = opts.dirs ?? fontDirs();
  const cacheKey = `${resolve(root)}\0${configFile}\0${text}\0${dirs.join('\0')}`;
  const hit = SET_CACHE.get(cacheKey);
  if (hit) return hit;

  const resolution = resolveFonts(root, configFile, { dirs });
  const faces = new Map<string, LoadedFace>();
  const pdfmakeFonts: Record<string, FontFaces> = {};
  const family = (role: FontRole) => `Jianbao${role[0]!.toUpperCase()}${role.slice(1)}`;
  for (const role of FONT_ROLES) {
    const r = resolution[role];
    const normal = openFont(configFile, role, r.normal);
    const bold = openFont(configFile, `${role}.bold`, r.bold);
    for (const [isBold, f, file] of [[false, normal, r.normal], [true, bold, r.bold]] as const) {
      faces.set(`${role}/${isBold}`, {
        role,
        bold: isBold,
        file: file.file,
        index: file.index,
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
    resolution,
  };
  SET_CACHE.set(cacheKey, set);
  return set;
}

/** Controls and default-ignorable code points never need a glyph. */
function isIgnorable(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2060 && cp <= 0x206f) || cp === 0xfeff;
}

/** `jianbao fonts`: what each role resolved to and why, one block per role (lines to print). */
export function describeFonts(root: string, configFile = join(root, 'config', 'fonts.yaml'), opts: LoadFontsOptions = {}): string[] {
  const dirs = opts.dirs ?? fontDirs();
  const res = resolveFonts(root, configFile, { dirs });
  const show = (f: FontFile) => (f.index ? `${f.file}（集合中第 ${f.index + 1} 个）` : f.file);
  const lines = [msg('fonts.title')];
  for (const role of FONT_ROLES) {
    const r = res[role];
    const family = r.substitute ? `${r.family}【${msg('fonts.substitute')}】` : r.family;
    lines.push(msg('fonts.line', { label: r.label, use: ROLE_USE_TEXT[role], family, file: show(r.normal) }));
    if (r.bold.file !== r.normal.file || r.bold.index !== r.normal.index) lines.push(msg('fonts.bold', { file: show(r.bold) }));
    lines.push(msg('fonts.reason', { reason: r.reason }));
    for (const what of r.rejected) lines.push(msg('fonts.rejected', { what }));
  }
  lines.push(msg('fonts.searched', { dirs: dirs.length ? dirs.join('、') : msg('fonts.none') }));
  if (FONT_ROLES.some((role) => res[role].substitute)) lines.push(msg('fonts.substituteNote'));
  return lines;
}
