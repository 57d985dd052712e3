/**
 * Worker side of IngestSandbox (fuzz.ts): runs `ingestReturns` on one file against one
 * data folder and answers with the report. Anything thrown is a crash and is reported
 * with its stack (ingestReturns must never throw on a hostile file).
 */
import { parentPort } from 'node:worker_threads';
import { ingestReturns } from '../../pipeline/ingest/index.js';
import { DEFAULT_LEDGER_CONFIG } from '../../pipeline/model/progress.js';

parentPort?.on('message', (m: { id: number; file: string; dataDir: string }) => {
  const t0 = performance.now();
  ingestReturns([m.file], { dataDir: m.dataDir, config: DEFAULT_LEDGER_CONFIG, now: () => new Date(Date.UTC(2023, 1, 10)) }).then(
    (report) => parentPort?.postMessage({ id: m.id, outcome: 'report', report, ms: performance.now() - t0 }),
    (err: unknown) => parentPort?.postMessage({ id: m.id, outcome: 'crash', error: err instanceof Error ? (err.stack ?? err.message) : String(err), ms: performance.now() - t0 }),
  );
});
