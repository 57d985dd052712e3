/**
 * One meeting as distribution sees it: its data (validated, derived, with ingested
 * progress), its output folder, and the build stamp that says whether the outputs there
 * were built from the data as it is now.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inputHash, readStamp, STAMP_FILE, stampedTemplateFiles, type Stamp } from '../build/inputs.js';
import { JianbaoError, type Problem } from '../errors.js';
import { withProgress } from '../ingest/store.js';
import { discoverProject, loadEntry, type LoadedMeeting, type MeetingEntry } from '../load/project.js';
import { deriveMeeting } from '../model/derive.js';
import type { MeetingView } from '../core/view.js';
import { FORMATS } from '../render/formats.js';
import { msg } from '../messages/index.js';

export interface OpenMeeting {
  entry: MeetingEntry;
  loaded: LoadedMeeting;
  view: MeetingView;
  /** output/<district>/<meeting> (absolute). */
  dir: string;
  stamp: Stamp;
}

const KEY_RE = /^[a-z0-9][a-z0-9-]{0,63}\/[a-z0-9][a-z0-9-]{0,63}$/;

function usage(file: string, message: string, found?: string): JianbaoError {
  return new JianbaoError('usage', [{ location: { kind: 'file', file }, message, found }]);
}

export async function openMeeting(opts: { outDir: string; dataDir: string; key: string; root: string }, cwd = process.cwd()): Promise<OpenMeeting> {
  const show = (p: string) => relative(cwd, p) || p;
  if (!KEY_RE.test(opts.key)) {
    throw usage(show(opts.dataDir), msg('distribute.keyForm'), JSON.stringify(opts.key));
  }
  const found = discoverProject(opts.dataDir, { only: [opts.key], cwd });
  const failure = found.failures.find((f) => f.key === opts.key);
  if (failure) throw failure.error;
  const entry = found.entries.find((e) => e.key === opts.key);
  if (!entry) throw usage(show(opts.dataDir), msg('distribute.noMeeting', { key: opts.key, file: `${opts.key.replace('/', '/meetings/')}.yaml` }), msg('value.nothing'));
  const loaded = loadEntry(entry, new Map(), cwd);
  const view = await withProgress(deriveMeeting(loaded.district, loaded.id, loaded.meeting), { dataDir: opts.dataDir, root: opts.root });
  const dir = join(opts.outDir, entry.districtId, entry.id);
  return { entry, loaded, view, dir, stamp: readStamp(dir) };
}

/**
 * The outputs distribution reads must exist and be current: built by `make` from the data,
 * templates, config and program as they are now (the build stamp's input hashes match).
 */
export function assertBuilt(m: OpenMeeting, formats: string[], root: string, cwd = process.cwd()): void {
  const show = (p: string) => relative(cwd, p) || p;
  const problems: Problem[] = [];
  for (const format of formats) {
    const info = FORMATS.find((f) => f.format === format);
    if (!info) throw new Error(`unknown format ${format}`);
    const built = m.stamp.formats[format];
    const missing = built?.files.find((f) => !existsSync(join(m.dir, f)));
    if (!built || missing !== undefined) {
      const file = missing ?? (format === 'briefing' ? 'briefing.pdf' : STAMP_FILE);
      problems.push({
        location: { kind: 'file', file: show(join(m.dir, file)) },
        message: msg('distribute.notBuilt', { format, key: m.entry.key }),
        found: msg('value.nothing'),
      });
      continue;
    }
    const templateFiles = stampedTemplateFiles(join(root, 'templates'), m.entry.districtId, built);
    const now = inputHash({ entry: m.entry, format, templateFiles, configDir: join(root, 'config') });
    if (now !== built.inputs) {
      problems.push({
        location: { kind: 'file', file: show(join(m.dir, built.files[0] ?? STAMP_FILE)) },
        message: msg('distribute.outOfDate', { format, key: m.entry.key }),
        found: msg('distribute.olderBuild'),
      });
    }
  }
  if (problems.length) throw new JianbaoError('usage', problems);
}

