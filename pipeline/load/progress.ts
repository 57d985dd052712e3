/**
 * Ingested progress of a meeting (data/<district>/progress/<meeting>/<YYYY-MM>.yaml) and
 * config/ledger.yaml, read through the one YAML reader (size, encoding, positions).
 *
 * What the build and `check` report about progress files: a file not named YYYY-MM.yaml
 * (ignored, warning), a month outside the meeting's plan year (error), an entry whose
 * target, task or project no longer exists (warning: its values are not shown).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { JianbaoError, type Problem } from '../errors.js';
import type { MeetingView } from '../core/view.js';
import {
  allRows,
  applyProgress,
  ledgerRows,
  PROGRESS_FILE_NAME,
  ProgressFile,
  recordsOf,
  sectionOf,
  ROW_KINDS,
  yearEndOf,
  type ProgressedView,
  type ProgressRecord,
  type YearEndView,
} from '../model/progress.js';
import { deriveMeeting } from '../model/derive.js';
import { msg } from '../messages/index.js';
import { discoverProject, loadEntry, type DistrictCache, type LoadedMeeting } from './project.js';
import { validate } from '../model/validate.js';
import { locate, type YamlSource } from '../core/source.js';
import { closest } from '../core/closest.js';
import { loadLedgerConfig } from './config.js';
import { readYamlFile } from './yaml.js';

/** config/ledger.yaml is read by the one config loader (load/config.ts). */
export { loadLedgerConfig } from './config.js';

export function progressDir(dataDir: string, district: string, meeting: string): string {
  return join(dataDir, district, 'progress', meeting);
}

export function progressPath(dataDir: string, district: string, meeting: string, period: string): string {
  return join(progressDir(dataDir, district, meeting), `${period}.yaml`);
}

export interface StoredProgress {
  path: string;
  /** Source text ('' when the file does not exist yet). */
  text: string;
  /** Plain data as in the file (for exact write-back checks). */
  raw: Record<string, unknown>;
  file: ProgressFile;
  source?: YamlSource;
}

/** A path as shown: relative to the working directory when inside it, else as given. */
export function shownPath(path: string, cwd = process.cwd()): string {
  const r = relative(cwd, path);
  return r === '' || r.startsWith('..') ? path : r;
}

const shown = (path: string) => shownPath(path);

/** Read one period file (or an empty one); throws a located JianbaoError when invalid. */
export function readProgressFile(dataDir: string, district: string, meeting: string, period: string): StoredProgress {
  const path = progressPath(dataDir, district, meeting, period);
  if (!existsSync(path)) {
    const file: ProgressFile = { meeting, district, period, targets: {}, tasks: {}, projects: {} };
    return { path, text: '', raw: { meeting, district, period }, file };
  }
  const source = readYamlFile(shown(path), path);
  const file = validate(source, ProgressFile);
  if (file.meeting !== meeting || file.district !== district || file.period !== period) {
    throw new JianbaoError('data', [
      {
        location: { kind: 'file', file: source.file, line: 1, col: 1 },
        message: msg('progress.fileMismatch', { meeting, district, period }),
        found: `${file.district}/${file.meeting} ${file.period}`,
      },
    ]);
  }
  return { path, text: source.text, raw: source.data as Record<string, unknown>, file, source };
}

/** The progress files of a meeting: periods on file, and the names that are not YYYY-MM.yaml. */
export function listProgress(dir: string): { periods: string[]; strays: string[] } {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return { periods: [], strays: [] };
  }
  const periods: string[] = [];
  const strays: string[] = [];
  for (const n of names.sort()) {
    if (n.startsWith('.')) continue; // .backup/, lock and temp files
    const m = PROGRESS_FILE_NAME.exec(n);
    if (m) periods.push(m[1]!);
    else strays.push(n);
  }
  return { periods, strays };
}

/** All recorded progress of a meeting, every period (empty when none). Throws on an invalid file. */
export function loadProgress(dataDir: string, district: string, meeting: string): ProgressRecord[] {
  const { periods } = listProgress(progressDir(dataDir, district, meeting));
  return periods.flatMap((p) => recordsOf(readProgressFile(dataDir, district, meeting, p).file));
}

/**
 * A meeting's progress files checked against its current data: every problem located
 * (errors: invalid file, month outside the plan year; warnings: stray file names, entries
 * of items no longer in the meeting), and the records that can be used.
 */
export function checkProgress(view: MeetingView, dataDir: string): { records: ProgressRecord[]; problems: Problem[] } {
  const dir = progressDir(dataDir, view.districtId, view.id);
  const { periods, strays } = listProgress(dir);
  const problems: Problem[] = [];
  for (const n of strays) {
    const p = join(dir, n);
    const folder = statSync(p, { throwIfNoEntry: false })?.isDirectory();
    problems.push({
      location: { kind: 'file', file: shown(p) },
      message: msg(folder ? 'progress.strayFolder' : 'progress.strayFile'),
      found: JSON.stringify(n),
      severity: 'warning',
    });
  }
  const rows = allRows(ledgerRows(view));
  const known = new Map(rows.map((r) => [r.rowId, r]));
  const records: ProgressRecord[] = [];
  for (const period of periods) {
    let stored: StoredProgress;
    try {
      stored = readProgressFile(dataDir, view.districtId, view.id, period);
    } catch (err) {
      if (err instanceof JianbaoError) {
        problems.push(...err.problems);
        continue;
      }
      throw err;
    }
    const src = stored.source!;
    if (Number(period.slice(0, 4)) !== view.planYear) {
      const { line, col } = locate(src, ['period']);
      problems.push({
        location: { kind: 'file', file: src.file, line, col },
        field: 'period',
        message: msg('progress.planYear', { year: view.planYear, rule: view.planYearRule }),
        found: JSON.stringify(period),
      });
      continue;
    }
    for (const kind of ROW_KINDS) {
      const section = sectionOf(kind);
      for (const [id, entry] of Object.entries(stored.file[section])) {
        const row = known.get(`${kind}:${id}`);
        const { line, col } = locate(src, [section], { key: id });
        if (!row) {
          problems.push({
            location: { kind: 'file', file: src.file, line, col },
            field: `${section}.${id}`,
            message: msg('progress.gone', { kind: msg(`row.kind.${kind}`), meeting: view.id }),
            found: JSON.stringify(id),
            severity: 'warning',
          });
          continue;
        }
        for (const unit of Object.keys(entry.support ?? {})) {
          if (!row.coIds.includes(unit)) {
            problems.push({
              location: { kind: 'file', file: src.file, line, col },
              field: `${section}.${id}.support.${unit}`,
              message: msg('progress.notSupporting', { kind: msg(`row.kind.${kind}`) }),
              found: JSON.stringify(unit),
              severity: 'warning',
            });
          }
        }
        records.push({ ...entry, period, kind, id });
      }
    }
  }
  return { records, problems };
}

/** Load the config and the recorded progress of a meeting and attach them to its view; throws on errors. */
export function withProgress(view: MeetingView, opts: { dataDir: string; root: string; period?: string }): ProgressedView {
  return withProgressChecked(view, opts).view;
}

/** withProgress, returning the warnings too (the build reports them). */
export function withProgressChecked(view: MeetingView, opts: { dataDir: string; root: string; period?: string }): { view: ProgressedView; warnings: Problem[] } {
  const config = loadLedgerConfig(opts.root);
  const { records, problems } = checkProgress(view, opts.dataDir);
  const errors = problems.filter((p) => p.severity !== 'warning');
  if (errors.length) throw new JianbaoError('data', problems);
  return { view: applyProgress(view, records, { config, period: opts.period }), warnings: problems };
}

// ---------------------------------------------------------------- year-end results of another meeting

/** The key (district/meeting) a meeting's `yearEnd.meeting` names: a bare meeting id is of the same district. */
export function yearEndRef(m: Pick<LoadedMeeting, 'districtId' | 'meeting'>): string | undefined {
  const ref = m.meeting.yearEnd?.meeting;
  if (!ref) return undefined;
  return ref.includes('/') ? ref : `${m.districtId}/${ref}`;
}

/**
 * The year-end results a meeting includes (`yearEnd: { meeting: … }`): the named plan
 * meeting and its progress files are read through the same loaders as its own build, and
 * its progress in the last month of its plan year gives the review. Every problem is an
 * error located at the including meeting's `yearEnd.meeting` (the included meeting's own
 * problems follow): an unknown meeting, one that does not load, its own key, a cycle of
 * references, invalid progress files, or no progress for the plan year's last month — the
 * review would otherwise be made of months that are not the year end.
 */
export function includeYearEnd(
  m: LoadedMeeting,
  opts: { dataDir: string; root: string; cwd?: string; districts?: DistrictCache; /** false in `check`, which reports every meeting's own problems anyway */ sourceProblems?: boolean },
): { yearEnd?: YearEndView; problems: Problem[] } {
  const own = (ps: Problem[]) => (opts.sourceProblems === false ? [] : ps);
  const key = yearEndRef(m);
  if (!key) return { problems: [] };
  const cwd = opts.cwd ?? process.cwd();
  const cache: DistrictCache = opts.districts ?? new Map();
  const { line, col } = locate(m.source, ['yearEnd', 'meeting']);
  const raw = JSON.stringify(m.meeting.yearEnd!.meeting);
  const at = (message: string, hint?: string, found = raw): Problem => ({ location: { kind: 'file', file: m.file, line, col }, field: 'yearEnd.meeting', message, found, ...(hint ? { hint } : {}) });
  if (key === m.key) return { problems: [at(msg('yearEnd.self'))] };

  const load = (k: string): LoadedMeeting | JianbaoError | undefined => {
    const entry = discoverProject(opts.dataDir, { only: [k], cwd }).entries.find((e) => e.key === k);
    if (!entry) return undefined;
    try {
      return loadEntry(entry, cache, cwd);
    } catch (err) {
      if (err instanceof JianbaoError) return err;
      throw err;
    }
  };
  const plan = load(key);
  if (plan === undefined) {
    const district = key.split('/')[0]!;
    const list = discoverProject(opts.dataDir, { only: [district], cwd })
      .entries.filter((e) => e.key !== m.key)
      .map((e) => (district === m.districtId ? e.id : e.key));
    const near = closest(m.meeting.yearEnd!.meeting, list);
    const hint = near ? msg('problem.didYouMean', { value: near }) : list.length ? msg('yearEnd.meetings', { list: list.join('、') }) : undefined;
    return { problems: [at(msg('yearEnd.unknown'), hint)] };
  }
  if (plan instanceof JianbaoError) {
    const file = plan.problems[0]?.location.file ?? key;
    return { problems: [at(msg('yearEnd.broken', { ref: key, file })), ...own(plan.problems)] };
  }
  // A cycle of references (A includes B's year end, B includes A's) cannot be a sequence of years.
  const chain = [m.key, key];
  for (let cur: LoadedMeeting = plan; ; ) {
    const next = yearEndRef(cur);
    if (!next) break;
    if (next === m.key) return { problems: [at(msg('yearEnd.cycle', { chain: [...chain, next].join(' → ') }))] };
    if (chain.includes(next)) break; // a cycle further on: that meeting's own build reports it
    const loaded = load(next);
    if (!(loaded && !(loaded instanceof JianbaoError))) break;
    chain.push(next);
    cur = loaded;
  }

  const view = deriveMeeting(plan.district, plan.id, plan.meeting);
  const { records, problems } = checkProgress(view, opts.dataDir);
  const errors = problems.filter((p) => p.severity !== 'warning');
  if (errors.length) return { problems: [at(msg('yearEnd.broken', { ref: key, file: errors[0]!.location.file })), ...own(errors)] };
  const last = `${view.planYear}-12`;
  const { periods } = listProgress(progressDir(opts.dataDir, plan.districtId, plan.id));
  if (!periods.includes(last)) {
    const file = shown(progressPath(opts.dataDir, plan.districtId, plan.id, last));
    return { problems: [at(msg('yearEnd.noLastMonth', { ref: key, year: view.planYear, file }), msg('yearEnd.noLastMonthHint', { period: last }), msg('yearEnd.have', { have: periods.join('、') }))] };
  }
  const progressed = applyProgress(view, records, { config: loadLedgerConfig(opts.root), period: last });
  return { yearEnd: yearEndOf(progressed, key), problems: [] };
}
