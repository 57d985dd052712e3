/**
 * Merge returned rows into one period's progress data. Pure.
 *
 * Only a row's lead unit (or the 督查室's master ledger) returns its figures and words;
 * a supporting unit returns its 配合情况, kept per unit. Rules, per field (累计完成, 自评进度,
 * 进展情况, 存在问题, 下步打算, and each unit's 配合情况):
 * - a blank in a return means "not filled in", never "erase";
 * - an empty field is filled by whoever may return it;
 * - an equal value changes nothing (ingesting the same return twice is a no-op);
 * - a different value replaces the recorded one only when it comes from the same unit in
 *   a return saved no earlier than the recorded one (a correction);
 * - anything else is a conflict: reported, and the recorded value stays.
 */
import type { Problem } from '../errors.js';
import { showValue } from '../errors.js';
import { msg } from '../messages/index.js';
import { sectionOf, type ProgressEntry, type ProgressFile, type RowKind } from '../model/progress.js';
import type { YamlChange, YamlObject, YamlScalar } from './yaml-edit.js';

export const FIELDS = ['actual', 'self', 'progress', 'problems', 'nextSteps'] as const;
export type Field = (typeof FIELDS)[number];

export const FIELD_HEADER: Record<Field, string> = {
  actual: '累计完成',
  self: '自评进度',
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
  /** The lead's (or the master ledger's) values. */
  values: Partial<Record<Field, YamlScalar>>;
  /** A supporting unit's 配合情况 (then `values` is empty and `unit` is set). */
  support?: string;
  /** Where each value came from, for problems. */
  file: string;
  sheet: string;
  cells: Partial<Record<Field | 'support', string>>;
}

export interface MergeResult {
  next: ProgressFile;
  changes: YamlChange[];
  problems: Problem[];
  /** Returned files whose values changed something. */
  changedFiles: Set<string>;
}

function same(a: YamlScalar | undefined, b: YamlScalar | undefined): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Number(a.toPrecision(12)) === Number(b.toPrecision(12));
  return a === b;
}

function entryData(e: ProgressEntry): YamlObject {
  return JSON.parse(JSON.stringify(e)) as YamlObject;
}

/** Order returns are applied in: by save time, then file name (deterministic). */
export function orderRows(rows: IncomingRow[]): IncomingRow[] {
  return [...rows].sort((a, b) => (a.returned !== b.returned ? (a.returned < b.returned ? -1 : 1) : a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

const hasLeadValues = (e: ProgressEntry) => FIELDS.some((f) => e[f] !== undefined);

export function mergeRows(
  existing: ProgressFile,
  rows: IncomingRow[],
  names: { unitName: (id: string | undefined) => string; progressFile: string },
): MergeResult {
  const next: ProgressFile = structuredClone(existing);
  const changes: YamlChange[] = [];
  const problems: Problem[] = [];
  const changedFiles = new Set<string>();
  const change = (row: IncomingRow, c: YamlChange) => {
    changes.push(c);
    changedFiles.add(row.file);
  };
  for (const row of orderRows(rows)) {
    const sec = sectionOf(row.kind);
    const recorded = next[sec][row.id];

    if (row.support !== undefined && row.unit) {
      const unit = row.unit;
      const entry: { text: string; returned: string } & YamlObject = { text: row.support, returned: row.returned };
      if (!recorded) {
        next[sec][row.id] = { support: { [unit]: entry } };
        change(row, { path: [sec, row.id], value: { support: { [unit]: entry } } });
        continue;
      }
      const old = recorded.support?.[unit];
      if (!old) {
        recorded.support = { ...(recorded.support ?? {}), [unit]: entry };
        change(row, { path: [sec, row.id, 'support', unit], value: entry });
      } else if (old.text === row.support) {
        continue;
      } else if (row.returned >= (old.returned ?? '')) {
        recorded.support![unit] = entry;
        change(row, { path: [sec, row.id, 'support', unit], value: entry });
      } else {
        problems.push({
          location: { kind: 'cell', file: row.file, sheet: row.sheet, cell: row.cells.support },
          field: '配合情况',
          message: msg('merge.newerSupport', { date: old.returned ?? '?', old: showValue(old.text) }),
          found: showValue(row.support),
          hint: msg('merge.olderHint', { file: names.progressFile }),
        });
      }
      continue;
    }

    const filled = FIELDS.filter((f) => row.values[f] !== undefined);
    if (filled.length === 0) continue;
    if (!recorded || !hasLeadValues(recorded)) {
      const entry: ProgressEntry = { ...(recorded ?? {}) };
      for (const f of filled) (entry as Record<Field, YamlScalar>)[f] = row.values[f]!;
      if (row.unit) entry.unit = row.unit;
      else delete entry.unit;
      entry.issued = row.issued;
      entry.returned = row.returned;
      next[sec][row.id] = entry;
      if (!recorded) change(row, { path: [sec, row.id], value: entryData(entry) });
      else {
        for (const f of filled) change(row, { path: [sec, row.id, f], value: row.values[f]! });
        if (row.unit) change(row, { path: [sec, row.id, 'unit'], value: row.unit });
        change(row, { path: [sec, row.id, 'issued'], value: row.issued });
        change(row, { path: [sec, row.id, 'returned'], value: row.returned });
      }
      continue;
    }
    const sameUnit = (recorded.unit ?? '') === (row.unit ?? '');
    const newer = row.returned >= (recorded.returned ?? '');
    let corrected = false;
    for (const f of filled) {
      const v = row.values[f]!;
      const old = recorded[f];
      if (old === undefined && sameUnit) {
        (recorded as Record<Field, YamlScalar>)[f] = v;
        change(row, { path: [sec, row.id, f], value: v });
      } else if (old !== undefined && same(old, v)) {
        continue;
      } else if (sameUnit && newer) {
        (recorded as Record<Field, YamlScalar>)[f] = v;
        change(row, { path: [sec, row.id, f], value: v });
        corrected = true;
      } else {
        const who = names.unitName(recorded.unit);
        problems.push({
          location: { kind: 'cell', file: row.file, sheet: row.sheet, cell: row.cells[f] },
          field: FIELD_HEADER[f],
          message: sameUnit
            ? msg('merge.newer', { date: recorded.returned ?? '?', old: showValue(old) })
            : msg('merge.otherUnit', { who, old: old === undefined ? msg('merge.blank') : showValue(old) }),
          found: showValue(v),
          hint: sameUnit ? msg('merge.olderHint', { file: names.progressFile }) : msg('merge.otherUnitHint', { file: names.progressFile }),
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
          change(row, { path: [sec, row.id, k], value: v });
        }
      }
    }
  }
  return { next, changes, problems, changedFiles };
}
