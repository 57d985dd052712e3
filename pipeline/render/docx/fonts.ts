/**
 * Font names of the editable briefing, by the 公文 typeface roles the PDF uses: 仿宋
 * (fangsong), 楷体 (kaiti), 黑体 (heiti), 小标宋 (xiaobiaosong), 宋体 (songti).
 *
 * A .docx names fonts; it does not carry them. The names are the ones offices have
 * installed (GB/T 9704 practice): the PDF resolves a role to a font file, Word and WPS
 * resolve the same role to these names. Where an office lacks the first name, Word falls
 * back to the `w:altName` written in word/fontTable.xml (仿宋_GB2312 → 仿宋 on a Windows
 * that only has the newer faces), and WPS maps the _GB2312 names itself.
 *
 * The roles and the names are the PDF's (render/pdf/font-roles.ts): one mapping for both.
 */
import { FONT_ROLES, SYSTEM_NAMES, type FontRole } from '../pdf/font-roles.js';

export type DocxRole = FontRole;

export interface FontName {
  /** The name written in w:rFonts (w:eastAsia, and w:ascii/w:hAnsi: digits set in the same face as the PDF does). */
  name: string;
  /** Written as w:altName in the font table: what Word uses when `name` is not installed. */
  alt?: string;
  /** w:panose1 of the face (lets Word pick a close substitute). */
  panose: string;
  family: 'auto' | 'roman' | 'modern' | 'swiss' | 'script';
  pitch: 'fixed' | 'variable';
}

/** Fallbacks, panose and family of the standard faces (the names come from the PDF's role table). */
const FACE: Record<FontRole, Omit<FontName, 'name'>> = {
  fangsong: { alt: '仿宋', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
  kaiti: { alt: '楷体', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
  heiti: { alt: 'SimHei', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  xiaobiaosong: { alt: '宋体', panose: '02000000000000000000', family: 'auto', pitch: 'variable' },
  songti: { alt: 'SimSun', panose: '02010600030101010101', family: 'auto', pitch: 'variable' },
};

/**
 * The 公文 faces by role: the first standard name of each role in the PDF's role table
 * (render/pdf/font-roles.ts: 仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体, 宋体), with the
 * newer Windows name as Word's fallback.
 */
export const ROLE_FONTS: Record<FontRole, FontName> = Object.fromEntries(
  FONT_ROLES.map((role) => [role, { name: SYSTEM_NAMES[role][0]!.name, ...FACE[role] }]),
) as Record<FontRole, FontName>;

/** w:rFonts of a role: the same face for every script, so digits and Latin letters match the PDF. */
export function fontsOf(role: DocxRole): { ascii: string; eastAsia: string; hAnsi: string; cs: string } {
  const n = ROLE_FONTS[role].name;
  return { ascii: n, eastAsia: n, hAnsi: n, cs: n };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** word/fontTable.xml naming every face the document uses, with its fallback. */
export function fontTableXml(): string {
  const seen = new Set<string>();
  const fonts: string[] = [];
  for (const f of Object.values(ROLE_FONTS)) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    fonts.push(
      `<w:font w:name="${esc(f.name)}">` +
        (f.alt ? `<w:altName w:val="${esc(f.alt)}"/>` : '') +
        `<w:panose1 w:val="${f.panose}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/>` +
        `</w:font>`,
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    fonts.join('') +
    '</w:fonts>'
  );
}
