/**
 * Read a .pptx back for tests: it is a zip of XML. Small regex readers over the parts the
 * deck writer produces (text boxes, tables, notes), independent of the writer's code.
 */
import { readFileSync } from 'node:fs';
import { readZip } from '../../pipeline/core/zip.js';

export const EMU_PER_IN = 914400;
export const EMU_PER_PT = 12700;

export interface Deck {
  parts: Map<string, string>;
  slideCount: number;
  slide(n: number): string;
  notes(n: number): string | undefined;
  size: { cx: number; cy: number };
}

export async function readPptx(path: string): Promise<Deck> {
  const parts = new Map<string, string>();
  for (const { name, data } of readZip(readFileSync(path))) {
    if (name.endsWith('.xml') || name.endsWith('.rels')) parts.set(name, data.toString('utf8'));
  }
  const slideCount = [...parts.keys()].filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).length;
  const pres = parts.get('ppt/presentation.xml') ?? '';
  const sz = /<p:sldSz cx="(\d+)" cy="(\d+)"/.exec(pres);
  return {
    parts,
    slideCount,
    slide: (n) => parts.get(`ppt/slides/slide${n}.xml`) ?? '',
    notes: (n) => parts.get(`ppt/notesSlides/notesSlide${n}.xml`),
    size: { cx: Number(sz?.[1] ?? 0), cy: Number(sz?.[2] ?? 0) },
  };
}

export interface Para {
  text: string;
  /** Largest run size in points. */
  sizePt: number;
  runs: { text: string; sizePt: number }[];
  marLPt: number;
  lineSpacingPt?: number;
  spaceAfterPt: number;
}

export interface TextShape {
  name: string;
  x: number;
  y: number;
  cx: number;
  cy: number;
  insets: { l: number; t: number; r: number; b: number };
  paras: Para[];
}

/** Paragraphs of a text body: text joined over runs and fields (runs without a size take `defaultPt`). */
export function paragraphs(xml: string, defaultPt = 18): Para[] {
  return [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((m) => {
    const inner = m[1]!;
    const runs = [...inner.matchAll(/<a:(?:r|fld)\b[^>]*>\s*<a:rPr\b([^>]*?)(?:\/>|>[\s\S]*?<\/a:rPr>)\s*<a:t>([\s\S]*?)<\/a:t>/g)].map((r) => ({
      text: decode(r[2]!),
      sizePt: Number(/\ssz="(\d+)"/.exec(r[1]!)?.[1] ?? defaultPt * 100) / 100,
    }));
    const pPr = /<a:pPr\b([^>]*?)(?:\/>|>([\s\S]*?)<\/a:pPr>)/.exec(inner);
    const lnSpc = pPr?.[2] ? /<a:lnSpc><a:spcPts val="(\d+)"/.exec(pPr[2]) : null;
    const spcAft = pPr?.[2] ? /<a:spcAft><a:spcPts val="(\d+)"/.exec(pPr[2]) : null;
    return {
      text: runs.map((r) => r.text).join(''),
      sizePt: Math.max(0, ...runs.map((r) => r.sizePt)),
      runs,
      marLPt: Number(/marL="(-?\d+)"/.exec(pPr?.[1] ?? '')?.[1] ?? 0) / EMU_PER_PT,
      lineSpacingPt: lnSpc ? Number(lnSpc[1]) / 100 : undefined,
      spaceAfterPt: spcAft ? Number(spcAft[1]) / 100 : 0,
    };
  });
}

/** Text boxes (p:sp with a text body) of a slide. */
export function textShapes(slideXml: string): TextShape[] {
  return [...slideXml.matchAll(/<p:sp>([\s\S]*?)<\/p:sp>/g)]
    .map((m) => m[1]!)
    .filter((sp) => sp.includes('<p:txBody>'))
    .map((sp) => {
      const off = /<a:off x="(-?\d+)" y="(-?\d+)"\/>/.exec(sp);
      const ext = /<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(sp);
      const body = /<a:bodyPr\b([^>]*)/.exec(sp)?.[1] ?? '';
      const ins = (k: string, d: number) => Number(new RegExp(`${k}="(\\d+)"`).exec(body)?.[1] ?? d);
      return {
        name: /<p:cNvPr id="\d+" name="([^"]*)"/.exec(sp)?.[1] ?? '',
        x: Number(off?.[1] ?? 0),
        y: Number(off?.[2] ?? 0),
        cx: Number(ext?.[1] ?? 0),
        cy: Number(ext?.[2] ?? 0),
        insets: { l: ins('lIns', 91440), t: ins('tIns', 45720), r: ins('rIns', 91440), b: ins('bIns', 45720) },
        paras: paragraphs(sp.slice(sp.indexOf('<p:txBody>')), Number(/<a:lstStyle>[\s\S]*?<a:defRPr\b[^>]*\ssz="(\d+)"/.exec(sp)?.[1] ?? 1800) / 100),
      };
    });
}

/** All text of a slide part, paragraph by paragraph. */
export function slideText(xml: string): string[] {
  return paragraphs(xml).map((p) => p.text);
}

/**
 * Height a paragraph list needs, estimated independently of the writer: a CJK character
 * is 1 em wide, anything else 0.6 em; lines break anywhere; line height is the paragraph's
 * exact spacing or 1.2 em.
 */
export function neededHeightEmu(paras: Para[], widthEmu: number): number {
  let pt = 0;
  for (const p of paras) {
    const avail = widthEmu / EMU_PER_PT - p.marLPt;
    let lines = 1;
    let w = 0;
    for (const r of p.runs) {
      for (const ch of r.text) {
        const cw = (/[\u2E80-\uFFEF\u201C\u201D\u2018\u2019]/.test(ch) ? 1 : 0.6) * r.sizePt;
        if (w + cw > avail && w > 0) {
          lines++;
          w = 0;
        }
        w += cw;
      }
    }
    pt += lines * (p.lineSpacingPt ?? p.sizePt * 1.2) + p.spaceAfterPt;
  }
  return pt * EMU_PER_PT;
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

/** Marp slides of a slides.md: the parts between `---` separators after the front matter. */
export function marpSlides(md: string): string[] {
  return md.split(/^---$/m).slice(2);
}

/** A Marp slide's speaker notes (HTML comments that are not directives). */
export function marpNotes(slide: string): string[] {
  return [...slide.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1]!.trim()).filter((c) => !/^_?\w+:/.test(c));
}
