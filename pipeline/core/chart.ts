/**
 * A chart specification: renderer-neutral chart data. derive makes them from the data
 * (model/charts.ts), templates put them in the Doc as `::: chart` blocks, the PDF renderer
 * draws them with ECharts (SVG), the deck renderer as native PowerPoint charts.
 */
export interface ChartSpec {
  type: 'bar' | 'line';
  title: string;
  unit: string;
  categories: string[];
  /** `color`: a fixed colour (#RRGGBB) for a series that means something (a status). */
  series: { name: string; data: number[]; color?: string }[];
  /** Bars running left to right, categories down the side (long labels stay on one line). */
  horizontal?: boolean;
  /** Series stacked into one bar per category. */
  stacked?: boolean;
  /** Per category, the value as the data words it (增长15%左右): renderers show it beside the bar. */
  labels?: string[];
}
