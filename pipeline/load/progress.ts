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
  DEFAULT_LEDGER_CONFIG,
  LedgerConfig,
  ledgerRows,
  PROGRESS_FILE_NAME,
  ProgressFile,
  recordsOf,
  sectionOf,
  ROW_KINDS,
  type ProgressedView,
  type ProgressRecord,
} from '../model/progress.js';
import { validate } from '../model/validate.js';
import { locate, type YamlSource } from '../core/source.js';
import { readYamlFile } from './yaml.js';

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
        message: `expected meeting ${meeting}, district ${district}, period ${period} (as the file name and folder say)`,
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

/** config/ledger.yaml under the project root; defaults when absent. */
export function loadLedgerConfig(root: string): LedgerConfig {
  const path = join(root, 'config', 'ledger.yaml');
  if (!existsSync(path)) return DEFAULT_LEDGER_CONFIG;
  try {
    return validate(readYamlFile(shown(path), path), LedgerConfig);
  } catch (err) {
    if (err instanceof JianbaoError) throw new JianbaoError('config', err.problems, { cause: err });
    throw err;
  }
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
      message: folder ? 'expected only progress files YYYY-MM.yaml in this folder (this folder is ignored)' : 'expected a progress file named YYYY-MM.yaml, e.g. 2023-06.yaml (this file is ignored)',
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
        message: `expected a month of the meeting's plan year ${view.planYear} (${view.planYearRule}); this file is not used`,
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
            message: `expected a ${kind} of meeting ${view.id} (it is no longer in the meeting data; its values are not shown)`,
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
              message: `expected a supporting unit of this ${kind} (co: in the meeting data); its 配合情况 is not shown`,
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
