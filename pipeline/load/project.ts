/**
 * Find and load the data folder:
 *
 *   data/<district>/district.yaml
 *   data/<district>/meetings/<meeting-id>.yaml
 *
 * Loading never stops at the first bad file: each district and meeting either loads or
 * carries its located problems, so one broken meeting does not stop the others.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { JianbaoError, type Problem } from '../errors.js';
import { checkMeetingReferences, checkDistrict } from '../model/references.js';
import { District, Meeting } from '../model/schema.js';
import { validate } from '../model/validate.js';
import { parseYaml, type YamlSource } from './yaml.js';

export interface LoadedMeeting {
  /** district/meeting */
  key: string;
  id: string;
  districtId: string;
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

const ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface LoadOptions {
  /** Keep only these: "district" or "district/meeting". */
  only?: string[];
  /** Shown paths are relative to this folder (default: cwd). */
  cwd?: string;
}

export function loadProject(dataDir: string, opts: LoadOptions = {}): LoadResult {
  const cwd = opts.cwd ?? process.cwd();
  const show = (p: string) => relative(cwd, p) || p;
  const result: LoadResult = { meetings: [], failures: [] };
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new JianbaoError('usage', [{ location: { kind: 'file', file: show(dataDir) }, message: 'expected a data folder (data/<district>/district.yaml)' }]);
  }
  const wanted = (districtId: string, meetingId?: string) =>
    !opts.only?.length || opts.only.some((o) => o === districtId || (meetingId !== undefined && o === `${districtId}/${meetingId}`));

  for (const entry of readdirSync(dataDir).sort()) {
    const dir = join(dataDir, entry);
    if (!statSync(dir).isDirectory() || entry.startsWith('.')) continue;
    const profileFile = join(dir, 'district.yaml');
    if (!existsSync(profileFile)) continue;
    if (!opts.only?.length || opts.only.some((o) => o.split('/')[0] === entry)) {
      // fall through
    } else continue;

    let district: District;
    let districtSource: YamlSource;
    try {
      if (!ID_RE.test(entry)) {
        throw new JianbaoError('data', [{ location: { kind: 'file', file: show(dir) }, message: 'expected a district folder named with lower-case letters, digits and "-"', found: JSON.stringify(entry) }]);
      }
      districtSource = parseYaml(show(profileFile), readFileSync(profileFile, 'utf8'));
      district = validate(districtSource, District);
      const problems = checkDistrict(districtSource, district, entry);
      if (problems.length) throw new JianbaoError('data', problems);
    } catch (err) {
      result.failures.push({ key: entry, file: show(profileFile), error: asDataError(err, show(profileFile)) });
      continue;
    }

    const meetingsDir = join(dir, 'meetings');
    if (!existsSync(meetingsDir)) continue;
    for (const name of readdirSync(meetingsDir).sort()) {
      if (!/\.ya?ml$/.test(name)) continue;
      const id = name.replace(/\.ya?ml$/, '');
      if (!wanted(entry, id)) continue;
      const file = join(meetingsDir, name);
      const shown = show(file);
      try {
        if (!ID_RE.test(id)) {
          throw new JianbaoError('data', [
            { location: { kind: 'file', file: shown }, message: 'expected a meeting file named <id>.yaml with an id of lower-case letters, digits and "-"', found: JSON.stringify(id) },
          ]);
        }
        const source = parseYaml(shown, readFileSync(file, 'utf8'));
        const meeting = validate(source, Meeting);
        const problems: Problem[] = checkMeetingReferences(source, district, meeting);
        if (problems.some((p) => p.severity !== 'warning')) throw new JianbaoError('data', problems);
        result.meetings.push({ key: `${entry}/${id}`, id, districtId: entry, file: shown, district, meeting, source, districtSource });
      } catch (err) {
        result.failures.push({ key: `${entry}/${id}`, file: shown, error: asDataError(err, shown) });
      }
    }
  }
  return result;
}

function asDataError(err: unknown, file: string): JianbaoError {
  if (err instanceof JianbaoError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new JianbaoError('data', [{ location: { kind: 'file', file }, message: `could not read: ${message}` }], { cause: err });
}
