/**
 * Preflight: checks a finished briefing PDF the way a print shop would, from the bytes
 * alone (the PDF is read back; nothing is taken from the renderer's memory):
 *
 *   page-size        every page is A4 portrait
 *   font-substitute  a role is set in a substitute face (warning; JianbaoFontSubstitutes in the info)
 *   font-embedded    every font is embedded (a font file in its descriptor)
 *   font-subset      every embedded font is a subset (ABCDEF+Name)
 *   missing-glyph    no character printed as an empty box: the renderer records the
 *                    characters its fonts lack in the document info (JianbaoMissingGlyphs),
 *                    and any U+FFFD in the text is reported too
 *   kinsoku          no line starts with closing or ends with opening punctuation, and
 *                    no —— or …… is split across lines
 *   outside-type-area  no text outside the type area (版心), except the page number
 *                    below it ("— N —", 7 mm under the type area)
 *
 * Returns every finding; `ok` is true when there is no error.
 */
import { inflateSync } from 'node:zlib';
import { msg } from '../../messages/index.js';
import { lineViolation, splitPairViolation } from './kinsoku.js';
import { readPdf, type PdfLine, type PdfTextItem } from './inspect.js';
import { A4, type Theme } from './theme.js';

export interface Finding {
  severity: 'error' | 'warning';
  code: 'page-size' | 'font-substitute' | 'font-embedded' | 'font-subset' | 'missing-glyph' | 'kinsoku' | 'outside-type-area' | 'unreadable';
  /** 1-based page number, when the finding is on a page. */
  page?: number;
  /** What is wrong, in Chinese (shown to office staff). */
  message: string;
  /** The text concerned (a line, a font name). */
  detail?: string;
}

export interface PreflightReport {
  ok: boolean;
  pages: number;
  fonts: string[];
  findings: Finding[];
}

/** Page numbers are text below the type area written "— 12 —". */
const PAGE_NUMBER = /^—\s*\d+\s*—$/;
const TOLERANCE = 1.5;

export async function preflight(pdf: Uint8Array, theme: Theme): Promise<PreflightReport> {
  const findings: Finding[] = [];
  const raw = latin1(pdf);
  const fonts = fontFindings(raw, findings);

  let read;
  try {
    read = await readPdf(pdf);
  } catch (cause) {
    findings.push({ severity: 'error', code: 'unreadable', message: `PDF 无法读取：${(cause as Error).message}` });
    return { ok: false, pages: 0, fonts, findings };
  }

  const missing = read.info.Custom && typeof read.info.Custom === 'object' ? (read.info.Custom as Record<string, unknown>).JianbaoMissingGlyphs : undefined;
  const subs = read.info.Custom && typeof read.info.Custom === 'object' ? (read.info.Custom as Record<string, unknown>).JianbaoFontSubstitutes : undefined;
  findings.push(...substituteFindings(typeof subs === 'string' ? subs : ''), ...missingGlyphFindings(typeof missing === 'string' ? missing : ''), ...pageFindings(read.pages, theme));
  return { ok: !findings.some((f) => f.severity === 'error'), pages: read.pages.length, fonts, findings };
}

/** Roles set in a substitute face (JianbaoFontSubstitutes: `楷体=AR PL UKai CN|reason; …`): one warning each. */
export function substituteFindings(subs: string): Finding[] {
  if (!subs) return [];
  return subs.split('; ').map((entry) => {
    const [role, rest] = entry.split('=');
    const [family, reason] = (rest ?? '').split('|');
    return { severity: 'warning' as const, code: 'font-substitute' as const, message: msg('fonts.preflightSubstitute', { label: role ?? '', family: family ?? '', reason: reason ?? '' }) };
  });
}

/** The characters the renderer recorded as missing from its fonts (JianbaoMissingGlyphs). */
export function missingGlyphFindings(missing: string): Finding[] {
  return missing ? [{ severity: 'error', code: 'missing-glyph', message: `字体中缺少这些字，印出来会是空框：${describeMissing(missing)}`, detail: missing }] : [];
}

/** A page as the checks see it: its size and its text items (from a read-back or from the layout). */
export interface CheckedPage {
  number: number;
  width: number;
  height: number;
  items: PdfTextItem[];
  lines: PdfLine[];
}

/** Page size, unshowable characters, the type area and kinsoku, page by page. */
export function pageFindings(pages: readonly CheckedPage[], theme: Theme): Finding[] {
  const findings: Finding[] = [];
  const area = theme.typeArea;
  for (const page of pages) {
    if (Math.abs(page.width - A4.width) > 1 || Math.abs(page.height - A4.height) > 1) {
      findings.push({ severity: 'error', code: 'page-size', page: page.number, message: `页面不是 A4 纵向（${page.width.toFixed(1)} × ${page.height.toFixed(1)} 磅）` });
    }
    for (const item of page.items) {
      if (item.str.includes('\uFFFD')) {
        findings.push({ severity: 'error', code: 'missing-glyph', page: page.number, message: '文字中有无法显示的字符（�）', detail: item.str });
      }
    }
    let previous: PdfLine | undefined;
    for (const line of page.lines) {
      const text = line.text.trim();
      const top = line.baseline - 0.88 * line.size;
      const bottom = line.baseline + 0.12 * line.size;
      const inside =
        line.x >= area.x - TOLERANCE && line.right <= area.right + TOLERANCE && top >= area.y - TOLERANCE && bottom <= area.bottom + TOLERANCE;
      const pageNumber = PAGE_NUMBER.test(text) && top >= area.bottom;
      if (!inside && !pageNumber) {
        findings.push({ severity: 'error', code: 'outside-type-area', page: page.number, message: '文字超出版心', detail: `${text}（x ${line.x.toFixed(1)}–${line.right.toFixed(1)}，基线 ${line.baseline.toFixed(1)}）` });
      }
      if (!pageNumber) {
        const v = lineViolation(text);
        if (v) findings.push({ severity: 'error', code: 'kinsoku', page: page.number, message: v, detail: text });
        // a line that continues the previous one (same column, next baseline)
        if (previous && Math.abs(previous.x - line.x) < 40 && line.baseline > previous.baseline) {
          const p = splitPairViolation(previous.text, text);
          if (p) findings.push({ severity: 'error', code: 'kinsoku', page: page.number, message: p, detail: `${previous.text} / ${text}` });
        }
      }
      previous = line;
    }
  }
  return findings;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/**
 * Fonts from the raw PDF: every font dictionary with a /BaseFont. Embedded fonts have a
 * /FontFile, /FontFile2 or /FontFile3 in their descriptor; subsets carry a six-letter tag.
 * pdfkit writes dictionaries uncompressed; object streams are inflated if present.
 */
function fontFindings(raw: string, findings: Finding[]): string[] {
  const text = raw + inflateObjectStreams(raw);
  const names = new Set<string>();
  const descriptors = new Map<string, boolean>();
  for (const m of text.matchAll(/\/Type\s*\/FontDescriptor([\s\S]*?)>>/g)) {
    const body = m[1]!;
    const name = /\/FontName\s*\/([^\s/<>[\]()]+)/.exec(body)?.[1];
    if (name) descriptors.set(name, /\/FontFile[23]?\s/.test(body));
  }
  for (const m of text.matchAll(/\/Type\s*\/Font\b([\s\S]*?)>>/g)) {
    const body = m[1]!;
    const sub = /\/Subtype\s*\/(\w+)/.exec(body)?.[1];
    const base = /\/BaseFont\s*\/([^\s/<>[\]()]+)/.exec(body)?.[1];
    if (!base || sub === 'Type3') continue;
    names.add(base);
  }
  // a Type0 font's descriptor sits on its descendant (CIDFontType2) under the same name
  findings.push(...fontListFindings([...names].map((name) => ({ name, embedded: descriptors.get(name) === true }))));
  return [...names].sort();
}

/** Every font used must be embedded, and should be a subset (ABCDEF+Name). */
export function fontListFindings(fonts: readonly { name: string; embedded: boolean }[]): Finding[] {
  const findings: Finding[] = [];
  for (const { name, embedded } of [...fonts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!embedded) findings.push({ severity: 'error', code: 'font-embedded', message: `字体未嵌入：${name}`, detail: name });
    else if (!/^[A-Z]{6}\+/.test(name)) findings.push({ severity: 'warning', code: 'font-subset', message: `字体未子集化（文件会很大）：${name}`, detail: name });
  }
  return findings;
}

function inflateObjectStreams(raw: string): string {
  let out = '';
  for (const m of raw.matchAll(/\/Type\s*\/ObjStm[\s\S]*?stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      out += inflateSync(Buffer.from(raw.slice(start, end), 'latin1')).toString('latin1');
    } catch {
      // not deflated or damaged: the fonts in it cannot be checked
    }
  }
  return out;
}

function describeMissing(list: string): string {
  return list
    .split(/,\s*/)
    .map((entry) => {
      const [code, role] = entry.split(' ');
      const cp = code ? Number.parseInt(code.replace(/^U\+/, ''), 16) : NaN;
      return Number.isFinite(cp) ? `“${String.fromCodePoint(cp)}”（${code}，${role ?? ''}）` : entry;
    })
    .join('、');
}
