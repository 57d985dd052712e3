/**
 * Progress of a meeting's targets, tasks and projects (split by concern under progress/):
 * - config.ts    config/ledger.yaml
 * - file.ts      the progress files `jianbao ingest` writes
 * - rows.ts      the tracked items as ledger rows
 * - evaluate.ts  periods, 序时进度, 完成率, the status rule (mirrored by the ledger formulas)
 * - view.ts      progress attached to a view: counts, units, trend
 * - review.ts    the year-end review
 * - year-end.ts  the year-end results as another meeting includes them (yearEnd)
 * Statuses and their colours live in pipeline/status.ts.
 */
export * from './progress/config.js';
export * from './progress/file.js';
export * from './progress/rows.js';
export * from './progress/evaluate.js';
export * from './progress/view.js';
export * from './progress/review.js';
export * from './progress/year-end.js';
export { STATUSES, STATUS_LABEL, SELF_STATUS, type Status, type Status as LedgerStatus, type SelfStatus } from '../core/status.js';
