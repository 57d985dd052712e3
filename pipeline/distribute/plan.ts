/**
 * Who gets which numbered copy (份号). Pure: from the meeting view only.
 *
 *   000001 …      the 报 list, then the 送 list, then the 发 list, in the order written
 *   next …        the responsible units that receive a ledger (members of 发：区直各单位 and
 *                 the like), in the district profile's order — unless a unit is itself
 *                 named in the lists, in which case its list copy is its copy
 *   the rest …    up to 共印X份 (briefing.copies): 存档 copies, collated into ONE archive PDF
 *
 * Without `copies` the count is exactly the recipients and units (no archive). Fewer
 * copies than recipients and units is a data error (the 报尾 would print a wrong 共印X份).
 */
import type { MeetingView } from '../core/view.js';

export type Category = '报' | '送' | '发';

export interface CopyAssignment {
  /** 1-based copy number. */
  no: number;
  /** `000001` */
  serial: string;
  recipient: string;
  category: Category;
  /** Set when the recipient is a responsible unit (it gets its ledger in its bundle). */
  unitId?: string;
  /** Listed under 报/送/发 in the 报尾 (false: a unit added because it receives a ledger). */
  listed: boolean;
}

export interface CopyPlan {
  assignments: CopyAssignment[];
  /** 存档 copies: numbers from..to (inclusive), absent when none remain. */
  archive?: { from: number; to: number; count: number };
  /** 共印X份 as in the data (undefined when the meeting does not say). */
  printed?: number;
  /** Copies numbered in all (= printed when given). */
  total: number;
  /** How many copies the recipients and units need, when more than printed. */
  shortBy?: number;
}

export const SERIAL_DIGITS = 6;

export function serialOf(no: number): string {
  return String(no).padStart(SERIAL_DIGITS, '0');
}

export function planCopies(view: MeetingView): CopyPlan {
  const { bao, song, fa } = view.briefing.distribution;
  const unitsByName = new Map(view.units.map((u) => [u.unit.name, u.unit.id]));
  const assignments: CopyAssignment[] = [];
  const covered = new Set<string>();
  const add = (recipient: string, category: Category, listed: boolean, unitId?: string) => {
    const no = assignments.length + 1;
    assignments.push({ no, serial: serialOf(no), recipient, category, unitId, listed });
  };
  for (const [category, names] of [['报', bao], ['送', song], ['发', fa]] as const) {
    for (const name of names) {
      const unitId = unitsByName.get(name);
      if (unitId && !covered.has(unitId)) covered.add(unitId);
      add(name, category, true, unitId && assignments.every((a) => a.unitId !== unitId) ? unitId : undefined);
    }
  }
  for (const u of view.units) {
    if (covered.has(u.unit.id)) continue;
    add(u.unit.name, '发', false, u.unit.id);
  }
  const printed = view.briefing.copies;
  const needed = assignments.length;
  if (printed !== undefined && printed < needed) {
    return { assignments, printed, total: needed, shortBy: needed - printed };
  }
  const total = printed ?? needed;
  const archive = total > needed ? { from: needed + 1, to: total, count: total - needed } : undefined;
  return { assignments, archive, printed, total };
}
