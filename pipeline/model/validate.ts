/**
 * zod issues → located problems: `file:line:col  field.path  expected …, found …`.
 * All problems of a file are reported at once.
 */
import type { z } from 'zod';
import { JianbaoError, showValue, type Problem } from '../errors.js';
import { joinList, msg } from '../messages/index.js';
import { MEETING_KIND_LABEL, isRealDate, isSchemaMessage } from './schema.js';
import { capProblems, formatPath, locate, type Path, type YamlSource } from '../core/source.js';
import { closest } from '../core/closest.js';

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
          message: key === '<<' ? msg('model.mergeKey') : hint ? msg('model.unknownField') : msg('model.unknownFieldList', { list: joinList(known) }),
          hint: key !== '<<' && hint ? msg('problem.didYouMean', { value: JSON.stringify(hint) }) : undefined,
        });
      }
      continue;
    }
    const { line, col } = locate(src, path);
    const input = (issue as { input?: unknown }).input;
    const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_value') && input === undefined;
    const tooLong = issue.code === 'too_big' && issue.origin === 'string' && typeof input === 'string';
    const hint = missing ? undefined : hintFor(issue, input, schemaAt(schema, path));
    problems.push({
      location: { kind: 'file', file: src.file, line, col },
      field: formatPath(path) || msg('model.wholeFile'),
      message: missing ? msg('model.missing', { expected: expectedText(issue) }) : expectedText(issue),
      // zod counts UTF-16 units (a character outside the BMP, such as 𠀀, counts 2): say the same number
      found: missing ? undefined : tooLong ? msg('value.characters', { n: (input as string).length }) : showValue(input),
      ...(hint ? { hint } : {}),
    });
  }
  return capProblems(sortProblems(problems), total);
}

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 七 → 7, 十二 → 12, 二十 → 20, 一百零五 → 105; undefined for anything else. */
function chineseNumeral(s: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return undefined;
  // 二九一, 二〇二三: digit by digit
  if (!/[十百千]/.test(s)) return Number(Array.from(s, (ch) => CHINESE_DIGITS[ch]).join(''));
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in CHINESE_DIGITS) digit = CHINESE_DIGITS[ch]!;
    else {
      const unit = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
      total += (digit || (unit === 10 && total === 0 ? 1 : 0)) * unit;
      digit = 0;
    }
  }
  return total + digit;
}

/** A few words on how to fix the most common slips of hand-typed data. */
function hintFor(issue: z.core.$ZodIssue, input: unknown, field: unknown): string | undefined {
  if (issue.message === msg('schema.date') && (typeof input === 'string' || typeof input === 'number')) {
    // 2023年1月5日, 2023/1/5, 2023-1-5, 20230105 → 2023-01-05
    const m = /^\s*(\d{4})\s*[年./-]?\s*(\d{1,2})\s*[月./-]?\s*(\d{1,2})\s*日?\s*$/.exec(String(input));
    const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : undefined;
    return iso && isRealDate(iso) && accepts(field, iso) ? msg('hint.writeDate', { value: iso }) : undefined;
  }
  if (issue.code === 'invalid_value' && typeof input === 'string') {
    const values = issue.values.filter((v): v is string => typeof v === 'string');
    // 全会 where plenary belongs: the Chinese name of a meeting kind
    const byLabel = Object.entries(MEETING_KIND_LABEL).find(([id, label]) => values.includes(id) && (label === input.trim() || input.includes(label)));
    if (byLabel) return msg('hint.kindChinese', { id: byLabel[0], label: byLabel[1] });
    const hint = closest(input, values, Math.max(1, Math.floor(input.length / 3)));
    return hint ? msg('problem.didYouMean', { value: JSON.stringify(hint) }) : undefined;
  }
  if (issue.code !== 'invalid_type') return undefined;
  const expected = issue.expected as string;
  if (input === null) return isOptional(field) ? msg('hint.deleteLine') : undefined;
  if ((expected === 'number' || expected === 'int') && typeof input === 'number' && !Number.isFinite(input)) return msg('hint.finite');
  if ((expected === 'number' || expected === 'int') && typeof input === 'string') {
    const t = input.trim();
    // full-width digits ７ and Chinese numerals 七
    const halfWidth = t.replace(/[０-９．－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    if (halfWidth !== t && halfWidth !== '' && Number.isFinite(Number(halfWidth))) return msg('hint.fullWidthDigits', { value: halfWidth });
    const cn = chineseNumeral(t);
    if (cn !== undefined) return msg('hint.chineseNumeral', { value: String(cn) });
    if (t !== '' && Number.isFinite(Number(t))) return msg('hint.noQuotes');
    if (/^[+-]?\d[\d,，]*(\.\d+)?$/.test(t)) return msg('hint.noSeparators');
    if (/^[+-]?\d+(\.\d+)?\s*\S+$/.test(t)) return msg('hint.unitApart');
    return undefined;
  }
  // A number or true/false where text is expected: quoting it helps only if the quoted
  // text would be accepted (a year label, yes; a date written 20230105, no).
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean') && accepts(field, String(input))) {
    return msg('hint.quoteText');
  }
  if (expected === 'array' && (typeof input === 'string' || typeof input === 'number') && accepts(field, [input])) {
    return msg('hint.asList', { value: String(input) });
  }
  if (expected === 'object' && Array.isArray(input) && issue.path.length === 0) return msg('hint.noDash');
  return undefined;
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
  if (isSchemaMessage(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return typeText(issue.expected);
    case 'too_small':
      if (issue.origin === 'string') return msg('model.minChars', { n: String(issue.minimum) });
      return issue.origin === 'array' ? msg('model.minItems', { n: String(issue.minimum) }) : msg('model.min', { n: String(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return msg('model.maxChars', { n: String(issue.maximum) });
      return issue.origin === 'array' ? msg('model.maxItems', { n: String(issue.maximum) }) : msg('model.max', { n: String(issue.maximum) });
    case 'invalid_value':
      return msg('model.oneOf', { list: joinList(issue.values.map((v) => String(v))) });
    default:
      return msg('model.invalid', { detail: issue.message });
  }
}

function typeText(t: string): string {
  switch (t) {
    case 'number':
      return msg('model.type.number');
    case 'string':
      return msg('model.type.string');
    case 'boolean':
      return msg('model.type.boolean');
    case 'object':
      return msg('model.type.object');
    case 'array':
      return msg('model.type.array');
    case 'int':
      return msg('model.type.int');
    default:
      return msg('model.type.other', { value: t });
  }
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

// `closest` lives in core/ so the CLI can suggest names without loading the schemas (zod).
export { closest };
