/**
 * The 简报 (briefing) PDF renderer: GB/T 9704-2012 page, red masthead, body on the
 * 22 × 28 grid, 报尾 at the foot of the last page, "— N —" page numbers.
 *
 *   templates/default/briefing.md.hbs → doc (intermediate form) → convert.ts → pdfmake
 *
 * Output is byte-identical for the same input: the PDF dates come from the briefing
 * date, chart ids are renumbered, nothing reads the clock.
 */
// First: makes pdfkit share parsed fonts across documents (must load before pdfkit does).
import './font-sharing.js';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import type { MeetingView } from '../../core/view.js';
import type { Doc } from '../doc/ast.js';
import type { Renderer } from '../registry.js';
import { briefingAssets } from './assets.js';
import { loadCharts } from './charts.js';
import { colophon } from './colophon.js';
import { annexPages, convertDoc } from './convert.js';
import { FONT_ROLES, type FontRole, type FontSet } from './fonts.js';
import { masthead } from './masthead.js';
import type { Content, TextNode } from './nodes.js';
import { makeStyles } from './styles.js';
import type { Theme } from './theme.js';

import { preflight, substituteFindings, type Finding } from './preflight.js';
import { layoutFindings, traceLayout, type LayoutCheck } from './layout-check.js';
import type { Problem } from '../../errors.js';
import { msg } from '../../messages/index.js';

export { preflight, type PreflightReport, type Finding } from './preflight.js';
export { makeTheme, type Theme } from './theme.js';
export { fontSet } from './fonts.js';
export { briefingAssets } from './assets.js';

export interface BriefingInput {
  view: MeetingView;
  doc: Doc;
  /** Shown in template error messages. */
  source?: string;
  /** The page and type (config/theme.yaml, from the RenderContext). */
  theme: Theme;
  /** The faces of the resolved font roles (from the RenderContext). */
  fonts: FontSet;
  /** Write a PDF/A-2b file for archiving (XMP metadata, output intent, tagged). */
  archive?: boolean;
}

export interface MissingGlyph {
  role: FontRole;
  bold: boolean;
  char: string;
  codePoint: string;
}

export interface BriefingPdf {
  pdf: Uint8Array;
  /** The preflight's findings, checked while the PDF was drawn (layout-check.ts). */
  findings?: Finding[];
  /** Characters the configured fonts cannot show (they would print as empty boxes). */
  missingGlyphs: MissingGlyph[];
}

export const briefingRenderer: Renderer = {
  format: 'briefing',
  async render(ctx) {
    const { doc } = ctx.doc('briefing.md');
    const { pdf } = await renderBriefing({ view: ctx.view, doc, ...briefingAssets(ctx), source: 'briefing.md' });
    return [{ name: 'briefing.pdf', data: pdf }];
  },
  async check(file, ctx) {
    if (!(file.data instanceof Uint8Array)) return [];
    // checked while it was drawn; bytes from elsewhere are read back
    const findings = checkedAtLayout.get(file.data)?.findings ?? (await preflight(file.data, briefingAssets(ctx).theme)).findings;
    return findings.map((f) => preflightProblem(file.name, f));
  },
};

/** The layout-time checks of the PDFs this process rendered, by their bytes. */
export const checkedAtLayout = new WeakMap<Uint8Array, LayoutCheck>();

/** The same briefing as PDF/A-2b for the archive (not built by default: `--format archive`). */
export const archiveRenderer: Renderer = {
  format: 'archive',
  async render(ctx) {
    const { doc } = ctx.doc('briefing.md');
    const { pdf } = await renderBriefing({ view: ctx.view, doc, ...briefingAssets(ctx), source: 'briefing.md', archive: true });
    return [{ name: 'briefing-pdfa.pdf', data: pdf }];
  },
};

/** A preflight finding as a build problem: `output/…/briefing.pdf  第3页  kinsoku: …, found "…"`. */
export function preflightProblem(file: string, f: Finding): Problem {
  return {
    location: { kind: 'file', file },
    field: f.page ? `第${f.page}页` : undefined,
    message: msg('preflight.problem', { code: f.code, message: f.message }),
    found: f.detail !== undefined ? JSON.stringify(f.detail) : undefined,
    severity: f.severity,
  };
}

export async function renderBriefing(input: BriefingInput): Promise<BriefingPdf> {
  const { theme, fonts } = input;
  const styles = makeStyles(theme, fonts);
  const b = input.view.briefing;

  if (hasChart(input.doc.children)) await loadCharts();
  // pages pushed in front of the 版记 so that it ends an even page (decided during layout)
  let breaks = 0;
  const compose = () => {
    const head = masthead(
      { name: b.name, issueLabel: b.issueLabel, totalIssueLabel: b.totalIssueLabel, office: b.office, dateCn: b.dateCn, secrecy: b.secrecy },
      theme,
      fonts,
    );
    const body = convertDoc(input.doc.children, { fonts, theme, styles, source: input.source ?? 'briefing.md' });
    const tail = colophon(b.distribution ? { ...b.distribution, copies: b.copies } : { bao: [], song: [], fa: [], copies: b.copies }, theme, styles);

    const annex = annexPages(body.annexes, { fonts, theme, styles, source: input.source ?? 'briefing.md' });
    // the 附件说明 never stands alone on a page: it keeps the body's last two lines with it
    const bodyContent = [...body.content];
    let note: Content[] = annex.note;
    if (note.length) {
      const keep: Content[] = [];
      while (keep.length < 2 && bodyContent.length && (bodyContent[bodyContent.length - 1] as { style?: string }).style === 'line') keep.unshift(bodyContent.pop()!);
      note = [{ stack: [...keep, ...note], unbreakable: true }];
    }
    const content: Content[] = [...head.nodes, ...bodyContent, ...note, ...annex.pages];
    if (tail) {
      // Reserve the 报尾's height (plus one blank line) at the end of the text: if it does
      // not fit under the last line, pdfmake moves this spacer — and so the 报尾 — to a
      // new page. The 报尾 itself is drawn by the footer of the last page.
      const reserve = tail.height + theme.linePitch;
      content.push({ text: ' ', fontSize: theme.bodySize, lineHeight: reserve / fonts.lineBox('fangsong', false, theme.bodySize), style: 'spacer' });
    }

    const missingGlyphs = checkGlyphs(fonts, body.textByFace, [
      ['xiaobiaosong', true, b.name],
      ['fangsong', false, `${b.issueLabel}${b.totalIssueLabel ?? ''}${b.office}${b.dateCn}`],
      ['songti', false, '— 0123456789'],
      ['heiti', false, b.secrecy ?? ''],
      ['fangsong', false, tail?.text ?? ''],
    ]);

    const date = pdfDate(b.date);
    const title = body.title ?? input.view.title;
    // the dash (about 0.33 em above the baseline) sits pageNumberBelowMm below the type area
    const pageNumberTop = theme.pageNumberBelowMm * (72 / 25.4) + (0.33 - fonts.face('songti').ascender / 1000) * theme.pageNumberSize;
    const dd = {
      pageSize: 'A4',
      pageOrientation: 'portrait',
      pageMargins: [theme.margins.left, theme.margins.top, theme.margins.right, theme.margins.bottom],
      content,
      defaultStyle: { font: fonts.family('fangsong'), fontSize: theme.bodySize },
      styles: { line: {}, hline: {}, spacer: {}, cell: {}, [LAST_FOOTER]: {} },
      footer: (page: number, pages: number): Content => {
        const odd = page % 2 === 1;
        const num: TextNode = {
          text: `— ${page} —`,
          font: fonts.family('songti'),
          fontSize: theme.pageNumberSize,
          lineHeight: 1,
          alignment: odd ? 'right' : 'left',
          margin: odd
            ? [0, Math.max(0, pageNumberTop), theme.margins.right + theme.pageNumberSize, 0]
            : [theme.margins.left + theme.pageNumberSize, Math.max(0, pageNumberTop), 0, 0],
        };
        // GB/T 9704 §7.5: a blank page before the 版记 page, and that page, carry no number
        const unnumbered = breaks >= 2 && page >= pages - 1;
        if (page !== pages) return unnumbered ? { text: '' } : num;
        // the last page's footer is laid out after all the text: evenLastPage looks at it
        if (!tail) return unnumbered ? { text: '' } : { ...num, style: LAST_FOOTER };
        // The footer is laid out in its own frame whose origin is the bottom edge of the
        // type area: a negative y reaches up into the last lines of the type area.
        return {
          style: LAST_FOOTER,
          stack: [unnumbered ? { text: '' } : num, { columns: [{ width: theme.typeArea.width, stack: [tail.node] }], absolutePosition: { x: theme.margins.left, y: -tail.height } }],
        };
      },
      pageBreakBefore: evenLastPage(keepHeadingsWithNext(theme), () => {
        // 版记 on an even page (the back of a sheet): an empty page pushed in front of it
        if (theme.singleSided || breaks >= 2) return false;
        content.splice(tail ? content.length - 1 : content.length, 0, { text: ' ', fontSize: 1, lineHeight: 1, pageBreak: 'before', style: 'spacer' });
        breaks += 1;
        return true;
      }),
      info: {
        title,
        author: b.office,
        subject: `${b.name} ${b.issueLabel}`,
        keywords: [b.name, input.view.kindLabel, input.view.shortTitle].filter(Boolean).join('; '),
        creator: 'jianbao',
        producer: 'jianbao (pdfmake 0.3)',
        creationDate: date,
        modDate: date,
        ...substitutes(fonts),
        ...(missingGlyphs.length ? { JianbaoMissingGlyphs: missingGlyphs.map((m) => `${m.codePoint} ${m.role}`).join(', ') } : {}),
      },
      language: 'zh-CN',
      version: '1.7',
      compress: true,
      ...(input.archive ? { subset: 'PDF/A-2b', tagged: true } : {}),
    };
    return { dd, missingGlyphs };
  };

  pdfmake.setFonts(fonts.pdfmakeFonts);
  lockDownPdfmake();
  // laid out and written once: the spacers in front of the 版记 are decided during layout
  const { dd, missingGlyphs } = compose();
  const trace = traceLayout(dd.content);
  const buffer = await pdfmake.createPdf(dd).getBuffer();
  const laid = layoutFindings(trace, theme, missingGlyphs.map((m) => `${m.codePoint} ${m.role}`).join(', '));
  // the substitute faces, as the read-back preflight reports them from the document info
  const check = laid && { ...laid, findings: [...substituteFindings(substitutes(fonts).JianbaoFontSubstitutes ?? ''), ...laid.findings] };
  const pdf = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (check) checkedAtLayout.set(pdf, check);
  return { pdf, missingGlyphs, findings: check?.findings };
}

// ---------------------------------------------------------------- resource access

/** No URL is ever fetched: templates and data cannot make a briefing reach the network. */
export const urlAccessPolicy = (_url: string): boolean => false;
/**
 * No file is ever read while a PDF is made: fonts come from pdfmake's virtual file system
 * (fonts.ts: the bytes the build's font resolution provides), charts are SVG strings; pdfkit's own standard-font metrics are not covered
 * by the policy (they are package assets, read by pdfkit directly).
 */
export const localAccessPolicy = (_path: string): boolean => false;

const STANDARD_FONTS = new Set(
  ['Courier', 'Helvetica', 'Times'].flatMap((f) =>
    f === 'Times' ? ['Times-Roman', 'Times-Bold', 'Times-Italic', 'Times-BoldItalic'] : [f, `${f}-Bold`, `${f}-Oblique`, `${f}-BoldOblique`],
  ).concat(['Symbol', 'ZapfDingbats']),
);

interface PdfkitDocument {
  _registeredFonts: Record<string, unknown>;
  _fontFamilies: Record<string, unknown>;
  openImage(src: unknown): unknown;
  font(src: unknown, ...rest: unknown[]): unknown;
}

function denyLocal(src: unknown): void {
  if (typeof src !== 'string' || /^data:/.test(src)) return;
  if (localAccessPolicy(src) !== true) throw new Error(`Access to local file denied by resource access policy: ${src}`);
}

let lockedDown = false;

/**
 * Set pdfmake's URL and local-file access policies (which guard `images`, `attachments`,
 * `files` and font paths of a document definition), and extend the local policy to the
 * two pdfkit doors pdfmake does not guard: svg-to-pdfkit opens an SVG `<image href>` with
 * `doc.openImage` (a chart spec can make ECharts emit one: `symbol: image:///path`), and
 * `doc.font(path)` reads any path it is given.
 */
export function lockDownPdfmake(): void {
  pdfmake.setUrlAccessPolicy(urlAccessPolicy);
  pdfmake.setLocalAccessPolicy(localAccessPolicy);
  if (lockedDown) return;
  const req = createRequire(import.meta.url);
  const pdfkitMain = req.resolve('pdfkit', { paths: [dirname(req.resolve('pdfmake'))] });
  const proto = (req(pdfkitMain) as { prototype: PdfkitDocument }).prototype;
  const openImage = proto.openImage;
  proto.openImage = function (this: PdfkitDocument, src: unknown) {
    denyLocal(src);
    return openImage.call(this, src);
  };
  const font = proto.font;
  proto.font = function (this: PdfkitDocument, src: unknown, ...rest: unknown[]) {
    if (typeof src === 'string' && !this._registeredFonts[src] && !this._fontFamilies[src] && !STANDARD_FONTS.has(src)) denyLocal(src);
    return font.call(this, src, ...rest);
  };
  lockedDown = true;
}

function hasChart(blocks: Doc['children']): boolean {
  return blocks.some((b) => b.type === 'chart' || (b.type === 'directive' && hasChart(b.children ?? [])));
}

/** The briefing date as a fixed PDF date (midnight, China Standard Time). */
function pdfDate(iso: string): Date {
  return new Date(`${iso}T00:00:00+08:00`);
}

/** The style (empty) that marks the footer of the last page for evenLastPage. */
const LAST_FOOTER = 'lastFooter';

interface NodeInfo {
  headlineLevel?: number;
  /** total pages of the layout being checked */
  pages?: number;
  style?: string;
  table?: unknown;
  svg?: unknown;
  stack?: boolean;
  startPosition?: { top: number };
}
interface NodeQueries {
  getFollowingNodesOnPage(): NodeInfo[];
  getNodesOnNextPage(): NodeInfo[];
}

/**
 * A heading never ends a page: if fewer than two lines of what follows share its page,
 * it moves to the next page.
 */
function keepHeadingsWithNext(theme: Theme) {
  return (node: NodeInfo, q: NodeQueries): boolean => {
    if (!node.headlineLevel) return false;
    if ((node.startPosition?.top ?? 0) <= theme.margins.top + 1) return false;
    let following = 0;
    for (const f of q.getFollowingNodesOnPage()) {
      if (f.style === 'hline' || f.style === 'spacer' || f.style === 'cell') continue;
      if (f.style === 'line') following += 1;
      // a table or chart starting in the last lines of the page only carries its head there
      else if ((f.table !== undefined || f.svg !== undefined) && (f.startPosition?.top ?? 0) < theme.typeArea.bottom - 3 * theme.linePitch) following += 2;
      if (following >= 2) return false;
    }
    return q.getNodesOnNextPage().some((n) => n.style === 'line' || n.style === 'cell' || n.table !== undefined || n.svg !== undefined);
  };
}

/**
 * The 版记 ends an even page (GB/T 9704 §7.5) unless the office prints single-sided.
 * pdfmake asks `pageBreakBefore` about every node of a finished layout in order — the
 * text first, the page footers after it — and lays the document out again when a node
 * asks for a break. Once the question reaches the last page's footer, every heading has
 * settled and the page count is final: if it is odd, `addPage` puts an empty page in
 * front of the 版记 (in the content) and the answer `true` makes pdfmake lay it out again
 * (the break it sets on the footer node is dropped: footers are made anew each layout).
 * One page more, or two when the first one only moved the 版记 over; the PDF is written
 * once, from the last layout.
 */
function evenLastPage(next: (node: NodeInfo, q: NodeQueries) => boolean, addPage: () => boolean) {
  return (node: NodeInfo, q: NodeQueries): boolean => {
    if (node.style === LAST_FOOTER) return (node.pages ?? 0) % 2 === 1 && addPage();
    return next(node, q);
  };
}

/** Roles set in a substitute face, recorded in the document info for the preflight: `楷体=AR PL UKai CN（…原因）; …`. */
function substitutes(fonts: FontSet): { JianbaoFontSubstitutes?: string } {
  const list = FONT_ROLES.map((r) => fonts.resolution[r]).filter((r) => r.substitute);
  if (!list.length) return {};
  return { JianbaoFontSubstitutes: list.map((r) => `${r.label}=${r.family}|${r.reason}`.replace(/;/g, '；')).join('; ') };
}

function checkGlyphs(fonts: FontSet, byFace: Map<string, string[]>, extra: [FontRole, boolean, string][]): MissingGlyph[] {
  const all = new Map<string, string>();
  for (const [key, texts] of byFace) all.set(key, texts.join(''));
  for (const [role, bold, text] of extra) all.set(`${role}/${bold}`, (all.get(`${role}/${bold}`) ?? '') + text);
  const out: MissingGlyph[] = [];
  for (const [key, text] of all) {
    const [role, bold] = key.split('/') as [FontRole, string];
    for (const cp of fonts.missing(role, bold === 'true', text)) {
      out.push({ role, bold: bold === 'true', char: String.fromCodePoint(cp), codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` });
    }
  }
  return out;
}
