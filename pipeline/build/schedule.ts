/**
 * Serial or worker threads, and how many: a worker pays only when the work it takes over
 * outweighs what it costs to start one.
 *
 * Each worker loads the renderer modules, reads and parses the fonts and warms up V8's
 * JIT again, and each brings its own garbage-collector and compiler threads, which compete
 * for the same cores. Measured on a 2-core machine with N copies of the plenary (every
 * format; docs/PERFORMANCE.md): one meeting costs about half of what starting a process or
 * worker costs, and the second worker added as much CPU time as it saved wall time until
 * about ten plenary-sized meetings were out of date. So below that the build runs in one
 * thread, above it one worker per further share of that size, up to the number of cores.
 *
 * The size of a meeting is its YAML's size (tasks, figures and units drive every output),
 * weighted by the share of its formats that must be rebuilt.
 */

/** Meeting YAML bytes (all formats out of date) above which one more worker pays. */
export const WORKER_PAYS_FROM_BYTES = 280_000;

export interface WorkItem {
  /** Size of the meeting's YAML file, in bytes. */
  bytes: number;
  /** Formats to rebuild ÷ formats built by default (0–1, more for on-request formats). */
  share: number;
}

/**
 * Threads to build `work` on: `requested` (--jobs) when given, capped by the number of
 * meetings; otherwise 1 below the crossover, then one per WORKER_PAYS_FROM_BYTES of work.
 */
export function plannedJobs(work: readonly WorkItem[], requested: number | undefined, cores: number): number {
  if (work.length === 0) return 1;
  if (requested !== undefined) return Math.max(1, Math.min(requested, work.length));
  const total = work.reduce((s, w) => s + w.bytes * w.share, 0);
  const byWork = Math.floor(total / WORKER_PAYS_FROM_BYTES) + 1;
  return byWork < 2 ? 1 : Math.max(1, Math.min(cores, work.length, byWork));
}
