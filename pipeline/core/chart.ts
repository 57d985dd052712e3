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
  series: { name: string; data: number[] }[];
  /** Per category, the value as the data words it (增长15%左右): renderers show it beside the bar. */
  labels?: string[];
}
