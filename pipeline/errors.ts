/**
 * Problems in the INPUT (a clerk can fix them) are `Problem`s collected into a
 * `JianbaoError`; programmer errors are plain `Error`s and surface with a stack only
 * under DEBUG=1. Only the CLI prints, and only the CLI decides the exit code.
 */
import { msg } from './messages/index.js';

/** Where a problem sits: a YAML position or a workbook cell. */
export type Location =
  | { kind: 'file'; file: string; line?: number; col?: number }
  | { kind: 'cell'; file: string; sheet: string; cell?: string };

export interface Problem {
  location: Location;
  /** Dotted field path (`targets.items[2].value`) or a workbook column label. */
  field?: string;
  /** What was expected, in words. */
  message: string;
  /** What was found, already shortened for display. */
  found?: string;
  /** How to fix it, when we can tell (a suggestion, the right spelling). */
  hint?: string;
  severity?: 'error' | 'warning';
}

export type ErrorKind = 'data' | 'template' | 'render' | 'ingest' | 'usage' | 'config';

/** Exit codes, one place: 1 bad input, 2 bad usage, 3 a renderer or template failed. */
export const EXIT = { ok: 0, data: 1, usage: 2, render: 3 } as const;

export class JianbaoError extends Error {
  readonly kind: ErrorKind;
  readonly problems: Problem[];

  constructor(kind: ErrorKind, problems: Problem[], options?: { cause?: unknown }) {
    super(problems.map(formatProblem).join('\n'), options);
    this.name = 'JianbaoError';
    this.kind = kind;
    this.problems = problems;
  }

  get exitCode(): number {
    if (this.kind === 'usage') return EXIT.usage;
    if (this.kind === 'render' || this.kind === 'template') return EXIT.render;
    return EXIT.data;
  }
}

export function formatLocation(loc: Location): string {
  if (loc.kind === 'cell') return [loc.file, loc.sheet, loc.cell].filter(Boolean).join(' › ');
  if (loc.line === undefined) return loc.file;
  return `${loc.file}:${loc.line}:${loc.col ?? 1}`;
}

/** `data/x.yaml:48:14  targets.items[2].value  expected a number, found "七"` */
export function formatProblem(p: Problem): string {
  const parts = [formatLocation(p.location)];
  if (p.field) parts.push(p.field);
  parts.push(p.found !== undefined ? msg('problem.found', { expected: p.message, found: p.found }) : p.message);
  if (p.hint) parts.push(msg('problem.hint', { hint: p.hint }));
  const line = parts.join('  ');
  return p.severity === 'warning' ? `${line}  ${msg('problem.warning')}` : line;
}

/** Show a found value briefly and unambiguously: strings quoted, long ones cut. */
export function showValue(v: unknown): string {
  if (v === undefined) return msg('value.nothing');
  if (v === null) return msg('value.empty');
  if (typeof v === 'string') {
    // Cut by code points, so a character outside the BMP is never split in half.
    const chars = Array.from(v.length > 400 ? v.slice(0, 400) : v);
    const s = chars.length > 40 ? `${chars.slice(0, 37).join('')}…` : v;
    return JSON.stringify(s);
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return msg('value.list', { n: v.length });
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return msg('value.mapping');
}

/** Render-time failure of a template or renderer: wraps the cause with the file it concerns. */
export function renderError(file: string, message: string, cause?: unknown, kind: ErrorKind = 'render'): JianbaoError {
  return new JianbaoError(kind, [{ location: { kind: 'file', file }, message }], { cause });
}
