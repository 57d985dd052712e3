/**
 * The project settings (config/*.yaml): the zod schema of every settings file — the one
 * definition check, the loader (load/config.ts) and the JSON Schemas of schema/ share —
 * and what the renderers receive in their RenderContext. Every field has a default, so
 * every file is optional; a present file is validated like data (located errors).
 *
 *   config/theme.yaml   the briefing's page and type (GB/T 9704)
 *   config/fonts.yaml   which font each 公文 role uses (else found on the machine)
 *   config/slides.yaml  deck fonts, colours, text fitting
 *   config/ledger.yaml  status rule, text limits, ingest limits, the year-end assessment
 */
import { z } from 'zod';
import { msg } from '../messages/index.js';

const FontName = z
  .string()
  .trim()
  .min(1, { error: () => msg('config.fontName') })
  .max(64)
  .regex(/^[^<>&"]+$/, { error: () => msg('config.fontNameChars') });
const Hex = z
  .string({ error: () => msg('config.colourQuoted') })
  .regex(/^#?[0-9A-Fa-f]{6}$/, { error: () => msg('config.colour') })
  .transform((s) => s.replace(/^#/, '').toUpperCase());

export const SlidesConfigSchema = z
  .object({
    fonts: z
      .object({
        heading: FontName.default('微软雅黑').meta({ description: '标题字体名称（各单位电脑都装有的字体）' }),
        body: FontName.default('微软雅黑').meta({ description: '正文字体名称' }),
        fallback: FontName.default('宋体').meta({ description: '备用字体名称（缺字时使用）' }),
      })
      .strict()
      .default({ heading: '微软雅黑', body: '微软雅黑', fallback: '宋体' })
      .meta({ description: '幻灯片字体（只写名称，不嵌入文件）' }),
    colors: z
      .object({
        accent: Hex.default('C8102E').meta({ description: '强调色，六位十六进制，例如 "C8102E"（党政红）' }),
        text: Hex.default('222222').meta({ description: '正文颜色，例如 "222222"' }),
        muted: Hex.default('6E6E6E').meta({ description: '次要文字颜色，例如 "6E6E6E"' }),
      })
      .strict()
      .default({ accent: 'C8102E', text: '222222', muted: '6E6E6E' })
      .meta({ description: '配色' }),
    text: z
      .object({
        maxParagraphChars: z.number().int().min(20).max(1000).default(120).meta({ description: '超过这么多字的段落拆成要点' }),
        bodySizes: z.array(z.number().int().min(10).max(40)).min(1).default([24, 22, 20, 18, 16]).meta({ description: '正文字号（磅），放不下时依次改用较小的' }),
      })
      .strict()
      .default({ maxParagraphChars: 120, bodySizes: [24, 22, 20, 18, 16] })
      .meta({ description: '文字排布' }),
  })
  .strict()
  .meta({ title: '汇报PPT配置 config/slides.yaml' });

export type SlidesConfig = z.output<typeof SlidesConfigSchema>;

export const DEFAULT_SLIDES_CONFIG: SlidesConfig = SlidesConfigSchema.parse({});

// ---------------------------------------------------------------- config/theme.yaml

const Pt = (d: number, description: string) => z.number().positive().default(d).meta({ description });

export const ThemeConfigSchema = z
  .object({
    marginTopMm: Pt(37, '天头（上页边距），毫米；默认 37'),
    marginBottomMm: Pt(35, '下页边距，毫米；默认 35'),
    marginLeftMm: Pt(28, '订口（左页边距），毫米；默认 28'),
    marginRightMm: Pt(26, '右页边距，毫米；默认 26'),
    bodySize: Pt(16, '正文字号，磅；默认 16（3号字）'),
    linesPerPage: z.number().int().positive().default(22).meta({ description: '每面行数；默认 22' }),
    charsPerLine: z.number().int().positive().default(28).meta({ description: '每行字数；默认 28' }),
    linePitch: Pt(28.95, '行距（固定值），磅；默认 28.95'),
    titleSize: Pt(22, '标题字号，磅；默认 22（2号字）'),
    pageNumberSize: Pt(14, '页码字号，磅；默认 14（4号字）'),
    pageNumberBelowMm: z.number().nonnegative().default(7).meta({ description: '页码一字线距版心下边缘，毫米；默认 7' }),
    mastheadNameSize: Pt(42, '报头简报名称字号，磅；默认 42'),
    red: z
      .string()
      .regex(/^#[0-9A-Fa-f]{6}$/, { error: () => msg('config.colourHash') })
      .default('#D0121B')
      .meta({ description: '报头与分隔线的红色，写作 "#RRGGBB"；默认 "#D0121B"' }),
    ruleWidth: Pt(2, '报头红色分隔线粗细，磅；默认 2'),
    colophonSize: Pt(14, '报尾（版记）字号，磅；默认 14（4号字）'),
    tableSize: Pt(12, '表格字号，磅；默认 12'),
    tableMinSize: Pt(10.5, '列多、内容长的表格可缩小到的字号，磅；默认 10.5'),
    chartHeight: Pt(200, '图表高度，磅（宽度等于版心宽）；默认 200'),
    /** Printed on one side only: the 版记 ends the last page whatever its number (default: double-sided, last page even). */
    singleSided: z.boolean().default(false).meta({ description: '只单面打印时写 true：版记排在正文最后一页；默认 false（双面，版记在双页）' }),
  })
  .strict()
  .meta({ title: '简报版式配置 config/theme.yaml' });

export type ThemeSettings = z.output<typeof ThemeConfigSchema>;

export const DEFAULT_THEME_SETTINGS: ThemeSettings = ThemeConfigSchema.parse({});

// ---------------------------------------------------------------- config/fonts.yaml

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

export interface FontCandidate {
  name: string;
  /** A face offices use for this role; otherwise a free face of the same style. */
  standard: boolean;
}
const std = (...names: string[]): FontCandidate[] => names.map((name) => ({ name, standard: true }));
const alike = (...names: string[]): FontCandidate[] => names.map((name) => ({ name, standard: false }));

/** Family names looked for on the machine, best first. */
export const SYSTEM_NAMES: Record<FontRole, FontCandidate[]> = {
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

/** One role's setting as written in the file (after the shorthand `role: path`). */
export interface FontConfigEntry {
  file?: string;
  bold?: string;
  index?: number;
  family?: string;
}

const NonBlank = () => z.string().regex(/\S/, { error: () => msg('fonts.blank') });
const Text = (description: string) => NonBlank().meta({ description });
const OptText = (description: string) => NonBlank().nullish().meta({ description });
const FILE_HELP = '字体文件路径（.ttf 或 .ttc；相对路径从项目根目录算起）';

function roleEntry(key: string) {
  const role = ROLE_KEYS[key]!;
  const entry = z
    .object({
      file: OptText(FILE_HELP),
      bold: OptText('可选：**加粗** 文字用的字体文件路径'),
      index: z.number().int().min(0).max(63).nullish().meta({ description: '.ttc 字体集合中的第几个字体（从 0 开始）' }),
      family: OptText('字体名称（在字体文件夹中按名称查找），例如 楷体_GB2312'),
    })
    .strict()
    .refine((e) => typeof e.file === 'string' || typeof e.family === 'string', { error: () => msg('fonts.badEntry', { key }) })
    // the same rule for the editor: a file or a family name
    .meta({
      anyOf: [
        { required: ['file'], properties: { file: { type: 'string', description: FILE_HELP } } },
        { required: ['family'], properties: { family: { type: 'string', description: '字体名称（在字体文件夹中按名称查找）' } } },
      ],
    } as Record<string, unknown>);
  return z
    .union([Text(FILE_HELP), entry], { error: () => msg('fonts.badEntry', { key }) })
    .nullish()
    .meta({ description: `${ROLE_LABEL[role]}（${ROLE_USE[role]}）：字体文件路径，或 { file, bold, index }，或 { family: 字体名称 }；不写则自动查找` });
}

const fontKeys = Object.fromEntries(Object.keys(ROLE_KEYS).map((k) => [k, roleEntry(k)])) as Record<string, ReturnType<typeof roleEntry>>;

export const FontsConfigSchema = z
  .object({
    ...fontKeys,
    dirs: z
      .union([Text('字体文件夹路径'), z.array(Text('字体文件夹路径'))], { error: () => msg('fonts.badDirs') })
      .nullish()
      .meta({ description: '另外要查找的字体文件夹（在系统字体文件夹之前查找；相对路径从项目根目录算起）' }),
  })
  .strict()
  .meta({ title: '简报字体配置 config/fonts.yaml' })
  .transform((raw): FontsConfig => {
    const out: FontsConfig = { roles: {}, keys: {}, dirs: [] };
    for (const [key, v] of Object.entries(raw)) {
      if (key === 'dirs') {
        out.dirs = v == null ? [] : typeof v === 'string' ? [v] : (v as string[]);
        continue;
      }
      const role = ROLE_KEYS[key];
      if (!role || v == null) continue;
      const e = (typeof v === 'string' ? { file: v } : v) as Record<string, string | number | null | undefined>;
      const entry: FontConfigEntry = {};
      if (typeof e.file === 'string') entry.file = e.file;
      if (typeof e.bold === 'string') entry.bold = e.bold;
      if (typeof e.index === 'number') entry.index = e.index;
      if (typeof e.family === 'string') entry.family = e.family;
      out.roles[role] = entry;
      out.keys[role] = key;
    }
    return out;
  });

export interface FontsConfig {
  roles: Partial<Record<FontRole, FontConfigEntry>>;
  /** The key each role was given under in the file (`楷体`, `kaiti`…), for located messages. */
  keys: Partial<Record<FontRole, string>>;
  /** Extra folders searched before the system folders (as written). */
  dirs: string[];
}

export const DEFAULT_FONTS_CONFIG: FontsConfig = { roles: {}, keys: {}, dirs: [] };

// ---------------------------------------------------------------- resolved fonts (the build → the renderers)

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
  /** PostScript names of the normal and bold faces (from the name table), '' when unknown. */
  postscriptName: { normal: string; bold: string };
  source: FontSource;
  /** The face is not one of the role's standard faces (a warning in the preflight). */
  substitute: boolean;
  /** Why this font (Chinese). */
  reason: string;
  /** Candidates found but not usable, with the reason (Chinese). */
  rejected: string[];
}

/**
 * The fonts of a build, resolved by the build (load/fonts.ts) and handed to the renderers:
 * which file each role uses, and the bytes of a file when (and only when) a renderer asks.
 */
export interface ResolvedFonts {
  roles: Record<FontRole, RoleResolution>;
  /** The bytes of one font (a .ttc member extracted as a plain font); read on first use, once per process. */
  bytes(f: FontFile): Uint8Array;
  /** Equal keys mean the same files for every role. */
  key: string;
  /** The folders searched, in order (config/fonts.yaml `dirs`, then the system's or JIANBAO_FONT_DIRS). */
  dirs: string[];
}

// ---------------------------------------------------------------- config/ledger.yaml

const Grade = z
  .object({
    min: z.number().min(0).max(100).meta({ description: '完成率（%）不低于此值' }),
    label: z.string().min(1).max(20).meta({ description: '等次，例如 好、较好、一般、较差' }),
  })
  .strict();

const DEFAULT_GRADES = [
  { min: 90, label: '好' },
  { min: 75, label: '较好' },
  { min: 60, label: '一般' },
  { min: 0, label: '较差' },
];

export const LedgerConfig = z
  .object({
    status: z
      .object({
        /** Points (百分点) behind 序时进度 still shown yellow; beyond is red. */
        yellowBehind: z.number().min(0).max(100).default(10).meta({ description: '完成率落后序时进度不超过这么多个百分点为黄灯，超过为红灯' }),
      })
      .strict()
      .default({ yellowBehind: 10 })
      .meta({ description: '亮灯规则' }),
    limits: z
      .object({
        progress: z.number().int().min(1).max(20_000).default(1000).meta({ description: '“进展情况”最多字数' }),
        problems: z.number().int().min(1).max(20_000).default(500).meta({ description: '“存在问题”最多字数' }),
        nextSteps: z.number().int().min(1).max(20_000).default(500).meta({ description: '“下步打算”最多字数' }),
      })
      .strict()
      .default({ progress: 1000, problems: 500, nextSteps: 500 })
      .meta({ description: '填报字数上限' }),
    ingest: z
      .object({
        /** Largest returned workbook accepted, bytes on disk. */
        maxFileBytes: z.number().int().min(1024).default(20 * 1024 * 1024).meta({ description: '收回台账文件的最大字节数' }),
        /** Largest total uncompressed size of a returned workbook (zip bomb guard). */
        maxUncompressedBytes: z.number().int().min(1024).default(50 * 1024 * 1024).meta({ description: '收回台账解压后的最大字节数（防“压缩炸弹”）' }),
      })
      .strict()
      .default({ maxFileBytes: 20 * 1024 * 1024, maxUncompressedBytes: 50 * 1024 * 1024 })
      .meta({ description: '回收检查的限额' }),
    review: z
      .object({
        /** Year-end 考核 of the units: a ranking by completion, or grades by thresholds. */
        assess: z.enum(['ranking', 'grades']).default('ranking').meta({ description: 'ranking 按完成率排名；grades 按完成率评定等次' }),
        grades: z.array(Grade).min(1).default(DEFAULT_GRADES).meta({ description: '等次及其完成率下限（%），从高到低' }),
      })
      .strict()
      .default({ assess: 'ranking', grades: DEFAULT_GRADES })
      .meta({ description: '年度考核：按完成率排名或评定等次' }),
  })
  .strict()
  .meta({ title: '台账配置 config/ledger.yaml' });
export type LedgerConfig = z.infer<typeof LedgerConfig>;

export const DEFAULT_LEDGER_CONFIG: LedgerConfig = LedgerConfig.parse({});

// ---------------------------------------------------------------- what the renderers receive

/** The settings a renderer may ask for; each file is read when first asked for. */
export interface ProjectConfig {
  readonly slides: SlidesConfig;
  readonly theme: ThemeSettings;
  readonly fonts: FontsConfig;
  readonly ledger: LedgerConfig;
}
