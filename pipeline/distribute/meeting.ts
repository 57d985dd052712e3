/**
 * One meeting as distribution sees it: what the build left of it — its summary and the view
 * its outputs were made from (build/summary.ts) — its output folder, and the build stamp that
 * says whether the outputs there were built from the data as it is now. Nothing is loaded or
 * derived again: the copies and notes are made from the very view the briefing was.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { inputHash, readStamp, STAMP_FILE, stampedTemplateFiles, type Stamp } from '../build/inputs.js';
import { parseSnapshot, readSummary, SUMMARY_FILE, VIEW_FILE, type MeetingSummary } from '../build/summary.js';
import { JianbaoError, type Problem } from '../errors.js';
import { discoverProject, type MeetingEntry } from '../load/discover.js';
import type { MeetingView } from '../core/view.js';
import { FORMATS } from '../render/formats.js';
import { msg } from '../messages/index.js';

export interface OpenMeeting {
  entry: MeetingEntry;
  /** The view the build rendered the outputs from (with progress). */
  view: MeetingView;
  summary: MeetingSummary;
  /** output/<district>/<meeting> (absolute). */
  dir: string;
  stamp: Stamp;
}

const KEY_RE = /^[a-z0-9][a-z0-9-]{0,63}\/[a-z0-9][a-z0-9-]{0,63}$/;

function usage(file: string, message: string, found?: string): JianbaoError {
  return new JianbaoError('usage', [{ location: { kind: 'file', file }, message, found }]);
}

export async function openMeeting(opts: { outDir: string; dataDir: string; key: string }, cwd = process.cwd()): Promise<OpenMeeting> {
  const show = (p: string) => relative(cwd, p) || p;
  const entry = findEntry(opts, cwd, show);
  const dir = join(opts.outDir, entry.districtId, entry.id);
  const state = readSummary(dir);
  const needBuild = (found: string) => usage(show(join(dir, SUMMARY_FILE)), msg('distribute.noSummary', { key: entry.key }), found);
  if (!state.ok) throw needBuild(state.reason === 'older' ? msg('distribute.olderSummary') : msg('value.nothing'));
  const summary = state.summary;
  let text: string;
  try {
    text = readFileSync(join(dir, VIEW_FILE), 'utf8');
  } catch {
    throw needBuild(msg('value.nothing'));
  }
  // the view and the summary were written by the same build
  if (!summary.view || createHash('sha256').update(text).digest('hex') !== summary.view.sha256) throw needBuild(msg('distribute.olderSummary'));
  return { entry, view: parseSnapshot<MeetingView>(text), summary, dir, stamp: readStamp(dir) };
}

/** The meeting's entry in the data folder (listed, not read). */
function findEntry(opts: { dataDir: string; key: string }, cwd: string, show: (p: string) => string): MeetingEntry {
  if (!KEY_RE.test(opts.key)) throw usage(show(opts.dataDir), msg('distribute.keyForm'), JSON.stringify(opts.key));
  const found = discoverProject(opts.dataDir, { only: [opts.key], cwd });
  const failure = found.failures.find((f) => f.key === opts.key);
  if (failure) throw failure.error;
  const entry = found.entries.find((e) => e.key === opts.key);
  if (!entry) throw usage(show(opts.dataDir), msg('distribute.noMeeting', { key: opts.key, file: `${opts.key.replace('/', '/meetings/')}.yaml` }), msg('value.nothing'));
  return entry;
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
    if (now !== built.inputs || m.summary.formats[format]?.inputs !== built.inputs) {
      problems.push({
        location: { kind: 'file', file: show(join(m.dir, built.files[0] ?? STAMP_FILE)) },
        message: msg('distribute.outOfDate', { format, key: m.entry.key }),
        found: msg('distribute.olderBuild'),
      });
    }
  }
  if (problems.length) throw new JianbaoError('usage', problems);
}
