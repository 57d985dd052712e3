/**
 * Build one meeting: load → derive → render the formats that are out of date → write.
 * Runs in the main thread (serial builds, tests) or in a worker (parallel builds); the
 * result is plain data either way.
 */
import { join, relative } from 'node:path';
import { JianbaoError, type Problem, type ErrorKind } from '../errors.js';
import { msg } from '../messages/index.js';
import { projectConfig } from '../load/config.js';
import { projectFonts } from '../load/fonts.js';
import type { ResolvedFonts } from '../model/config.js';
import { loadEntry, type DistrictCache, type LoadedMeeting, type MeetingEntry } from '../load/project.js';
import { deriveMeeting } from '../model/derive.js';
import type { MeetingView } from '../core/view.js';
import { includeYearEnd, withProgressChecked } from '../load/progress.js';
import { withYearEnd } from '../model/progress.js';
import { PROJECT_ROOT } from '../paths.js';
import { templateDoc, type TemplateDoc } from '../render/doc/index.js';
import { formatsFor, rendererFor } from '../render/formats.js';
import type { OutputFile, RenderContext } from '../render/registry.js';
import { loadTemplates, type TemplateSet } from '../render/template.js';
import { removeFile, writeFileAtomic } from '../write.js';
import { readStamp, STAMP_FILE, type Stamp } from './inputs.js';
import { writeSummary } from './summarize.js';

export interface MeetingTask {
  entry: MeetingEntry;
  /** The data folder (progress files live under it). */
  dataDir: string;
  /** format → input hash and the template files its render uses (inside a layer folder), for the formats to (re)build. */
  formats: Record<string, { inputs: string; templates: string[] }>;
  outDir: string;
  templatesDir: string;
  cwd: string;
  /** Run the renderers' output checks (PDF preflight). */
  check: boolean;
  /** Reporting month for ledgers and progress reports. */
  period?: string;
}

export interface ArtifactInfo {
  key: string;
  format: string;
  path: string;
  bytes: number;
  ms: number;
}

/** A JianbaoError as plain data (it crosses the worker boundary). */
export interface FailureInfo {
  kind: ErrorKind;
  problems: Problem[];
  stack?: string;
}

export interface MeetingResult {
  key: string;
  artifacts: ArtifactInfo[];
  /** Problems found in the outputs after rendering (preflight); the files were written. */
  checks: Problem[];
  failure?: FailureInfo;
  ms: number;
}

/** Per-process state: parsed templates and district profiles are reused across meetings. */
export interface BuilderState {
  templates: Map<string, TemplateSet>;
  districts: DistrictCache;
}

export function newBuilderState(): BuilderState {
  return { templates: new Map(), districts: new Map() };
}

export async function buildMeeting(task: MeetingTask, state: BuilderState): Promise<MeetingResult> {
  const t0 = performance.now();
  const key = task.entry.key;
  try {
    const m = loadEntry(task.entry, state.districts, task.cwd);
    let templates = state.templates.get(task.templatesDir);
    if (!templates) {
      templates = loadTemplates(task.templatesDir);
      state.templates.set(task.templatesDir, templates);
    }
    const { files, checks, view } = await renderMeeting(m, templates, Object.keys(task.formats), task.dataDir, { check: task.check, period: task.period });
    const dir = join(task.outDir, m.districtId, m.id);
    const stamp: Stamp = readStamp(dir);
    const artifacts: ArtifactInfo[] = [];
    for (const f of files) {
      const path = join(dir, f.file.name);
      writeFileAtomic(path, f.file.data);
      artifacts.push({ key, format: f.format, path: relative(task.cwd, path), bytes: byteLength(f.file.data), ms: f.ms });
    }
    for (const [format, { inputs, templates: used }] of Object.entries(task.formats)) {
      const now = files.filter((f) => f.format === format).map((f) => f.file.name);
      // An output whose inputs are gone (a progress.pdf once no progress is left, the
      // ledger of a unit that no longer has rows) is removed, not left to mislead.
      for (const old of stamp.formats[format]?.files ?? []) {
        if (!now.includes(old) && /^[\w.-]+$/.test(old) && !old.startsWith('.')) removeFile(join(dir, old));
      }
      stamp.formats[format] = used.length ? { inputs, files: now, templates: used } : { inputs, files: now };
    }
    // the summary the later steps read (index, distribute): after the outputs, before the stamp
    writeSummary({ dir, view, files, formats: Object.fromEntries(Object.entries(task.formats).map(([f, t]) => [f, t.inputs])), checks });
    writeFileAtomic(join(dir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
    const shown = (name: string) => relative(task.cwd, join(dir, name));
    const located = checks.map((p) => (p.location.kind === 'file' && !/[\\/]/.test(p.location.file) ? { ...p, location: { ...p.location, file: shown(p.location.file) } } : p));
    return { key, artifacts, checks: located, ms: performance.now() - t0 };
  } catch (err) {
    return { key, artifacts: [], checks: [], failure: toFailure(err, relative(task.cwd, task.entry.file)), ms: performance.now() - t0 };
  }
}

/** Render the requested formats of one meeting in memory; nothing is written until all succeed. */
export interface RenderedMeeting {
  files: { format: string; file: OutputFile; ms: number }[];
  checks: Problem[];
  /** The view the files were rendered from (with progress). */
  view: MeetingView;
}

/** Render the requested formats of one meeting in memory; nothing is written until all succeed. */
export async function renderMeeting(
  m: LoadedMeeting,
  templates: TemplateSet,
  formats?: string[],
  dataDir?: string,
  opts: { check?: boolean; period?: string } = {},
): Promise<RenderedMeeting> {
  const derived = deriveMeeting(m.district, m.id, m.meeting);
  if (opts.period && Number(opts.period.slice(0, 4)) !== derived.planYear) {
    throw new JianbaoError('usage', [
      {
        location: { kind: 'file', file: m.file },
        field: '--period',
        message: msg('output.periodOutsidePlanYear', { year: derived.planYear, rule: derived.planYearRule }),
        found: opts.period,
      },
    ]);
  }
  const checks: Problem[] = [];
  // Ingested ledger returns (data/<district>/progress/<meeting>/*.yaml) join the view here.
  let view: MeetingView = derived;
  if (dataDir) {
    const got = withProgressChecked(derived, { dataDir, root: PROJECT_ROOT, period: opts.period });
    view = got.view;
    checks.push(...got.warnings);
    // Another meeting's year-end results (yearEnd: { meeting: … }), read through the same loaders.
    const included = includeYearEnd(m, { dataDir, root: PROJECT_ROOT });
    if (included.problems.length) throw new JianbaoError('data', included.problems);
    if (included.yearEnd) view = withYearEnd(view, included.yearEnd);
  }
  const ctx = renderContext(view, templates);
  const files: RenderedMeeting['files'] = [];
  for (const info of formatsFor(formats)) {
    const r = await rendererFor(info);
    const t = performance.now();
    const out = await r.render(ctx);
    const ms = (performance.now() - t) / Math.max(1, out.length);
    for (const file of out) {
      if (!/^[\w.-]+$/.test(file.name) || file.name.startsWith('.')) throw new Error(`renderer ${r.format} returned an unsafe file name ${JSON.stringify(file.name)}`);
      files.push({ format: r.format, file, ms });
      if (opts.check && r.check) checks.push(...(await r.check(file, ctx)));
    }
  }
  return { files, checks, view };
}

/**
 * What a renderer gets: the view, the documents of the district's templates, the settings of
 * config/*.yaml (each file read when first asked for) and the fonts — resolved here, by the
 * build, when a renderer first asks (a slides-only build scans no font folder); the bytes of
 * a font file are read when a document first uses that face.
 */
export function renderContext(view: MeetingView, templates: TemplateSet, root = PROJECT_ROOT): RenderContext {
  const docs = new Map<string, TemplateDoc>();
  const config = projectConfig(root);
  let fonts: ResolvedFonts | undefined;
  return {
    view,
    config,
    get fonts() {
      return (fonts ??= projectFonts(root));
    },
    doc(name) {
      let cached = docs.get(name);
      if (!cached) {
        cached = templateDoc(templates, name, view.districtId, view);
        docs.set(name, cached);
      }
      return cached;
    },
  };
}

export function toFailure(err: unknown, file: string): FailureInfo {
  if (err instanceof JianbaoError) {
    const cause = err.cause instanceof Error ? err.cause.stack : undefined;
    return { kind: err.kind, problems: err.problems, stack: cause };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    kind: 'render',
    problems: [{ location: { kind: 'file', file }, message: msg('output.couldNotRender', { detail: message }) }],
    stack: err instanceof Error ? err.stack : undefined,
  };
}

export function fromFailure(f: FailureInfo): JianbaoError {
  const e = new JianbaoError(f.kind, f.problems);
  if (f.stack) Object.defineProperty(e, 'causeStack', { value: f.stack });
  return e;
}

function byteLength(d: Uint8Array | string): number {
  return typeof d === 'string' ? Buffer.byteLength(d) : d.byteLength;
}
