/**
 * fast-check arbitraries for the robustness properties.
 *
 * Valid data: district profiles and meetings generated field by field from the zod
 * schemas in pipeline/model/schema.ts — every generated string is filtered through the
 * schema it must satisfy (Label, Text, Unit, Id…), so the schema stays the reference —
 * plus the cross-field rules of references.ts (unique ids, known units, a quantity when
 * a bound is given, percentages within ±1000, briefing date on or after the meeting).
 *
 * Hostile input: random bytes, random Unicode, YAML token soup, and mutations of valid
 * files (deleted ranges, inserted tokens, moved lines, broken indentation).
 */
import { MAX_MAGNITUDE } from '../../pipeline/model/schema.js';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { parse, stringify, type ToStringOptions } from 'yaml';
import { Id, IsoDate, Label, Text, Unit, type Bound } from '../../pipeline/model/schema.js';

type Obj = Record<string, unknown>;

// ------------------------------------------------------------------ strings

const CJK = [...'中国共产党示例区委员会全体会议经济发展重点项目任务目标增长亿元万人亩以上左右力争，。、：；“”‘’（）《》—…·'];
const ASCII = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789     '];
/** Characters that mean something to Markdown, Handlebars, YAML or the directive syntax. */
const MARKUP = [...'*_|#<>[]{}`~-+.!\\\'"&%@:$^=/?,'];
const SPECIAL = ['{{', '}}', '{{> x}}', '{{{y}}}', '<!--', '-->', '---', '...', ':::', '::slide', '::: chart bar', '# ', '- ', '1. ', '<br>', '**', '\\|', '&amp;', 'true', 'null', '~', '0x1F', '1e3', '2023-01-05', '𠀀', '😀', '👨‍👩‍👧', '\u00a0', '\u3000', '\u200b', '\u202e', 'ﬁ'];

const char = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CJK) },
  { weight: 3, arbitrary: fc.constantFrom(...ASCII) },
  { weight: 2, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);

function textOf(schema: { safeParse(v: unknown): { success: boolean } }, maxChunks: number, extra: fc.Arbitrary<string>[] = []): fc.Arbitrary<string> {
  const piece = extra.length ? fc.oneof({ weight: 8, arbitrary: char }, ...extra.map((a) => ({ weight: 1, arbitrary: a }))) : char;
  return fc
    .oneof({ weight: 9, arbitrary: fc.array(piece, { minLength: 1, maxLength: Math.min(maxChunks, 24) }) }, { weight: 1, arbitrary: fc.array(piece, { minLength: 1, maxLength: maxChunks }) })
    .map((cs) => cs.join(''))
    .filter((s) => schema.safeParse(s).success);
}

export const label = textOf(Label, 200);
export const text = textOf(Text, 400, [fc.constantFrom('\n', '\n\n', '\t', '\r\n', '  \n')]);
export const unit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('亿元', '万元', '元', '%', '个', '家', '亩', '万人', '平方米', '公里', '项', '倍', '‰', 'kW·h') },
  { weight: 1, arbitrary: textOf(Unit, 20) },
);
export const id = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/).filter((s) => Id.safeParse(s).success);

const day = 24 * 3600 * 1000;
const MIN_DATE = Date.UTC(1949, 0, 1);
const MAX_DATE = Date.UTC(2100, 11, 31);
export const isoDate = fc.integer({ min: MIN_DATE / day, max: MAX_DATE / day }).map((d) => new Date(d * day).toISOString().slice(0, 10));

// ------------------------------------------------------------------ numbers

const realistic = fc.oneof(
  fc.integer({ min: 0, max: 100_000 }),
  fc.integer({ min: -1000, max: 1_000_000 }).map((n) => n / 100),
);
/** The extremes the model accepts: figures are bounded by ±MAX_MAGNITUDE (10¹²); 1e300 is a slip it refuses. */
const extreme = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -MAX_MAGNITUDE, max: MAX_MAGNITUDE }),
  fc.constantFrom(0, -0, 1e-9, 5e-324, 1e12, -1e12, 999_999_999_999.5, 0.1 + 0.2, 2 ** 39 + 2),
);
/** -0 cannot be written in YAML (it reads back as 0, which means the same to everyone). */
const noNegativeZero = (n: number) => (Object.is(n, -0) ? 0 : n);
export const number = fc.oneof({ weight: 5, arbitrary: realistic }, { weight: 1, arbitrary: extreme }).map(noNegativeZero);
const percent = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1000, max: 1000, noNaN: true })).map(noNegativeZero);
const nonNegative = number.map((n) => Math.abs(n));
const bound = fc.constantFrom<Bound>('以上', '不少于', '不低于', '超过', '左右', '以内', '不超过', '以下', '达到');
const kinds = ['party-congress', 'plenary', 'economic-work-conference', 'study-session', 'annual-review', 'five-year-review', 'planning'] as const;

// ------------------------------------------------------------------ district

/** A district profile as a clerk writes it (input, before zod defaults). */
export function districtArb(districtId: string): fc.Arbitrary<Obj> {
  return fc.record(
    {
      id: fc.constant(districtId),
      name: label,
      shortName: label,
      city: label,
      kind: fc.constantFrom('district', 'county-city', 'city'),
      committee: label,
      government: label,
      office: label,
      briefingName: label,
      units: fc.uniqueArray(fc.record({ id, name: label, contact: label }, { requiredKeys: ['id', 'name'] }), { selector: (u) => u.id, maxLength: 8 }),
      leaders: fc.array(fc.record({ name: label, title: label, source: label }, { requiredKeys: ['name', 'title'] }), { maxLength: 3 }),
    },
    { requiredKeys: ['id', 'name', 'shortName', 'city', 'committee', 'office', 'briefingName'] },
  );
}

// ------------------------------------------------------------------ meeting

function opt<T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(a, { nil: undefined, freq: 2 });
}

/** Drop undefined entries, so an absent field is absent from the YAML too. */
function compact(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Give every item a distinct id (`<id>-<n>` when needed), keeping ids valid. */
function uniqueIds<T extends Obj>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.map((it, i) => {
    if (typeof it.id !== 'string') return it;
    let v = it.id;
    if (seen.has(v)) v = `${v.slice(0, 50)}-${i}`;
    seen.add(v);
    return { ...it, id: v };
  });
}

function figureArb(): fc.Arbitrary<Obj> {
  return fc
    .record({
      id: opt(id),
      name: label,
      unit,
      value: number,
      pct: percent,
      from: opt(number),
      fromLabel: opt(label),
      prefix: opt(label),
      note: opt(label),
      series: opt(fc.array(fc.record({ label, value: number }), { maxLength: 6 })),
    })
    .map(({ pct, ...f }) => compact({ ...f, value: f.unit === '%' ? pct : f.value }));
}

function targetArb(): fc.Arbitrary<Obj> {
  return fc
    .record({
      id,
      name: label,
      measure: fc.constantFrom('growth', 'level', 'ratio'),
      value: opt(number),
      pct: percent,
      unit: opt(unit),
      bound: opt(bound),
      strive: opt(fc.boolean()),
      annual: opt(fc.boolean()),
      text: opt(label),
      previous: opt(number),
    })
    .map(({ pct, ...t }) => {
      const value = t.value === undefined ? (t.text === undefined ? pct : undefined) : t.unit === '%' ? pct : t.value;
      return compact({ ...t, value });
    });
}

function taskArb(unitIds: string[]): fc.Arbitrary<Obj> {
  const unitId = unitIds.length ? fc.constantFrom(...unitIds) : fc.constant(undefined);
  return fc
    .record({
      id,
      task: label,
      quantity: opt(number),
      unit: opt(unit),
      bound: opt(bound),
      strive: opt(fc.boolean()),
      direction: opt(fc.constantFrom('up', 'down')),
      deadline: opt(isoDate),
      lead: opt(unitId),
      co: opt(unitIds.length ? fc.uniqueArray(fc.constantFrom(...unitIds), { maxLength: 3 }) : fc.constant<string[]>([])),
      leader: opt(label),
      note: opt(label),
      fallbackQuantity: number,
    })
    .map(({ fallbackQuantity, ...t }) => compact({ ...t, quantity: t.quantity ?? (t.unit !== undefined || t.bound !== undefined ? fallbackQuantity : undefined) }));
}

/** A meeting as a clerk writes it, valid against `units` of its district. */
export function meetingArb(unitIds: string[]): fc.Arbitrary<Obj> {
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      kinds: opt(fc.array(fc.constantFrom(...kinds), { maxLength: 2 })),
      title: label,
      shortTitle: opt(label),
      session: opt(label),
      date: isoDate,
      dateNote: opt(label),
      place: opt(label),
      body: opt(label),
      source: fc.record({ seed: label, publication: label, headline: label, reporters: label }, { requiredKeys: ['seed'] }),
      lead: opt(text),
      review: opt(
        fc.record(
          {
            period: label,
            summary: text,
            figures: fc.array(figureArb(), { maxLength: 6 }).map(uniqueIds),
            highlights: fc.array(fc.record({ heading: label, paragraphs: fc.array(text, { maxLength: 3 }) }, { requiredKeys: ['heading'] }), { maxLength: 3 }),
          },
          { requiredKeys: ['period'] },
        ),
      ),
      rankings: opt(fc.array(fc.record({ subject: label, rank: fc.integer({ min: 1, max: 1000 }), scope: label, period: label, text: label }, { requiredKeys: ['subject'] }), { maxLength: 3 })),
      targets: opt(
        fc.record(
          { period: label, year: fc.integer({ min: 1949, max: 2100 }), intro: text, items: fc.array(targetArb(), { maxLength: 8 }).map(uniqueIds) },
          { requiredKeys: ['period'] },
        ),
      ),
      areas: opt(
        fc.array(fc.record({ name: label, summary: text, tasks: fc.array(taskArb(unitIds), { maxLength: 6 }) }, { requiredKeys: ['name'] }), { maxLength: 5 }),
      ),
      projects: opt(
        fc
          .array(
            fc.record({ id, name: label, group: label, investment: nonNegative, unit, count: fc.integer({ min: 0, max: 10_000 }), note: label }, { requiredKeys: ['name'] }),
            { maxLength: 5 },
          )
          .map(uniqueIds),
      ),
      sections: opt(
        fc.array(
          fc.record(
            {
              heading: label,
              paragraphs: fc.array(text, { maxLength: 3 }),
              subsections: fc.array(fc.record({ heading: label, paragraphs: fc.array(text, { maxLength: 2 }) }, { requiredKeys: ['heading'] }), { maxLength: 2 }),
            },
            { requiredKeys: ['heading'] },
          ),
          { maxLength: 3 },
        ),
      ),
      closing: opt(text),
      briefing: fc.record(
        {
          name: label,
          issue: fc.integer({ min: 1, max: 9999 }),
          totalIssue: fc.integer({ min: 1, max: 100_000 }),
          lag: fc.integer({ min: 0, max: 400 }),
          editorNote: text,
          secrecy: label,
          internal: fc.boolean(),
          distribution: fc.record({ bao: fc.array(label, { maxLength: 3 }), song: fc.array(label, { maxLength: 3 }), fa: fc.array(label, { maxLength: 3 }) }, { requiredKeys: [] }),
          copies: fc.integer({ min: 1, max: 100_000 }),
        },
        { requiredKeys: ['issue', 'lag'] },
      ),
    })
    .map((m) => {
      const { lag, ...briefing } = m.briefing as Obj & { lag: number };
      const date = new Date(Date.parse(m.date) + lag * day).toISOString().slice(0, 10);
      const briefingDate = IsoDate.safeParse(date).success && date <= '2100-12-31' ? date : m.date;
      // task ids are unique across all areas
      const seen = new Set<string>();
      const areas = (m.areas as Obj[] | undefined)?.map((a, ai) => ({
        ...a,
        tasks: ((a.tasks as Obj[] | undefined) ?? []).map((t, ti) => {
          let v = t.id as string;
          if (seen.has(v)) v = `${v.slice(0, 40)}-${ai}-${ti}`;
          seen.add(v);
          return { ...t, id: v };
        }),
      }));
      return compact({ ...m, areas, briefing: compact({ ...briefing, date: briefingDate }) });
    });
}

/** A district and a meeting valid against it. */
export const districtAndMeeting = id.chain((districtId) =>
  districtArb(districtId).chain((district) =>
    meetingArb(((district.units as Obj[] | undefined) ?? []).map((u) => u.id as string)).map((meeting) => ({ districtId, district, meeting })),
  ),
);

// ------------------------------------------------------------------ YAML text

/** How the same data may be written: quoting, flow or block style, line width, line ends, BOM. */
export const yamlStyle = fc.record({
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  indent: fc.constantFrom(2, 4),
  lineWidth: fc.constantFrom(0, 20, 80),
  indentSeq: fc.boolean(),
  lineEnd: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
});
export type YamlStyle = typeof yamlStyle extends fc.Arbitrary<infer T> ? T : never;

/** A UTF-16 surrogate without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function writesBack(text: string, value: unknown): boolean {
  try {
    return isDeepStrictEqual(parse(text, { version: '1.2' }), value);
  } catch {
    return false;
  }
}

export function toYaml(value: unknown, style: YamlStyle): string {
  const { lineEnd, bom, ...opts } = style;
  let text = stringify(value, { ...(opts as ToStringOptions), version: '1.2' });
  // yaml 2.9's writer has bugs (our reader is not involved; its own parse reads the same):
  // folding splits a "double-quoted" string between the two halves of a character outside
  // the BMP (𠀀, 😀); with deep indentation folding writes "undefined" into the text;
  // collectionStyle 'block' writes an empty list as "key:\n[]", which is not YAML; with
  // indent 4, a block scalar whose first line starts with a space gets a wrong indentation
  // indicator (|2-) and the text gains spaces. Write such data with plain options, or as
  // JSON (which is YAML), so the property tests the reader.
  for (const fallback of [() => stringify(value, { lineWidth: 0, version: '1.2' }), () => `${JSON.stringify(value, null, 2)}\n`]) {
    if (!LONE_SURROGATE.test(text) && writesBack(text, value)) break;
    text = fallback();
  }
  return `${bom ? '\uFEFF' : ''}${lineEnd === '\n' ? text : text.replace(/\n/g, lineEnd)}`;
}

// ------------------------------------------------------------------ hostile input

const TOKENS = [
  '- ', ': ', ':', '[', ']', '{', '}', ', ', '\n', '\r\n', '\r', '  ', '    ', '\t', '# c', '&a ', '*a', '&b ', '*b', '!!str ', '!!int ', '!x ', '? ',
  '|', '|-', '>', '"', "'", '"\\', '\\u00', '---', '...', '%YAML 1.1', '%TAG ! tag:x,2000:', '<<: ', 'kind', 'plenary', 'title', 'date', 'briefing',
  'issue', 'areas', 'tasks', 'id', 'co', '中文', '：', '7', '-1', '1e999', '.inf', '.nan', '0x1F', '2023-01-05', '2023-02-30', '~', 'null', 'true', '\uFEFF',
  '\u0000', '\u0085', '\u2028', '\\', '"a', 'a"', '@', '`', '%', '&', '*', '__proto__', 'constructor',
];
export const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 400 }).map((ts) => ts.join(''));

/** A token repeated many times: looks for time or stack blow-ups (quadratic loops, recursion). */
export const repetition = fc
  .record({
    prefix: fc.constantFrom('', 'lead: ', 'areas:\n', 'kind: plenary\ntitle: ', 'x: &a v\n'),
    token: fc.constantFrom(...TOKENS, '[', '{a: ', '- ', '  - ', 'a:\n  ', '? a\n', '- &a x\n', 'k: *a\n', '- *a\n', 'k: v # c\n', '"a\\\n', '>\n  x\n'),
    n: fc.integer({ min: 1, max: 60_000 }),
  })
  .map(({ prefix, token, n }) => prefix + token.repeat(n));

/** Many anchors, each used many times (yaml resolves every alias by walking the document). */
export const aliasFlood = fc
  .record({ anchors: fc.integer({ min: 1, max: 1000 }), uses: fc.integer({ min: 1, max: 40 }), scalar: fc.boolean() })
  .map(({ anchors, uses, scalar }) => {
    const defs = Array.from({ length: anchors }, (_, i) => `a${i}: &x${i} ${scalar ? 'v' : '[v, {k: v}]'}\n`).join('');
    const refs = Array.from({ length: anchors }, (_, i) => `  - [${Array(uses).fill(`*x${i}`).join(', ')}]\n`).join('');
    return `${defs}refs:\n${refs}`;
  });

export interface Mutation {
  at: number;
  op: 'delete' | 'insert' | 'duplicate-line' | 'drop-line' | 'swap-lines' | 'indent' | 'dedent' | 'replace';
  len: number;
  token: string;
}

export const mutations = fc.array(
  fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    op: fc.constantFrom<Mutation['op']>('delete', 'insert', 'duplicate-line', 'drop-line', 'swap-lines', 'indent', 'dedent', 'replace'),
    len: fc.integer({ min: 1, max: 40 }),
    token: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 }), fc.constantFrom('七', '"7"', '-793', '1000000000', 'kjjj', 'nope', '2023-13-01', '', 'true', '[kjj', '{')),
  }),
  { minLength: 1, maxLength: 6 },
);

export function mutate(text: string, muts: Mutation[]): string {
  let s = text;
  for (const m of muts) {
    const pos = Math.min(s.length, Math.floor(m.at * s.length));
    const lines = s.split('\n');
    const li = Math.min(lines.length - 1, Math.floor(m.at * lines.length));
    switch (m.op) {
      case 'delete':
        s = s.slice(0, pos) + s.slice(pos + m.len);
        break;
      case 'insert':
        s = s.slice(0, pos) + m.token + s.slice(pos);
        break;
      case 'replace': {
        // replace a value: from after the next ": " to the end of that line
        const colon = s.indexOf(': ', pos);
        if (colon < 0) break;
        const end = s.indexOf('\n', colon);
        s = s.slice(0, colon + 2) + m.token + (end < 0 ? '' : s.slice(end));
        break;
      }
      case 'duplicate-line':
        lines.splice(li, 0, lines[li]!);
        s = lines.join('\n');
        break;
      case 'drop-line':
        lines.splice(li, 1);
        s = lines.join('\n');
        break;
      case 'swap-lines': {
        const lj = Math.min(lines.length - 1, li + 1 + (m.len % 5));
        [lines[li], lines[lj]] = [lines[lj]!, lines[li]!];
        s = lines.join('\n');
        break;
      }
      case 'indent':
        lines[li] = ' '.repeat(1 + (m.len % 4)) + lines[li];
        s = lines.join('\n');
        break;
      case 'dedent':
        lines[li] = lines[li]!.replace(/^ {1,2}/, '');
        s = lines.join('\n');
        break;
    }
  }
  return s;
}
