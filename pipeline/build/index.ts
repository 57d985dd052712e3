/**
 * build: discover → plan (what is out of date) → load → validate → derive → render → write.
 *
 * Returns what it did instead of printing: the CLI reports. One meeting that fails (bad
 * data, a template error) is recorded and the others still build; a failed meeting's
 * earlier outputs stay as they were, because every file is written atomically and only
 * after all of that meeting's outputs rendered.
 *
 * Out-of-date meetings are built in parallel across worker threads when there is enough
 * work to pay for them (build/schedule.ts) and the compiled program is running (outputs
 * are identical to a serial build).
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { JianbaoError, type Problem } from '../errors.js';
import { discoverProject, type MeetingEntry } from '../load/discover.js';
import { PROJECT_ROOT } from '../paths.js';
import { formatsFor } from '../render/formats.js';
import { formatTemplates, inputHash, isUpToDate, readStamp, stampedTemplateFiles } from './inputs.js';
import type { TemplateInput, TemplateSet } from '../render/template.js';
import { plannedJobs } from './schedule.js';
import { summaryHas, summaryOf } from './summary.js';
import type { ArtifactInfo, MeetingResult, MeetingTask } from './meeting.js';
import { msg } from '../messages/index.js';

export interface BuildOptions {
  dataDir: string;
  outDir: string;
  templatesDir?: string;
  /** "district" or "district/meeting" filters. */
  only?: string[];
  /** Output formats to build (default: all). */
  formats?: string[];
  /** Validate only; render nothing. */
  checkOnly?: boolean;
  /** Rebuild even what is up to date. */
  force?: boolean;
  /** Worker threads (default: as many as pay for themselves, see build/schedule.ts; 1 = in this thread). */
  jobs?: number;
  /** Reporting month (YYYY-MM) for ledgers and progress reports; default: the latest ingested, else the briefing month. */
  period?: string;
  /** Run the output checks (PDF preflight) after rendering (default: true). */
  check?: boolean;
  /** Build only shard i of n (1-based), for splitting a run over machines. */
  shard?: { index: number; count: number };
  cwd?: string;
}

export type Artifact = ArtifactInfo;

export interface Failure {
  key: string;
  error: JianbaoError;
}

export interface BuildEvent {
  kind: 'start' | 'done' | 'failed' | 'unchanged';
  key: string;
  /** How many meetings have finished (done, failed or unchanged) including this one. */
  finished: number;
  total: number;
  ms?: number;
  artifacts?: ArtifactInfo[];
}

export interface PlanYearInfo {
  key: string;
  file: string;
  year: number;
  /** How the year was found (the documented rule), in words. */
  rule: string;
}

export interface BuildResult {
  /** `check` only: the plan year of every valid meeting. */
  planYears?: PlanYearInfo[];
  meetings: number;
  built: string[];
  unchanged: string[];
  artifacts: Artifact[];
  failures: Failure[];
  /** Problems the output checks found (preflight); those files were written. */
  checks: Problem[];
  ms: number;
  jobs: number;
}

export async function build(opts: BuildOptions, onEvent: (e: BuildEvent) => void = () => {}): Promise<BuildResult> {
  const t0 = performance.now();
  const cwd = opts.cwd ?? process.cwd();
  if (opts.checkOnly) {
    const { loadProject } = await import('../load/project.js');
    const loaded = loadProject(opts.dataDir, { only: opts.only, cwd });
    assertOnlyMatched(opts, cwd, loaded.meetings.length + loaded.failures.length);
    const failures = loaded.failures.map((f) => ({ key: f.key, error: f.error }));
    // The plan year of each meeting and its progress files (named YYYY-MM.yaml, within the
    // plan year, about items that still exist).
    const { deriveMeeting } = await import('../model/derive.js');
    const { checkProgress, includeYearEnd } = await import('../load/progress.js');
    // the settings files (config/*.yaml) too, all of them at once
    const checks: Problem[] = (await import('../load/config.js')).checkConfig(PROJECT_ROOT);
    const planYears: PlanYearInfo[] = [];
    for (const m of loaded.meetings) {
      const view = deriveMeeting(m.district, m.id, m.meeting);
      planYears.push({ key: m.key, file: m.file, year: view.planYear, rule: view.planYearRule });
      checks.push(...checkProgress(view, opts.dataDir).problems);
      checks.push(...includeYearEnd(m, { dataDir: opts.dataDir, root: PROJECT_ROOT, cwd, sourceProblems: false }).problems);
    }
    return { meetings: loaded.meetings.length + failures.length, built: [], unchanged: [], artifacts: [], failures, checks, planYears, ms: performance.now() - t0, jobs: 1 };
  }

  const discovered = discoverProject(opts.dataDir, { only: opts.only, cwd });
  assertOnlyMatched(opts, cwd, discovered.entries.length + discovered.failures.length);
  const entries = opts.shard ? discovered.entries.filter((_, i) => i % opts.shard!.count === opts.shard!.index - 1) : discovered.entries;
  const failures: Failure[] = discovered.failures.map((f) => ({ key: f.key, error: f.error }));
  const result: BuildResult = { meetings: entries.length + failures.length, built: [], unchanged: [], artifacts: [], failures, checks: [], ms: 0, jobs: 1 };

  // Plan: which formats of which meetings are out of date.
  const templatesDir = opts.templatesDir ?? join(PROJECT_ROOT, 'templates');
  const configDir = join(PROJECT_ROOT, 'config');
  const formats = formatsFor(opts.formats);
  const tasks: MeetingTask[] = [];
  let templateSet: TemplateSet | undefined;
  let finished = 0;
  const total = entries.length;
  const upToDate: string[] = [];
  for (const entry of entries) {
    const dir = join(opts.outDir, entry.districtId, entry.id);
    const stamp = readStamp(dir);
    // a format is up to date when its stamp and the summary the later steps read both say so
    const summary = summaryOf(dir);
    const todo: MeetingTask['formats'] = {};
    for (const f of formats) {
      const hashOf = (templateFiles: string[]) => inputHash({ entry, format: f.format, templateFiles, configDir, extra: opts.period ?? '' });
      // Up to date? Hash the template files the last render used (recorded in the stamp).
      const planned = hashOf(stampedTemplateFiles(templatesDir, entry.districtId, stamp.formats[f.format]));
      if (!opts.force && isUpToDate(dir, stamp, f.format, planned) && summaryHas(summary, f.format, planned)) continue;
      // Out of date: ask the template set which files this render will use (loaded only now,
      // so a no-op build never loads the template engine). A template that does not parse
      // fails this meeting's render with the located error; keep the planned hash for it.
      let used: TemplateInput[] | undefined;
      if (f.templates.length) {
        try {
          templateSet ??= (await import('../render/template.js')).loadTemplates(templatesDir);
          used = formatTemplates(templateSet, entry.districtId, f.templates);
        } catch {
          used = undefined;
        }
      }
      todo[f.format] = used ? { inputs: hashOf(used.map((t) => t.file)), templates: used.map((t) => t.rel) } : { inputs: planned, templates: [] };
    }
    if (Object.keys(todo).length === 0) {
      upToDate.push(entry.key);
      if (summary?.failure) (await import('./summarize.js')).clearFailure(dir, summary);
    }
    else tasks.push({ entry, dataDir: opts.dataDir, formats: todo, outDir: opts.outDir, templatesDir, cwd, check: opts.check ?? true, period: opts.period });
  }

  // A copied meeting that kept its 期号 (or its date and kind) fails as in `check`, naming
  // the other file; the meetings of its district are compared whether built or not.
  if (tasks.length > 0) {
    const { duplicatesInBuild } = await import('./duplicates.js');
    const all = opts.only?.length ? discoverProject(opts.dataDir, { cwd }).entries : discovered.entries;
    const mine = new Set(entries.map((e) => e.key));
    for (const f of duplicatesInBuild(all, tasks.map((t) => t.entry), opts.outDir, cwd)) {
      if (!mine.has(f.key)) continue;
      tasks.splice(0, tasks.length, ...tasks.filter((t) => t.entry.key !== f.key));
      upToDate.splice(0, upToDate.length, ...upToDate.filter((k) => k !== f.key));
      failures.push({ key: f.key, error: f.error });
      onEvent({ kind: 'failed', key: f.key, finished: ++finished, total });
    }
  }
  for (const key of upToDate) {
    result.unchanged.push(key);
    onEvent({ kind: 'unchanged', key, finished: ++finished, total });
  }

  // Loading, rendering and writing live in build/meeting.ts, imported only when there is
  // something to build: a no-op build never loads the schemas or any renderer.
  if (tasks.length === 0) {
    failures.sort((a, b) => a.key.localeCompare(b.key));
    result.ms = performance.now() - t0;
    return result;
  }
  const { buildMeeting, fromFailure, newBuilderState } = await import('./meeting.js');
  const { recordFailure } = await import('./summarize.js');
  const onResult = (r: MeetingResult) => {
    finished++;
    if (r.failure) {
      failures.push({ key: r.key, error: fromFailure(r.failure) });
      // the index shows it next to the meeting's earlier outputs (a meeting never built has no folder to note it in)
      const dir = join(opts.outDir, ...r.key.split('/'));
      if (existsSync(dir)) recordFailure(dir, r.key, r.failure.problems);
      onEvent({ kind: 'failed', key: r.key, finished, total, ms: r.ms });
    } else {
      result.built.push(r.key);
      result.artifacts.push(...r.artifacts);
      result.checks.push(...r.checks);
      onEvent({ kind: 'done', key: r.key, finished, total, ms: r.ms, artifacts: r.artifacts });
    }
  };
  // Largest meetings first, so no worker is left with a big one at the end.
  tasks.sort((a, b) => fileSize(b.entry.file) - fileSize(a.entry.file) || a.entry.key.localeCompare(b.entry.key));
  // Serial unless the work outweighs what a worker costs to start (build/schedule.ts).
  const perMeeting = formatsFor().length;
  const jobs = plannedJobs(tasks.map((t) => ({ bytes: fileSize(t.entry.file), share: Object.keys(t.formats).length / perMeeting })), opts.jobs, availableParallelism());
  result.jobs = jobs > 1 && workerScript() ? jobs : 1;
  if (result.jobs > 1) await runInWorkers(tasks, result.jobs, (t) => onEvent({ kind: 'start', key: t.entry.key, finished, total }), onResult);
  else {
    const state = newBuilderState();
    for (const t of tasks) {
      onEvent({ kind: 'start', key: t.entry.key, finished, total });
      onResult(await buildMeeting(t, state));
    }
  }
  result.built.sort();
  result.artifacts.sort((a, b) => a.path.localeCompare(b.path));
  failures.sort((a, b) => a.key.localeCompare(b.key));
  result.ms = performance.now() - t0;
  return result;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function assertOnlyMatched(opts: BuildOptions, cwd: string, found: number): void {
  if (opts.only?.length && found === 0) {
    throw new JianbaoError('usage', [
      { location: { kind: 'file', file: relative(cwd, opts.dataDir) || '.' }, message: msg('build.onlyNothing', { list: opts.only.join(', ') }) },
    ]);
  }
}

/** The compiled worker, when running from dist/ (not under a TypeScript test runner). */
function workerScript(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return url.protocol === 'file:' && import.meta.url.endsWith('.js') && existsSync(url) ? url : undefined;
}

async function runInWorkers(
  tasks: MeetingTask[],
  jobs: number,
  onStart: (t: MeetingTask) => void,
  onResult: (r: MeetingResult) => void,
): Promise<void> {
  const script = workerScript()!;
  const queue = [...tasks];
  const workers = Array.from({ length: jobs }, () => new Worker(script));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const t = queue.shift();
              if (!t) return resolve();
              onStart(t);
              w.once('message', (r: MeetingResult) => {
                onResult(r);
                next();
              });
              w.postMessage(t);
            };
            w.once('error', reject);
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export type { MeetingEntry };
