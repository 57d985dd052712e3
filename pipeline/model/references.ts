/**
 * Checks zod cannot express: ids unique, references to units that exist, the district
 * id matching its folder. Each problem is located in the YAML.
 */
import type { Problem } from '../errors.js';
import { capProblems, formatPath, locate, type Path, type YamlSource } from '../core/source.js';
import type { District, Meeting } from './schema.js';
import { closest } from './validate.js';

function at(src: YamlSource, path: Path, message: string, found?: string): Problem {
  const { line, col } = locate(src, path);
  return { location: { kind: 'file', file: src.file, line, col }, field: formatPath(path), message, found };
}

export function checkDistrict(src: YamlSource, d: District, folder: string): Problem[] {
  const problems: Problem[] = [];
  if (d.id !== folder) problems.push(at(src, ['id'], `expected the district id to match its folder "${folder}"`, JSON.stringify(d.id)));
  const seen = new Map<string, number>();
  d.units.forEach((u, i) => {
    const first = seen.get(u.id);
    if (first !== undefined) problems.push(at(src, ['units', i, 'id'], `expected unique unit ids; "${u.id}" is already used by units[${first}]`, JSON.stringify(u.id)));
    else seen.set(u.id, i);
  });
  return problems;
}

export function checkMeetingReferences(src: YamlSource, d: District, m: Meeting): Problem[] {
  const problems: Problem[] = [];
  const unitIds = d.units.map((u) => u.id);
  const known = new Set(unitIds);
  const unknownUnit = (path: Path, id: string) => {
    const hint = closest(id, unitIds);
    problems.push(
      at(src, path, hint ? `expected a unit id from district.yaml (did you mean "${hint}"?)` : 'expected a unit id listed under units: in district.yaml', JSON.stringify(id)),
    );
  };
  const taskIds = new Map<string, string>();
  m.areas.forEach((a, ai) =>
    a.tasks.forEach((t, ti) => {
      const here = `areas[${ai}].tasks[${ti}]`;
      const first = taskIds.get(t.id);
      if (first) problems.push(at(src, ['areas', ai, 'tasks', ti, 'id'], `expected unique task ids; "${t.id}" is already used by ${first}`, JSON.stringify(t.id)));
      else taskIds.set(t.id, here);
      if (t.lead && !known.has(t.lead)) unknownUnit(['areas', ai, 'tasks', ti, 'lead'], t.lead);
      t.co.forEach((c, ci) => {
        if (!known.has(c)) unknownUnit(['areas', ai, 'tasks', ti, 'co', ci], c);
      });
      if (t.bound && t.quantity === undefined) problems.push(at(src, ['areas', ai, 'tasks', ti, 'bound'], 'expected a quantity when a bound is given'));
      if (t.unit && t.quantity === undefined) problems.push(at(src, ['areas', ai, 'tasks', ti, 'unit'], 'expected a quantity when a unit is given'));
    }),
  );
  const targetIds = new Map<string, number>();
  m.targets?.items.forEach((t, i) => {
    const first = targetIds.get(t.id);
    if (first !== undefined) problems.push(at(src, ['targets', 'items', i, 'id'], `expected unique target ids; "${t.id}" is already used by targets.items[${first}]`, JSON.stringify(t.id)));
    else targetIds.set(t.id, i);
    if (t.value === undefined && !t.text) problems.push(at(src, ['targets', 'items', i], 'expected a value or a text for the target'));
    if (t.unit === '%' && t.value !== undefined && Math.abs(t.value) > 1000) {
      problems.push(at(src, ['targets', 'items', i, 'value'], 'expected a percentage between -1000 and 1000', String(t.value)));
    }
  });
  const figureIds = new Map<string, number>();
  m.review?.figures.forEach((f, i) => {
    if (f.id === undefined) return;
    const first = figureIds.get(f.id);
    if (first !== undefined) problems.push(at(src, ['review', 'figures', i, 'id'], `expected unique figure ids; "${f.id}" is already used by review.figures[${first}]`, JSON.stringify(f.id)));
    else figureIds.set(f.id, i);
  });
  const projectIds = new Map<string, number>();
  m.projects.forEach((p, i) => {
    if (p.id === undefined) return;
    const first = projectIds.get(p.id);
    if (first !== undefined) problems.push(at(src, ['projects', i, 'id'], `expected unique project ids; "${p.id}" is already used by projects[${first}]`, JSON.stringify(p.id)));
    else projectIds.set(p.id, i);
  });
  m.review?.figures.forEach((f, i) => {
    if (f.unit === '%' && Math.abs(f.value) > 1000) problems.push(at(src, ['review', 'figures', i, 'value'], 'expected a percentage between -1000 and 1000', String(f.value)));
  });
  if (m.briefing.date < m.date) {
    problems.push(at(src, ['briefing', 'date'], `expected the briefing date on or after the meeting date ${m.date}`, JSON.stringify(m.briefing.date)));
  }
  return capProblems(byPosition(problems));
}

function byPosition(ps: Problem[]): Problem[] {
  const key = (p: Problem) => (p.location.kind === 'file' ? [p.location.line ?? 0, p.location.col ?? 0] : [0, 0]);
  return ps.sort((a, b) => {
    const [la, ca] = key(a);
    const [lb, cb] = key(b);
    return la! - lb! || ca! - cb!;
  });
}
