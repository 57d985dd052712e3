/**
 * ChartSpec → SVG with ECharts server-side rendering, for pdfmake's `svg` node.
 *
 * - Text stays text: the SVG names the registered pdfmake font family, so svg-to-pdfkit
 *   sets chart labels in the embedded subset font (searchable, no outlines).
 * - Value labels sit above bars with textBorderWidth 0: svg-to-pdfkit ignores
 *   paint-order, so ECharts' default label halo would paint over the text.
 * - No animation, fixed size, one chart instance per call (disposed), so the SVG is
 *   the same for the same spec.
 * - ECharts is loaded only for a document that has a chart (`loadCharts()`), and only
 *   the parts a bar or line chart on a grid with a legend needs, drawn as SVG: half the
 *   start-up of the full bundle.
 */
import type * as EChartsCore from 'echarts/core';
import type { ChartSpec } from '../../core/chart.js';

let echarts: typeof EChartsCore | undefined;

/** Load ECharts (once per process) before `chartSvg` is called. */
export async function loadCharts(): Promise<void> {
  if (echarts) return;
  const core = await import('echarts/core');
  const [{ SVGRenderer }, { LegacyGridContainLabel }] = await Promise.all([import('echarts/renderers'), import('echarts/features')]);
  await Promise.all([import('echarts/lib/chart/bar'), import('echarts/lib/chart/line'), import('echarts/lib/component/gridSimple'), import('echarts/lib/component/legendPlain')]);
  core.use([SVGRenderer, LegacyGridContainLabel]);
  echarts = core;
}

export interface ChartStyle {
  width: number;
  height: number;
  fontFamily: string;
  /** Colour of the last (main) series; earlier series are greys. */
  accent: string;
  fontSize: number;
}

const GREYS = ['#8C8C8C', '#BFBFBF', '#595959'];

export function chartSvg(spec: ChartSpec, style: ChartStyle): string {
  const n = spec.series.length;
  // A series with a meaning (a status) brings its own colour; the others: accent and greys.
  const colors = spec.series.map((s, k) => s.color ?? (k === n - 1 ? style.accent : GREYS[k % GREYS.length]!));
  const slot = (style.width - 70) / Math.max(1, spec.categories.length);
  const label = {
    show: true,
    position: 'top' as const,
    color: '#000000',
    fontSize: style.fontSize - 1,
    fontFamily: style.fontFamily,
    textBorderWidth: 0,
    textShadowBlur: 0,
  };
  if (spec.horizontal) return horizontalSvg(spec, style, colors);
  return svgOf(style, colors, {
    grid: { left: 8, right: 8, top: n > 1 ? 40 : 30, bottom: 4, containLabel: true },
    legend: n > 1
      ? { show: true, top: 0, right: 0, itemWidth: 14, itemHeight: 9, textStyle: { fontFamily: style.fontFamily, fontSize: style.fontSize } }
      : { show: false },
    xAxis: {
      type: 'category',
      data: spec.categories,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#000000', width: 0.8 } },
      axisLabel: {
        interval: 0,
        color: '#000000',
        fontFamily: style.fontFamily,
        fontSize: style.fontSize,
        width: Math.max(24, slot - 6),
        overflow: 'break',
        lineHeight: style.fontSize * 1.25,
      },
    },
    yAxis: {
      type: 'value',
      name: spec.unit,
      nameTextStyle: { fontFamily: style.fontFamily, fontSize: style.fontSize - 1, color: '#000000', align: 'left' },
      axisLabel: { color: '#000000', fontFamily: style.fontFamily, fontSize: style.fontSize - 1 },
      splitLine: { lineStyle: { color: '#D9D9D9', width: 0.6 } },
    },
    series: spec.series.map((s) =>
      spec.type === 'line'
        ? { type: 'line', name: s.name, data: dataOf(s), symbol: 'circle', symbolSize: 5, lineStyle: { width: 1.6 }, label }
        : { type: 'bar', name: s.name, data: dataOf(s), barMaxWidth: 28, barGap: '15%', label },
    ),
  });
}

/** A series' values; with `colors`, each value carries its own colour (and, stacked, the ink on it). */
function dataOf(s: ChartSpec['series'][number], stackedInk = false): (number | { value: number; itemStyle: { color: string }; label?: { color: string } })[] {
  const colors = s.colors;
  if (!colors) return s.data;
  return s.data.map((value, i) => ({ value, itemStyle: { color: colors[i]! }, ...(stackedInk ? { label: { color: inkOn(colors[i]!) } } : {}) }));
}

/** One ECharts render to SVG, with what every chart shares (no animation, the palette, the text style). */
function svgOf(style: ChartStyle, colors: string[], option: Record<string, unknown>): string {
  if (!echarts) throw new Error('chartSvg() before loadCharts()');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: style.width, height: style.height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: 'transparent',
      color: colors,
      textStyle: { fontFamily: style.fontFamily, fontSize: style.fontSize, color: '#000000' },
      ...option,
    });
    // zrender numbers its instances (zr0-, zr1-, …) in ids and classes: make them stable.
    return stableIds(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** Light or dark text on a fill (#RRGGBB). */
function inkOn(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const lum = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return lum < 150 ? '#FFFFFF' : '#000000';
}

/**
 * Bars left to right with the categories down the side: a long label (a unit's name)
 * stays on one line, so it never breaks against the line-breaking rules. Stacked series
 * carry their values inside the segments (zeros hidden); the legend lists every series.
 */
function horizontalSvg(spec: ChartSpec, style: ChartStyle, colors: string[]): string {
  return svgOf(style, colors, {
    grid: { left: 8, right: 16, top: 30, bottom: 4, containLabel: true },
    legend: { show: true, top: 0, right: 0, itemWidth: 14, itemHeight: 9, textStyle: { fontFamily: style.fontFamily, fontSize: style.fontSize } },
    yAxis: {
      type: 'category',
      data: spec.categories,
      inverse: true,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#000000', width: 0.8 } },
      axisLabel: { interval: 0, color: '#000000', fontFamily: style.fontFamily, fontSize: style.fontSize },
    },
    // no axis name: it would stand right of the plot, outside the type area (the caption gives the unit)
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: '#000000', fontFamily: style.fontFamily, fontSize: style.fontSize - 1 },
      splitLine: { lineStyle: { color: '#D9D9D9', width: 0.6 } },
    },
    series: spec.series.map((s, k) => ({
      type: 'bar',
      name: s.name,
      data: dataOf(s, !!spec.stacked),
      stack: spec.stacked ? 'total' : undefined,
      barMaxWidth: 16,
      label: {
        show: true,
        position: spec.stacked ? 'inside' : 'right',
        color: spec.stacked ? inkOn(colors[k]!) : '#000000',
        fontSize: style.fontSize - 1,
        fontFamily: style.fontFamily,
        textBorderWidth: 0,
        textShadowBlur: 0,
        formatter: (p: { value: number }) => (p.value ? String(p.value) : ''),
      },
    })),
  });
}

/** zrender numbers instances and style classes process-wide (zr3-cls-12): renumber by first use. */
function stableIds(svg: string): string {
  const seen = new Map<string, string>();
  return svg.replace(/\bzr\d+-([a-z]+)-?(\d+)?/g, (m, kind: string) => {
    let id = seen.get(m);
    if (id === undefined) seen.set(m, (id = `zr-${kind}-${seen.size}`));
    return id;
  });
}
