/**
 * Finish the package pptxgenjs wrote (it is a zip of XML), for what the library cannot do:
 *
 *  - East-Asian fonts: every run (`a:rPr`, `a:endParaRPr`, `a:defRPr`) in slides, notes
 *    and charts gets `<a:latin>`, `<a:ea>` and `<a:cs>` with a real typeface and
 *    lang="zh-CN". The theme's empty `<a:ea typeface=""/>` (PptxGenJS#1288) gets the
 *    heading/body fonts and its Hans slot the fallback; chart text is written Latin-only by
 *    the library (PptxGenJS#1420).
 *  - Valid paragraphs: pptxgenjs writes one `<a:pPr>` per run; a paragraph may have one.
 *  - Notes: the library writes all notes as one run with raw newlines; make paragraphs.
 *  - Reproducible bytes: document dates from the meeting date (also inside each chart's
 *    embedded workbook), fixed zip timestamps and a fixed file order.
 *
 * The XML here is machine-written by pptxgenjs, so targeted regular expressions over
 * known shapes are enough; nothing here is a general XML rewriter.
 */
import { readZip, writeZip } from '../../core/zip.js';

export interface PackageOptions {
  fonts: { heading: string; body: string; fallback: string };
  lang: string;
  /** Bullet colour (six hex digits); pptxgenjs has no option for it. */
  bulletColor: string;
  /** ISO date (YYYY-MM-DD) written as the document's created/modified date and zip time. */
  date: string;
}

export async function finishPackage(input: Uint8Array, opts: PackageOptions): Promise<Uint8Array> {
  const parts = readZip(input);
  const when = new Date(`${opts.date}T00:00:00Z`);
  const renumber = chartRenumbering(parts.map((p) => p.name));
  const entries: [string, string | Uint8Array][] = [];
  for (const { name, data: raw } of parts) {
    const target = renumber(name);
    let data: string | Uint8Array;
    if (name.endsWith('.xml') || name.endsWith('.rels')) data = patchPart(target, renumber(raw.toString('utf8')), opts);
    else if (name.startsWith('ppt/embeddings/') && name.endsWith('.xlsx')) data = finishWorkbook(raw, opts.date, when);
    else data = raw;
    entries.push([target, data]);
  }
  const byName = new Map(entries);
  return writeZip(packageOrder([...byName.keys()]).map((name) => ({ name, data: byName.get(name)! })), when);
}

/**
 * pptxgenjs numbers charts with a counter shared by every deck the process has made, so
 * the same deck gets chart7.xml or chart1.xml depending on what was built before it.
 * Number them 1, 2, 3 … in their order within this deck, in part names and references.
 */
export function chartRenumbering(names: string[]): (s: string) => string {
  const ids = [...new Set(names.flatMap((n) => /^ppt\/charts\/chart(\d+)\.xml$/.exec(n)?.[1] ?? []).map(Number))].sort((a, b) => a - b);
  const map = new Map(ids.map((id, i) => [String(id), String(i + 1)]));
  return (s) =>
    s.replace(/\b(chart|Microsoft_Excel_Worksheet)(\d+)\.(xml|xlsx)\b/g, (m, base: string, id: string, ext: string) => {
      const to = map.get(id);
      return to ? `${base}${to}.${ext}` : m;
    });
}

/** [Content_Types].xml first (as Office writes it), then the rest by name. */
export function packageOrder(names: string[]): string[] {
  const first = ['[Content_Types].xml', '_rels/.rels'];
  return [...first.filter((n) => names.includes(n)), ...names.filter((n) => !first.includes(n)).sort()];
}

export function patchPart(name: string, xml: string, opts: PackageOptions): string {
  if (name === 'docProps/core.xml') return patchCore(xml, opts.date);
  if (name === 'ppt/theme/theme1.xml') return patchTheme(xml, opts.fonts);
  if (/^ppt\/charts\/chart\d+\.xml$/.test(name)) return patchChart(xml, opts);
  if (/^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(name)) return patchRuns(notesParagraphs(xml), opts, true);
  if (/^ppt\/slides\/slide\d+\.xml$/.test(name)) return patchRuns(bullets(onePPrPerParagraph(uniqueShapeIds(xml)), opts.bulletColor), opts, true);
  if (/^ppt\/(slideMasters|slideLayouts|notesMasters)\//.test(name) && name.endsWith('.xml')) return patchRuns(onePPrPerParagraph(xml), opts, false);
  return xml;
}

/**
 * pptxgenjs derives shape ids from list positions and slide numbers, so a table and the
 * slide number can share one id (PowerPoint then repairs the file). Number them 1, 2, 3 …
 * in document order; nothing in the generated slides refers to a shape by id.
 */
export function uniqueShapeIds(xml: string): string {
  let next = 0;
  return xml.replace(/<p:cNvPr id="\d+"/g, () => `<p:cNvPr id="${++next}"`);
}

// ── runs ────────────────────────────────────────────────────────────────────────────

const RUN_PROPS = /<a:(rPr|endParaRPr|defRPr)(\s[^>]*?)?(\/>|>([\s\S]*?)<\/a:\1>)/g;
/** Children of CT_TextCharacterProperties that come after latin/ea/cs. */
const AFTER_FONTS = /<a:(sym|hlinkClick|hlinkMouseOver|rtl|extLst)\b/;

/**
 * Give every run property element real Latin, East-Asian and complex-script fonts and the
 * Chinese language. `explicit`: replace theme references (+mn-ea) too; in masters and
 * layouts theme references stay (the theme itself is patched).
 */
export function patchRuns(xml: string, opts: PackageOptions, explicit: boolean): string {
  return xml.replace(RUN_PROPS, (_m, tag: string, attrs: string | undefined, _end: string, inner: string | undefined) => {
    const body = inner ?? '';
    const latin = typefaceOf(body, 'latin');
    const base = realFace(latin) ?? opts.fonts.body;
    const pick = (slot: 'latin' | 'ea' | 'cs'): string => {
      const f = typefaceOf(body, slot);
      if (!explicit && f?.startsWith('+')) return f;
      return realFace(f) ?? base;
    };
    const lt = pick('latin');
    const et = pick('ea');
    const ct = pick('cs');
    const fontsXml =
      `<a:latin typeface="${lt}"${lt.startsWith('+') ? '' : ' pitchFamily="34" charset="0"'}/>` +
      `<a:ea typeface="${et}"${et.startsWith('+') ? '' : ' pitchFamily="34" charset="-122"'}/>` +
      `<a:cs typeface="${ct}"${ct.startsWith('+') ? '' : ' pitchFamily="34" charset="-120"'}/>`;
    const rest = body.replace(/<a:(latin|ea|cs)\b[^>]*?\/>/g, '').replace(/<a:(latin|ea|cs)\b[^>]*?>[\s\S]*?<\/a:\1>/g, '');
    const at = rest.search(AFTER_FONTS);
    const newInner = at < 0 ? rest + fontsXml : rest.slice(0, at) + fontsXml + rest.slice(at);
    return `<a:${tag}${withLang(attrs ?? '', opts.lang)}>${newInner}</a:${tag}>`;
  });
}

/** A named typeface (not empty, not a theme reference such as +mn-ea). */
function realFace(f: string | undefined): string | undefined {
  return f !== undefined && f !== '' && !f.startsWith('+') ? f : undefined;
}

function typefaceOf(inner: string, el: 'latin' | 'ea' | 'cs'): string | undefined {
  const m = new RegExp(`<a:${el}\\s[^>]*?typeface="([^"]*)"`).exec(inner);
  return m ? m[1] : undefined;
}

function withLang(attrs: string, lang: string): string {
  const a = attrs.replace(/\s+$/, '');
  return /\slang="[^"]*"/.test(a) ? a.replace(/\slang="[^"]*"/, ` lang="${lang}"`) : `${a} lang="${lang}"`;
}

/** Keep the first `<a:pPr>` of each paragraph; pptxgenjs repeats it before every run. */
export function onePPrPerParagraph(xml: string): string {
  return xml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (_m, inner: string) => {
    let seen = false;
    const fixed = inner.replace(/<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g, (p) => {
      if (seen) return '';
      seen = true;
      return p;
    });
    // a pPr must be the first child
    const first = /^\s*<a:pPr\b/.test(fixed);
    if (first || !seen) return `<a:p>${fixed}</a:p>`;
    const m = /<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/.exec(fixed)!;
    return `<a:p>${m[0]}${fixed.slice(0, m.index)}${fixed.slice(m.index + m[0].length)}</a:p>`;
  });
}

/** Bullets in the accent colour and a little smaller than the text, as the library cannot set either. */
export function bullets(xml: string, color: string): string {
  return xml.replace(/<a:buSzPct val="100000"\/>(<a:buChar\b|<a:buAutoNum\b)/g, (_m, next: string) => {
    const size = next === '<a:buChar' ? 70000 : 100000;
    return `<a:buClr><a:srgbClr val="${color}"/></a:buClr><a:buSzPct val="${size}"/>${next}`;
  });
}

/** The notes body is one run with raw line breaks: one paragraph per line instead. */
export function notesParagraphs(xml: string): string {
  return xml.replace(/<a:p><a:r><a:rPr([^>]*?)\/><a:t>([\s\S]*?)<\/a:t><\/a:r><a:endParaRPr([^>]*?)\/><\/a:p>/, (m, rPr: string, text: string, end: string) => {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.length <= 1) return m;
    return lines
      .map((l) => `<a:p><a:pPr><a:spcAft><a:spcPts val="600"/></a:spcAft></a:pPr><a:r><a:rPr${rPr}/><a:t>${l}</a:t></a:r><a:endParaRPr${end}/></a:p>`)
      .join('');
  });
}

// ── theme, charts, properties ───────────────────────────────────────────────────────

export function patchTheme(xml: string, fonts: PackageOptions['fonts']): string {
  const slot = (xml: string, tag: 'majorFont' | 'minorFont', face: string) =>
    xml.replace(new RegExp(`<a:${tag}>([\\s\\S]*?)</a:${tag}>`), (_m, inner: string) => {
      const fixed = inner
        .replace(/<a:latin typeface="[^"]*"/, `<a:latin typeface="${face}"`)
        .replace(/<a:ea typeface="[^"]*"/, `<a:ea typeface="${face}"`)
        .replace(/<a:font script="Hans" typeface="[^"]*"\/>/, `<a:font script="Hans" typeface="${fonts.fallback}"/>`);
      return `<a:${tag}>${fixed}</a:${tag}>`;
    });
  return slot(slot(xml, 'majorFont', fonts.heading), 'minorFont', fonts.body);
}

export function patchChart(xml: string, opts: PackageOptions): string {
  let out = xml.replace(/<c:roundedCorners val="1"\/>/, '<c:roundedCorners val="0"/>');
  if (!/<c:lang\b/.test(out)) out = out.replace(/(<c:date1904\b[^>]*\/>)/, `$1<c:lang val="${opts.lang}"/>`);
  // A chart-wide text default, so any label the library wrote without properties uses the font too.
  if (!/<\/c:chart>\s*(<c:spPr>[\s\S]*?<\/c:spPr>)?\s*<c:txPr>/.test(out)) {
    const f = opts.fonts.body;
    const txPr =
      `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr lang="${opts.lang}">` +
      `<a:latin typeface="${f}" pitchFamily="34" charset="0"/><a:ea typeface="${f}" pitchFamily="34" charset="-122"/><a:cs typeface="${f}" pitchFamily="34" charset="-120"/>` +
      `</a:defRPr></a:pPr><a:endParaRPr lang="${opts.lang}"/></a:p></c:txPr>`;
    out = out.replace(/(<\/c:chart>\s*(?:<c:spPr>[\s\S]*?<\/c:spPr>)?)/, `$1${txPr}`);
  }
  return patchRuns(out, opts, true);
}

export function patchCore(xml: string, date: string): string {
  const stamp = `${date}T00:00:00Z`;
  return xml
    .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
    .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
}

/** A chart's embedded workbook: fixed dates inside and on its zip entries. */
function finishWorkbook(input: Uint8Array, date: string, when: Date): Uint8Array {
  const parts = new Map(readZip(input).map((p) => [p.name, p.data]));
  return writeZip(
    packageOrder([...parts.keys()]).map((name) => ({ name, data: name === 'docProps/core.xml' ? patchCore(parts.get(name)!.toString('utf8'), date) : parts.get(name)! })),
    when,
  );
}
