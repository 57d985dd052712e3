/**
 * Setup file (vitest.config.ts): with JIANBAO_TEST_CPU=FILE, each test file appends one JSON
 * line — its path, the CPU time of the test process (user + system) and of the child processes
 * it waited for, and the wall time — so the suite's cost can be measured per file on a busy
 * machine, where wall-clock durations mean little.
 *
 * Files of the shared project run one after another in a worker process (isolate: false), so
 * each file is charged from the end of the previous file in the same process (or from the
 * process start for the first one): its imports and transforms included, the modules an
 * earlier file already loaded not. `first` says whether the file started the process.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll } from 'vitest';

interface Mark {
  cpuMs: number;
  childrenMs: number;
  uptimeMs: number;
}

const out = process.env.JIANBAO_TEST_CPU;
if (out) {
  const now = (): Mark => {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const c = process.cpuUsage();
    return {
      cpuMs: Math.round((c.user + c.system) / 1000),
      childrenMs: (Number(f[13]) + Number(f[14])) * 10, // cutime + cstime, USER_HZ = 100
      uptimeMs: Math.round(process.uptime() * 1000),
    };
  };
  const g = globalThis as { __jianbaoCpuMark?: Mark };
  afterAll(({}, suite) => {
    const s = suite as unknown as { filepath?: string; file?: { filepath?: string } };
    const start = g.__jianbaoCpuMark ?? { cpuMs: 0, childrenMs: 0, uptimeMs: 0 };
    const end = now();
    appendFileSync(
      out,
      `${JSON.stringify({
        file: s.filepath ?? s.file?.filepath,
        pid: process.pid,
        first: g.__jianbaoCpuMark === undefined,
        cpuMs: end.cpuMs - start.cpuMs,
        childrenMs: end.childrenMs - start.childrenMs,
        // the file's share of the worker's life: what the wall time of the run is made of
        uptimeMs: end.uptimeMs - start.uptimeMs,
      })}\n`,
    );
    g.__jianbaoCpuMark = end;
  });
}
