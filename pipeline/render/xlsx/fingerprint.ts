/**
 * Fingerprints of locked cells. A ledger records, per row, a short hash of every locked
 * cell's issued value; a returned workbook is checked by recomputing them from what it
 * holds, so an edited locked cell is found even when protection flags were lost (a
 * LibreOffice round trip) and even when rows were sorted (formulas are compared with
 * references to their own row made row-independent).
 */
import { createHash } from 'node:crypto';
import type { SpecValue } from './spec.js';

/** A cell value as read back from a workbook, library-neutral. */
export type ReadValue =
  | null
  | string
  | number
  | boolean
  | Date
  | { formula: string; result?: string | number | boolean | Date | null }
  | { error: string };

export type ValueKind = 'text' | 'number' | 'date' | 'formula';

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function serialToIso(serial: number): string {
  return new Date(EXCEL_EPOCH + Math.round(serial * 86400) * 1000).toISOString().slice(0, 10);
}

/** Make a formula comparable: no "=", no whitespace or case outside strings, own-row refs as `#`. */
export function normaliseFormula(formula: string, row: number): string {
  const f = formula.replace(/^=/, '').replace(/_xlfn\./gi, '');
  let out = '';
  const parts = f.split(/("(?:[^"]|"")*")/);
  for (const part of parts) {
    if (part.startsWith('"')) {
      out += part;
      continue;
    }
    out += part
      .replace(/\s+/g, '')
      .toUpperCase()
      .replace(/(?<![A-Z0-9_$.])(\$?[A-Z]{1,3})(\d+)(?![\d(A-Z_])/g, (m, col: string, r: string) => (Number(r) === row ? `${col}#` : m));
  }
  return out;
}

function isFormulaValue(v: unknown): v is { formula: string } {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && typeof (v as { formula?: unknown }).formula === 'string';
}

/** Canonical text of a cell value, for hashing. */
export function canonical(v: ReadValue | SpecValue | undefined, kind: ValueKind, row: number): string {
  if (v === null || v === undefined || v === '') return '';
  if (isFormulaValue(v)) return `f:${normaliseFormula(v.formula, row)}`;
  if (v instanceof Date) return `d:${v.toISOString().slice(0, 10)}`;
  if (typeof v === 'number') {
    if (kind === 'date') return `d:${serialToIso(v)}`;
    return `n:${Number(v.toPrecision(12))}`;
  }
  if (typeof v === 'string') return `s:${v.replace(/\r\n?/g, '\n')}`;
  if (typeof v === 'boolean') return `b:${v}`;
  if (typeof v === 'object' && 'error' in v) return `e:${v.error}`;
  return `?:${JSON.stringify(v)}`;
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export interface RowFingerprint {
  /** Hash over all locked cells of the row (in column order). */
  hash: string;
  /** Per column key: short hash of that cell. */
  cells: Record<string, string>;
}

export function fingerprintRow(values: { key: string; value: ReadValue | SpecValue | undefined; kind: ValueKind }[], row: number): RowFingerprint {
  const cells: Record<string, string> = {};
  const all: string[] = [];
  for (const v of values) {
    const c = canonical(v.value, v.kind, row);
    cells[v.key] = shortHash(c);
    all.push(`${v.key}=${c}`);
  }
  return { hash: createHash('sha256').update(all.join('\u0000')).digest('hex'), cells };
}
