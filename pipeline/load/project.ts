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
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { JianbaoError, type Problem } from '../errors.js';
import { checkDistrict, checkMeetingReferences } from '../model/references.js';
import { District, Meeting } from '../model/schema.js';
import { validate } from '../model/validate.js';
import { parseYaml, type YamlSource } from './yaml.js';

export interface MeetingEntry {
  /** district/meeting */
  key: string;
  id: string;
  districtId: string;
  /** Absolute paths. */
  file: string;
  districtFile: string;
  progressDir: string;
}

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

export interface LoadFailure {
  /** district/meeting, or the district id when the profile itself is broken. */
  key: string;
  file: string;
  error: JianbaoError;
}

export interface LoadResult {
  meetings: LoadedMeeting[];
  failures: LoadFailure[];
}

export interface LoadOptions {
  /** Keep only these: "district" or "district/meeting". */
  only?: string[];
  /** Shown paths are relative to this folder (default: cwd). */
  cwd?: string;
}

const ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** List every meeting under the data folder, without reading any file. */
export function discoverProject(dataDir: string, opts: LoadOptions = {}): { entries: MeetingEntry[]; failures: LoadFailure[] } {
  const cwd = opts.cwd ?? process.cwd();
  const show = (p: string) => relative(cwd, p) || p;
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new JianbaoError('usage', [{ location: { kind: 'file', file: show(dataDir) }, message: 'expected a data folder (data/<district>/district.yaml)' }]);
  }
  const only = opts.only ?? [];
  const wantDistrict = (d: string) => !only.length || only.some((o) => o.split('/')[0] === d);
  const wantMeeting = (d: string, m: string) => !only.length || only.some((o) => o === d || o === `${d}/${m}`);
  const entries: MeetingEntry[] = [];
  const failures: LoadFailure[] = [];

  for (const name of readdirSync(dataDir).sort()) {
    const dir = join(dataDir, name);
    const districtFile = join(dir, 'district.yaml');
    if (name.startsWith('.') || !statSync(dir).isDirectory() || !existsSync(districtFile) || !wantDistrict(name)) continue;
    if (!ID_RE.test(name)) {
      failures.push({
        key: name,
        file: show(dir),
        error: new JianbaoError('data', [{ location: { kind: 'file', file: show(dir) }, message: 'expected a district folder named with lower-case letters, digits and "-"', found: JSON.stringify(name) }]),
      });
      continue;
    }
    const meetingsDir = join(dir, 'meetings');
    if (!existsSync(meetingsDir)) continue;
    for (const fileName of readdirSync(meetingsDir).sort()) {
      if (!/\.ya?ml$/.test(fileName)) continue;
      const id = fileName.replace(/\.ya?ml$/, '');
      if (!wantMeeting(name, id)) continue;
      const file = join(meetingsDir, fileName);
      if (!ID_RE.test(id)) {
        failures.push({
          key: `${name}/${id}`,
          file: show(file),
          error: new JianbaoError('data', [
            { location: { kind: 'file', file: show(file) }, message: 'expected a meeting file named <id>.yaml with an id of lower-case letters, digits and "-"', found: JSON.stringify(id) },
          ]),
        });
        continue;
      }
      entries.push({ key: `${name}/${id}`, id, districtId: name, file, districtFile, progressDir: join(dir, 'progress', id) });
    }
  }
  return { entries, failures };
}

/** Parsed district profiles, shared by the meetings of one run. */
export type DistrictCache = Map<string, { source: YamlSource; district: District } | JianbaoError>;

/** Parse and validate one meeting; throws a JianbaoError with every located problem. */
export function loadEntry(entry: MeetingEntry, cache: DistrictCache, cwd: string = process.cwd()): LoadedMeeting {
  const show = (p: string) => relative(cwd, p) || p;
  let d = cache.get(entry.districtFile);
  if (!d) {
    try {
      const source = parseYaml(show(entry.districtFile), readFileSync(entry.districtFile, 'utf8'));
      const district = validate(source, District);
      const problems = checkDistrict(source, district, entry.districtId);
      if (problems.length) throw new JianbaoError('data', problems);
      d = { source, district };
    } catch (err) {
      d = asDataError(err, show(entry.districtFile));
    }
    cache.set(entry.districtFile, d);
  }
  if (d instanceof JianbaoError) throw d;
  const shown = show(entry.file);
  try {
    const source = parseYaml(shown, readFileSync(entry.file, 'utf8'));
    const meeting = validate(source, Meeting);
    const problems: Problem[] = checkMeetingReferences(source, d.district, meeting);
    if (problems.some((p) => p.severity !== 'warning')) throw new JianbaoError('data', problems);
    return { key: entry.key, id: entry.id, districtId: entry.districtId, file: shown, district: d.district, meeting, source, districtSource: d.source };
  } catch (err) {
    throw asDataError(err, shown);
  }
}

/** Discover and load everything (what `jianbao check` does). */
export function loadProject(dataDir: string, opts: LoadOptions = {}): LoadResult {
  const cwd = opts.cwd ?? process.cwd();
  const { entries, failures } = discoverProject(dataDir, opts);
  const result: LoadResult = { meetings: [], failures: [...failures] };
  const cache: DistrictCache = new Map();
  for (const e of entries) {
    try {
      result.meetings.push(loadEntry(e, cache, cwd));
    } catch (err) {
      result.failures.push({ key: e.key, file: relative(cwd, e.file), error: asDataError(err, relative(cwd, e.file)) });
    }
  }
  return result;
}

function asDataError(err: unknown, file: string): JianbaoError {
  if (err instanceof JianbaoError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new JianbaoError('data', [{ location: { kind: 'file', file }, message: `could not read: ${message}` }], { cause: err });
}
