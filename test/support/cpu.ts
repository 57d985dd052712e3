/**
 * CPU time instead of wall-clock time for "fast enough" assertions: four other busy
 * processes on two cores stretch wall-clock time several-fold but leave the work a piece of
 * code does — its CPU time — nearly unchanged. A quadratic algorithm still shows.
 */
import { readFileSync } from 'node:fs';

/** CPU time (user + system, ms) this process spends in `fn` (async work included). */
export async function cpuMs<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const c0 = process.cpuUsage();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, ms: (c.user + c.system) / 1000 };
}

/** Clock ticks per second of /proc times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (ms) of the child processes this process waited for during `fn` (spawnSync,
 * execFileSync): the kernel's cutime + cstime of /proc/self/stat.
 */
export function childrenCpuMs<T>(fn: () => T): { value: T; ms: number } {
  const read = () => {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  };
  const before = read();
  const value = fn();
  return { value, ms: read() - before };
}
