/**
 * A worker thread that runs one untrusted input at a time: a parser that hangs is
 * terminated and reported as a timeout, a thread that dies as a crash, and the next
 * request starts a fresh worker. The worker entry is a TypeScript module, loaded through
 * tsx's ESM API, that answers through `serve` (sandbox-worker.ts).
 *
 * Time on a busy machine: the worker's start (tsx, the pipeline's imports) is not counted —
 * a request is only sent once the worker said it is ready — and each answer carries the CPU
 * time it took (`cpuMs`), which four other busy processes do not inflate the way they
 * inflate wall-clock time. Properties check `cpuMs` against their budget; the wall-clock
 * limit here only ends true hangs and is many times the budget.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export type Crash = { outcome: 'crash'; error: string; ms: number; cpuMs: number };
export type Timeout = { outcome: 'timeout'; ms: number; cpuMs: number };

/** Wall-clock limit of one request with a CPU budget of `cpuBudgetMs`: a hang, not a slow case. */
export function hangLimit(cpuBudgetMs: number): number {
  return Math.max(120_000, 30 * cpuBudgetMs);
}

function tsxEsmApi(): string {
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
}

interface Running {
  worker: Worker;
  /** Resolves when the entry module is imported and listening; false when it failed to start. */
  ready: Promise<string | undefined>;
}

export class WorkerSandbox<Request extends object, Outcome extends { outcome: string; ms: number; cpuMs: number }> {
  private running: Running | undefined;
  private seq = 0;
  private waiting = new Map<number, (r: Outcome | Crash | Timeout) => void>();

  constructor(
    private readonly entry: URL,
    private readonly maxOldGenerationSizeMb: number,
  ) {}

  private start(): Running {
    const boot = `
      const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(tsxEsmApi())})
        .then((m) => { m.register(); return import(${JSON.stringify(this.entry.href)}); })
        .then(() => parentPort.postMessage({ id: 0, outcome: 'ready' }))
        .catch((e) => parentPort.postMessage({ id: -1, outcome: 'crash', error: String((e && e.stack) || e), ms: 0, cpuMs: 0 }));`;
    const w = new Worker(boot, { eval: true, resourceLimits: { maxOldGenerationSizeMb: this.maxOldGenerationSizeMb } });
    let onReady: (failure: string | undefined) => void = () => {};
    const ready = new Promise<string | undefined>((r) => (onReady = r));
    w.on('message', (m: (Outcome | Crash) & { id: number }) => {
      const { id, ...rest } = m;
      if (id === 0) return onReady(undefined);
      if (id === -1) return onReady((rest as Crash).error);
      const done = this.waiting.get(id);
      if (done) {
        this.waiting.delete(id);
        done(rest as unknown as Outcome);
      }
    });
    const fail = (why: string) => {
      onReady(why);
      for (const done of this.waiting.values()) done({ outcome: 'crash', error: why, ms: 0, cpuMs: 0 });
      this.waiting.clear();
      if (this.running?.worker === w) this.running = undefined;
    };
    w.on('error', (e) => fail(`worker error: ${e.stack ?? String(e)}`));
    w.on('exit', (code) => fail(`worker exited with code ${code}`));
    w.unref();
    return { worker: w, ready };
  }

  /** Run one request on a ready worker; a request that has not answered within `hangLimit(cpuBudgetMs)` is a hang. */
  async run(request: Request, cpuBudgetMs: number): Promise<Outcome | Crash | Timeout> {
    this.running ??= this.start();
    const { worker: w, ready } = this.running;
    const failed = await ready;
    if (failed !== undefined) {
      this.running = undefined;
      return { outcome: 'crash', error: `the worker did not start: ${failed}`, ms: 0, cpuMs: 0 };
    }
    const id = ++this.seq;
    const t0 = performance.now();
    const limit = hangLimit(cpuBudgetMs);
    let timer: NodeJS.Timeout | undefined;
    const result = await new Promise<Outcome | Crash | Timeout>((resolve) => {
      this.waiting.set(id, resolve);
      timer = setTimeout(() => resolve({ outcome: 'timeout', ms: performance.now() - t0, cpuMs: Number.NaN }), limit);
      w.postMessage({ id, ...request });
    });
    clearTimeout(timer);
    if (result.outcome === 'timeout') {
      this.waiting.delete(id);
      this.running = undefined;
      await w.terminate();
    }
    return result;
  }

  async close(): Promise<void> {
    const r = this.running;
    this.running = undefined;
    if (r) await r.worker.terminate();
  }
}
