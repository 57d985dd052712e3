/**
 * Worker side of WorkerSandbox (sandbox.ts): answers each `{ id, ...request }` with the
 * handler's outcome plus its wall-clock and CPU time. Anything the handler throws that
 * `expected` does not turn into an outcome is a crash, reported with its stack.
 *
 * CPU time is the process's (user + system): the thread that waits for the answer is idle
 * meanwhile, so it is this request's work, and other processes on the machine do not add to it.
 */
import { parentPort } from 'node:worker_threads';

export function serve<Request, Outcome extends { outcome: string }>(handle: (request: Request) => Outcome | Promise<Outcome>, expected: (err: unknown) => Outcome | undefined = () => undefined): void {
  parentPort?.on('message', (m: Request & { id: number }) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const answer = (outcome: object) => {
      const c = process.cpuUsage(c0);
      parentPort?.postMessage({ id: m.id, ...outcome, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 });
    };
    const crash = (err: unknown) => answer(expected(err) ?? { outcome: 'crash', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    try {
      Promise.resolve(handle(m)).then(answer, crash);
    } catch (err) {
      crash(err);
    }
  });
}
