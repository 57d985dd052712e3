/**
 * Writing progress files: the new text (CST edits keep comments), a dated backup of the
 * replaced file under `.backup/`, every write through pipeline/write.ts, and the ingest
 * lock. Reading lives in pipeline/load/progress.ts (the load layer).
 */
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { JianbaoError } from '../errors.js';
import { msg } from '../messages/index.js';
import { isAlive, writeFileAtomic, writeFileExclusive } from '../write.js';
import type { StoredProgress } from '../load/progress.js';
import { editYaml, newYaml, type YamlChange } from './yaml-edit.js';

export {
  checkProgress,
  listProgress,
  loadLedgerConfig,
  loadProgress,
  progressDir,
  progressPath,
  readProgressFile,
  withProgress,
  withProgressChecked,
  type StoredProgress,
} from '../load/progress.js';

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
  ' 可手工更正数值（保留注释）；actual 为 1—X月累计完成（增速、比率类为百分数的数值），',
  ' self 为无量化目标事项的自评进度，support 为各配合单位的配合情况。',
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
      ...(expected.projects ? { projects: byId(expected.projects) } : {}),
    };
    return newYaml(ordered, HEADER);
  }
  const text = editYaml(stored.text, changes, expected);
  return text === stored.text ? undefined : text;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Why a write failed, for a clerk: a full disk and a read-only folder named as such. */
export function writeFailure(file: string, err: unknown): JianbaoError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? msg('store.diskFull')
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? msg('store.readOnly')
        : msg('store.writeError', { detail: code ?? (err instanceof Error ? err.message : String(err)) });
  return new JianbaoError('ingest', [{ location: { kind: 'file', file }, message: msg('store.write'), found: why }], { cause: err });
}

/**
 * Replace `path` with `text`: the old file is first copied to `.backup/<period>.<time>.yaml`,
 * then the new text is written atomically. Both writes go through write.ts (temp file,
 * fsync, rename: a failed write leaves no temp file behind). Returns the backup path.
 */
export function writeProgress(path: string, text: string, now: Date, shown: (p: string) => string = (p) => p): string | undefined {
  let backup: string | undefined;
  if (existsSync(path)) {
    const dir = join(dirname(path), '.backup');
    const base = `${basename(path, '.yaml')}.${stamp(now)}`;
    backup = join(dir, `${base}.yaml`);
    for (let i = 1; existsSync(backup); i++) backup = join(dir, `${base}-${i}.yaml`);
    try {
      writeFileAtomic(backup, readFileSync(path));
    } catch (err) {
      throw writeFailure(shown(backup), err);
    }
  }
  try {
    writeFileAtomic(path, text);
  } catch (err) {
    if (backup) rmSync(backup, { force: true });
    throw writeFailure(shown(path), err);
  }
  return backup;
}

// ---------------------------------------------------------------- lock

export const LOCK_FILE = '.ingest.lock';

interface LockInfo {
  pid: number;
  host: string;
  started: string;
}

function readLock(lock: string): LockInfo | undefined {
  try {
    const v = JSON.parse(readFileSync(lock, 'utf8')) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string') return { pid: v.pid, host: v.host, started: String(v.started ?? '') };
  } catch {
    // unreadable or an old plain-pid lock: judged below
  }
  return undefined;
}

/**
 * A lock file next to the progress files so two ingests do not interleave. It records the
 * pid and host of its holder: a lock whose holder on this host no longer runs (a killed
 * ingest) is taken over; a live holder, or one on another host, is reported.
 */
export function withLock<T>(dir: string, fn: () => Promise<T>, shown: (p: string) => string = (p) => p): Promise<T> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw writeFailure(shown(dir), err);
  }
  const lock = join(dir, LOCK_FILE);
  const me: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    let created: boolean;
    try {
      created = writeFileExclusive(lock, JSON.stringify(me));
    } catch (err) {
      throw writeFailure(shown(lock), err);
    }
    if (created) break;
    const holder = readLock(lock);
    const dead = holder ? holder.host === me.host && !isAlive(holder.pid) : staleUnreadable(lock);
    if (dead && attempt < 3) {
      rmSync(lock, { force: true });
      continue;
    }
    throw new JianbaoError('ingest', [
      {
        location: { kind: 'file', file: shown(lock) },
        message: msg('store.locked'),
        found: holder ? msg('store.lockHolder', { pid: holder.pid, host: holder.host, since: holder.started }) : msg('store.lockUnknown'),
      },
    ]);
  }
  return fn().finally(() => rmSync(lock, { force: true }));
}

/** An unreadable lock (an older jianbao wrote only a pid, or a write was cut short) older than ten minutes. */
function staleUnreadable(lock: string): boolean {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0) return !isAlive(pid);
  } catch {
    return false;
  }
  return false;
}
