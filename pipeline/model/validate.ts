/**
 * zod issues → located problems: `file:line:col  field.path  expected …, found …`.
 * All problems of a file are reported at once.
 */
import type { z } from 'zod';
import { JianbaoError, showValue, type Problem } from '../errors.js';
import { formatPath, locate, type Path, type YamlSource } from '../load/yaml.js';

export function validate<S extends z.ZodType>(src: YamlSource, schema: S): z.infer<S> {
  const result = schema.safeParse(src.data, { reportInput: true });
  if (result.success) return result.data;
  throw new JianbaoError('data', issuesToProblems(src, schema, result.error.issues));
}

export function issuesToProblems(src: YamlSource, schema: z.ZodType, issues: z.core.$ZodIssue[]): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path as Path;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const { line, col } = locate(src, path, { key });
        const known = knownKeys(schema, path);
        const hint = closest(key, known);
        problems.push({
          location: { kind: 'file', file: src.file, line, col },
          field: formatPath([...path, key]),
          message: hint ? `unknown field (did you mean "${hint}"?)` : `unknown field; expected one of ${known.join(', ')}`,
        });
      }
      continue;
    }
    const { line, col } = locate(src, path);
    const input = (issue as { input?: unknown }).input;
    const missing = issue.code === 'invalid_type' && input === undefined;
    problems.push({
      location: { kind: 'file', file: src.file, line, col },
      field: formatPath(path) || '(file)',
      message: missing ? `${expectedText(issue)} (required field is missing)` : expectedText(issue),
      found: missing ? undefined : showValue(input),
    });
  }
  return sortProblems(problems);
}

function expectedText(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('expected')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${article(issue.expected)}`;
    case 'too_small':
      return `expected ${issue.origin === 'array' ? 'at least' : '≥'} ${String(issue.minimum)}${issue.origin === 'array' ? ' items' : ''}`;
    case 'too_big':
      return `expected ${issue.origin === 'array' ? 'at most' : '≤'} ${String(issue.maximum)}${issue.origin === 'array' ? ' items' : ''}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => String(v)).join(', ')}`;
    default:
      return `expected a valid value (${issue.message})`;
  }
}

function article(t: string): string {
  const map: Record<string, string> = {
    number: 'a number',
    string: 'text',
    boolean: 'true or false',
    object: 'a mapping of fields',
    array: 'a list',
    int: 'a whole number',
  };
  return map[t] ?? t;
}

function sortProblems(ps: Problem[]): Problem[] {
  return ps.sort((a, b) => {
    const la = a.location.kind === 'file' ? (a.location.line ?? 0) : 0;
    const lb = b.location.kind === 'file' ? (b.location.line ?? 0) : 0;
    if (la !== lb) return la - lb;
    const ca = a.location.kind === 'file' ? (a.location.col ?? 0) : 0;
    const cb = b.location.kind === 'file' ? (b.location.col ?? 0) : 0;
    return ca - cb;
  });
}

// ------------------------------------------------------- schema introspection (for hints)

type Def = { type: string; shape?: Record<string, unknown>; element?: unknown; innerType?: unknown; in?: unknown; schema?: unknown };
function defOf(s: unknown): Def | undefined {
  return (s as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}
function unwrap(s: unknown): unknown {
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const d = defOf(cur);
    if (!d) return cur;
    if (d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else return cur;
  }
  return cur;
}

/** The field names the schema allows at `path` (for "did you mean" hints). */
export function knownKeys(schema: unknown, path: Path): string[] {
  let cur = unwrap(schema);
  for (const seg of path) {
    const d = defOf(cur);
    if (!d) return [];
    if (typeof seg === 'number' && d.type === 'array') cur = unwrap(d.element);
    else if (typeof seg === 'string' && d.shape) cur = unwrap(d.shape[seg]);
    else return [];
  }
  const shape = defOf(cur)?.shape;
  return shape ? Object.keys(shape) : [];
}

export function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
