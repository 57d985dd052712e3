/**
 * zod issues → located problems: `file:line:col  field.path  expected …, found …`.
 * All problems of a file are reported at once.
 */
import type { z } from 'zod';
import { JianbaoError, showValue, type Problem } from '../errors.js';
import { isRealDate } from './schema.js';
import { capProblems, formatPath, locate, type Path, type YamlSource } from '../core/source.js';

export function validate<S extends z.ZodType>(src: YamlSource, schema: S): z.infer<S> {
  const result = schema.safeParse(src.data, { reportInput: true });
  if (result.success) return result.data;
  throw new JianbaoError('data', issuesToProblems(src, schema, result.error.issues));
}

/**
 * Locating a problem costs a walk down the document; a file with 100 000 wrong lines must
 * not cost 100 000 walks. Only this many issues are located (the report lists fewer).
 */
const MAX_LOCATED = 500;

export function issuesToProblems(src: YamlSource, schema: z.ZodType, issues: z.core.$ZodIssue[]): Problem[] {
  const problems: Problem[] = [];
  let total = 0;
  for (const issue of issues) total += issue.code === 'unrecognized_keys' ? issue.keys.length : 1;
  for (const issue of issues) {
    if (problems.length >= MAX_LOCATED) break;
    const path = issue.path as Path;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys.slice(0, MAX_LOCATED)) {
        const { line, col } = locate(src, path, { key });
        const known = knownKeys(schema, path);
        const hint = closest(key, known);
        problems.push({
          location: { kind: 'file', file: src.file, line, col },
          field: formatPath([...path, key]),
          message:
            key === '<<'
              ? 'unknown field: merge keys (<<: *name) are not supported; write the fields out'
              : hint
                ? `unknown field (did you mean "${hint}"?)`
                : `unknown field; expected one of ${known.join(', ')}`,
        });
      }
      continue;
    }
    const { line, col } = locate(src, path);
    const input = (issue as { input?: unknown }).input;
    const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_value') && input === undefined;
    const tooLong = issue.code === 'too_big' && issue.origin === 'string' && typeof input === 'string';
    problems.push({
      location: { kind: 'file', file: src.file, line, col },
      field: formatPath(path) || '(file)',
      message: missing ? `${expectedText(issue)} (required field is missing)` : `${expectedText(issue)}${hintFor(issue, input, schemaAt(schema, path))}`,
      // zod counts UTF-16 units (a character outside the BMP, such as 𠀀, counts 2): say the same number
      found: missing ? undefined : tooLong ? `${(input as string).length} characters` : showValue(input),
    });
  }
  return capProblems(sortProblems(problems), total);
}

/** A few words on how to fix the most common slips of hand-typed data. */
function hintFor(issue: z.core.$ZodIssue, input: unknown, field: unknown): string {
  if (issue.message === 'expected a date written YYYY-MM-DD' && (typeof input === 'string' || typeof input === 'number')) {
    // 2023年1月5日, 2023/1/5, 2023-1-5, 20230105 → 2023-01-05
    const m = /^\s*(\d{4})\s*[年./-]?\s*(\d{1,2})\s*[月./-]?\s*(\d{1,2})\s*日?\s*$/.exec(String(input));
    const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : undefined;
    return iso && isRealDate(iso) && accepts(field, iso) ? ` (write ${iso})` : '';
  }
  if (issue.code === 'invalid_value' && typeof input === 'string') {
    const hint = closest(input, issue.values.filter((v): v is string => typeof v === 'string'), Math.max(1, Math.floor(input.length / 3)));
    return hint ? ` (did you mean "${hint}"?)` : '';
  }
  if (issue.code !== 'invalid_type') return '';
  const expected = issue.expected as string;
  if (input === null) return isOptional(field) ? ' (or delete the line when there is nothing to say)' : '';
  if ((expected === 'number' || expected === 'int') && typeof input === 'number' && !Number.isFinite(input)) return ' that is finite';
  if ((expected === 'number' || expected === 'int') && typeof input === 'string') {
    const t = input.trim();
    if (t !== '' && Number.isFinite(Number(t))) return ' (write the number without quotes)';
    if (/^[+-]?\d[\d,，]*(\.\d+)?$/.test(t)) return ' (write the number without thousands separators)';
    if (/^[+-]?\d+(\.\d+)?\s*\S+$/.test(t)) return ' (write the number alone; the unit goes in unit:)';
    return '';
  }
  // A number or true/false where text is expected: quoting it helps only if the quoted
  // text would be accepted (a year label, yes; a date written 20230105, no).
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean') && accepts(field, String(input))) {
    return ' (put it in quotes to keep it as text)';
  }
  if (expected === 'array' && (typeof input === 'string' || typeof input === 'number') && accepts(field, [input])) {
    return ` (write it as a list: [${String(input)}])`;
  }
  if (expected === 'object' && Array.isArray(input) && issue.path.length === 0) return ' (write "key: value" lines, without "- " in front)';
  return '';
}

function accepts(schema: unknown, value: unknown): boolean {
  const s = schema as { safeParse?: (v: unknown) => { success: boolean } } | undefined;
  return typeof s?.safeParse === 'function' && s.safeParse(value).success;
}

function isOptional(schema: unknown): boolean {
  const t = defOf(schema)?.type;
  return t === 'optional' || t === 'default';
}

function expectedText(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('expected')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${article(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'string') return `expected at least ${String(issue.minimum)} character${Number(issue.minimum) === 1 ? '' : 's'}`;
      return `expected ${issue.origin === 'array' ? 'at least' : '≥'} ${String(issue.minimum)}${issue.origin === 'array' ? ' items' : ''}`;
    case 'too_big':
      if (issue.origin === 'string') return `expected at most ${String(issue.maximum)} characters`;
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

/** The schema of the field at `path` (for hints), or undefined. */
export function schemaAt(schema: unknown, path: Path): unknown {
  let cur: unknown = schema;
  for (const seg of path) {
    const d = defOf(unwrap(cur));
    if (!d) return undefined;
    if (typeof seg === 'number' && d.type === 'array') cur = d.element;
    else if (typeof seg === 'string' && d.shape) cur = d.shape[seg];
    else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

export function closest(word: string, candidates: string[], maxDistance = Math.max(2, Math.floor(word.length / 3))): string | undefined {
  if (word.length > 200) return undefined; // not a typo; and keeps the distance computation small
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= maxDistance && bestD < best.length ? best : undefined;
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
