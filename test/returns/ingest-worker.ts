/**
 * Worker side of IngestSandbox (fuzz.ts): runs `ingestReturns` on one file against one
 * data folder and answers with the report. Anything thrown is a crash and is reported
 * with its stack (ingestReturns must never throw on a hostile file).
 */
import { ingestReturns } from '../../pipeline/ingest/index.js';
import { DEFAULT_LEDGER_CONFIG } from '../../pipeline/model/progress.js';
import { serve } from '../support/sandbox-worker.js';

serve(async (m: { file: string; dataDir: string }) => ({
  outcome: 'report',
  report: await ingestReturns([m.file], { dataDir: m.dataDir, config: DEFAULT_LEDGER_CONFIG, now: () => new Date(Date.UTC(2023, 1, 10)) }),
}));
