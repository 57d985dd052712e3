/**
 * The duplicate check of `check` (load/project.ts `duplicateMeetings`: a copied meeting
 * keeping its 期号, or its date and kind) in `build`. Only districts with something to
 * build are compared, and every meeting of such a district takes part, built or not (a
 * copy is compared with the meeting it was copied from).
 *
 * What the check reads of a meeting (briefing, 期号, date, kind and their positions) is
 * kept in `output/.jianbao-meetings.json`, keyed by the bytes of the meeting file and its
 * district profile, so an unchanged meeting is not parsed again just to be compared.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { duplicateMeetings, identityOf, loadEntry, type DistrictCache, type LoadFailure, type MeetingEntry, type MeetingIdentity } from '../load/project.js';
import { writeFileAtomic } from '../write.js';

export const IDENTITY_FILE = '.jianbao-meetings.json';

interface Cached {
  version: 1;
  meetings: Record<string, { bytes: string; identity: MeetingIdentity }>;
}

function readCache(path: string): Cached {
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as Cached;
    if (c.version === 1 && c.meetings && typeof c.meetings === 'object') return c;
  } catch {
    // missing or unreadable: every meeting is read again
  }
  return { version: 1, meetings: {} };
}

function bytesOf(entry: MeetingEntry): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(entry.file)).update('\0').update(readFileSync(entry.districtFile)).digest('hex');
  } catch {
    return undefined;
  }
}

/**
 * The meetings of `all` that duplicate another of their district, for the districts of
 * `building`; each failure names both files, exactly as `check` reports it. A meeting that
 * does not load is left out (its own build reports why).
 */
export function duplicatesInBuild(all: readonly MeetingEntry[], building: readonly MeetingEntry[], outDir: string, cwd: string): LoadFailure[] {
  const districts = new Set(building.map((e) => e.districtId));
  if (districts.size === 0) return [];
  const cachePath = join(outDir, IDENTITY_FILE);
  const cache = readCache(cachePath);
  const next: Cached = { version: 1, meetings: { ...cache.meetings } };
  const loaded: DistrictCache = new Map();
  const identities: MeetingIdentity[] = [];
  let changed = false;
  for (const entry of all) {
    if (!districts.has(entry.districtId)) continue;
    const bytes = bytesOf(entry);
    if (bytes === undefined) continue;
    const hit = cache.meetings[entry.key];
    if (hit && hit.bytes === bytes && hit.identity.key === entry.key) {
      identities.push({ ...hit.identity, file: relative(cwd, entry.file) || entry.file });
      continue;
    }
    let identity: MeetingIdentity;
    try {
      identity = identityOf(loadEntry(entry, loaded, cwd));
    } catch {
      continue;
    }
    identities.push(identity);
    next.meetings[entry.key] = { bytes, identity };
    changed = true;
  }
  if (changed) {
    try {
      if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
      writeFileAtomic(cachePath, `${JSON.stringify(next)}\n`);
    } catch {
      // a cache only: the next build reads the meetings again
    }
  }
  return duplicateMeetings(identities);
}
