/**
 * Progress files on disk: data/<district>/progress/<meeting>/<YYYY-MM>.yaml.
 * Reading (located problems), atomic writing (temp file in the same folder, fsync,
 * rename) with a dated backup of the replaced file, and the loaders build.ts uses.
 */
import { copyFile, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { JianbaoError } from '../errors.js';
import { parseYaml } from '../load/yaml.js';
import { validate } from '../model/validate.js';
import type { MeetingView } from '../core/view.js';
import {
  applyProgress,
  DEFAULT_LEDGER_CONFIG,
  LedgerConfig,
  ProgressFile,
  recordsOf,
  type ProgressedView,
  type ProgressRecord,
} from '../model/progress.js';
import { editYaml, newYaml, type YamlChange } from './yaml-edit.js';

export const PROGRESS_FILE = /^(\d{4}-(0[1-9]|1[0-2]))\.yaml$/;

export function progressDir(dataDir: string, district: string, meeting: string): string {
  return join(dataDir, district, 'progress', meeting);
}

export function progressPath(dataDir: string, district: string, meeting: string, period: string): string {
  return join(progressDir(dataDir, district, meeting), `${period}.yaml`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export interface StoredProgress {
  path: string;
  /** Source text ('' when the file does not exist yet). */
  text: string;
  /** Plain data as in the file (for exact write-back checks). */
  raw: Record<string, unknown>;
  file: ProgressFile;
}

/** Read one period file (or an empty one); throws a located JianbaoError when invalid. */
export async function readProgressFile(dataDir: string, district: string, meeting: string, period: string): Promise<StoredProgress> {
  const path = progressPath(dataDir, district, meeting, period);
  if (!(await exists(path))) {
    const file: ProgressFile = { meeting, district, period, targets: {}, tasks: {} };
    return { path, text: '', raw: { meeting, district, period }, file };
  }
  const text = await readFile(path, 'utf8');
  const src = parseYaml(path, text);
  const file = validate(src, ProgressFile);
  if (file.meeting !== meeting || file.district !== district || file.period !== period) {
    throw new JianbaoError('data', [
      {
        location: { kind: 'file', file: path, line: 1, col: 1 },
        message: `expected meeting ${meeting}, district ${district}, period ${period} (as the file name and folder say)`,
        found: `${file.district}/${file.meeting} ${file.period}`,
      },
    ]);
  }
  return { path, text, raw: src.data as Record<string, unknown>, file };
}

/** All recorded progress of a meeting, every period (empty when none). */
export async function loadProgress(dataDir: string, district: string, meeting: string): Promise<ProgressRecord[]> {
  const dir = progressDir(dataDir, district, meeting);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const periods = names.map((n) => PROGRESS_FILE.exec(n)?.[1]).filter((p): p is string => !!p).sort();
  const out: ProgressRecord[] = [];
  for (const p of periods) out.push(...recordsOf((await readProgressFile(dataDir, district, meeting, p)).file));
  return out;
}

/** config/ledger.yaml under the project root; defaults when absent. */
export async function loadLedgerConfig(root: string): Promise<LedgerConfig> {
  const path = join(root, 'config', 'ledger.yaml');
  if (!(await exists(path))) return DEFAULT_LEDGER_CONFIG;
  const src = parseYaml(path, await readFile(path, 'utf8'));
  try {
    return validate(src, LedgerConfig);
  } catch (err) {
    if (err instanceof JianbaoError) throw new JianbaoError('config', err.problems, { cause: err });
    throw err;
  }
}

/** Load the config and the recorded progress of a meeting and attach them to its view. */
export async function withProgress(view: MeetingView, opts: { dataDir: string; root: string; period?: string }): Promise<ProgressedView> {
  const [config, records] = await Promise.all([loadLedgerConfig(opts.root), loadProgress(opts.dataDir, view.districtId, view.id)]);
  return applyProgress(view, records, { config, period: opts.period });
}

// ---------------------------------------------------------------- writing

function setIn(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    if (typeof next !== 'object' || next === null) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path.at(-1)!] = structuredClone(value);
}

const HEADER = [
  ' 目标任务台账回填记录：由 jianbao ingest 根据各单位回填的台账写入。',
  ' 可手工更正数值（保留注释）；actual 为 1—X月累计完成（增速、比率类为百分数的数值）。',
].join('\n');

/** The new text of a progress file after `changes`; undefined when nothing changes. */
export function progressText(stored: StoredProgress, changes: YamlChange[]): string | undefined {
  if (changes.length === 0) return undefined;
  const expected = structuredClone(stored.raw);
  for (const c of changes) setIn(expected, c.path, c.value);
  if (stored.text === '') {
    const byId = (m: unknown) =>
      Object.fromEntries(Object.entries(m as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
    const ordered: Record<string, unknown> = {
      meeting: expected.meeting,
      district: expected.district,
      period: expected.period,
      ...(expected.targets ? { targets: byId(expected.targets) } : {}),
      ...(expected.tasks ? { tasks: byId(expected.tasks) } : {}),
    };
    return newYaml(ordered, HEADER);
  }
  const text = editYaml(stored.text, changes, expected);
  return text === stored.text ? undefined : text;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * Replace `path` atomically: write a temp file in the same folder, fsync it, keep a dated
 * backup of the old file under `.backup/`, rename over, fsync the folder.
 * Returns the backup path, if any.
 */
export async function atomicWrite(path: string, text: string, now: Date): Promise<string | undefined> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx');
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } catch (err) {
    await fh.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fh.close();
  let backup: string | undefined;
  if (await exists(path)) {
    const backupDir = join(dir, '.backup');
    await mkdir(backupDir, { recursive: true });
    backup = join(backupDir, `${basename(path, '.yaml')}.${stamp(now)}.yaml`);
    for (let i = 1; await exists(backup); i++) backup = join(backupDir, `${basename(path, '.yaml')}.${stamp(now)}-${i}.yaml`);
    await copyFile(path, backup);
  }
  await rename(tmp, path);
  try {
    const dh = await open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    // Some file systems cannot fsync a directory; the rename is still atomic.
  }
  return backup;
}

const LOCK_STALE_MS = 10 * 60 * 1000;

/** A lock file next to the progress files so two ingests do not interleave. */
export async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dir, { recursive: true });
  const lock = join(dir, '.ingest.lock');
  try {
    const st = await stat(lock);
    if (Date.now() - st.mtimeMs > LOCK_STALE_MS) await unlink(lock);
  } catch {
    // no lock
  }
  let fh;
  try {
    fh = await open(lock, 'wx');
  } catch {
    throw new JianbaoError('ingest', [
      { location: { kind: 'file', file: lock }, message: 'expected no other ingest to be running (delete the lock file if none is)' },
    ]);
  }
  await fh.writeFile(String(process.pid));
  await fh.close();
  try {
    return await fn();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
