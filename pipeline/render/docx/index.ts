/**
 * The editable 简报: briefing.docx for Word and WPS, from the same template and parsed Doc
 * as briefing.pdf (templates/default/briefing.md.hbs → doc → convert.ts → docx).
 *
 *   page      A4, GB/T 9704 margins, w:docGrid linesAndChars (22 lines × 28 characters),
 *             odd/even footers "— PAGE —" in 4号 宋体 on the outer side
 *   styles    by role, named (styles.ts); fonts by the names offices have (fonts.ts)
 *   masthead  red name, 第X期, 编印单位 ⟷ date, red rule (the PDF's masthead.ts)
 *   body      convert.ts
 *   版记      报/送/发 and （共印X份） between rules, at the end (the PDF's colophon.ts)
 *
 * Built with the `docx` package, then re-packed (package.ts) so the same input gives the
 * same bytes: fixed zip and core-property dates from the briefing date, stable ids.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Packer,
  OverlapType,
  PageNumber,
  RelativeHorizontalPosition,
  RelativeVerticalPosition,
  TableAnchorType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { MeetingView } from '../../core/view.js';
import type { Doc } from '../doc/ast.js';
import type { FontSet } from '../pdf/fonts.js';
import { briefingAssets } from '../pdf/assets.js';
import type { Theme } from '../pdf/theme.js';
import type { Renderer } from '../registry.js';
import { annexPages, convertDoc } from './convert.js';
import { fontsOf } from './fonts.js';
import { finishPackage, finishParts } from './package.js';
import { geometry, paragraphStyles, S, type Geometry } from './styles.js';

export const docxRenderer: Renderer = {
  format: 'docx',
  async render(ctx) {
    const { doc } = ctx.doc('briefing.md');
    const data = await renderBriefingDocx({ view: ctx.view, doc, ...briefingAssets(ctx), source: 'briefing.md' });
    return [{ name: 'briefing.docx', data }];
  },
};

export interface BriefingDocxInput {
  view: MeetingView;
  doc: Doc;
  source?: string;
  /** The page (config/theme.yaml, from the RenderContext). */
  theme: Theme;
  /** The font roles (chart labels, table measures), from the RenderContext. */
  fonts: FontSet;
}

export async function renderBriefingDocx(input: BriefingDocxInput): Promise<Uint8Array> {
  const { theme, fonts } = input;
  const g = geometry(theme);
  const b = input.view.briefing;

  const body = await convertDoc(input.doc.children, { theme, geometry: g, fonts, source: input.source ?? 'briefing.md' });
  const head = masthead(input.view, theme, g);
  const tail = colophon(b.distribution, b.copies, theme, g);

  const title = body.title ?? input.view.title;
  const document = new Document({
    creator: b.office,
    lastModifiedBy: b.office,
    title,
    subject: `${b.name} ${b.issueLabel}`,
    keywords: [b.name, input.view.kindLabel, input.view.shortTitle].filter(Boolean).join('; '),
    description: 'jianbao',
    revision: 1,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: fontsOf('fangsong'), size: theme.bodySize * 2, sizeComplexScript: theme.bodySize * 2, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
        },
      },
      paragraphStyles: paragraphStyles(g, theme),
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: g.page.width, height: g.page.height },
            margin: { ...g.margin, gutter: 0 },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: g.linePitch, charSpace: g.charSpace },
        },
        footers: { default: pageFooter('odd', theme), even: pageFooter('even', theme) },
        children: [...head, ...body.body, ...annexPages(body.annexes, g), ...tail],
      },
    ],
  });
  // docx zips its parts with DEFLATE and the package is re-packed deterministically after:
  // take the parts from its compiler (what Packer zips) and compress them once. A docx
  // without that compiler (another version) goes the long way, to the same bytes.
  const compiler = (Packer as unknown as { compiler?: { compile?(file: Document): Map<string, string | Uint8Array> } }).compiler;
  if (typeof compiler?.compile === 'function') return finishParts(compiler.compile(document), { date: b.date });
  const zip = await Packer.toBuffer(document);
  return finishPackage(zip, { date: b.date });
}

/** "— N —" on the outer side, one character in: right on odd pages, left on even ones. */
function pageFooter(side: 'odd' | 'even', theme: Theme): Footer {
  const inset = Math.round(theme.pageNumberSize * 20);
  return new Footer({
    children: [
      new Paragraph({
        style: S.pageNumber,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: inset } : { left: inset },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

/**
 * 报头: [密级], the briefing name in red (shrunk to one line, letter-spaced when short),
 * 第X期（总第N期）, 编印单位 left and date right over a red rule, then a blank line.
 */
function masthead(view: MeetingView, theme: Theme, g: Geometry): Paragraph[] {
  const b = view.briefing;
  const W = g.width / 20;
  const out: Paragraph[] = [];
  out.push(
    new Paragraph({
      style: S.body,
      indent: { firstLine: 0, firstLineChars: 0 },
      children: b.secrecy ? [new TextRun({ text: b.secrecy, font: fontsOf('heiti') })] : [],
    }),
  );
  // the name: as large as configured, shrunk to fit one line, letter-spaced when short (the PDF's rule)
  const n = [...b.name].length;
  const em = (s: string) => [...s].reduce((w, ch) => w + (/[\u0000-\u024f]/.test(ch) ? 0.55 : 1), 0);
  let size = theme.mastheadNameSize;
  while (size > 16 && em(b.name) * size > W * 0.96) size -= 1;
  const natural = em(b.name) * size;
  const target = Math.min(W * 0.78, natural + (n - 1) * size * 0.45);
  const tracking = n > 1 && natural < target ? (target - natural) / (n - 1) : 0;
  const trackTw = Math.floor(tracking * 20);
  out.push(
    new Paragraph({
      style: S.mastName,
      // Word adds the spacing after the last character too: shift right by it to stay centred
      ...(trackTw ? { indent: { left: trackTw, firstLine: 0, firstLineChars: 0 } } : {}),
      children: [new TextRun({ text: b.name, ...(size !== theme.mastheadNameSize ? { size: size * 2 } : {}), ...(trackTw ? { characterSpacing: trackTw } : {}) })],
    }),
  );
  out.push(new Paragraph({ style: S.mastIssue, children: [new TextRun(b.totalIssueLabel ? `${b.issueLabel}（${b.totalIssueLabel}）` : b.issueLabel)] }));
  // 编印单位 ⟷ date; smaller type when both do not fit with two characters between
  let infoSize = theme.bodySize;
  while (infoSize > 10 && (em(b.office) + em(b.dateCn) + 2) * infoSize > W) infoSize -= 0.5;
  const sized = infoSize !== theme.bodySize ? { size: Math.round(infoSize * 2) } : {};
  out.push(new Paragraph({ style: S.mastInfo, children: [new TextRun({ text: b.office, ...sized }), new TextRun({ children: ['\t'], ...sized }), new TextRun({ text: b.dateCn, ...sized })] }));
  // a blank body line between the rule and the title
  out.push(new Paragraph({ style: S.body, children: [] }));
  return out;
}

/**
 * 版记 (GB/T 9704 §7.4): a table as wide as the type area, thick rules first and last and
 * thin rules between 报/送/发, 4号 仿宋 one character in on both sides, （共印X份） right.
 */
function colophon(dist: MeetingView['briefing']['distribution'], copies: number | undefined, theme: Theme, g: Geometry): (Paragraph | Table)[] {
  const rows = [
    { label: '报：', names: dist.bao },
    { label: '送：', names: dist.song },
    { label: '发：', names: dist.fa },
  ].filter((r) => r.names.length > 0);
  if (rows.length === 0 && copies === undefined) return [];
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const copiesPara =
    copies !== undefined
      ? [new Paragraph({ style: S.colophon, alignment: AlignmentType.RIGHT, indent: { left: 0, hanging: 0, right: Math.round(theme.colophonSize * 20) }, children: [new TextRun(`（共印${copies}份）`)] })]
      : [];
  const cells: Paragraph[][] = rows.map((r) => [new Paragraph({ style: S.colophon, children: [new TextRun(`${r.label}${r.names.join('，')}。`)] })]);
  if (cells.length) cells[cells.length - 1]!.push(...copiesPara);
  else cells.push(copiesPara);
  return [
    // one blank line between the text and the 版记 (the PDF's reserve), also where the table is not floated
    new Paragraph({ style: S.body, keepNext: true, children: [] }),
    new Table({
      width: { size: g.width, type: WidthType.DXA },
      columnWidths: [g.width],
      layout: TableLayoutType.FIXED,
      // at the foot of the last page, as GB/T 9704 places the 版记 (a floating table: Word, WPS and LibreOffice keep it there)
      float: {
        horizontalAnchor: TableAnchorType.MARGIN,
        relativeHorizontalPosition: RelativeHorizontalPosition.CENTER,
        verticalAnchor: TableAnchorType.MARGIN,
        relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
        overlap: OverlapType.NEVER,
        topFromText: Math.round(g.linePitch / 2),
      },
      borders: { top: thick, bottom: thick, left: none, right: none, insideHorizontal: thin, insideVertical: none },
      margins: { left: 0, right: 0, top: 60, bottom: 60 },
      rows: cells.map((c) => new TableRow({ cantSplit: true, children: [new TableCell({ children: c, width: { size: g.width, type: WidthType.DXA } })] })),
    }),
    // the paragraph a floating table is anchored to (and the body ends with a paragraph): one point high
    new Paragraph({ style: S.tableText, spacing: { line: 20, lineRule: 'exact', before: 0, after: 0 }, children: [] }),
  ];
}
