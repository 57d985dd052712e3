/**
 * List the data folder without reading any file (what an incremental build needs to decide
 * what changed): data/<district>/district.yaml, data/<district>/meetings/<id>.yaml.
 * Kept apart from project.ts so a no-op build never loads the schemas (zod, yaml).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { JianbaoError } from '../errors.js';
import { msg } from '../messages/index.js';

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

export interface LoadFailure {
  /** district/meeting, or the district id when the profile itself is broken. */
  key: string;
  file: string;
  error: JianbaoError;
}

export interface LoadOptions {
  /** Keep only these: "district" or "district/meeting". */
  only?: string[];
  /** Shown paths are relative to this folder (default: cwd). */
  cwd?: string;
}

const ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** What a path is, without throwing (a dangling link or an unreadable entry is "missing"). */
function kindOf(p: string): 'file' | 'dir' | 'missing' {
  try {
    const st = statSync(p);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'missing';
  } catch {
    return 'missing';
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** List every meeting under the data folder, without reading any file. */
export function discoverProject(dataDir: string, opts: LoadOptions = {}): { entries: MeetingEntry[]; failures: LoadFailure[] } {
  const cwd = opts.cwd ?? process.cwd();
  const show = (p: string) => relative(cwd, p) || p;
  if (kindOf(dataDir) !== 'dir') {
    throw new JianbaoError('usage', [{ location: { kind: 'file', file: show(dataDir) }, message: msg('data.folder') }]);
  }
  const only = opts.only ?? [];
  const wantDistrict = (d: string) => !only.length || only.some((o) => o.split('/')[0] === d);
  const wantMeeting = (d: string, m: string) => !only.length || only.some((o) => o === d || o === `${d}/${m}`);
  const entries: MeetingEntry[] = [];
  const failures: LoadFailure[] = [];
  const fail = (key: string, file: string, message: string, found?: string) =>
    failures.push({ key, file: show(file), error: new JianbaoError('data', [{ location: { kind: 'file', file: show(file) }, message, found }]) });

  for (const name of list(dataDir)) {
    const dir = join(dataDir, name);
    if (name.startsWith('.') || kindOf(dir) !== 'dir' || !wantDistrict(name)) continue;
    const districtFile = join(dir, 'district.yaml');
    const meetingsDir = join(dir, 'meetings');
    const hasMeetings = kindOf(meetingsDir) === 'dir';
    if (kindOf(districtFile) !== 'file') {
      // A folder without a profile is not a district (data/seeds/) — unless it has meetings:
      // then the profile is missing or misnamed, and its meetings must not vanish silently.
      if (hasMeetings) {
        const near = list(dir).find((f) => /^district\.ya?ml$/i.test(f) || /^district\.ya?ml\.txt$/i.test(f));
        fail(name, districtFile, near ? msg('data.profileMisnamed') : msg('data.profileMissing'), near ? JSON.stringify(near) : msg('data.none'));
      }
      continue;
    }
    if (!ID_RE.test(name)) {
      fail(name, dir, msg('data.districtFolder'), JSON.stringify(name));
      continue;
    }
    if (!hasMeetings) continue;
    const seen = new Map<string, string>();
    for (const fileName of list(meetingsDir)) {
      if (fileName.startsWith('.')) continue;
      const file = join(meetingsDir, fileName);
      if (!/\.ya?ml$/.test(fileName)) {
        // Not a meeting, unless it is one under a name the tool would otherwise skip silently.
        if (/\.ya?ml$/i.test(fileName) || /\.ya?ml\.txt$/i.test(fileName)) {
          const id = fileName.replace(/\.ya?ml(\.txt)?$/i, '');
          if (wantMeeting(name, id)) fail(`${name}/${id}`, file, msg('data.meetingExt'), JSON.stringify(fileName));
        }
        continue;
      }
      const id = fileName.replace(/\.ya?ml$/, '');
      if (!wantMeeting(name, id)) continue;
      if (!ID_RE.test(id)) {
        fail(
          `${name}/${id}`,
          file,
          msg('data.meetingName'),
          JSON.stringify(id),
        );
        continue;
      }
      const other = seen.get(id);
      if (other !== undefined) {
        fail(`${name}/${id}`, file, msg('data.sameId', { other, id }), JSON.stringify(fileName));
        continue;
      }
      if (kindOf(file) !== 'file') {
        fail(`${name}/${id}`, file, msg('data.meetingNotFile'));
        continue;
      }
      seen.set(id, fileName);
      entries.push({ key: `${name}/${id}`, id, districtId: name, file, districtFile, progressDir: join(dir, 'progress', id) });
    }
  }
  return { entries, failures };
}

