/**
 * Setup file (vitest.config.ts): with JIANBAO_TEST_CPU=FILE, each test file appends one JSON
 * line — its path, the CPU time of the test process (user + system, this file's imports and
 * transforms included) and of the child processes it waited for — so the suite's cost can be
 * measured per file on a busy machine, where wall-clock durations mean little.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';

const out = process.env.JIANBAO_TEST_CPU;
if (out) {
  const children = () => {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10; // cutime + cstime, USER_HZ = 100
  };
  let c0 = { user: 0, system: 0 };
  let k0 = 0;
  let t0 = 0;
  beforeAll(() => {
    c0 = process.cpuUsage();
    k0 = children();
    t0 = performance.now();
  });
  afterAll(({}, suite) => {
    const s = suite as unknown as { filepath?: string; file?: { filepath?: string } };
    const c = process.cpuUsage();
    appendFileSync(
      out,
      `${JSON.stringify({
        file: s.filepath ?? s.file?.filepath,
        pid: process.pid,
        cpuMs: Math.round((c.user + c.system) / 1000),
        testsCpuMs: Math.round((c.user + c.system - c0.user - c0.system) / 1000),
        childrenMs: children(),
        testsChildrenMs: children() - k0,
        wallMs: Math.round(performance.now() - t0),
        uptimeMs: Math.round(process.uptime() * 1000),
      })}\n`,
    );
  });
}
