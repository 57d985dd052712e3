/**
 * The current data of the meeting a returned workbook names (district.yaml and the
 * meeting file), loaded once per meeting and validated like any build.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JianbaoError } from '../errors.js';
import { parseYaml } from '../load/yaml.js';
import { deriveMeeting } from '../model/derive.js';
import type { MeetingView } from '../core/view.js';
import { District, Meeting } from '../model/schema.js';
import { validate } from '../model/validate.js';

export type IngestMeeting = { view: MeetingView } | { missing: 'district' | 'meeting'; path: string } | { error: JianbaoError };

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function meetingLoader(dataDir: string): (district: string, meeting: string) => Promise<IngestMeeting> {
  const cache = new Map<string, Promise<IngestMeeting>>();
  const load = async (district: string, meeting: string): Promise<IngestMeeting> => {
    const dPath = join(dataDir, district, 'district.yaml');
    const mPath = join(dataDir, district, 'meetings', `${meeting}.yaml`);
    const dText = await readText(dPath);
    if (dText === undefined) return { missing: 'district', path: dPath };
    const mText = await readText(mPath);
    if (mText === undefined) return { missing: 'meeting', path: mPath };
    try {
      const d = validate(parseYaml(dPath, dText), District);
      const m = validate(parseYaml(mPath, mText), Meeting);
      return { view: deriveMeeting(d, meeting, m) };
    } catch (err) {
      if (err instanceof JianbaoError) return { error: err };
      throw err;
    }
  };
  return (district, meeting) => {
    const key = `${district}/${meeting}`;
    let p = cache.get(key);
    if (!p) {
      p = load(district, meeting);
      cache.set(key, p);
    }
    return p;
  };
}
