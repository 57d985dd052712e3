/**
 * Every file the pipeline writes goes through here: temp file in the same folder,
 * fsync, rename. A reader (or a build killed half-way) sees the old complete file or the
 * new complete file, never a torn one.
 *
 * A build killed between creating a temp file and renaming it leaves the temp file
 * (`.<name>.tmp-<pid>-<thread>-<n>`, hidden) behind. The next write into the same folder
 * removes the temp files of processes that no longer run — and those carrying this
 * process's own pid but older than it (in a container, a restarted build often gets the
 * same pid as the killed one).
 */
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { threadId } from 'node:worker_threads';

let counter = 0;
const startedAt = Date.now() - process.uptime() * 1000;

/** `.slides.md.tmp-1234-0-7` → 1234 */
const TEMP_RE = /^\..+\.tmp-(\d+)-/;

export function isTempFile(name: string): boolean {
  return TEMP_RE.test(name);
}

/** Write `data` to a fresh temp file beside `path` (fsynced, closed) and return its name. */
function writeTemp(path: string, data: Uint8Array | string): string {
  mkdirSync(dirname(path), { recursive: true });
  // pid and thread: parallel builds run several worker threads in one process.
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${threadId}-${++counter}`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w', 0o644);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    return tmp;
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
}

export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const dir = dirname(path);
  const tmp = writeTemp(path, data);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  // Make the rename itself durable.
  try {
    const dfd = openSync(dir, 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // Some file systems do not allow fsync on a directory; the rename is still atomic.
  }
  removeStaleTemps(dir);
}

/**
 * Create `path` with `data` only if it does not exist yet (a lock file): the complete
 * file appears at once (temp file, fsync, hard link) or not at all. Returns false when
 * `path` already exists.
 */
export function writeFileExclusive(path: string, data: Uint8Array | string): boolean {
  const tmp = writeTemp(path, data);
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Remove an output whose inputs are gone (e.g. progress.pdf once no progress is left). */
export function removeFile(path: string): boolean {
  try {
    rmSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Remove temp files left in `dir` by writers that were killed (their process is gone). */
export function removeStaleTemps(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    const file = join(dir, name);
    if (pid === process.pid) {
      if (!olderThanThisProcess(file)) continue;
    } else if (isAlive(pid)) continue;
    try {
      rmSync(file, { force: true });
      removed.push(name);
    } catch {
      // best effort: a temp file that cannot be removed is still never read as an output
    }
  }
  return removed;
}

function olderThanThisProcess(file: string): boolean {
  try {
    return statSync(file).mtimeMs < startedAt - 1000;
  } catch {
    return false;
  }
}

/** The process `pid` runs on this machine (temp-file cleanup, the ingest lock). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
