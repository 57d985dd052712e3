/**
 * Slide plans → an editable PowerPoint deck (pptxgenjs): text boxes, native tables,
 * native charts, speaker notes, slide numbers. Fonts are set on every call; what the
 * library cannot set (East-Asian theme fonts, chart fonts, languages, dates) is fixed
 * afterwards in the package XML (ooxml.ts).
 */
import pptxgen from 'pptxgenjs';
import type { ChartSpec } from '../../core/chart.js';
import type { SlidesConfig } from '../../model/config.js';
import { BULLET_INDENT_PT, FOOTER, INSET_PT, PAGE, TITLE_BOXES, type Cell, type Frame, type MasterName, type Para, type SlidePlan, type DeckTheme } from './frames.js';
import { lineHeightPt } from './measure.js';

type Pptx = InstanceType<typeof pptxgen.default>;
type PptxSlide = pptxgen.default.Slide;
type TextProps = pptxgen.default.TextProps;
type TableRow = pptxgen.default.TableRow;
type ChartOpts = pptxgen.default.IChartOpts;

/** pptxgenjs ships CommonJS-style typings for an ES default export; this is the class either way. */
const PptxGenJS = ((pptxgen as unknown as { default?: typeof pptxgen.default }).default ?? (pptxgen as unknown as typeof pptxgen.default));

export const LANG = 'zh-CN';
const MASTER: Record<MasterName, string> = { cover: '封面', section: '章节', content: '标题和内容' };
/** The masters' title placeholder: pptxgenjs matches a slide's text to it by this name, not by type. */
const TITLE_PLACEHOLDER = '标题';

export interface DeckMeta {
  title: string;
  subject: string;
  author: string;
  company: string;
  footer: string;
}

export interface DeckInput {
  plans: SlidePlan[];
  /** Speaker notes per slide, one entry per paragraph. */
  notes: string[][];
  meta: DeckMeta;
  config: SlidesConfig;
  theme: DeckTheme;
}

/** Build the deck and return pptxgenjs's own zip (post-process it with ooxml.finishPackage). */
export async function writeDeck(input: DeckInput): Promise<Uint8Array> {
  const { plans, notes, meta, config, theme } = input;
  const fonts = config.fonts;
  const pptx: Pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = meta.title;
  pptx.subject = meta.subject;
  pptx.author = meta.author;
  pptx.company = meta.company;
  pptx.theme = { headFontFace: fonts.heading, bodyFontFace: fonts.body };
  defineMasters(pptx, meta, config, theme);

  plans.forEach((plan, i) => {
    const slide = pptx.addSlide({ masterName: MASTER[plan.master] });
    for (const f of plan.frames) addFrame(pptx, slide, f, config, theme);
    const n = notes[i] ?? [];
    if (n.length) slide.addNotes(n.join('\n'));
  });
  const out = await pptx.write({ outputType: 'nodebuffer' });
  if (!(out instanceof Uint8Array)) throw new Error('pptxgenjs did not return a buffer for outputType "nodebuffer"');
  return out;
}

function defineMasters(pptx: Pptx, meta: DeckMeta, config: SlidesConfig, theme: DeckTheme): void {
  const small = { fontFace: config.fonts.body, fontSize: 11, color: theme.muted, lang: LANG };
  const footer = {
    text: { text: meta.footer, options: { ...small, x: 0.6, y: FOOTER.y, w: 8, h: FOOTER.h, margin: INSET_PT, valign: 'middle' as const, align: 'left' as const } },
  };
  const slideNumber = { ...small, x: PAGE.w - 0.6 - 1.2, y: FOOTER.y, w: 1.2, h: FOOTER.h, align: 'right' as const, margin: INSET_PT, valign: 'middle' as const };
  // Each master has a real title placeholder, so titles show in PowerPoint's outline and navigation.
  const title = (m: MasterName, align: 'left' | 'center', size: number) => ({
    placeholder: {
      options: {
        name: TITLE_PLACEHOLDER,
        type: 'title' as pptxgen.default.PLACEHOLDER_TYPE,
        ...TITLE_BOXES[m],
        fontFace: config.fonts.heading,
        fontSize: size,
        bold: true,
        color: theme.accent,
        align,
        valign: 'bottom' as const,
        margin: INSET_PT,
      },
      text: '',
    },
  });
  pptx.defineSlideMaster({ title: MASTER.cover, background: { color: 'FFFFFF' }, objects: [title('cover', 'center', 40)] });
  pptx.defineSlideMaster({ title: MASTER.section, background: { color: 'FFFFFF' }, objects: [title('section', 'center', 36), footer], slideNumber });
  pptx.defineSlideMaster({ title: MASTER.content, background: { color: 'FFFFFF' }, objects: [title('content', 'left', 28), footer], slideNumber });
}

function addFrame(pptx: Pptx, slide: PptxSlide, f: Frame, config: SlidesConfig, theme: DeckTheme): void {
  switch (f.kind) {
    case 'text':
      slide.addText(textProps(f.paras, config), {
        ...f.box,
        ...(f.placeholder ? { placeholder: TITLE_PLACEHOLDER } : {}),
        objectName: f.name,
        // pptxgenjs reads a margin array as [left, right, bottom, top], in points
        margin: f.padTopPt ? [INSET_PT, INSET_PT, INSET_PT, INSET_PT + Math.round(f.padTopPt * 10) / 10] : INSET_PT,
        valign: f.valign,
        fit: 'none',
        wrap: true,
        fontFace: config.fonts.body,
        lang: LANG,
        ...(f.fill ? { fill: { color: f.fill } } : {}),
      });
      return;
    case 'rect':
      slide.addShape(pptx.ShapeType.rect, { ...f.box, objectName: f.name, fill: { color: f.fill }, line: { type: 'none' } });
      return;
    case 'rule':
      slide.addShape(pptx.ShapeType.line, { ...f.box, objectName: f.name, line: { color: f.color, width: f.weightPt } });
      return;
    case 'table':
      slide.addTable(tableRows(f, config, theme), {
        ...f.box,
        objectName: f.name,
        colW: f.colW,
        rowH: f.rowH,
        fontFace: config.fonts.body,
        fontSize: f.sizePt,
        lang: LANG,
        autoPage: false,
      });
      return;
    case 'chart':
      addChart(pptx, slide, f.spec, f.box, f.showTitle, config, theme);
      return;
  }
}

/** Paragraphs → pptxgenjs runs: paragraph options on every run, a line break after each paragraph. */
export function textProps(paras: Para[], config: SlidesConfig): TextProps[] {
  const out: TextProps[] = [];
  paras.forEach((p, pi) => {
    const fontFace = p.font === 'heading' ? config.fonts.heading : config.fonts.body;
    const maxSize = Math.max(p.sizePt, ...p.runs.map((r) => r.sizePt ?? 0));
    p.runs.forEach((r, ri) => {
      const last = ri === p.runs.length - 1;
      out.push({
        text: r.text,
        options: {
          fontFace,
          lang: LANG,
          fontSize: r.sizePt ?? p.sizePt,
          color: r.color ?? p.color,
          bold: r.bold ?? p.bold ?? false,
          align: p.align ?? 'left',
          lineSpacing: lineHeightPt(maxSize),
          paraSpaceAfter: p.spaceAfterPt,
          ...(ri === 0 && p.bullet ? { bullet: bulletOf(p) } : {}),
          ...(r.breakBefore && ri > 0 ? { softBreakBefore: true } : {}),
          ...(last && pi < paras.length - 1 ? { breakLine: true } : {}),
        },
      });
    });
  });
  return out;
}

type Bullet = NonNullable<pptxgen.default.TextPropsOptions['bullet']>;

function bulletOf(p: Para): Bullet {
  if (p.bullet === 'number') return { type: 'number', numberType: 'arabicPeriod', indent: BULLET_INDENT_PT, ...(p.numberStart && p.numberStart > 1 ? { numberStartAt: p.numberStart } : {}) };
  return { characterCode: '25A0', indent: BULLET_INDENT_PT };
}

function tableRows(f: Extract<Frame, { kind: 'table' }>, config: SlidesConfig, theme: DeckTheme): TableRow[] {
  const border = { type: 'solid' as const, pt: 0.75, color: theme.border };
  const none = { type: 'none' as const };
  const cell = (c: Cell, header: boolean, stripe: boolean) => ({
    text: c.runs.map((r, i) => ({
      text: r.text,
      options: {
        fontFace: config.fonts.body,
        fontSize: f.sizePt,
        lang: LANG,
        bold: header || (r.bold ?? false),
        color: header ? 'FFFFFF' : (r.color ?? theme.text),
        ...(r.breakBefore && i > 0 ? { softBreakBefore: true } : {}),
      },
    })),
    options: {
      fontFace: config.fonts.body,
      fontSize: f.sizePt,
      lang: LANG,
      align: header ? ('center' as const) : c.align,
      valign: 'middle' as const,
      bold: header,
      color: header ? 'FFFFFF' : theme.text,
      fill: { color: header ? theme.accent : stripe ? theme.light : 'FFFFFF' },
      border: [none, none, header ? none : border, none] as [typeof none, typeof none, typeof border | typeof none, typeof none],
    },
  });
  return [f.header.map((c) => cell(c, true, false)), ...f.rows.map((r, ri) => r.map((c) => cell(c, false, ri % 2 === 1)))] as TableRow[];
}

function addChart(pptx: Pptx, slide: PptxSlide, spec: ChartSpec, box: Frame['box'], showTitle: boolean, config: SlidesConfig, theme: DeckTheme): void {
  const font = config.fonts.body;
  const many = spec.series.length > 1;
  // The data's own wording (增长15%左右) goes under each category; the bars then carry no bare number.
  const categories = spec.labels ? spec.categories.map((c, i) => `${c}\n${spec.labels![i]}`) : spec.categories;
  const data = spec.series.map((s) => ({ name: s.name, labels: categories, values: s.data }));
  const longest = Math.max(...spec.categories.map((c) => [...c].length), ...(spec.labels ?? []).map((l) => [...l].length));
  const catSize = longest * spec.categories.length > 50 ? 14 : 16;
  const opts: ChartOpts = {
    ...box,
    altText: spec.title,
    lang: LANG,
    chartColors: chartColors(spec, many ? [theme.compare, theme.accent] : [theme.accent]),
    showTitle,
    ...(showTitle ? { title: spec.title, titleFontFace: font, titleFontSize: 16, titleColor: theme.text } : {}),
    showLegend: many,
    legendPos: 't',
    legendFontFace: font,
    legendFontSize: 14,
    legendColor: theme.text,
    showValue: !spec.labels,
    dataLabelFontFace: font,
    dataLabelFontSize: 16,
    dataLabelColor: theme.text,
    dataLabelFormatCode: 'General',
    catAxisLabelFontFace: font,
    catAxisLabelFontSize: catSize,
    catAxisLabelColor: theme.text,
    catAxisLineColor: theme.border,
    valAxisLabelFontFace: font,
    valAxisLabelFontSize: 14,
    valAxisLabelColor: theme.muted,
    valAxisLabelFormatCode: 'General',
    valAxisLineShow: false,
    valGridLine: { color: 'E6E6E6', style: 'solid', size: 0.75 },
    ...(spec.unit ? { showValAxisTitle: true, valAxisTitle: spec.unit, valAxisTitleFontFace: font, valAxisTitleFontSize: 14, valAxisTitleColor: theme.muted } : {}),
  };
  if (spec.type === 'line') {
    slide.addChart(pptx.ChartType.line, data, { ...opts, lineSize: 3, lineDataSymbol: 'circle', lineDataSymbolSize: 9, dataLabelPosition: 't' });
  } else {
    const stacked = spec.stacked ? { barGrouping: 'stacked', dataLabelPosition: 'ctr' as const } : { dataLabelPosition: 'outEnd' as const };
    slide.addChart(pptx.ChartType.bar, data, { ...opts, barDir: spec.horizontal ? 'bar' : 'col', barGapWidthPct: many ? 80 : 120, ...stacked });
  }
}

/**
 * The spec's own colours (a status) where it has them: one per bar of a single series
 * (`colors`), or one per series (`color`); else the deck's (`fallback`, repeated). PowerPoint
 * colours single points only in a chart of one series, so `colors` of several series fall back.
 */
function chartColors(spec: ChartSpec, fallback: string[]): string[] {
  const hex = (c: string) => c.slice(1).toUpperCase();
  const only = spec.series.length === 1 ? spec.series[0]!.colors : undefined;
  if (only && only.length > 1) return only.map(hex);
  if (spec.series.some((s) => s.color)) return spec.series.map((s, k) => (s.color ? hex(s.color) : fallback[k % fallback.length]!));
  return fallback;
}
