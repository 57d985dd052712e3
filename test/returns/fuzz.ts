/**
 * Fuzzing returned workbooks: a worker-thread sandbox that runs `ingestReturns` on one
 * file with a CPU-time budget (a parser that hangs is terminated and reported, not waited
 * for), the mutations applied to a real returned workbook, and the contract every report
 * must meet.
 *
 *   JIANBAO_FUZZ_RUNS        cases per property (default 40 here: each case is a real ingest)
 *   JIANBAO_FUZZ_SEED        replay a failure (fast-check prints the seed and path)
 *   JIANBAO_FUZZ_TIMEOUT_MS  CPU time allowed per hostile workbook (default 20000 ms; CPU time, so a
 *                            busy machine does not make a case fail)
 */
import fc from 'fast-check';
import type { Problem } from '../../pipeline/errors.js';
import type { IngestReport } from '../../pipeline/ingest/index.js';
import { WorkerSandbox, type Crash, type Timeout } from '../support/sandbox.js';

export interface FuzzConfig {
  runs: number;
  seed?: number;
  timeoutMs: number;
}

export function fuzzConfig(env: NodeJS.ProcessEnv = process.env): FuzzConfig {
  const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d);
  return {
    runs: int(env.JIANBAO_FUZZ_RUNS, 40),
    seed: env.JIANBAO_FUZZ_SEED ? Number(env.JIANBAO_FUZZ_SEED) : undefined,
    timeoutMs: int(env.JIANBAO_FUZZ_TIMEOUT_MS, 20_000),
  };
}

export function fcParams(cfg: FuzzConfig): fc.Parameters<unknown> {
  return { numRuns: cfg.runs, ...(cfg.seed !== undefined ? { seed: cfg.seed } : {}), endOnFailure: true };
}

export type IngestOutcome =
  | { outcome: 'report'; report: IngestReport; ms: number; cpuMs: number }
  | Crash
  | Timeout;

/** One worker that ingests untrusted workbooks; restarted after a timeout or a crash of the thread. */
export class IngestSandbox {
  private readonly sandbox = new WorkerSandbox<{ file: string; dataDir: string }, Extract<IngestOutcome, { outcome: 'report' }>>(new URL('./ingest-worker.ts', import.meta.url), 1536);

  /** Ingest `file`, expected within `cpuBudgetMs` of CPU time (a hang ends the worker). */
  ingest(file: string, dataDir: string, cpuBudgetMs: number): Promise<IngestOutcome> {
    return this.sandbox.run({ file, dataDir }, cpuBudgetMs);
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }
}

/**
 * What every report on a hostile file must be: a problem for each rejected file, every
 * problem located in that file and saying what was expected, nothing garbled, no internal
 * error, and `ok` consistent with the problems.
 */
export function contractViolations(report: IngestReport, file: string): string[] {
  const bad: string[] = [];
  const where = (p: Problem) => JSON.stringify(p);
  if (report.files.length !== 1 || report.files[0]!.file !== file) bad.push(`one outcome for the file expected: ${JSON.stringify(report.files)}`);
  const rejected = report.files[0]?.status === 'rejected';
  const errors = report.problems.filter((p) => p.severity !== 'warning');
  if (rejected && errors.length === 0) bad.push('a rejected file without an error');
  if (report.ok !== (errors.length === 0)) bad.push(`ok is ${report.ok} with ${errors.length} errors`);
  if (rejected && report.written.length) bad.push(`a rejected file wrote ${report.written.join(', ')}`);
  for (const p of report.problems) {
    if (p.location.file !== file) bad.push(`not located in the file: ${where(p)}`);
    if (!/^(期望|本文件还有 \d+ 处问题)/.test(p.message)) bad.push(`message does not say what was expected: ${where(p)}`);
    // (an XML parser's own "undefined entity" is a reason, not a garbled value)
    const text = `${p.message} ${p.found ?? ''}`.replace(/undefined entity/g, 'unknown entity');
    if (/internal error|内部错误|\[object Object\]|(^|[^"\w])(undefined|NaN|null)([^"\w]|$)|\bat \S+:\d+:\d+/.test(text)) bad.push(`garbled or internal: ${where(p)}`);
    if (text.length > 600) bad.push(`an overlong problem (${text.length} characters): ${where(p).slice(0, 200)}`);
  }
  return bad;
}

// ------------------------------------------------------------------ mutations

/** Bytes of random junk with a head that looks like a zip or like XML now and then. */
export const randomBytes = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }),
  fc.uint8Array({ maxLength: 4096 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
  fc.uint8Array({ maxLength: 2048 }).map((b) => new Uint8Array([...Buffer.from('PK\x05\x06'), ...b])),
);

export const flips = fc.array(fc.record({ at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 8 });

export function applyFlips(bytes: Uint8Array, fl: { at: number; xor: number }[]): Uint8Array {
  const out = new Uint8Array(bytes);
  for (const f of fl) {
    const i = Math.floor(f.at * out.length);
    out[i] = out[i]! ^ f.xor;
  }
  return out;
}

/** Snippets that stress an XML parser and exceljs's cell model. */
const XML_SOUP = [
  '<',
  '>',
  '/>',
  '"',
  '&',
  '&amp;',
  '&#0;',
  '&#xFFFF;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
  '&a;',
  '<row r="5">',
  '</row>',
  '<row r="99999999">',
  '<c r="J4" t="s"><v>99999</v></c>',
  '<c r="J4" t="e"><v>#REF!</v></c>',
  '<c r="J4"><f t="shared" si="0"/></c>',
  '<c r="XFE1"><v>1</v></c>',
  '<c r="J4" t="inlineStr"><is><t>１２０</t></is></c>',
  '<mergeCell ref="A1:XFD1048576"/>',
  '<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>',
  '<dataValidations count="1"><dataValidation sqref="A1:XFD1048576"/></dataValidations>',
  '<col min="1" max="2000000000"/>',
  '<sheet name="_jianbao" sheetId="9" r:id="rId9"/>',
  '<si><t>x</t></si>',
  '<xf numFmtId="14"/>',
  '<numFmt numFmtId="300" formatCode="yyyy"/>',
  '\u0000',
  '\uFFFE',
  '管城',
];

export const xmlEdit = fc.record({
  part: fc.nat(),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 200 }),
  insert: fc.array(fc.constantFrom(...XML_SOUP), { maxLength: 4 }).map((a) => a.join('')),
});

export type XmlEdit = { part: number; at: number; remove: number; insert: string };
