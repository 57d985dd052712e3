/**
 * Find and load the data folder:
 *
 *   data/<district>/district.yaml
 *   data/<district>/meetings/<meeting-id>.yaml
 *   data/<district>/progress/<meeting-id>/<period>.yaml   (ingested ledger returns)
 *
 * Two steps, so an incremental build can decide what changed from the raw bytes without
 * parsing anything: `discoverProject` only lists files; `loadEntry` parses and validates
 * one meeting (its district profile is parsed once and cached).
 *
 * Loading never stops at the first bad file: each meeting either loads or carries its
 * located problems, so one broken meeting does not stop the others.
 */
import { relative } from 'node:path';
import { discoverProject, type LoadFailure, type LoadOptions, type MeetingEntry } from './discover.js';
import { JianbaoError, type Problem } from '../errors.js';
import type { z } from 'zod';
import { msg } from '../messages/index.js';
import { checkDistrict, checkMeetingReferences, unitsOf } from '../model/references.js';
import { District, Meeting } from '../model/schema.js';
import { issuesToProblems } from '../model/validate.js';
import { capProblems, locate, type YamlSource } from '../core/source.js';
import { YAML_LIMITS, readYamlFile } from './yaml.js';

export interface LoadedMeeting {
  key: string;
  id: string;
  districtId: string;
  /** Path as shown to the user. */
  file: string;
  district: District;
  meeting: Meeting;
  source: YamlSource;
  districtSource: YamlSource;
}

export interface LoadResult {
  meetings: LoadedMeeting[];
  failures: LoadFailure[];
}

export { discoverProject, type LoadFailure, type LoadOptions, type MeetingEntry } from './discover.js';

/** Parsed district profiles, shared by the meetings of one run. */
export type DistrictCache = Map<string, { source: YamlSource; district: District } | JianbaoError>;

/** Parse and validate a district profile read from `path` (shown to the user as `shown`). */
export function loadDistrictFile(shown: string, path: string, folder: string): { source: YamlSource; district: District } {
  const source = readYamlFile(shown, path);
  const { data, problems } = checkAll(source, District, (raw) => checkDistrict(source, raw, folder));
  if (!data || problems.length) throw new JianbaoError('data', problems);
  return { source, district: data };
}

/** Parse and validate a meeting read from `path` against its district's profile. */
export function loadMeetingFile(shown: string, path: string, district: District): { source: YamlSource; meeting: Meeting; warnings: Problem[] } {
  const source = readYamlFile(shown, path);
  return { source, ...checkMeetingSource(source, district) };
}

/** Validate a parsed meeting (schema and references together); throws every located problem at once. */
export function checkMeetingSource(source: YamlSource, district: District): { meeting: Meeting; warnings: Problem[] } {
  const { data, problems } = checkAll(source, Meeting, (raw) => checkMeetingReferences(source, unitsOf(district), raw));
  if (!data || problems.some((p) => p.severity !== 'warning')) throw new JianbaoError('data', problems);
  return { meeting: data, warnings: problems };
}

/**
 * The schema and the cross-field checks, both always: the references run on the raw data
 * (they skip what has the wrong shape), so one stage never hides the next. A reference
 * problem at a field the schema already reported is dropped (one line per field).
 */
function checkAll<S extends z.ZodType>(source: YamlSource, schema: S, references: (raw: unknown) => Problem[]): { data?: z.infer<S>; problems: Problem[] } {
  const result = schema.safeParse(source.data, { reportInput: true });
  if (result.success) return { data: result.data, problems: references(result.data) };
  const problems = issuesToProblems(source, schema, result.error.issues);
  // a file already capped at YAML_LIMITS.maxProblems is broken enough: no more lines
  if (problems.length > YAML_LIMITS.maxProblems) return { problems };
  // One line per field: a reference problem with a hint (a unit's name where its id belongs)
  // says more than the schema's "expected an id"; otherwise the schema's line stays.
  const refs = references(source.data);
  const better = new Map(refs.filter((p) => p.hint).map((p) => [p.field, p]));
  const merged = problems.map((p) => (p.field !== undefined && better.has(p.field) ? better.get(p.field)! : p));
  const reported = new Set(problems.map((p) => p.field));
  const more = refs.filter((p) => !reported.has(p.field));
  return { problems: capProblems(byLine([...merged, ...more])) };
}

function byLine(ps: Problem[]): Problem[] {
  const key = (p: Problem) => (p.location.kind === 'file' ? (p.location.line ?? 1e9) * 1e6 + (p.location.col ?? 0) : 0);
  return ps.map((p, i) => [p, i] as const).sort((a, b) => key(a[0]) - key(b[0]) || a[1] - b[1]).map(([p]) => p);
}

/** Parse and validate one meeting; throws a JianbaoError with every located problem. */
export function loadEntry(entry: MeetingEntry, cache: DistrictCache, cwd: string = process.cwd()): LoadedMeeting {
  const show = (p: string) => relative(cwd, p) || p;
  let d = cache.get(entry.districtFile);
  if (!d) {
    try {
      d = loadDistrictFile(show(entry.districtFile), entry.districtFile, entry.districtId);
    } catch (err) {
      d = asDataError(err, show(entry.districtFile));
    }
    cache.set(entry.districtFile, d);
  }
  const shown = show(entry.file);
  if (d instanceof JianbaoError) throw districtBroken(d, shown, show(entry.districtFile));
  try {
    const { source, meeting } = loadMeetingFile(shown, entry.file, d.district);
    return { key: entry.key, id: entry.id, districtId: entry.districtId, file: shown, district: d.district, meeting, source, districtSource: d.source };
  } catch (err) {
    throw asDataError(err, shown);
  }
}

/** A meeting of a district whose profile is broken: the profile's problems, then why this meeting stops. */
function districtBroken(d: JianbaoError, meetingFile: string, districtFile: string): JianbaoError {
  return new JianbaoError('data', [...d.problems, notChecked(meetingFile, districtFile)], { cause: d });
}

function notChecked(meetingFile: string, districtFile: string): Problem {
  return { location: { kind: 'file', file: meetingFile }, message: msg('data.notChecked', { file: districtFile }) };
}

/** Discover and load everything (what `jianbao check` does). */
export function loadProject(dataDir: string, opts: LoadOptions = {}): LoadResult {
  const cwd = opts.cwd ?? process.cwd();
  const { entries, failures } = discoverProject(dataDir, opts);
  const result: LoadResult = { meetings: [], failures: [...failures] };
  const cache: DistrictCache = new Map();
  const reported = new Set<string>();
  for (const e of entries) {
    const file = relative(cwd, e.file) || e.file;
    try {
      result.meetings.push(loadEntry(e, cache, cwd));
    } catch (err) {
      let error = asDataError(err, file);
      // A broken district profile is reported once, with its first meeting; its other
      // meetings only say that they were not checked.
      const d = cache.get(e.districtFile);
      if (d instanceof JianbaoError && error.cause === d) {
        if (reported.has(e.districtFile)) error = new JianbaoError('data', [notChecked(file, relative(cwd, e.districtFile) || e.districtFile)], { cause: d });
        reported.add(e.districtFile);
      }
      result.failures.push({ key: e.key, file, error });
    }
  }
  for (const f of duplicateMeetings(result.meetings)) {
    result.meetings = result.meetings.filter((m) => m.key !== f.key);
    result.failures.push(f);
  }
  return result;
}

/**
 * What the duplicate check reads of a meeting: which briefing and issue, which date and
 * kind, and where those stand in its file. `build` keeps these between runs (build/
 * duplicates.ts), so an unchanged meeting is not parsed again to be compared.
 */
export interface MeetingIdentity {
  key: string;
  file: string;
  districtId: string;
  /** The briefing's name, its year, its 期号. */
  briefing: string;
  year: string;
  issue: number;
  date: string;
  kind: string;
  /** line:col of briefing.issue and of date. */
  at: { issue: { line: number; col: number }; date: { line: number; col: number } };
}

export function identityOf(lm: LoadedMeeting): MeetingIdentity {
  const { meeting: m, district: d } = lm;
  return {
    key: lm.key,
    file: lm.file,
    districtId: lm.districtId,
    briefing: m.briefing.name ?? d.briefingName,
    year: m.briefing.date.slice(0, 4),
    issue: m.briefing.issue,
    date: m.date,
    kind: m.kind,
    at: { issue: locate(lm.source, ['briefing', 'issue']), date: locate(lm.source, ['date']) },
  };
}

/**
 * A meeting copied as the README says and not fully edited: the same 期号 of the same
 * briefing in the same year, or the same date and kind, in one district. The later file (in
 * name order) fails, naming the earlier one. `check` and `build` both decide here.
 */
export function duplicateMeetings(meetings: readonly (LoadedMeeting | MeetingIdentity)[]): LoadFailure[] {
  const failures: LoadFailure[] = [];
  const issues = new Map<string, MeetingIdentity>();
  const dates = new Map<string, MeetingIdentity>();
  const ids = meetings.map((m) => ('source' in m ? identityOf(m) : m));
  for (const m of ids.sort((a, b) => a.key.localeCompare(b.key))) {
    const problems: Problem[] = [];
    const issueKey = JSON.stringify([m.districtId, m.briefing, m.year, m.issue]);
    const sameIssue = issues.get(issueKey);
    if (sameIssue) {
      problems.push({
        location: { kind: 'file', file: m.file, ...m.at.issue },
        field: 'briefing.issue',
        message: msg('data.duplicateIssue', { issue: m.issue, other: sameIssue.file }),
        found: String(m.issue),
        hint: msg('data.duplicateIssueHint'),
      });
    } else issues.set(issueKey, m);
    const dateKey = JSON.stringify([m.districtId, m.date, m.kind]);
    const sameDate = dates.get(dateKey);
    if (sameDate) {
      problems.push({
        location: { kind: 'file', file: m.file, ...m.at.date },
        field: 'date',
        message: msg('data.duplicateMeeting', { date: m.date, kind: m.kind, other: sameDate.file }),
        found: JSON.stringify(m.date),
        hint: msg('data.duplicateMeetingHint'),
      });
    } else dates.set(dateKey, m);
    if (problems.length) failures.push({ key: m.key, file: m.file, error: new JianbaoError('data', problems.sort((a, b) => (a.location.kind === 'file' && b.location.kind === 'file' ? (a.location.line ?? 0) - (b.location.line ?? 0) : 0))) });
  }
  return failures;
}

function asDataError(err: unknown, file: string): JianbaoError {
  if (err instanceof JianbaoError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new JianbaoError('data', [{ location: { kind: 'file', file }, message: msg('data.couldNotRead', { detail: message }) }], { cause: err });
}
