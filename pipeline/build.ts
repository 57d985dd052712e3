/**
 * build: load → validate → derive → render(formats) → write.
 *
 * Returns what it did instead of printing: the CLI reports. One meeting that fails (bad
 * data, a template error) is recorded and the others still build; a failed meeting's
 * earlier outputs stay as they were, because every file is written atomically and only
 * after all of that meeting's outputs rendered.
 */
import { relative, join } from 'node:path';
import { JianbaoError } from './errors.js';
import { loadProject, type LoadedMeeting } from './load/project.js';
import { deriveMeeting, type MeetingView } from './model/derive.js';
import { PROJECT_ROOT } from './paths.js';
import { escapeDeep } from './render/doc/escape.js';
import { DocSyntaxError, parseDoc } from './render/doc/parse.js';
import { renderersFor } from './render/formats.js';
import type { OutputFile, RenderContext } from './render/registry.js';
import { loadTemplates, type TemplateSet } from './render/template.js';
import { writeFileAtomic } from './write.js';

export interface BuildOptions {
  dataDir: string;
  outDir: string;
  templatesDir?: string;
  /** "district" or "district/meeting" filters. */
  only?: string[];
  /** Output formats to build (default: all). */
  formats?: string[];
  /** Validate only; render nothing. */
  checkOnly?: boolean;
  cwd?: string;
}

export interface Artifact {
  key: string;
  format: string;
  path: string;
  bytes: number;
  ms: number;
}

export interface Failure {
  key: string;
  error: JianbaoError;
}

export interface BuildEvent {
  kind: 'start' | 'done' | 'failed';
  key: string;
  index: number;
  total: number;
  ms?: number;
}

export interface BuildResult {
  meetings: number;
  built: string[];
  artifacts: Artifact[];
  failures: Failure[];
  ms: number;
}

export async function build(opts: BuildOptions, onEvent: (e: BuildEvent) => void = () => {}): Promise<BuildResult> {
  const t0 = performance.now();
  const cwd = opts.cwd ?? process.cwd();
  const loaded = loadProject(opts.dataDir, { only: opts.only, cwd });
  const failures: Failure[] = loaded.failures.map((f) => ({ key: f.key, error: f.error }));
  const result: BuildResult = { meetings: loaded.meetings.length + loaded.failures.length, built: [], artifacts: [], failures, ms: 0 };
  if (opts.only?.length && loaded.meetings.length === 0 && loaded.failures.length === 0) {
    throw new JianbaoError('usage', [{ location: { kind: 'file', file: relative(cwd, opts.dataDir) || '.' }, message: `expected --only to name a district or district/meeting in the data folder, found ${opts.only.join(', ')}` }]);
  }
  if (opts.checkOnly) {
    result.ms = performance.now() - t0;
    return result;
  }
  const templates = loadTemplates(opts.templatesDir ?? join(PROJECT_ROOT, 'templates'));
  const renderers = renderersFor(opts.formats);
  const total = loaded.meetings.length;
  for (const [index, m] of loaded.meetings.entries()) {
    onEvent({ kind: 'start', key: m.key, index, total });
    const t1 = performance.now();
    try {
      const files = await renderMeeting(m, templates, renderers.map((r) => r.format));
      const dir = join(opts.outDir, m.districtId, m.id);
      for (const f of files) {
        const path = join(dir, f.file.name);
        writeFileAtomic(path, f.file.data);
        result.artifacts.push({ key: m.key, format: f.format, path: relative(cwd, path), bytes: byteLength(f.file.data), ms: f.ms });
      }
      result.built.push(m.key);
      onEvent({ kind: 'done', key: m.key, index, total, ms: performance.now() - t1 });
    } catch (err) {
      failures.push({ key: m.key, error: asBuildError(err, m.file) });
      onEvent({ kind: 'failed', key: m.key, index, total, ms: performance.now() - t1 });
    }
  }
  result.ms = performance.now() - t0;
  return result;
}

/** Render every requested format of one meeting in memory; nothing is written until all succeed. */
export async function renderMeeting(
  m: LoadedMeeting,
  templates: TemplateSet,
  formats?: string[],
): Promise<{ format: string; file: OutputFile; ms: number }[]> {
  const view = deriveMeeting(m.district, m.id, m.meeting);
  const ctx = renderContext(view, templates);
  const out: { format: string; file: OutputFile; ms: number }[] = [];
  for (const r of renderersFor(formats)) {
    const t = performance.now();
    const files = await r.render(ctx);
    const ms = (performance.now() - t) / Math.max(1, files.length);
    for (const file of files) {
      if (!/^[\w.-]+$/.test(file.name) || file.name.startsWith('.')) throw new Error(`renderer ${r.format} returned an unsafe file name ${JSON.stringify(file.name)}`);
      out.push({ format: r.format, file, ms });
    }
  }
  return out;
}

export function renderContext(view: MeetingView, templates: TemplateSet): RenderContext {
  const escaped = escapeDeep(view);
  const docs = new Map<string, { text: string; doc: ReturnType<typeof parseDoc> }>();
  return {
    view,
    assets: { root: PROJECT_ROOT },
    doc(name) {
      let cached = docs.get(name);
      if (!cached) {
        const text = templates.render(name, view.districtId, escaped);
        try {
          cached = { text, doc: parseDoc(text) };
        } catch (err) {
          if (err instanceof DocSyntaxError) {
            throw new JianbaoError('template', [
              { location: { kind: 'file', file: `templates/…/${name}.hbs` }, message: `the rendered text is not valid at its line ${err.line}: ${err.message}` },
            ]);
          }
          throw err;
        }
        docs.set(name, cached);
      }
      return cached;
    },
  };
}

function asBuildError(err: unknown, file: string): JianbaoError {
  if (err instanceof JianbaoError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new JianbaoError('render', [{ location: { kind: 'file', file }, message: `could not render: ${message}` }], { cause: err });
}

function byteLength(d: Uint8Array | string): number {
  return typeof d === 'string' ? Buffer.byteLength(d) : d.byteLength;
}
