/**
 * The five statuses of a tracked item (target, task, project) and their colours: the one
 * table every output imports — the ledger's conditional formats, the 督查通报's tables and
 * charts, the slides and output/index.html. Bottom layer: imports nothing.
 *
 * Every tracked item is in exactly one bucket, so counts always add up to the total.
 */

export const STATUSES = ['done', 'green', 'yellow', 'red', 'missing'] as const;
export type Status = (typeof STATUSES)[number];

/** Order in which a report lists statuses: the urgent first. */
export const STATUS_REPORT_ORDER: readonly Status[] = ['red', 'yellow', 'green', 'done', 'missing'];

export const STATUS_LABEL: Record<Status, string> = {
  done: '已完成',
  green: '绿灯',
  yellow: '黄灯',
  red: '红灯',
  missing: '未填报',
};

/** One colour per status (RGB hex, no '#'): 红 red, 黄 amber, 绿 green, 已完成 blue, 未填报 grey. */
export const STATUS_RGB: Record<Status, string> = {
  done: '2E75B6',
  green: '3A9A4A',
  yellow: 'F0B323',
  red: 'D6382E',
  missing: 'A6A6A6',
};

/** Text colour legible on the status colour. */
export const STATUS_INK_RGB: Record<Status, string> = {
  done: 'FFFFFF',
  green: 'FFFFFF',
  yellow: '000000',
  red: 'FFFFFF',
  missing: '000000',
};

/** `#D6382E` */
export function statusHex(s: Status): string {
  return `#${STATUS_RGB[s]}`;
}

/** `FFD6382E` (spreadsheet ARGB) */
export function statusArgb(s: Status): string {
  return `FF${STATUS_RGB[s]}`;
}

export function statusInkArgb(s: Status): string {
  return `FF${STATUS_INK_RGB[s]}`;
}

/**
 * What a unit may choose for an item without a numeric target (a dropdown in the ledger),
 * and the status each choice means.
 */
export const SELF_STATUS = ['已完成', '按序时推进', '滞后', '未启动'] as const;
export type SelfStatus = (typeof SELF_STATUS)[number];

export const SELF_STATUS_MEANS: Record<SelfStatus, Status> = {
  已完成: 'done',
  按序时推进: 'green',
  滞后: 'yellow',
  未启动: 'red',
};

/** The status a label names (`红灯` → red), if any. */
export function statusOfLabel(text: string): Status | undefined {
  const t = text.trim();
  return STATUSES.find((s) => STATUS_LABEL[s] === t);
}

export type StatusCounts = Record<Status, number>;

export function emptyCounts(): StatusCounts {
  return { done: 0, green: 0, yellow: 0, red: 0, missing: 0 };
}

export function countStatuses(rows: readonly { status: Status }[]): StatusCounts {
  const c = emptyCounts();
  for (const r of rows) c[r.status]++;
  return c;
}

export function sumCounts(c: StatusCounts): number {
  return STATUSES.reduce((n, s) => n + c[s], 0);
}
