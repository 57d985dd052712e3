/**
 * The year-end results of a plan meeting, as another meeting includes them (the meeting's
 * `yearEnd: { meeting: … }`): the next year's annual review or economic work conference
 * shows 年度目标完成情况 without retyping. Made from the plan meeting's progress in the last
 * month of its plan year (applyProgress at YYYY-12); pure.
 */
import type { ChartSpec } from '../../core/chart.js';
import type { MeetingView } from '../../core/view.js';
import { STATUS_LABEL, STATUS_REPORT_ORDER, statusHex, type Status, type StatusCounts } from '../../core/status.js';
import type { AnnualReview } from './review.js';
import type { ProgressedView } from './view.js';

export interface YearEndBucket {
  status: Status;
  label: string;
  color: string;
  count: number;
}

export interface YearEndView {
  /** district/meeting of the plan meeting. */
  key: string;
  /** The plan meeting as named in a sentence: its short title. */
  meetingName: string;
  meetingDateCn: string;
  year: number;
  /** `2023年12月31日` */
  asOfCn: string;
  /** `主要预期目标7项、重点任务57项、重点项目4项` */
  scope: string;
  review: AnnualReview;
  /** The five statuses at the year end (they add up to review.total). */
  counts: StatusCounts;
  buckets: YearEndBucket[];
  /** Items not completed, for the body (the full list is review.items). */
  undone: AnnualReview['items'];
  /** The unfinished by status, in report order, zeros left out: `红灯12项、黄灯13项、绿灯21项、未填报4项` (adds up to review.undone). */
  undoneText: string;
  /** Bucket counts as a chart: one bar per status, each in its colour, every status in the legend. */
  chart: ChartSpec;
}

export type YearEndedView = MeetingView & { yearEnd: YearEndView };

/** The year-end results of `plan` (its progress applied at the last month of its plan year). */
export function yearEndOf(plan: ProgressedView, key: string): YearEndView {
  const p = plan.progress;
  const review = p.review;
  if (!review) throw new RangeError(`${key}: no year-end review (progress at ${p.period}, expected ${p.year}-12)`);
  const buckets = STATUS_REPORT_ORDER.map((s): YearEndBucket => ({ status: s, label: STATUS_LABEL[s], color: statusHex(s), count: p.counts.all[s] }));
  return {
    key,
    meetingName: plan.shortTitle,
    meetingDateCn: plan.dateCn,
    year: p.year,
    asOfCn: p.asOfCn,
    scope: p.scope,
    review,
    counts: p.counts.all,
    buckets,
    undone: review.items.filter((i) => !i.done),
    undoneText: buckets
      .filter((b) => b.status !== 'done' && b.count > 0)
      .map((b) => `${b.label}${b.count}项`)
      .join('、'),
    chart: bucketChart(buckets, `${p.year}年目标任务年末状态（项）`),
  };
}

/**
 * The five buckets as a chart: a series per status with one bar each (a single category),
 * so every bar carries its status colour and the legend names all five, zeros included.
 */
export function bucketChart(buckets: readonly YearEndBucket[], title: string): ChartSpec {
  const total = buckets.reduce((n, b) => n + b.count, 0);
  return {
    type: 'bar',
    title,
    unit: '项',
    categories: [`共${total}项`],
    series: buckets.map((b) => ({ name: b.label, color: b.color, data: [b.count] })),
  };
}

/** Attach the year-end results another meeting's data names to a view. */
export function withYearEnd<V extends MeetingView>(view: V, yearEnd: YearEndView): V & { yearEnd: YearEndView } {
  return { ...view, yearEnd };
}

/** The year-end results attached by `withYearEnd`, if any. */
export function yearEndOfView(view: MeetingView): YearEndView | undefined {
  return (view as Partial<YearEndedView>).yearEnd;
}
