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
import { checkDistrict, checkMeetingReferences } from '../model/references.js';
import { District, Meeting } from '../model/schema.js';
import { validate } from '../model/validate.js';
import type { YamlSource } from '../core/source.js';
import { readYamlFile } from './yaml.js';

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
  const district = validate(source, District);
  const problems = checkDistrict(source, district, folder);
  if (problems.length) throw new JianbaoError('data', problems);
  return { source, district };
}

/** Parse and validate a meeting read from `path` against its district's profile. */
export function loadMeetingFile(shown: string, path: string, district: District): { source: YamlSource; meeting: Meeting; warnings: Problem[] } {
  const source = readYamlFile(shown, path);
  return { source, ...checkMeetingSource(source, district) };
}

/** Validate a parsed meeting (schema, then references); throws every located problem at once. */
export function checkMeetingSource(source: YamlSource, district: District): { meeting: Meeting; warnings: Problem[] } {
  const meeting = validate(source, Meeting);
  const problems: Problem[] = checkMeetingReferences(source, district, meeting);
  if (problems.some((p) => p.severity !== 'warning')) throw new JianbaoError('data', problems);
  return { meeting, warnings: problems };
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
  return { location: { kind: 'file', file: meetingFile }, message: `expected a valid ${districtFile} (see the problems above); this meeting was not checked` };
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
  return result;
}

function asDataError(err: unknown, file: string): JianbaoError {
  if (err instanceof JianbaoError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new JianbaoError('data', [{ location: { kind: 'file', file }, message: `could not read: ${message}` }], { cause: err });
}
