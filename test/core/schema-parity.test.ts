/**
 * The editor (JSON Schema) and `jianbao check` (zod) agree: over a corpus of data files — the
 * sample data, every fixture that parses, and edits of a valid meeting for each rule the
 * issue named (blank label, tab in a label, .inf, 1e308, trailing spaces…) — a file is
 * accepted by the committed JSON Schema exactly when the zod schema accepts it.
 *
 * What JSON Schema cannot say is listed in EXCEPTIONS with the reason; such a file must still
 * be refused by `check`. Cross-file rules (unit ids from district.yaml, unique ids, dates in
 * order) are references, not schema: they are not part of this comparison.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../pipeline/load/yaml.js';
import type { z } from 'zod';
import { FontsConfigSchema, LedgerConfig, SlidesConfigSchema, ThemeConfigSchema } from '../../pipeline/model/config.js';
import { District, Meeting } from '../../pipeline/model/schema.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

const Ajv = AjvModule.default;
const ajv = new Ajv({ strict: false, allErrors: true });
const jsonSchema = (name: string) => ajv.compile(JSON.parse(readFileSync(join(PROJECT_ROOT, 'schema', name), 'utf8')) as object);
const KINDS = {
  meeting: { json: jsonSchema('meeting.schema.json'), zod: Meeting },
  district: { json: jsonSchema('district.schema.json'), zod: District },
};

/** Rules JSON Schema (draft-07, no format validation in the editor) cannot express. */
const EXCEPTIONS: { test: RegExp; why: string }[] = [
  { test: /not-leap-year|bad-date|date-not|impossible-date/, why: 'a date that does not exist (2023-02-30): a calendar, not a pattern' },
];

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(n)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

interface Case {
  name: string;
  kind: keyof typeof KINDS;
  data: unknown;
}

function corpus(): Case[] {
  const cases: Case[] = [];
  const add = (file: string) => {
    const kind = /district\.ya?ml$/.test(file) ? 'district' : /[/\\]meetings[/\\]/.test(file) ? 'meeting' : undefined;
    if (!kind) return;
    try {
      cases.push({ name: relative(PROJECT_ROOT, file), kind, data: parseYaml(file, readFileSync(file, 'utf8')).data });
    } catch {
      // not YAML a schema could see (syntax, encoding): the editor reports those itself
    }
  };
  for (const d of ['data', 'test/fixtures']) for (const f of yamlFiles(join(PROJECT_ROOT, d))) add(f);
  const base = readFileSync(join(PROJECT_ROOT, 'test/fixtures/valid-minimal/data/demo/meetings/2023-01-05-plenary.yaml'), 'utf8');
  const edits: [string, (t: string) => string][] = [
    ['blank label', (t) => t.replace(/^shortTitle: .*$/m, 'shortTitle: "   "')],
    ['tab in a label', (t) => t.replace(/^shortTitle: .*$/m, 'shortTitle: "区委\\t全会"')],
    ['line break in a label', (t) => t.replace(/^shortTitle: .*$/m, 'shortTitle: "区委\\n全会"')],
    ['trailing spaces in a label', (t) => t.replace(/^shortTitle: .*$/m, 'shortTitle: "区委一届二次全会   "')],
    ['leading spaces in a label', (t) => t.replace(/^shortTitle: .*$/m, 'shortTitle: "  区委一届二次全会"')],
    ['.inf', (t) => t.replace(/value: 674/, 'value: .inf')],
    ['-.inf', (t) => t.replace(/value: 674/, 'value: -.inf')],
    ['.nan', (t) => t.replace(/value: 674/, 'value: .nan')],
    ['1e308', (t) => t.replace(/value: 674/, 'value: 1e308')],
    ['1e12 (the largest figure)', (t) => t.replace(/value: 674/, 'value: 1e12')],
    ['a number in quotes', (t) => t.replace(/value: 674/, 'value: "674"')],
    ['七', (t) => t.replace(/value: 674/, 'value: 七')],
    ['unknown kind', (t) => t.replace(/^kind: plenary/m, 'kind: 全会')],
    ['unknown field', (t) => t.replace(/^title:/m, 'titel:')],
    ['control character', (t) => t.replace(/^shortTitle: .*$/m, 'shortTitle: "区委\\u0007全会"')],
    ['empty paragraph text', (t) => t.replace(/^lead: .*$/m, 'lead: " "')],
    ['id with a space', (t) => t.replace(/- id: gdp/, '- id: "gdp "')],
    ['date written 2023/01/05', (t) => t.replace(/^date: .*$/m, 'date: 2023/01/05')],
  ];
  for (const [name, edit] of edits) cases.push({ name: `edit: ${name}`, kind: 'meeting', data: parseYaml('edit.yaml', edit(base)).data });
  return cases;
}

describe('JSON Schema and check agree', () => {
  const cases = corpus();
  it('has a corpus of files of both kinds', () => {
    expect(cases.filter((c) => c.kind === 'meeting').length).toBeGreaterThan(80);
    expect(cases.filter((c) => c.kind === 'district').length).toBeGreaterThan(80);
  });
  it('accepts exactly what zod accepts (except what JSON Schema cannot express)', () => {
    const disagree: string[] = [];
    for (const c of cases) {
      const { json, zod } = KINDS[c.kind];
      const byJson = json(structuredClone(c.data)) as boolean;
      const byZod = zod.safeParse(c.data).success;
      if (byJson === byZod) continue;
      const exception = EXCEPTIONS.find((e) => e.test.test(c.name));
      if (exception && byJson && !byZod) continue;
      disagree.push(`${c.name}: JSON Schema ${byJson ? 'accepts' : 'refuses'}, check ${byZod ? 'accepts' : 'refuses'}${byJson ? '' : ` (${ajv.errorsText(json.errors)})`}`);
    }
    expect(disagree).toEqual([]);
  });
  it('refuses in the editor what the issue found passing there, and accepts what check accepts', () => {
    const verdict = (name: string) => {
      const c = cases.find((x) => x.name === `edit: ${name}`)!;
      return KINDS.meeting.json(structuredClone(c.data)) as boolean;
    };
    for (const refused of ['blank label', 'tab in a label', '.inf', '-.inf', '.nan', '1e308', 'control character', 'empty paragraph text', 'unknown kind', 'id with a space']) {
      expect(verdict(refused), refused).toBe(false);
    }
    for (const accepted of ['trailing spaces in a label', 'leading spaces in a label', '1e12 (the largest figure)']) expect(verdict(accepted), accepted).toBe(true);
  });
});

/**
 * The settings files (config/*.yaml): the committed JSON Schemas and the loader's zod schemas
 * agree over a corpus of good and bad files (test/fixtures/config/<kind>/good-*.yaml and
 * bad-*.yaml) and the project's own config/; every good file is accepted and every bad one
 * refused by both, so the corpus keeps both sides honest.
 */
describe('JSON Schema and the config loader agree', () => {
  const CONFIG: Record<string, z.ZodType> = { theme: ThemeConfigSchema, fonts: FontsConfigSchema, slides: SlidesConfigSchema, ledger: LedgerConfig };
  const cases: { name: string; kind: string; data: unknown; good?: boolean }[] = [];
  for (const kind of Object.keys(CONFIG)) {
    const dir = join(PROJECT_ROOT, 'test', 'fixtures', 'config', kind);
    for (const n of readdirSync(dir).sort()) {
      cases.push({ name: `${kind}/${n}`, kind, good: n.startsWith('good-'), data: parseYaml(n, readFileSync(join(dir, n), 'utf8'), { empty: {} }).data });
    }
    cases.push({ name: `config/${kind}.yaml`, kind, good: true, data: parseYaml(kind, readFileSync(join(PROJECT_ROOT, 'config', `${kind}.yaml`), 'utf8'), { empty: {} }).data });
  }

  it('has good and bad files of every kind', () => {
    for (const kind of Object.keys(CONFIG)) {
      expect(cases.filter((c) => c.kind === kind && c.good).length, kind).toBeGreaterThanOrEqual(2);
      expect(cases.filter((c) => c.kind === kind && !c.good).length, kind).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives every file the same verdict, the one its name says', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const json = jsonSchema(`${c.kind}.schema.json`);
      const byJson = json(structuredClone(c.data)) as boolean;
      const byZod = CONFIG[c.kind]!.safeParse(c.data).success;
      if (byJson !== c.good || byZod !== c.good) wrong.push(`${c.name}: JSON Schema ${byJson ? 'accepts' : 'refuses'}, check ${byZod ? 'accepts' : 'refuses'}${byJson ? '' : ` (${ajv.errorsText(json.errors)})`}`);
    }
    expect(wrong).toEqual([]);
  });
});
