/**
 * Checks zod cannot express: ids unique, references to units that exist, the district
 * id matching its folder, dates in order. Each problem is located in the YAML.
 *
 * These checks read the data loosely (whatever of it has the right shape), so they also run
 * on a meeting that failed the schema: `8%` in one field does not hide `lead: jdkfg` in
 * another. A value of the wrong type is skipped here; the schema reports it.
 */
import type { Problem } from '../errors.js';
import { joinList, msg } from '../messages/index.js';
import { capProblems, formatPath, locate, type Path, type YamlSource } from '../core/source.js';
import { isRealDate } from './schema.js';
import { closest } from './validate.js';

function at(src: YamlSource, path: Path, message: string, found?: string, hint?: string): Problem {
  const { line, col } = locate(src, path);
  return { location: { kind: 'file', file: src.file, line, col }, field: formatPath(path), message, found, ...(hint ? { hint } : {}) };
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A unit as the references need it (the district's units, possibly from a profile with problems). */
export interface UnitRef {
  id: string;
  name: string;
}

/** The units of a district profile, read loosely. */
export function unitsOf(district: unknown): UnitRef[] {
  return arr(obj(district)?.units).flatMap((u) => {
    const id = str(obj(u)?.id);
    return id ? [{ id, name: str(obj(u)?.name) ?? '' }] : [];
  });
}

export function checkDistrict(src: YamlSource, d: unknown, folder: string): Problem[] {
  const problems: Problem[] = [];
  const id = str(obj(d)?.id);
  if (id !== undefined && id !== folder) problems.push(at(src, ['id'], msg('ref.districtId', { folder }), JSON.stringify(id)));
  const seen = new Map<string, number>();
  arr(obj(d)?.units).forEach((u, i) => {
    const uid = str(obj(u)?.id);
    if (uid === undefined) return;
    const first = seen.get(uid);
    if (first !== undefined) problems.push(at(src, ['units', i, 'id'], msg('ref.uniqueUnit', { id: uid, first: `units[${first}]` }), JSON.stringify(uid)));
    else seen.set(uid, i);
  });
  return problems;
}

/** The unit a clerk meant: its id, or the unit whose name this is (金岱经开区管委会 → jindai). */
export function unitByName(units: UnitRef[], text: string): UnitRef | undefined {
  const t = text.trim();
  return units.find((u) => u.name === t) ?? units.find((u) => u.name !== '' && (u.name.includes(t) || t.includes(u.name)) && t.length >= 2);
}

export function checkMeetingReferences(src: YamlSource, units: UnitRef[], m: unknown): Problem[] {
  const problems: Problem[] = [];
  const unitIds = units.map((u) => u.id);
  const known = new Set(unitIds);
  const unknownUnit = (path: Path, id: string) => {
    const byName = unitByName(units, id);
    const near = closest(id, unitIds);
    const hint = byName
      ? msg('hint.unitName', { id: byName.id, name: byName.name })
      : near
        ? msg('problem.didYouMean', { value: JSON.stringify(near) })
        : unitIds.length && unitIds.length <= 30
          ? msg('ref.unitList', { list: joinList(unitIds) })
          : undefined;
    problems.push(at(src, path, msg('ref.unknownUnit'), JSON.stringify(id), hint));
  };
  const meeting = obj(m) ?? {};
  const taskIds = new Map<string, string>();
  arr(meeting.areas).forEach((a, ai) =>
    arr(obj(a)?.tasks).forEach((tv, ti) => {
      const t = obj(tv);
      if (!t) return;
      const here = `areas[${ai}].tasks[${ti}]`;
      const id = str(t.id);
      if (id !== undefined) {
        const first = taskIds.get(id);
        if (first) problems.push(at(src, ['areas', ai, 'tasks', ti, 'id'], msg('ref.uniqueTask', { id, first }), JSON.stringify(id)));
        else taskIds.set(id, here);
      }
      const lead = str(t.lead);
      if (lead && !known.has(lead)) unknownUnit(['areas', ai, 'tasks', ti, 'lead'], lead);
      arr(t.co).forEach((c, ci) => {
        if (typeof c === 'string' && !known.has(c)) unknownUnit(['areas', ai, 'tasks', ti, 'co', ci], c);
      });
      if (t.bound !== undefined && t.quantity === undefined) problems.push(at(src, ['areas', ai, 'tasks', ti, 'bound'], msg('ref.boundNeedsQuantity')));
      if (t.unit !== undefined && t.quantity === undefined) problems.push(at(src, ['areas', ai, 'tasks', ti, 'unit'], msg('ref.unitNeedsQuantity')));
    }),
  );
  // lead / co of a target or a project: units of the district
  const unitsOf = (item: Record<string, unknown>, path: Path) => {
    const lead = str(item.lead);
    if (lead && !known.has(lead)) unknownUnit([...path, 'lead'], lead);
    arr(item.co).forEach((c, ci) => {
      if (typeof c === 'string' && !known.has(c)) unknownUnit([...path, 'co', ci], c);
    });
  };
  arr(meeting.projects).forEach((pv, i) => {
    const p = obj(pv);
    if (!p) return;
    unitsOf(p, ['projects', i]);
    if ((p.lead !== undefined || arr(p.co).length > 0) && p.id === undefined) problems.push(at(src, ['projects', i], msg('ref.projectNeedsId')));
  });
  const targetIds = new Map<string, number>();
  arr(obj(meeting.targets)?.items).forEach((tv, i) => {
    const t = obj(tv);
    if (!t) return;
    const id = str(t.id);
    if (id !== undefined) {
      const first = targetIds.get(id);
      if (first !== undefined) problems.push(at(src, ['targets', 'items', i, 'id'], msg('ref.uniqueTarget', { id, first: `targets.items[${first}]` }), JSON.stringify(id)));
      else targetIds.set(id, i);
    }
    unitsOf(t, ['targets', 'items', i]);
    if (t.value === undefined && !t.text) problems.push(at(src, ['targets', 'items', i], msg('ref.valueOrText')));
    const value = num(t.value);
    if (t.unit === '%' && value !== undefined && Math.abs(value) > 1000) {
      problems.push(at(src, ['targets', 'items', i, 'value'], msg('ref.percent'), String(value)));
    }
  });
  const uniqueIds = (list: unknown[], path: Path, key: 'ref.uniqueFigure' | 'ref.uniqueProject', label: string) => {
    const ids = new Map<string, number>();
    list.forEach((v, i) => {
      const id = str(obj(v)?.id);
      if (id === undefined) return;
      const first = ids.get(id);
      if (first !== undefined) problems.push(at(src, [...path, i, 'id'], msg(key, { id, first: `${label}[${first}]` }), JSON.stringify(id)));
      else ids.set(id, i);
    });
  };
  const figures = arr(obj(meeting.review)?.figures);
  uniqueIds(figures, ['review', 'figures'], 'ref.uniqueFigure', 'review.figures');
  uniqueIds(arr(meeting.projects), ['projects'], 'ref.uniqueProject', 'projects');
  figures.forEach((f, i) => {
    const value = num(obj(f)?.value);
    if (obj(f)?.unit === '%' && value !== undefined && Math.abs(value) > 1000) problems.push(at(src, ['review', 'figures', i, 'value'], msg('ref.percent'), String(value)));
  });
  const date = str(meeting.date);
  const briefingDate = str(obj(meeting.briefing)?.date);
  if (date && briefingDate && isIso(date) && isIso(briefingDate) && briefingDate < date) {
    problems.push(at(src, ['briefing', 'date'], msg('ref.briefingDate', { date }), JSON.stringify(briefingDate)));
  }
  return capProblems(byPosition(problems));
}

const isIso = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s);

function byPosition(ps: Problem[]): Problem[] {
  const key = (p: Problem) => (p.location.kind === 'file' ? [p.location.line ?? 0, p.location.col ?? 0] : [0, 0]);
  return ps.sort((a, b) => {
    const [la, ca] = key(a);
    const [lb, cb] = key(b);
    return la! - lb! || ca! - cb!;
  });
}
