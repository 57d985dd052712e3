/**
 * Which font file each 公文 typeface role uses — the one mapping the briefing PDF, the
 * 督查通报 and briefing.docx share:
 *
 *   fangsong      仿宋    body text (三号), 版记, level-3/4 headings
 *   kaiti         楷体    level-2 headings （一）, 编者按
 *   heiti         黑体    level-1 headings 一、, "附件", table heads, 密级
 *   xiaobiaosong  小标宋  title, masthead name
 *   songti        宋体    page numbers
 *
 * Order for each role: config/fonts.yaml (file or family name) → the machine's fonts, found
 * by family name in the system font folders (core/font-scan.ts: the standard faces first, then
 * free faces of the same style) → the Noto fonts shipped as npm packages. No npm package
 * ships a full TrueType 楷体 or 仿宋 (the LXGW WenKai and Zhuque Fangsong packages are web
 * fonts cut into unicode-range .woff2 pieces, useless for embedding), so those roles fall
 * back to Noto Serif SC weights. Every step is recorded as a reason (Chinese, shown by
 * `jianbao fonts` and the preflight).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { extractFromCollection, fontDirs, readFontInfo, scanFonts, type FontFileInfo } from '../../core/font-scan.js';

export const FONT_ROLES = ['fangsong', 'kaiti', 'heiti', 'xiaobiaosong', 'songti'] as const;
export type FontRole = (typeof FONT_ROLES)[number];

export const ROLE_LABEL: Record<FontRole, string> = { fangsong: '仿宋', kaiti: '楷体', heiti: '黑体', xiaobiaosong: '小标宋', songti: '宋体' };
export const ROLE_USE: Record<FontRole, string> = {
  fangsong: '正文、版记',
  kaiti: '二级标题、编者按',
  heiti: '一级标题、附件、表头',
  xiaobiaosong: '标题、报头名称',
  songti: '页码',
};

/** Keys accepted in config/fonts.yaml for each role (English id, Chinese name, the old ids). */
export const ROLE_KEYS: Record<string, FontRole> = {
  fangsong: 'fangsong', 仿宋: 'fangsong', body: 'fangsong',
  kaiti: 'kaiti', 楷体: 'kaiti',
  heiti: 'heiti', 黑体: 'heiti',
  xiaobiaosong: 'xiaobiaosong', 小标宋: 'xiaobiaosong', title: 'xiaobiaosong',
  songti: 'songti', 宋体: 'songti',
};

interface Candidate {
  name: string;
  /** A face offices use for this role; otherwise a free face of the same style. */
  standard: boolean;
}
const std = (...names: string[]): Candidate[] => names.map((name) => ({ name, standard: true }));
const alike = (...names: string[]): Candidate[] => names.map((name) => ({ name, standard: false }));

/** Family names looked for on the machine, best first. */
export const SYSTEM_NAMES: Record<FontRole, Candidate[]> = {
  fangsong: [
    ...std('仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', '方正仿宋_GBK', 'FZFangSong-Z02', '方正仿宋简体', 'FZFangSong-Z02S', '华文仿宋', 'STFangsong'),
    ...alike('朱雀仿宋', 'Zhuque Fangsong', 'Zhuque Fangsong (technical preview)', 'cwTeX 仿宋體', 'cwTeXFangSong'),
  ],
  kaiti: [
    ...std('楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', '方正楷体_GBK', 'FZKai-Z03', '方正楷体简体', 'FZKai-Z03S', '华文楷体', 'STKaiti', 'Kaiti SC', '楷体-简'),
    ...alike('AR PL UKai CN', 'AR PL KaitiM GB', 'LXGW WenKai', '霞鹜文楷', 'AR PL UKai TW'),
  ],
  heiti: [
    ...std('黑体', 'SimHei', '方正黑体_GBK', 'FZHei-B01', '方正黑体简体', 'FZHei-B01S', '华文黑体', 'STHeiti', 'Heiti SC', '黑体-简'),
    ...alike('思源黑体', 'Source Han Sans SC', 'Source Han Sans CN', 'Noto Sans SC', 'Noto Sans CJK SC'),
  ],
  xiaobiaosong: [
    ...std('方正小标宋简体', 'FZXiaoBiaoSong-B05S', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05', '小标宋', '华文中宋', 'STZhongsong'),
    ...alike('思源宋体 Heavy', 'Source Han Serif SC Heavy', 'Noto Serif SC Black'),
  ],
  songti: [
    ...std('宋体', 'SimSun', '新宋体', 'NSimSun', '方正书宋_GBK', 'FZShuSong-Z01', '华文宋体', 'STSong', 'Songti SC', '宋体-简'),
    ...alike('思源宋体', 'Source Han Serif SC', 'Source Han Serif CN', 'Noto Serif SC', 'AR PL UMing CN', 'AR PL SungtiL GB'),
  ],
};

/** The npm fallbacks (Noto, SIL OFL): package, regular weight, bold weight, description. */
const NOTO: Record<FontRole, { pkg: string; normal: string; bold: string; name: string }> = {
  fangsong: { pkg: '@expo-google-fonts/noto-serif-sc', normal: '400Regular/NotoSerifSC_400Regular.ttf', bold: '700Bold/NotoSerifSC_700Bold.ttf', name: 'Noto Serif SC（思源宋体）常规体' },
  kaiti: { pkg: '@expo-google-fonts/noto-serif-sc', normal: '600SemiBold/NotoSerifSC_600SemiBold.ttf', bold: '700Bold/NotoSerifSC_700Bold.ttf', name: 'Noto Serif SC（思源宋体）中粗体' },
  heiti: { pkg: '@expo-google-fonts/noto-sans-sc', normal: '500Medium/NotoSansSC_500Medium.ttf', bold: '700Bold/NotoSansSC_700Bold.ttf', name: 'Noto Sans SC（思源黑体）中等' },
  xiaobiaosong: { pkg: '@expo-google-fonts/noto-serif-sc', normal: '700Bold/NotoSerifSC_700Bold.ttf', bold: '900Black/NotoSerifSC_900Black.ttf', name: 'Noto Serif SC（思源宋体）粗体' },
  songti: { pkg: '@expo-google-fonts/noto-serif-sc', normal: '400Regular/NotoSerifSC_400Regular.ttf', bold: '700Bold/NotoSerifSC_700Bold.ttf', name: 'Noto Serif SC（思源宋体）常规体' },
};

/** Simplified characters every role's face must have (a traditional-only 仿宋 lacks them). */
export const PROBE = '国这发会区经济项目进设党县单位达亿万元务实现';

export interface FontFile {
  file: string;
  /** Member of a collection (.ttc). */
  index: number;
}

export type FontSource = 'config' | 'system' | 'npm';

export interface RoleResolution {
  role: FontRole;
  label: string;
  normal: FontFile;
  bold: FontFile;
  /** Family name as the font gives it. */
  family: string;
  source: FontSource;
  /** The face is not one of the role's standard faces (a warning in the preflight). */
  substitute: boolean;
  /** Why this font (Chinese). */
  reason: string;
  /** Candidates found but not usable, with the reason (Chinese). */
  rejected: string[];
}

export interface FontConfigEntry {
  file?: string;
  bold?: string;
  index?: number;
  family?: string;
}

export interface ResolveOptions {
  root: string;
  /** Role settings from config/fonts.yaml (already validated). */
  config?: Partial<Record<FontRole, FontConfigEntry>>;
  /** Folders searched (default: fontDirs(), i.e. JIANBAO_FONT_DIRS or the system folders). */
  dirs?: string[];
}

// ---------------------------------------------------------------- font engine + byte cache

interface FontkitFontLike {
  postscriptName: string;
  familyName?: string;
  directory: { tables: Record<string, unknown> };
  hasGlyphForCodePoint(cp: number): boolean;
}

let fontkitModule: { create(data: Uint8Array): unknown } | undefined;
/** pdfkit's own fontkit (so fonts parsed here are the ones pdfkit embeds). */
export function fontkitEngine<T>(): T {
  if (!fontkitModule) {
    const require = createRequire(import.meta.url);
    const pdfkitMain = require.resolve('pdfkit', { paths: [dirname(require.resolve('pdfmake'))] });
    fontkitModule = createRequire(pdfkitMain)('fontkit') as { create(data: Uint8Array): unknown };
  }
  return fontkitModule as unknown as T;
}

const BYTES = new Map<string, Buffer>();

/** The bytes of one font (a collection member extracted to a standalone font); read once per process. */
export function fontBytes(f: FontFile): Buffer {
  const key = `${f.file}#${f.index}`;
  let b = BYTES.get(key);
  if (!b) {
    const raw = readFileSync(f.file);
    b = raw.toString('latin1', 0, 4) === 'ttcf' ? extractFromCollection(raw, f.index) : raw;
    BYTES.set(key, b);
  }
  return b;
}

const PARSED = new Map<Buffer, FontkitFontLike>();
function parsed(f: FontFile): FontkitFontLike {
  const b = fontBytes(f);
  let font = PARSED.get(b);
  if (!font) {
    font = fontkitEngine<{ create(d: Uint8Array): FontkitFontLike }>().create(b);
    PARSED.set(b, font);
  }
  return font;
}

/** Why a font file cannot serve a role, or undefined when it can. */
export function unusable(f: FontFile): string | undefined {
  let font: FontkitFontLike;
  try {
    font = parsed(f);
  } catch (e) {
    return `无法读取字体（${(e as Error).message}）`;
  }
  if (!('glyf' in font.directory.tables)) return 'CFF（PostScript）轮廓的字体嵌入不可靠，请用 TrueType 字体';
  const missing = [...PROBE].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
  if (missing.length) return `缺少常用简体字（${missing.slice(0, 6).join('')}${missing.length > 6 ? '…' : ''}）`;
  return undefined;
}

// ---------------------------------------------------------------- resolution

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-]/g, '');
const SCANS = new Map<string, FontFileInfo[]>();

/** The fonts of the search folders (scanned once per process and folder list). */
export function installedFonts(dirs: string[]): FontFileInfo[] {
  const key = dirs.join('\0');
  let list = SCANS.get(key);
  if (!list) SCANS.set(key, (list = scanFonts(dirs)));
  return list;
}

function isBold(i: FontFileInfo): boolean {
  return i.weight >= 600 || /bold|heavy|black|粗/i.test(i.subfamily);
}
function regularness(i: FontFileInfo): number {
  let s = Math.abs((i.weight || 400) - 400);
  if (/light|thin|medium|semi|demi|italic|oblique|细|中/i.test(i.subfamily)) s += 150;
  if (isBold(i)) s += 500;
  return s;
}

function namesOf(i: FontFileInfo): string[] {
  return [...i.families, i.fullName, i.postscriptName].filter(Boolean);
}

/** The font files of one family name, regular and bold, or undefined. */
function findFamily(fonts: FontFileInfo[], name: string): { normal: FontFileInfo; bold?: FontFileInfo } | undefined {
  const n = norm(name);
  const matches = fonts.filter((i) => namesOf(i).some((x) => norm(x) === n));
  if (matches.length === 0) return undefined;
  const byPref = [...matches].sort((a, b) => regularness(a) - regularness(b) || a.path.localeCompare(b.path) || a.index - b.index);
  const normal = byPref[0]!;
  const family = new Set(normal.families.map(norm));
  const bold = fonts.filter((i) => i !== normal && isBold(i) && i.families.some((f) => family.has(norm(f)))).sort((a, b) => a.path.localeCompare(b.path))[0];
  return { normal, bold };
}

function displayName(i: FontFileInfo): string {
  const zh = i.families.find((f) => /[\u4e00-\u9fff]/.test(f));
  const en = i.families.find((f) => !/[\u4e00-\u9fff]/.test(f));
  return zh && en ? `${en}（${zh}）` : (en ?? zh ?? i.postscriptName);
}

/** Resolve every role (see the module comment). Throws nothing for missing system fonts; config errors are the caller's. */
export function resolveFontRoles(opts: ResolveOptions): Record<FontRole, RoleResolution> {
  const dirs = opts.dirs ?? fontDirs();
  let fonts: FontFileInfo[] | undefined;
  const installed = () => (fonts ??= installedFonts(dirs));
  const out = {} as Record<FontRole, RoleResolution>;
  for (const role of FONT_ROLES) {
    const label = ROLE_LABEL[role];
    const rejected: string[] = [];
    const c = opts.config?.[role];
    if (c?.file) {
      const file = isAbsolute(c.file) ? c.file : resolve(opts.root, c.file);
      const info = existsSync(file) ? readFontInfo(file)[c.index ?? 0] : undefined;
      const bold = c.bold ? (isAbsolute(c.bold) ? c.bold : resolve(opts.root, c.bold)) : file;
      out[role] = {
        role,
        label,
        normal: { file, index: c.index ?? 0 },
        bold: { file: bold, index: c.bold ? 0 : (c.index ?? 0) },
        family: info ? displayName(info) : file,
        source: 'config',
        substitute: false,
        reason: `config/fonts.yaml 指定的文件`,
        rejected,
      };
      continue;
    }
    const wanted: Candidate[] = c?.family ? [{ name: c.family, standard: true }, ...SYSTEM_NAMES[role]] : SYSTEM_NAMES[role];
    let found: RoleResolution | undefined;
    const tried = new Set<string>();
    for (const cand of wanted) {
      const fam = findFamily(installed(), cand.name);
      if (!fam) continue;
      const key = `${fam.normal.path}#${fam.normal.index}`;
      if (tried.has(key)) continue;
      tried.add(key);
      const normal = { file: fam.normal.path, index: fam.normal.index };
      const why = unusable(normal);
      if (why) {
        rejected.push(`${displayName(fam.normal)}（${fam.normal.path}）：${why}`);
        continue;
      }
      const bold = fam.bold && !unusable({ file: fam.bold.path, index: fam.bold.index }) ? { file: fam.bold.path, index: fam.bold.index } : normal;
      const fromConfig = c?.family !== undefined && norm(cand.name) === norm(c.family);
      found = {
        role,
        label,
        normal,
        bold,
        family: displayName(fam.normal),
        source: 'system',
        substitute: !cand.standard && !fromConfig,
        reason: fromConfig
          ? `config/fonts.yaml 指定的字体“${c!.family}”，在本机找到`
          : cand.standard
            ? `本机已安装${label}字体“${cand.name}”`
            : `本机没有标准${label}字体，使用同类字体“${cand.name}”`,
        rejected,
      };
      break;
    }
    if (c?.family && !found?.reason.startsWith('config')) rejected.unshift(`config/fonts.yaml 指定的字体“${c.family}”在本机字体文件夹中没有找到`);
    if (!found) {
      const n = NOTO[role];
      const base = dirname(createRequire(import.meta.url).resolve(`${n.pkg}/package.json`));
      const notoIsStyle = role === 'heiti' || role === 'songti';
      found = {
        role,
        label,
        normal: { file: join(base, n.normal), index: 0 },
        bold: { file: join(base, n.bold), index: 0 },
        family: n.name,
        source: 'npm',
        substitute: true,
        reason: notoIsStyle
          ? `本机没有标准${label}字体，使用随程序安装的 ${n.name}`
          : `本机没有${label}字体，使用随程序安装的 ${n.name} 代替（字形与${label}不同）`,
        rejected,
      };
    }
    out[role] = found;
  }
  return out;
}
