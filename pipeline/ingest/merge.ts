/**
 * Merge returned rows into one period's progress data. Pure.
 *
 * Rules, per field (累计完成, 进展情况, 存在问题, 下步打算):
 * - a blank in a return means "not filled in", never "erase";
 * - an empty field is filled by whoever returns it;
 * - an equal value changes nothing (ingesting the same return twice is a no-op);
 * - a different value replaces the recorded one only when it comes from the same unit in
 *   a return saved no earlier than the recorded one (a correction);
 * - anything else is a conflict: reported, and the recorded value stays.
 */
import type { Problem } from '../errors.js';
import { showValue } from '../errors.js';
import type { ProgressEntry, ProgressFile, RowKind } from '../model/progress.js';
import type { YamlChange, YamlScalar } from './yaml-edit.js';

export const FIELDS = ['actual', 'progress', 'problems', 'nextSteps'] as const;
export type Field = (typeof FIELDS)[number];

export const FIELD_HEADER: Record<Field, string> = {
  actual: '累计完成',
  progress: '进展情况',
  problems: '存在问题',
  nextSteps: '下步打算',
};

export interface IncomingRow {
  kind: RowKind;
  id: string;
  unit?: string;
  issued: string;
  returned: string;
  values: Partial<Record<Field, YamlScalar>>;
  /** Where each value came from, for problems. */
  file: string;
  sheet: string;
  cells: Partial<Record<Field, string>>;
}

export interface MergeResult {
  next: ProgressFile;
  changes: YamlChange[];
  problems: Problem[];
}

const section = (k: RowKind) => (k === 'task' ? 'tasks' : 'targets');

function same(a: YamlScalar | undefined, b: YamlScalar | undefined): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Number(a.toPrecision(12)) === Number(b.toPrecision(12));
  return a === b;
}

function entryData(e: ProgressEntry): Record<string, YamlScalar> {
  const out: Record<string, YamlScalar> = {};
  for (const [k, v] of Object.entries(e)) if (v !== undefined) out[k] = v;
  return out;
}

/** Order returns are applied in: by save time, then file name (deterministic). */
export function orderRows(rows: IncomingRow[]): IncomingRow[] {
  return [...rows].sort((a, b) => (a.returned !== b.returned ? (a.returned < b.returned ? -1 : 1) : a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export function mergeRows(
  existing: ProgressFile,
  rows: IncomingRow[],
  names: { unitName: (id: string | undefined) => string; progressFile: string },
): MergeResult {
  const next: ProgressFile = structuredClone(existing);
  const changes: YamlChange[] = [];
  const problems: Problem[] = [];
  for (const row of orderRows(rows)) {
    const sec = section(row.kind);
    const recorded = next[sec][row.id];
    const filled = FIELDS.filter((f) => row.values[f] !== undefined);
    if (filled.length === 0) continue;
    if (!recorded) {
      const entry: ProgressEntry = {};
      for (const f of filled) (entry as Record<Field, YamlScalar>)[f] = row.values[f]!;
      if (row.unit) entry.unit = row.unit;
      entry.issued = row.issued;
      entry.returned = row.returned;
      next[sec][row.id] = entry;
      changes.push({ path: [sec, row.id], value: entryData(entry) });
      continue;
    }
    const sameUnit = (recorded.unit ?? '') === (row.unit ?? '');
    const newer = row.returned >= (recorded.returned ?? '');
    let corrected = false;
    for (const f of filled) {
      const v = row.values[f]!;
      const old = recorded[f];
      if (old === undefined) {
        (recorded as Record<Field, YamlScalar>)[f] = v;
        changes.push({ path: [sec, row.id, f], value: v });
      } else if (same(old, v)) {
        continue;
      } else if (sameUnit && newer) {
        (recorded as Record<Field, YamlScalar>)[f] = v;
        changes.push({ path: [sec, row.id, f], value: v });
        corrected = true;
      } else {
        const who = names.unitName(recorded.unit);
        problems.push({
          location: { kind: 'cell', file: row.file, sheet: row.sheet, cell: row.cells[f] },
          field: FIELD_HEADER[f],
          message: sameUnit
            ? `expected the value already recorded from a newer return of ${recorded.returned ?? '?'} (${showValue(old)}); this return is older and was not applied — correct ${names.progressFile} by hand if it is right`
            : `expected the value ${who} already returned (${showValue(old)}); two units disagree — the recorded value stays until ${names.progressFile} is corrected by hand`,
          found: showValue(v),
        });
      }
    }
    if (corrected) {
      for (const [k, v] of [
        ['issued', row.issued],
        ['returned', row.returned],
      ] as const) {
        if (recorded[k] !== v) {
          recorded[k] = v;
          changes.push({ path: [sec, row.id, k], value: v });
        }
      }
    }
  }
  return { next, changes, problems };
}
