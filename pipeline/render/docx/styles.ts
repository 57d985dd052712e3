/**
 * Page geometry and the named paragraph styles of briefing.docx, from the same theme as
 * the PDF (config/theme.yaml: margins, 22 × 28 grid, sizes, red).
 *
 * Styles are what an office restyles, so every kind of text has one and the body carries
 * no direct formatting beyond bold. Two are Word's built-in styles, which Chinese Word
 * and WPS show by their Chinese names: Normal is 正文 and Title is 标题. The others are
 * custom styles named in Chinese (一级标题, 二级标题, …, 编者按, 表格文字, 附件, 版记).
 *
 * Units: twips (1/20 pt) for lengths, half-points for font sizes.
 */
import { AlignmentType, LineRuleType, type IParagraphStyleOptions } from 'docx';
import type { Theme } from '../pdf/theme.js';
import { fontsOf, type DocxRole } from './fonts.js';

export const TWIP_PER_MM = 1440 / 25.4;

export interface Geometry {
  page: { width: number; height: number };
  margin: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  /** Width of the type area (版心). */
  width: number;
  /** w:docGrid linePitch: the body line pitch (22 lines a page). */
  linePitch: number;
  /** w:docGrid charSpace: 1/4096 pt added to the body size to give the character pitch (28 a line). */
  charSpace: number;
  /** The character pitch in twips (one grid character). */
  charPitch: number;
  bodySize: number;
}

export function geometry(theme: Theme): Geometry {
  const mm = (v: number) => Math.round(v * TWIP_PER_MM);
  const width = 11906 - mm(theme.marginLeftMm) - mm(theme.marginRightMm);
  const linePitch = Math.round(theme.linePitch * 20);
  // Word: characters per line = floor(width / (size + charSpace/4096)); round down so
  // exactly charsPerLine fit.
  const pitchPt = width / 20 / theme.charsPerLine;
  const charSpace = Math.floor((pitchPt - theme.bodySize) * 4096);
  return {
    page: { width: 11906, height: 16838 },
    margin: {
      top: mm(theme.marginTopMm),
      bottom: mm(theme.marginBottomMm),
      left: mm(theme.marginLeftMm),
      right: mm(theme.marginRightMm),
      header: mm(15),
      // the page number's dash sits pageNumberBelowMm under the type area
      footer: mm(Math.max(5, theme.marginBottomMm - theme.pageNumberBelowMm - 2)),
    },
    width,
    linePitch,
    charSpace,
    charPitch: Math.round((theme.bodySize + charSpace / 4096) * 20),
    bodySize: theme.bodySize,
  };
}

/** Style ids (ASCII, stable); the names people see are in STYLE_NAMES. */
export const S = {
  body: 'Normal',
  title: 'Title',
  h1: 'JbHeading1',
  h2: 'JbHeading2',
  h3: 'JbHeading3',
  h4: 'JbHeading4',
  note: 'JbNote',
  tableText: 'JbTableText',
  tableHead: 'JbTableHead',
  caption: 'JbCaption',
  attachment: 'JbAttachment',
  attachmentTitle: 'JbAttachmentTitle',
  colophon: 'JbColophon',
  mastName: 'JbMastheadName',
  mastIssue: 'JbMastheadIssue',
  mastInfo: 'JbMastheadInfo',
  pageNumber: 'JbPageNumber',
} as const;

export const STYLE_NAMES: Record<keyof typeof S, string> = {
  body: 'Normal', // 正文 in Chinese Word and WPS
  title: 'Title', // 标题
  h1: '一级标题',
  h2: '二级标题',
  h3: '三级标题',
  h4: '四级标题',
  note: '编者按',
  tableText: '表格文字',
  tableHead: '表格表头',
  caption: '图表标题',
  attachment: '附件',
  attachmentTitle: '附件标题',
  colophon: '版记',
  mastName: '报头名称',
  mastIssue: '报头期号',
  mastInfo: '报头编印单位',
  pageNumber: '页码',
};

/** The role (font) and size of each style, as the PDF sets the same kind of text. */
export const STYLE_ROLES: Record<keyof typeof S, { role: DocxRole; size: number }> = {
  body: { role: 'fangsong', size: 16 },
  title: { role: 'xiaobiaosong', size: 22 },
  h1: { role: 'heiti', size: 16 },
  h2: { role: 'kaiti', size: 16 },
  h3: { role: 'fangsong', size: 16 },
  h4: { role: 'fangsong', size: 16 },
  note: { role: 'kaiti', size: 16 },
  tableText: { role: 'fangsong', size: 12 },
  tableHead: { role: 'heiti', size: 12 },
  caption: { role: 'heiti', size: 14 },
  attachment: { role: 'heiti', size: 16 },
  attachmentTitle: { role: 'xiaobiaosong', size: 22 },
  colophon: { role: 'fangsong', size: 14 },
  mastName: { role: 'xiaobiaosong', size: 42 },
  mastIssue: { role: 'fangsong', size: 16 },
  mastInfo: { role: 'fangsong', size: 16 },
  pageNumber: { role: 'songti', size: 14 },
};

/**
 * Styles whose text is not set on the body's character and line grid (w:snapToGrid 0):
 * larger or smaller type than the body would otherwise be spread over whole grid cells.
 * docx has no paragraph-level snapToGrid option; package.ts writes it into styles.xml.
 */
export const OFF_GRID: readonly string[] = [S.title, S.tableText, S.tableHead, S.caption, S.attachmentTitle, S.colophon, S.mastName, S.mastInfo, S.pageNumber];

/** Styles without Word's automatic gap between Chinese and Latin/digits (package.ts). */
export const NO_AUTOSPACE: readonly string[] = [S.tableText, S.tableHead];

/**
 * Horizontal scale (w:w, %) of text on the character grid. The GB/T 9704 grid puts 28
 * 3号 characters in 156 mm, a pitch of 15.79 pt for 16 pt type: Word and WPS set each
 * character on the pitch, but LibreOffice gives a character wider than the pitch two grid
 * cells (14 characters a line). At 98 % the glyphs are narrower than the pitch, LibreOffice
 * keeps 28 a line, and Word and WPS, which place characters by the grid, look the same.
 */
export const GRID_SCALE = 98;

export function paragraphStyles(g: Geometry, theme: Theme): IParagraphStyleOptions[] {
  const exact = (twips: number) => ({ line: twips, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
  const run = (k: keyof typeof S, extra: Record<string, unknown> = {}) => ({
    font: fontsOf(STYLE_ROLES[k].role),
    size: STYLE_ROLES[k].size * 2,
    sizeComplexScript: STYLE_ROLES[k].size * 2,
    // text off the grid is set at full width
    ...((OFF_GRID as readonly string[]).includes(S[k]) ? { scale: 100 } : {}),
    ...extra,
  });
  const indent2 = { firstLineChars: 200, firstLine: 2 * g.charPitch };
  const heading = (k: 'h1' | 'h2' | 'h3' | 'h4', level: number): IParagraphStyleOptions => ({
    id: S[k],
    name: STYLE_NAMES[k],
    basedOn: S.body,
    next: S.body,
    quickFormat: true,
    run: run(k),
    paragraph: { outlineLevel: level, keepNext: true, keepLines: true },
  });
  const tablePitch = (size: number) => Math.round(size * 1.5 * 20);
  return [
    {
      id: S.body,
      name: STYLE_NAMES.body,
      quickFormat: true,
      run: run('body', { scale: GRID_SCALE }),
      paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: exact(g.linePitch), indent: indent2 },
    },
    {
      id: S.title,
      name: STYLE_NAMES.title,
      basedOn: S.body,
      next: S.body,
      quickFormat: true,
      run: run('title'),
      paragraph: {
        alignment: AlignmentType.CENTER,
        // 2号 lines at 1.6 × size, as the PDF title; one blank body line after it
        spacing: { line: Math.round(theme.titleSize * 1.6 * 20), lineRule: LineRuleType.EXACT, before: 0, after: g.linePitch },
        indent: { firstLine: 0, firstLineChars: 0, left: g.charPitch, right: g.charPitch },
        outlineLevel: 0,
        keepNext: true,
        keepLines: true,
      },
    },
    heading('h1', 1),
    heading('h2', 2),
    heading('h3', 3),
    heading('h4', 4),
    { id: S.note, name: STYLE_NAMES.note, basedOn: S.body, next: S.note, quickFormat: true, run: run('note') },
    {
      id: S.tableText,
      name: STYLE_NAMES.tableText,
      basedOn: S.body,
      quickFormat: true,
      run: run('tableText'),
      paragraph: {
        alignment: AlignmentType.LEFT,
        spacing: exact(tablePitch(STYLE_ROLES.tableText.size)),
        indent: { firstLine: 0, firstLineChars: 0 },
      },
    },
    {
      id: S.tableHead,
      name: STYLE_NAMES.tableHead,
      basedOn: S.tableText,
      run: run('tableHead'),
      paragraph: { alignment: AlignmentType.CENTER },
    },
    {
      id: S.caption,
      name: STYLE_NAMES.caption,
      basedOn: S.body,
      next: S.body,
      run: run('caption'),
      paragraph: { alignment: AlignmentType.CENTER, spacing: exact(440), indent: { firstLine: 0, firstLineChars: 0 } },
    },
    {
      id: S.attachment,
      name: STYLE_NAMES.attachment,
      basedOn: S.body,
      next: S.attachmentTitle,
      quickFormat: true,
      run: run('attachment'),
      // GB/T 9704 §8: "附件" in 黑体 at the top left of a new page (the paragraph has w:pageBreakBefore)
      paragraph: { alignment: AlignmentType.LEFT, keepNext: true, indent: { firstLine: 0, firstLineChars: 0 }, outlineLevel: 1 },
    },
    {
      id: S.attachmentTitle,
      name: STYLE_NAMES.attachmentTitle,
      basedOn: S.title,
      next: S.body,
      run: run('attachmentTitle'),
      paragraph: { spacing: { line: Math.round(theme.titleSize * 1.6 * 20), lineRule: LineRuleType.EXACT, before: g.linePitch, after: g.linePitch }, outlineLevel: 9 },
    },
    {
      id: S.colophon,
      name: STYLE_NAMES.colophon,
      basedOn: S.body,
      run: run('colophon'),
      // 4号, one character in from both sides; a wrapped line aligns after "报："
      paragraph: {
        alignment: AlignmentType.JUSTIFIED,
        spacing: { line: Math.round(theme.colophonSize * 1.75 * 20), lineRule: LineRuleType.EXACT, before: 60, after: 60 },
        indent: { left: 3 * theme.colophonSize * 20, hanging: 2 * theme.colophonSize * 20, right: theme.colophonSize * 20, firstLineChars: 0 },
      },
    },
    {
      id: S.mastName,
      name: STYLE_NAMES.mastName,
      basedOn: S.body,
      next: S.mastIssue,
      run: run('mastName', { color: theme.red.slice(1).toUpperCase() }),
      paragraph: { alignment: AlignmentType.CENTER, spacing: exact(2 * g.linePitch), indent: { firstLine: 0, firstLineChars: 0 } },
    },
    {
      id: S.mastIssue,
      name: STYLE_NAMES.mastIssue,
      basedOn: S.body,
      next: S.mastInfo,
      run: run('mastIssue'),
      paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0, firstLineChars: 0 } },
    },
    {
      id: S.mastInfo,
      name: STYLE_NAMES.mastInfo,
      basedOn: S.body,
      next: S.body,
      run: run('mastInfo'),
      paragraph: {
        alignment: AlignmentType.LEFT,
        indent: { firstLine: 0, firstLineChars: 0 },
        spacing: { line: g.linePitch, lineRule: LineRuleType.EXACT, before: Math.round(g.linePitch / 2), after: 0 },
        // the red rule under 编印单位 and date
        border: { bottom: { style: 'single', size: Math.round(theme.ruleWidth * 8), color: theme.red.slice(1).toUpperCase(), space: 4 } },
        rightTabStop: g.width,
      },
    },
    {
      id: S.pageNumber,
      name: STYLE_NAMES.pageNumber,
      basedOn: S.body,
      run: run('pageNumber'),
      paragraph: { spacing: exact(Math.round(theme.pageNumberSize * 20)), indent: { firstLine: 0, firstLineChars: 0 } },
    },
  ];
}
