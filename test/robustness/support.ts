/**
 * Helpers for the robustness tests and scripts/fuzz.ts: temp trees, byte-exact tree
 * snapshots, the compiled CLI, and a worker-thread sandbox that loads untrusted bytes
 * with a time limit (a parser that hangs is terminated and reported, not waited for).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { WorkerSandbox, type Crash, type Timeout } from '../support/sandbox.js';
import type { Problem } from '../../pipeline/errors.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

export { CLI } from '../support/dist.js';
import { CLI } from '../support/dist.js';

/** The names the fuzzed bytes are reported under. */
export const FUZZ_FILE = 'data/demo/meetings/2023-01-05-plenary.yaml';
export const FUZZ_DISTRICT_FILE = 'data/demo/district.yaml';

export function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `jianbao-${prefix}-`));
}

export function copyTree(from: string, prefix = 'tree'): string {
  const to = tmp(prefix);
  cpSync(from, to, { recursive: true });
  return to;
}

/** Every file under `dir` (hidden ones included) → its bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, n.name);
      if (n.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

export function sameTree(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const diffs: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k);
    const y = b.get(k);
    if (!x || !y) diffs.push(`${k}: only in ${x ? 'first' : 'second'}`);
    else if (!x.equals(y)) diffs.push(`${k}: bytes differ`);
  }
  return diffs.sort();
}

// ------------------------------------------------------------------------- the CLI

export { distProblem } from '../support/dist.js';

/**
 * A private copy of the compiled program (bin/, dist/, templates/, config/, package files;
 * node_modules linked): builds run from it are not disturbed by a concurrent rebuild of
 * dist/ or an edited template, whose change would (rightly) change the build stamps.
 */
export function programSnapshot(): string {
  const root = tmp('program');
  for (const entry of ['bin', 'dist', 'templates', 'config', 'package.json', 'package-lock.json']) {
    const from = join(PROJECT_ROOT, entry);
    if (existsSync(from)) cpSync(from, join(root, entry), { recursive: true });
  }
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, program = PROJECT_ROOT): CliRun {
  const r = spawnSync(process.execPath, [join(program, 'bin', 'jianbao.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1', DEBUG: '', ...env } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Start the CLI and SIGKILL it as soon as it has printed `lines` lines to stdout (each
 * written output is one line), or at its start when `lines` is 0 — a point in the build's
 * progress, not in time, so a busy machine kills at the same places as an idle one.
 * The build keeps running while the kill is delivered: it lands among the next writes.
 */
export function runCliAndKill(args: string[], cwd: string, lines: number, program = PROJECT_ROOT): Promise<CliRun & { killed: boolean; lines: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(program, 'bin', 'jianbao.js'), ...args], { cwd, env: { ...process.env, CI: '1', DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const kill = () => {
      if (!killed) killed = child.kill('SIGKILL');
    };
    const printed = () => stdout.split('\n').length - 1;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (printed() >= lines) kill();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    if (lines === 0) child.once('spawn', kill);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, killed: signal === 'SIGKILL' && killed, lines: printed() }));
  });
}

// -------------------------------------------------------------- sandboxed loading

export type LoadKind = 'meeting' | 'district';

export type LoadOutcome =
  | { outcome: 'ok'; ms: number; cpuMs: number }
  | { outcome: 'problems'; errorKind: string; problems: Problem[]; ms: number; cpuMs: number }
  | Crash
  | Timeout;

/**
 * One worker thread that parses and validates untrusted bytes exactly as `loadEntry` does
 * (decode → parse → schema → references). Worker threads have a smaller stack than the
 * main thread — as the parallel build's workers do — so stack exhaustion shows up here.
 */
export class LoadSandbox {
  private readonly sandbox = new WorkerSandbox<{ kind: LoadKind; bytes: Uint8Array }, Exclude<LoadOutcome, { outcome: 'crash' | 'timeout' }>>(new URL('./load-worker.ts', import.meta.url), 1024);

  /** Load `bytes` as a meeting (or district profile) file, expected within `cpuBudgetMs` of CPU time. */
  load(kind: LoadKind, bytes: Uint8Array, cpuBudgetMs: number): Promise<LoadOutcome> {
    return this.sandbox.run({ kind, bytes }, cpuBudgetMs);
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }
}

/** file URL of tsx's ESM register API (the worker registers it before importing TypeScript). */

/** The located-problem contract every report must meet (checked on every fuzz input). */
export function problemContractViolations(problems: Problem[], file: string, text: string): string[] {
  const bad: string[] = [];
  if (!problems.length) bad.push('a JianbaoError without problems');
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const p of problems) {
    const where = JSON.stringify(p);
    if (p.location.kind !== 'file' || p.location.file !== file) bad.push(`not located in the file: ${where}`);
    else if (p.location.line !== undefined) {
      if (!Number.isInteger(p.location.line) || p.location.line < 1 || p.location.line > lines) bad.push(`line out of range (1..${lines}): ${where}`);
      if (!Number.isInteger(p.location.col) || (p.location.col ?? 0) < 1) bad.push(`column out of range: ${where}`);
    } else if (!/^期望数据文件不超过/.test(p.message) && !/^本文件还有 \d+ 处问题未列出/.test(p.message)) {
      bad.push(`no line and column: ${where}`);
    }
    if (!/^(期望|未知字段|本文件还有 \d+ 处问题)/.test(p.message)) bad.push(`message does not say what was expected: ${where}`);
    if (/\[object Object\]|(^|[^"\w])(undefined|NaN)([^"\w]|$)/.test(p.message)) bad.push(`garbled message: ${where}`);
  }
  return bad;
}
