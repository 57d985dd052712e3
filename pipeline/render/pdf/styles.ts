/**
 * The named text styles of the briefing (which font role, size, line pitch, tracking,
 * alignment and indent each kind of text gets), derived from the theme. One place to
 * look when the page does not look right.
 */
import type { FontRole, FontSet } from './fonts.js';
import type { LineStyle } from './typeset.js';
import type { Theme } from './theme.js';

export interface TextKind extends LineStyle {
  role: FontRole;
  bold: boolean;
  /** First-line indent in points. */
  indent: number;
}

export interface Styles {
  body: TextKind;
  /** 一、 level-1 heading: 黑体 */
  h1: TextKind;
  /** （一） level-2 heading: 楷体 */
  h2: TextKind;
  /** 1. and （1）: body face */
  h3: TextKind;
  h4: TextKind;
  /** 编者按 text: 楷体 */
  note: TextKind;
  title: TextKind;
  caption: TextKind;
  tableBody(size: number): TextKind;
  tableHead(size: number): TextKind;
  colophon: TextKind;
}

export function makeStyles(theme: Theme, fonts: FontSet): Styles {
  const grid = theme.linePitch;
  const indent = 2 * theme.charPitch;
  const base = { fonts, size: theme.bodySize, pitch: grid, tracking: theme.charSpacing, bold: false, indent };
  const kind = (role: FontRole, extra: Partial<TextKind> = {}): TextKind => ({
    ...base,
    role,
    align: 'justify',
    ...extra,
  });
  const tableKind = (role: FontRole, size: number, align: TextKind['align']): TextKind => ({
    fonts,
    role,
    bold: false,
    size,
    pitch: Math.round(size * 1.5 * 100) / 100,
    tracking: 0,
    align,
    indent: 0,
  });
  return {
    body: kind('fangsong'),
    h1: kind('heiti'),
    h2: kind('kaiti'),
    h3: kind('fangsong'),
    h4: kind('fangsong'),
    note: kind('kaiti'),
    title: {
      ...kind('xiaobiaosong', { align: 'center', indent: 0 }),
      size: theme.titleSize,
      pitch: Math.round(theme.titleSize * 1.6 * 100) / 100,
      tracking: 0,
    },
    caption: { ...kind('heiti', { align: 'center', indent: 0 }), size: 14, pitch: 22, tracking: 0 },
    tableBody: (size) => tableKind('fangsong', size, 'justify'),
    tableHead: (size) => tableKind('heiti', size, 'center'),
    colophon: {
      ...kind('fangsong', { align: 'justify', indent: 0 }),
      size: theme.colophonSize,
      pitch: Math.round(theme.colophonSize * 1.75 * 100) / 100,
      tracking: 0,
    },
  };
}

/** Space to add after a block of `height` so the next block starts on the body grid. */
export function padToGrid(height: number, pitch: number): number {
  const lines = Math.ceil(height / pitch - 1e-6);
  return Math.max(0, lines * pitch - height);
}
