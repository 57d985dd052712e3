/**
 * Read a .docx back for tests: a zip of XML parts. Small regex readers over WordprocessingML,
 * independent of the renderer's code (they know the schema, not the renderer).
 */
import { listZip, readEntry } from '../../pipeline/core/zip.js';

export interface Docx {
  bytes: Uint8Array;
  parts: Map<string, string>;
  /** Binary parts (media) by name. */
  media: Map<string, Buffer>;
  /** Zip entry DOS dates and times, by name. */
  stamps: Map<string, { date: number; time: number }>;
  document: string;
  styles: string;
  settings: string;
}

export function readDocx(bytes: Uint8Array): Docx {
  const parts = new Map<string, string>();
  const media = new Map<string, Buffer>();
  const stamps = new Map<string, { date: number; time: number }>();
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of listZip(bytes)) {
    const body = readEntry(bytes, e);
    if (/\.(xml|rels)$/.test(e.name)) parts.set(e.name, body.toString('utf8'));
    else media.set(e.name, body);
    stamps.set(e.name, { time: buf.readUInt16LE(e.offset + 10), date: buf.readUInt16LE(e.offset + 12) });
  }
  return {
    bytes,
    parts,
    media,
    stamps,
    document: parts.get('word/document.xml') ?? '',
    styles: parts.get('word/styles.xml') ?? '',
    settings: parts.get('word/settings.xml') ?? '',
  };
}

/** The attributes of the first `<tag …>` in `xml` (undefined when absent). */
export function attrs(xml: string, tag: string): Record<string, string> | undefined {
  const m = new RegExp(`<${tag}\\b([^>]*?)/?>`).exec(xml);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const a of m[1]!.matchAll(/([\w:]+)="([^"]*)"/g)) out[a[1]!] = a[2]!;
  return out;
}

/** One style's XML by id. */
export function style(d: Docx, id: string): string {
  const m = new RegExp(`<w:style\\b[^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(d.styles);
  return m?.[0] ?? '';
}

/** The style id whose w:name is `name`. */
export function styleIdByName(d: Docx, name: string): string | undefined {
  for (const m of d.styles.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g)) {
    if (new RegExp(`<w:name w:val="${name}"/>`).test(m[2]!)) return m[1];
  }
  return undefined;
}

export interface Para {
  xml: string;
  style: string;
  text: string;
}

/** Paragraphs of a part in order (those inside tables too), with their style and text. */
export function paragraphs(xml: string): Para[] {
  const out: Para[] = [];
  for (const m of xml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const inner = m[1] ?? '';
    out.push({ xml: m[0], style: /<w:pStyle w:val="([^"]+)"/.exec(inner)?.[1] ?? '', text: textOf(inner) });
  }
  return out;
}

/** Text of some WordprocessingML: w:t contents, w:tab as a tab, w:br as a line break. */
export function textOf(xml: string): string {
  let s = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
    if (m[0] === '<w:tab/>') s += '\t';
    else if (m[0] === '<w:br/>') s += '\n';
    else s += unescape(m[1]!);
  }
  return s;
}

function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Top-level tables of the body, in order. */
export function tables(xml: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  for (const m of xml.matchAll(/<w:tbl>|<\/w:tbl>/g)) {
    if (m[0] === '<w:tbl>') {
      if (depth++ === 0) start = m.index!;
    } else if (--depth === 0) out.push(xml.slice(start, m.index! + m[0].length));
  }
  return out;
}

export function rows(table: string): string[] {
  return [...table.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
}

/** The footer part a w:footerReference of `type` points to. */
export function footer(d: Docx, type: 'default' | 'even'): string {
  const ref = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"/>`).exec(d.document)?.[1];
  const rels = d.parts.get('word/_rels/document.xml.rels') ?? '';
  const target = new RegExp(`Id="${ref}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${ref}"`).exec(rels)?.[1];
  return target ? (d.parts.get(`word/${target}`) ?? '') : '';
}
