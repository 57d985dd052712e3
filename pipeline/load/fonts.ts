/**
 * Which font file each 公文 typeface role uses — resolved by the build (and `jianbao fonts`,
 * and distribute), handed to the renderers in their RenderContext as `ResolvedFonts`:
 *
 *   fangsong      仿宋    body text (三号), 版记, level-3/4 headings
 *   kaiti         楷体    level-2 headings （一）, 编者按
 *   heiti         黑体    level-1 headings 一、, "附件", table heads, 密级, the 份号 stamp
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
 *
 * Resolving reads no outlines: names come from the `name` table, the check that a candidate
 * has common simplified characters from its `cmap` table (a few KB each). The bytes of a font
 * are read only when a renderer asks for them (`ResolvedFonts.bytes`), once per process, so a
 * document opens only the font files it uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { JianbaoError, type Problem } from '../errors.js';
import { msg } from '../messages/index.js';
import { locate } from '../core/source.js';
import { extractFromCollection, fontDirs, missingCodePoints, readFontInfo, scanFonts, type FontFileInfo } from '../core/font-scan.js';
import { FONT_ROLES, ROLE_LABEL, ROLE_USE, SYSTEM_NAMES, type FontCandidate, type FontConfigEntry, type FontFile, type FontRole, type FontsConfig, type ResolvedFonts, type RoleResolution } from '../model/config.js';
import { loadFontsConfig, type ConfigFile } from './config.js';

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

// ---------------------------------------------------------------- bytes (read on first use)

const BYTES = new Map<string, Buffer>();

/** How many bytes of font files this process has read (for tests and the benchmark). */
export const fontBytesRead = { bytes: 0, files: [] as string[] };

/** The bytes of one font (a collection member extracted to a standalone font); read once per process. */
export function fontBytes(f: FontFile): Buffer {
  const key = `${f.file}#${f.index}`;
  let b = BYTES.get(key);
  if (!b) {
    const raw = readFileSync(f.file);
    fontBytesRead.bytes += raw.byteLength;
    fontBytesRead.files.push(key);
    b = raw.toString('latin1', 0, 4) === 'ttcf' ? extractFromCollection(raw, f.index) : raw;
    BYTES.set(key, b);
  }
  return b;
}

/** Why a font file cannot serve a role, or undefined when it can (name, cmap and table directory only). */
export function unusable(f: FontFile): string | undefined {
  const info = readFontInfo(f.file)[f.index];
  if (!info) return '无法读取字体（不是 TrueType/OpenType 字体文件，或集合中没有这一个）';
  if (!info.truetype) return 'CFF（PostScript）轮廓的字体嵌入不可靠，请用 TrueType 字体';
  const probe = [...PROBE];
  const missing = missingCodePoints(f.file, f.index, probe.map((c) => c.codePointAt(0)!));
  if (!missing) return '无法读取字体（字符映射表 cmap 无法读取）';
  if (missing.length) {
    const chars = missing.map((cp) => String.fromCodePoint(cp));
    return `缺少常用简体字（${chars.slice(0, 6).join('')}${chars.length > 6 ? '…' : ''}）`;
  }
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

const psName = (f: FontFile) => (existsSync(f.file) ? (readFontInfo(f.file)[f.index]?.postscriptName ?? '') : '');

export interface ResolveOptions {
  root: string;
  /** Role settings from config/fonts.yaml (already validated). */
  config?: Partial<Record<FontRole, FontConfigEntry>>;
  /** Folders searched (default: fontDirs(), i.e. JIANBAO_FONT_DIRS or the system folders). */
  dirs?: string[];
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
    let found: Omit<RoleResolution, 'postscriptName'> | undefined;
    if (c?.file) {
      const file = isAbsolute(c.file) ? c.file : resolve(opts.root, c.file);
      const info = existsSync(file) ? readFontInfo(file)[c.index ?? 0] : undefined;
      const bold = c.bold ? (isAbsolute(c.bold) ? c.bold : resolve(opts.root, c.bold)) : file;
      found = {
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
    } else {
      const wanted: FontCandidate[] = c?.family ? [{ name: c.family, standard: true }, ...SYSTEM_NAMES[role]] : SYSTEM_NAMES[role];
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
    }
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
    out[role] = { ...found, postscriptName: { normal: psName(found.normal), bold: psName(found.bold) } };
  }
  return out;
}

// ---------------------------------------------------------------- the project's fonts

export interface FontsOptions {
  /** Folders searched for installed fonts (default: JIANBAO_FONT_DIRS or the system folders). */
  dirs?: string[];
  /** config/fonts.yaml as read (default: read from `root`). */
  config?: ConfigFile<FontsConfig>;
}

const RESOLVED = new Map<string, ResolvedFonts>();

/** The fonts of a project: config/fonts.yaml under `root`, then the machine, then Noto. Bad configured files are located errors. */
export function projectFonts(root: string, opts: FontsOptions = {}): ResolvedFonts {
  const cfg = opts.config ?? loadFontsConfig(root);
  const dirs = [...cfg.value.dirs.map((d) => (isAbsolute(d) ? d : resolve(root, d))), ...(opts.dirs ?? fontDirs())];
  const cacheKey = JSON.stringify([resolve(root), cfg.value, dirs]);
  const hit = RESOLVED.get(cacheKey);
  if (hit) return hit;
  const roles = resolveFontRoles({ root, config: cfg.value.roles, dirs });
  const problems: Problem[] = [];
  for (const role of FONT_ROLES) {
    const r = roles[role];
    if (r.source !== 'config') continue;
    const key = cfg.value.keys[role] ?? role;
    const entry = cfg.value.roles[role]!;
    for (const [f, bold] of [[r.normal, false], [r.bold, true]] as const) {
      if (bold && !entry.bold) continue;
      const field = bold ? `${key}.bold` : key;
      const path = typeof cfg.src?.data === 'object' && typeof (cfg.src.data as Record<string, unknown>)[key] === 'string' ? [key] : [key, bold ? 'bold' : 'file'];
      const at = cfg.src ? locate(cfg.src, path) : undefined;
      const location = { kind: 'file' as const, file: cfg.file, ...at };
      if (!existsSync(f.file)) problems.push({ location, field, message: msg('fonts.fileNotFound', { role: field, file: f.file }) });
      else {
        const why = unusable(f);
        if (why) problems.push({ location, field, message: msg('fonts.unusable', { role: field, file: f.file, detail: why }) });
      }
    }
  }
  if (problems.length) throw new JianbaoError('config', problems);
  const fonts: ResolvedFonts = { roles, bytes: fontBytes, key: cacheKey, dirs };
  RESOLVED.set(cacheKey, fonts);
  return fonts;
}

/** `jianbao fonts`: what each role resolved to and why, one block per role (lines to print). */
export function describeFonts(fonts: ResolvedFonts): string[] {
  const res = fonts.roles;
  const dirs = fonts.dirs;
  const show = (f: FontFile) => (f.index ? `${f.file}（集合中第 ${f.index + 1} 个）` : f.file);
  const lines = [msg('fonts.title')];
  for (const role of FONT_ROLES) {
    const r = res[role];
    const family = r.substitute ? `${r.family}【${msg('fonts.substitute')}】` : r.family;
    lines.push(msg('fonts.line', { label: r.label, use: ROLE_USE[role], family, file: show(r.normal) }));
    if (r.bold.file !== r.normal.file || r.bold.index !== r.normal.index) lines.push(msg('fonts.bold', { file: show(r.bold) }));
    lines.push(msg('fonts.reason', { reason: r.reason }));
    for (const what of r.rejected) lines.push(msg('fonts.rejected', { what }));
  }
  lines.push(msg('fonts.searched', { dirs: dirs.length ? dirs.join('、') : msg('fonts.none') }));
  if (FONT_ROLES.some((role) => res[role].substitute)) lines.push(msg('fonts.substituteNote'));
  return lines;
}
