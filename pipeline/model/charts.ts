/**
 * Chart specifications derived from a meeting. A spec is renderer-neutral data: the PDF
 * renderer draws it with ECharts (SVG), the deck renderer as a native PowerPoint chart.
 * Only figures the data actually holds are charted — nothing is interpolated.
 */
import type { ChartSpec } from '../core/chart.js';
import type { FigureView, MeetingView, TargetView } from '../core/view.js';

/** Review trend: a figure's own series, else "before → after" bars for figures sharing a unit. */
export function reviewChart(view: Pick<MeetingView, 'figures' | 'reviewPeriod'>): ChartSpec | undefined {
  const withSeries = view.figures.find((f) => f.series && f.series.length >= 2);
  if (withSeries?.series) {
    return {
      type: withSeries.series.length > 2 ? 'line' : 'bar',
      title: `${withSeries.name}（${withSeries.unit}）`,
      unit: withSeries.unit,
      categories: withSeries.series.map((p) => p.label),
      series: [{ name: withSeries.name, data: withSeries.series.map((p) => p.value) }],
    };
  }
  const compared = view.figures.filter((f): f is FigureView & { from: number } => f.from !== undefined);
  if (compared.length === 0) return undefined;
  // the unit most compared figures share (亿元 for the five-year review)
  const counts = new Map<string, number>();
  for (const f of compared) counts.set(f.unit, (counts.get(f.unit) ?? 0) + 1);
  const unit = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const same = compared.filter((f) => f.unit === unit);
  const before = same[0]?.fromLabel ?? '期初';
  const after = view.reviewPeriod ? `${view.reviewPeriod}末` : '期末';
  return {
    type: 'bar',
    title: `${view.reviewPeriod ?? ''}主要指标变化（${unit}）`,
    unit,
    categories: same.map((f) => f.name),
    series: [
      { name: before, data: same.map((f) => f.from) },
      { name: after, data: same.map((f) => f.value) },
    ],
  };
}

/**
 * Growth targets in % (one measure on one axis: a ratio such as 研发投入强度 is not a growth
 * rate), with last year's figure beside them where the data has one, and each target's
 * wording (左右, 以上, 力争) as its label.
 */
export function targetsChart(view: Pick<MeetingView, 'targets' | 'targetsPeriod'>): ChartSpec | undefined {
  const pct = view.targets.filter((t): t is TargetView & { value: number } => t.value !== undefined && t.unit === '%' && t.measure === 'growth');
  if (pct.length < 2) return undefined;
  const series = [{ name: '目标', data: pct.map((t) => t.value) }];
  if (pct.some((t) => t.previous !== undefined)) series.unshift({ name: '上年', data: pct.map((t) => t.previous ?? 0) });
  return {
    type: 'bar',
    title: `${view.targetsPeriod ?? ''}主要预期目标：增长率（%）`,
    unit: '%',
    categories: pct.map((t) => t.name),
    series,
    labels: pct.map((t) => t.text),
  };
}

/** Investment by key-project group. */
export function projectsChart(view: Pick<MeetingView, 'projectGroups' | 'targetsYear'>): ChartSpec | undefined {
  const groups = view.projectGroups.filter((g) => g.investment > 0);
  if (groups.length < 2) return undefined;
  const unit = groups[0]!.unit;
  return {
    type: 'bar',
    title: `${view.targetsYear ? `${view.targetsYear}年` : ''}重点项目计划投资（${unit}）`,
    unit,
    categories: groups.map((g) => g.group),
    series: [{ name: '计划投资', data: groups.map((g) => g.investment) }],
  };
}
