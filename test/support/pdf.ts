/**
 * Helpers for the PDF tests: render a meeting of data/ into a briefing exactly as the
 * build does (YAML → view → template → intermediate form → PDF) and read PDFs back.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { deriveMeeting } from '../../pipeline/model/derive.js';
import type { MeetingView } from '../../pipeline/core/view.js';
import { District, Meeting } from '../../pipeline/model/schema.js';
import type { Doc } from '../../pipeline/render/doc/ast.js';
import { escapeDeep } from '../../pipeline/render/doc/escape.js';
import { parseDoc } from '../../pipeline/render/doc/parse.js';
import { renderBriefing, type BriefingPdf } from '../../pipeline/render/pdf/index.js';
import type { PdfLine, PdfPage } from '../../pipeline/render/pdf/inspect.js';
import { loadTemplates } from '../../pipeline/render/template.js';
import type { Theme } from '../../pipeline/render/pdf/theme.js';
import { briefingInputs } from './assets.js';

export { readPdf, readPdfText, groupLines, type PdfLine, type PdfPage, type PdfReadBack, type PdfTextBack } from '../../pipeline/render/pdf/inspect.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface RenderedMeeting extends BriefingPdf {
  view: MeetingView;
  doc: Doc;
  markdown: string;
}

/** Load data/<district>/meetings/<id>.yaml (path relative to the project root) and derive its view. */
export function loadView(meetingFile: string): MeetingView {
  const file = join(ROOT, meetingFile);
  const district = District.parse(parse(readFileSync(join(dirname(dirname(file)), 'district.yaml'), 'utf8')));
  const meeting = Meeting.parse(parse(readFileSync(file, 'utf8')));
  return deriveMeeting(district, basename(file, '.yaml'), meeting);
}

/** The briefing's intermediate form for a view (templates of the project). */
export function briefingDoc(view: MeetingView): { markdown: string; doc: Doc } {
  const markdown = loadTemplates(join(ROOT, 'templates')).render('briefing.md', view.districtId, escapeDeep(view));
  return { markdown, doc: parseDoc(markdown) };
}

export async function renderMeeting(meetingFile: string, edit?: (view: MeetingView) => void): Promise<RenderedMeeting> {
  const view = loadView(meetingFile);
  edit?.(view);
  const { markdown, doc } = briefingDoc(view);
  const out = await renderBriefing({ view, doc, ...briefingInputs(ROOT) });
  return { ...out, view, doc, markdown };
}

/** Text without any white space (pdfjs inserts spaces where characters are tracked apart). */
export function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

/** All text of a page (or pages), compacted. */
export function pageText(pages: PdfPage[]): string {
  return compact(pages.flatMap((p) => p.lines.map((l) => l.text)).join(''));
}

/** Lines of body-size text inside the type area (no page numbers, no table or chart text). */
export function bodyLines(page: PdfPage, theme: Theme): PdfLine[] {
  return page.lines.filter(
    (l) => Math.abs(l.size - theme.bodySize) < 0.01 && l.baseline < theme.typeArea.bottom && l.baseline > theme.typeArea.y,
  );
}

/** Is the text only CJK ideographs and full-width punctuation (no digits, Latin or spaces)? */
export function isPureCjk(s: string): boolean {
  return /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…·]+$/.test(s);
}

/**
 * Text of a page read column by column: lines are grouped by their left edge (table
 * cells of one column share it) and read top to bottom, so a wrapped cell reads whole.
 */
export function columnText(page: PdfPage): string {
  const columns: { x: number; lines: PdfLine[] }[] = [];
  for (const l of [...page.lines].sort((a, b) => a.baseline - b.baseline)) {
    const col = columns.find((c) => Math.abs(c.x - l.x) < 2.5);
    if (col) col.lines.push(l);
    else columns.push({ x: l.x, lines: [l] });
  }
  return columns
    .sort((a, b) => a.x - b.x)
    .map((c) => compact(c.lines.map((l) => l.text).join('')))
    .join('|');
}
