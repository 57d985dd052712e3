/**
 * Property-based robustness of ingest (fast-check), a bounded run: random bytes and
 * random mutations of a real returned workbook (flipped bytes inside the zip, truncation,
 * shuffled entries, edits inside its XML parts) given to ingestReturns yield problems —
 * never an exception, never a hang (each ingest runs in a worker with a time limit), and
 * never a change to the data folder unless the workbook still merges to the same values.
 *
 * JIANBAO_FUZZ_RUNS (default 40) sets the cases per property; see fuzz.ts.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatProblem } from '../../pipeline/errors.js';
import { ingestReturns } from '../../pipeline/ingest/index.js';
import { fillReturn } from '../support/xlsx.js';
import { applyFlips, contractViolations, fcParams, flips, fuzzConfig, IngestSandbox, randomBytes, xmlEdit, type IngestOutcome, type XmlEdit } from './fuzz.js';
import { DISTRICT_ID, hashTree, issue, MEETING_ID, pack, parts, tmp, type Issued } from './support.js';

const cfg = fuzzConfig();
const sandbox = new IngestSandbox();
let issued: Issued;
let work: string;
/** A real return: 区发展改革委 fills t01 and t05. */
let good: Uint8Array;
/** What that return merges to (the entries of the progress file, without timestamps). */
let baseline: Record<string, unknown>;
let seq = 0;

const PROGRESS = join(DISTRICT_ID, 'progress', MEETING_ID, '2023-01.yaml');
const values = (dataDir: string) => {
  const y = parse(readFileSync(join(dataDir, PROGRESS), 'utf8')) as { tasks: Record<string, Record<string, unknown>> };
  return Object.fromEntries(Object.entries(y.tasks).map(([id, e]) => [id, { ...e, issued: undefined, returned: undefined }]));
};

beforeAll(async () => {
  issued = await issue();
  work = tmp('fuzz');
  const file = await fillReturn(issued.jan['ledger-fgw.xlsx']!, join(work, 'fgw.xlsx'), {
    'task:t01': { actual: 120.5, progress: '完成收储120.5亩', problems: '无' },
    'task:t05': { actual: 3, nextSteps: '加快施工' },
  });
  good = new Uint8Array(readFileSync(file));
  const dataDir = freshData();
  const r = await ingestReturns([file], { dataDir });
  expect(r.problems).toEqual([]);
  baseline = values(dataDir);
});

afterAll(async () => {
  await sandbox.close();
});

function freshData(): string {
  const d = join(work, `data-${++seq}`);
  cpSync(issued.dataDir, d, { recursive: true });
  return d;
}

/**
 * Ingest `bytes` in the sandbox against a fresh data folder and check the contract.
 * `values`: 'same' when a merge must yield the baseline's values (every part is
 * CRC-checked, so only bytes that carry no content can change unnoticed), 'must-merge'
 * when it must merge them, 'any' when an edit may legitimately change a value.
 */
async function ingestHostile(bytes: Uint8Array, values_: 'same' | 'must-merge' | 'any' = 'same'): Promise<IngestOutcome & { dataDir: string }> {
  const dataDir = freshData();
  const file = join(work, `case-${seq}.xlsx`);
  writeFileSync(file, bytes);
  const before = hashTree(dataDir);
  const r = await sandbox.ingest(file, dataDir, cfg.timeoutMs);
  if (r.outcome === 'timeout') throw new Error(`ingest hung: no answer after ${Math.round(r.ms)} ms (kept as ${file})`);
  if (r.outcome === 'crash') throw new Error(`ingest threw:\n${r.error}`);
  if (r.cpuMs > cfg.timeoutMs) throw new Error(`ingest took ${Math.round(r.cpuMs)} ms of CPU time, more than ${cfg.timeoutMs} (kept as ${file})`);
  const bad = contractViolations(r.report, file);
  if (bad.length) throw new Error(`report contract broken for ${file}:\n${bad.join('\n')}\n${r.report.problems.map(formatProblem).join('\n')}`);
  const merged = r.report.files[0]!.status === 'merged' && r.report.written.length > 0;
  if (!merged && hashTree(dataDir) !== before) throw new Error(`a return that merged nothing changed the data folder (${file})`);
  if (merged && values_ !== 'any') {
    const got = values(dataDir);
    if (JSON.stringify(got) !== JSON.stringify(baseline)) throw new Error(`merged different values from ${file}: ${JSON.stringify(got)}`);
  }
  if (values_ === 'must-merge' && !merged) throw new Error(`expected ${file} to merge: ${r.report.problems.map(formatProblem).join('\n')}`);
  return { ...r, dataDir };
}

describe('ingest never crashes or hangs on hostile workbooks (property-based)', () => {
  it(`random bytes are rejected with located problems (${cfg.runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(randomBytes, async (bytes) => {
        const r = await ingestHostile(bytes);
        expect(r.outcome === 'report' && r.report.files[0]!.status).toBe('rejected');
      }),
      fcParams(cfg),
    );
  });

  it(`bytes flipped inside a real return: rejected, or merged to the very same values (${cfg.runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(flips, async (fl) => {
        await ingestHostile(applyFlips(good, fl));
      }),
      fcParams(cfg),
    );
  });

  it(`a real return truncated anywhere is rejected (${cfg.runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: good.length - 1 }), async (n) => {
        const r = await ingestHostile(good.subarray(0, n));
        expect(r.outcome === 'report' && r.report.files[0]!.status).toBe('rejected');
      }),
      fcParams(cfg),
    );
  });

  it(`a real return with its zip entries shuffled merges to the same values (${cfg.runs} runs)`, async () => {
    const ps = parts(good);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(ps.map((_p, i) => i), { minLength: ps.length, maxLength: ps.length }), async (order) => {
        await ingestHostile(pack(order.map((i) => ps[i]!)), 'must-merge');
      }),
      fcParams(cfg),
    );
  });

  it(`edits inside the XML parts of a real return (${cfg.runs} runs)`, async () => {
    const ps = parts(good).filter((p) => /\.(xml|rels)$/.test(p.name));
    await fc.assert(
      fc.asyncProperty(fc.array(xmlEdit, { minLength: 1, maxLength: 3 }), async (edits: XmlEdit[]) => {
        const mutated = parts(good).map((p) => ({ ...p }));
        for (const e of edits) {
          const target = ps[e.part % ps.length]!.name;
          const p = mutated.find((x) => x.name === target)!;
          const text = p.data.toString('utf8');
          const at = Math.floor(e.at * text.length);
          p.data = Buffer.from(text.slice(0, at) + e.insert + text.slice(at + e.remove), 'utf8');
        }
        await ingestHostile(pack(mutated), 'any');
      }),
      fcParams(cfg),
    );
  });
});
