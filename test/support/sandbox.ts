/**
 * A worker thread that runs one untrusted input at a time with a time limit: a parser
 * that hangs is terminated and reported as a timeout, a thread that dies as a crash, and
 * the next request starts a fresh worker. The worker entry is a TypeScript module, loaded
 * through tsx's ESM API; it answers `{ id, ...outcome }` for each `{ id, ...request }`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export type Crash = { outcome: 'crash'; error: string; ms: number };
export type Timeout = { outcome: 'timeout'; ms: number };

function tsxEsmApi(): string {
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
}

export class WorkerSandbox<Request extends object, Outcome extends { outcome: string }> {
  private worker: Worker | undefined;
  private seq = 0;
  private waiting = new Map<number, (r: Outcome | Crash | Timeout) => void>();

  constructor(
    private readonly entry: URL,
    private readonly maxOldGenerationSizeMb: number,
  ) {}

  private start(): Worker {
    const boot = `
      const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(tsxEsmApi())})
        .then((m) => { m.register(); return import(${JSON.stringify(this.entry.href)}); })
        .catch((e) => parentPort.postMessage({ id: -1, outcome: 'crash', error: String((e && e.stack) || e), ms: 0 }));`;
    const w = new Worker(boot, { eval: true, resourceLimits: { maxOldGenerationSizeMb: this.maxOldGenerationSizeMb } });
    w.on('message', (m: (Outcome | Crash) & { id: number }) => {
      const { id, ...rest } = m;
      if (id === -1) for (const done of this.waiting.values()) done(rest as Crash);
      const done = this.waiting.get(id);
      if (done) {
        this.waiting.delete(id);
        done(rest as unknown as Outcome);
      }
    });
    const fail = (why: string) => {
      for (const done of this.waiting.values()) done({ outcome: 'crash', error: why, ms: 0 });
      this.waiting.clear();
      if (this.worker === w) this.worker = undefined;
    };
    w.on('error', (e) => fail(`worker error: ${e.stack ?? String(e)}`));
    w.on('exit', (code) => fail(`worker exited with code ${code}`));
    w.unref();
    return w;
  }

  /** Run one request; never waits more than `timeoutMs`. */
  async run(request: Request, timeoutMs: number): Promise<Outcome | Crash | Timeout> {
    this.worker ??= this.start();
    const w = this.worker;
    const id = ++this.seq;
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const result = await new Promise<Outcome | Crash | Timeout>((resolve) => {
      this.waiting.set(id, resolve);
      timer = setTimeout(() => resolve({ outcome: 'timeout', ms: performance.now() - t0 }), timeoutMs);
      w.postMessage({ id, ...request });
    });
    clearTimeout(timer);
    if (result.outcome === 'timeout') {
      this.waiting.delete(id);
      this.worker = undefined;
      await w.terminate();
    }
    return result;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
