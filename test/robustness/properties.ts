/**
 * The robustness properties, shared by test/robustness/properties.test.ts (a bounded run
 * in `make test`) and scripts/fuzz.ts (long runs in `make fuzz`).
 *
 *   JIANBAO_FUZZ_RUNS        cases per property (default 100; the costly ones run a fraction: see `share`)
 *   JIANBAO_FUZZ_SEED        replay a failure (fast-check prints the seed and path)
 *   JIANBAO_FUZZ_TIMEOUT_MS  CPU time allowed per hostile input: this many ms (default 2000) plus
 *                            20 ms per KB of input — linear parsing fits easily, a quadratic one
 *                            does not. CPU time, not wall-clock: a busy machine does not fail a case;
 *                            a case that never answers is ended as a hang (support/sandbox.ts).
 *   JIANBAO_FUZZ_FORMATS     formats the valid-data property renders (default: slides)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { renderMeeting } from '../../pipeline/build/meeting.js';
import { JianbaoError, formatProblem } from '../../pipeline/errors.js';
import { checkMeetingSource, type LoadedMeeting } from '../../pipeline/load/project.js';
import { decodeText, parseYaml } from '../../pipeline/load/yaml.js';
import { checkDistrict } from '../../pipeline/model/references.js';
import { District, Meeting } from '../../pipeline/model/schema.js';
import { validate } from '../../pipeline/model/validate.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { loadTemplates, type TemplateSet } from '../../pipeline/render/template.js';
import { aliasFlood, districtAndMeeting, mutate, mutations, repetition, toYaml, tokenSoup, yamlStyle } from './arbitraries.js';
import { FUZZ_FILE, problemContractViolations, type LoadKind, type LoadSandbox } from './support.js';

export interface FuzzConfig {
  runs: number;
  seed?: number;
  timeoutMs: number;
  formats: string[];
}

export function fuzzConfig(env: NodeJS.ProcessEnv = process.env): FuzzConfig {
  const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d);
  return {
    runs: int(env.JIANBAO_FUZZ_RUNS, 100),
    seed: env.JIANBAO_FUZZ_SEED ? Number(env.JIANBAO_FUZZ_SEED) : undefined,
    timeoutMs: int(env.JIANBAO_FUZZ_TIMEOUT_MS, 2000),
    formats: (env.JIANBAO_FUZZ_FORMATS ?? 'slides').split(',').filter(Boolean),
  };
}

const fixtureMeeting = join(PROJECT_ROOT, 'test', 'fixtures', 'valid-minimal', 'data', 'demo', 'meetings', '2023-01-05-plenary.yaml');
const sampleMeetings = [fixtureMeeting, join(PROJECT_ROOT, 'data', 'guancheng', 'meetings', '2022-12-28-plenary.yaml')];

/** Valid files to mutate: the test fixture and a real sample meeting. */
export function validTexts(): string[] {
  return sampleMeetings.map((f) => readFileSync(f, 'utf8'));
}

export interface HostileInput {
  name: string;
  /** Fraction of JIANBAO_FUZZ_RUNS this family runs (large inputs are slow to parse). */
  share: number;
  arbitrary: fc.Arbitrary<HostileCase>;
  /** Inputs run first on every run (a once-failing case stays covered). */
  examples?: HostileCase[];
}

export type HostileCase = { kind: LoadKind; bytes: Uint8Array; text: string };

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const asMeeting = (text: string) => ({ kind: 'meeting' as const, bytes: enc(text), text });

/** The families of hostile input, each a property of its own. */
export function hostileInputs(): HostileInput[] {
  const texts = validTexts();
  return [
    {
      name: 'random bytes',
      share: 1,
      arbitrary: fc
        .tuple(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom<LoadKind>('meeting', 'district'))
        .map(([bytes, kind]) => ({ kind, bytes, text: new TextDecoder().decode(bytes) })),
    },
    { name: 'random Unicode text', share: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2000 }).map(asMeeting) },
    { name: 'YAML token soup', share: 1, arbitrary: tokenSoup.map(asMeeting) },
    {
      name: 'long repetitions',
      share: 0.1,
      arbitrary: repetition.map(asMeeting),
      // 87 KB of folded block scalars: 45,000 parser complaints, each an Error with a stack,
      // parsed again by each of 10 recovery rounds — over twice its CPU budget (pipeline/load/yaml-recover.ts)
      examples: [asMeeting('>\n  x\n'.repeat(15_000))],
    },
    { name: 'many anchors and aliases', share: 0.1, arbitrary: aliasFlood.map(asMeeting) },
    {
      name: 'mutated valid meetings',
      share: 1,
      arbitrary: fc.tuple(fc.constantFrom(...texts), mutations).map(([t, m]) => asMeeting(mutate(t, m))),
    },
  ];
}

/**
 * Any bytes given as a data file: either they load, or the loader throws a JianbaoError
 * whose problems are all located in that file — never another exception, never a hang.
 */
export function hostileProperty(sandbox: LoadSandbox, input: HostileInput, cfg: FuzzConfig) {
  return fc.asyncProperty(input.arbitrary, async ({ kind, bytes, text }) => {
    const budget = cpuBudget(cfg, bytes.length);
    const r = await sandbox.load(kind, bytes, budget);
    if (r.outcome === 'timeout') throw new Error(`no answer after ${Math.round(r.ms)} ms for ${bytes.length} bytes (a hang)`);
    if (r.outcome === 'crash') throw new Error(`not a JianbaoError: ${r.error}`);
    if (r.cpuMs > budget) throw new Error(`${Math.round(r.cpuMs)} ms of CPU time for ${bytes.length} bytes, more than ${budget} (worse than linear time?)`);
    if (r.outcome === 'problems') {
      if (r.errorKind !== 'data') throw new Error(`a JianbaoError of kind ${r.errorKind}, expected "data"`);
      const file = kind === 'meeting' ? FUZZ_FILE : 'data/demo/district.yaml';
      const bad = problemContractViolations(r.problems, file, text.replace(/^\uFEFF/, ''));
      if (bad.length) throw new Error(`${bad.join('\n')}\nreport:\n${r.problems.map(formatProblem).join('\n')}`);
    }
  });
}

/** The CPU time one hostile input may take: fixed part + 20 ms per KB. */
export function cpuBudget(cfg: FuzzConfig, bytes: number): number {
  return cfg.timeoutMs + Math.ceil(bytes / 1024) * 20;
}

let templates: TemplateSet | undefined;

/**
 * Any valid district + meeting, written as YAML in any style: it loads (to exactly what
 * zod makes of the same data), derives, and renders every requested format.
 */
export function validDataProperty(cfg: FuzzConfig) {
  templates ??= loadTemplates(join(PROJECT_ROOT, 'templates'));
  const t = templates;
  return fc.asyncProperty(districtAndMeeting, yamlStyle, yamlStyle, async ({ districtId, district, meeting }, dStyle, mStyle) => {
    // the generators follow the schema: zod itself must agree before YAML is involved
    const expectedDistrict = District.parse(district);
    const expectedMeeting = Meeting.parse(meeting);

    const dFile = `data/${districtId}/district.yaml`;
    const mFile = `data/${districtId}/meetings/2023-01-05-plenary.yaml`;
    const dText = toYaml(district, dStyle);
    const mText = toYaml(meeting, mStyle);
    let loaded: LoadedMeeting;
    try {
      const districtSource = parseYaml(dFile, decodeText(dFile, enc(dText)));
      const d = validate(districtSource, District);
      const dProblems = checkDistrict(districtSource, d, districtId);
      if (dProblems.length) throw new JianbaoError('data', dProblems);
      const source = parseYaml(mFile, decodeText(mFile, enc(mText)));
      const { meeting: m } = checkMeetingSource(source, d);
      if (!isDeepStrictEqual(d, expectedDistrict)) throw new Error('the district read back from YAML differs from the data written');
      if (!isDeepStrictEqual(m, expectedMeeting)) throw new Error(`the meeting read back from YAML differs from the data written:\n${diff(m, expectedMeeting)}`);
      loaded = { key: `${districtId}/2023-01-05-plenary`, id: '2023-01-05-plenary', districtId, file: mFile, district: d, meeting: m, source, districtSource };
    } catch (err) {
      if (err instanceof JianbaoError) throw new Error(`valid data was rejected:\n${err.message}\n--- district.yaml\n${dText}\n--- meeting\n${mText}`);
      throw err;
    }
    const files = renderedFiles(await renderMeeting(loaded, t, cfg.formats));
    // a format may write nothing for a meeting (no tasks: no ledger); what it writes is whole
    for (const f of files) {
      const size = typeof f.file.data === 'string' ? f.file.data.length : f.file.data.byteLength;
      if (size === 0) throw new Error(`${f.file.name} is empty`);
    }
  });
}

type RenderedFile = { format: string; file: { name: string; data: Uint8Array | string } };

/** renderMeeting returns its files (an array, or `{ files }` since the checks were added). */
function renderedFiles(r: unknown): RenderedFile[] {
  return (Array.isArray(r) ? r : (r as { files: RenderedFile[] }).files) as RenderedFile[];
}

function diff(a: unknown, b: unknown, path = ''): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].map((k) => diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`)).filter(Boolean).join('\n');
  }
  return `${path}: read ${JSON.stringify(a)}, wrote ${JSON.stringify(b)}`;
}

/** Runs of a property: its share of JIANBAO_FUZZ_RUNS, at least 10. */
export function runsFor(cfg: FuzzConfig, share: number): number {
  return Math.max(10, Math.ceil(cfg.runs * share));
}

/** The valid-data property renders every case: a quarter of the runs. */
export const VALID_SHARE = 0.25;

export function assertParams(cfg: FuzzConfig, runs: number): fc.Parameters<unknown> {
  return { numRuns: runs, ...(cfg.seed !== undefined ? { seed: cfg.seed } : {}), endOnFailure: false };
}

/** The parameters of a hostile-input property: its runs, and its examples first. */
export function hostileParams(cfg: FuzzConfig, input: HostileInput): fc.Parameters<[HostileCase]> {
  return { ...(assertParams(cfg, runsFor(cfg, input.share)) as fc.Parameters<[HostileCase]>), ...(input.examples ? { examples: input.examples.map((e) => [e] as [HostileCase]) } : {}) };
}
