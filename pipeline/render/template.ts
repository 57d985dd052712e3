/**
 * The Handlebars environment: helpers, partials, and per-district overrides.
 *
 *   templates/default/<name>.hbs              the defaults
 *   templates/default/partials/<p>.hbs        partials, used as {{> p}} (sub-folders allowed: {{> briefing/review}})
 *   templates/<district-id>/…                 the same relative paths override the defaults for one district
 *
 * Templates are compiled once per process (strict, noEscape, knownHelpersOnly) and
 * rendered against the escaped view model (see doc/escape.ts).
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { stringify } from 'yaml';
import { JianbaoError } from '../errors.js';
import type { ChartSpec } from '../core/chart.js';
import { unescapeInline } from './doc/escape.js';
import { cnDate, cnList, cnNumber, headingNumber, money, num, qty, targetText, type TargetLike } from '../core/format.js';
import { msg } from '../messages/index.js';

type HelperFn = (...args: unknown[]) => unknown;

/** Every helper a template may call; knownHelpersOnly makes a misspelt helper a compile error. */
export const HELPERS: Record<string, HelperFn> = {
  num: (v) => (typeof v === 'number' ? num(v) : ''),
  qty: (v, unit) => (typeof v === 'number' ? qty(v, typeof unit === 'string' ? unit : '') : ''),
  money: (v, unit) => (typeof v === 'number' && typeof unit === 'string' ? money(v, unit) : ''),
  cnDate: (iso) => (typeof iso === 'string' ? cnDate(iso) : ''),
  cnNumber: (n) => (typeof n === 'number' ? cnNumber(n) : ''),
  /** {{h1 @index}} → 一、 (index is 0-based as Handlebars gives it) */
  h1: (i) => headingNumber(1, Number(i) + 1),
  h2: (i) => headingNumber(2, Number(i) + 1),
  h3: (i) => headingNumber(3, Number(i) + 1),
  h4: (i) => headingNumber(4, Number(i) + 1),
  inc: (i) => Number(i) + 1,
  target: (t) => (t && typeof t === 'object' ? targetText(t as TargetLike) : ''),
  join: (list, sepArg) => (Array.isArray(list) ? list.join(typeof sepArg === 'string' ? sepArg : '、') : ''),
  cnList: (list) => (Array.isArray(list) ? cnList(list as string[]) : ''),
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => Number(a) > Number(b),
  /** A list of `count` items goes to an 附件 when longer than `threshold`, unless the meeting's briefing.annex says otherwise. */
  annex: (count, threshold, options) => {
    const o = (options as { data?: { root?: { meeting?: { briefing?: { annex?: unknown } } } } } | undefined)?.data?.root?.meeting?.briefing?.annex;
    return typeof o === 'boolean' ? o : Number(count) > Number(threshold);
  },
  and: (...args) => args.slice(0, -1).every(Boolean),
  or: (...args) => args.slice(0, -1).some(Boolean),
  not: (a) => !a,
  /** {{sentence text}} → the text on one line, ending with a full stop (reported words end as they like) */
  sentence: (v) => {
    if (typeof v !== 'string' || v.trim() === '') return '';
    const t = v.replace(/\s*\n\s*/g, '').trim();
    return /[。！？；.!?;]$/.test(t) ? t.replace(/[.;]$/, '。') : `${t}。`;
  },
  /** {{fixed2 64.5}} → 64.50 (a figure as offices print 完成率 and 个百分点) */
  fixed2: (v) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(2) : ''),
  /** {{pct 0.452}} → 45.2% (a fraction as a percentage, one decimal) */
  pct: (v) => (typeof v === 'number' && Number.isFinite(v) ? `${num(v * 100, 1)}%` : ''),
  /** {{#each (where rows "status" "red")}} → the items whose field equals the value */
  where: (list, field, value) => (Array.isArray(list) ? list.filter((x) => x && typeof x === 'object' && (x as Record<string, unknown>)[String(field)] === value) : []),
  len: (list) => (Array.isArray(list) ? list.length : 0),
  /** {{#each (chunks tasks 6)}} → the list cut evenly into groups of at most 6 (7 → 4 + 3, never 6 + 1) */
  chunks: (list, size) => {
    if (!Array.isArray(list)) return [];
    const max = Math.max(1, Number(size) || 6);
    const groups = Math.ceil(list.length / max);
    const out: unknown[][] = [];
    for (let g = 0, start = 0; g < groups; g++) {
      const len = Math.ceil((list.length - start) / (groups - g));
      out.push(list.slice(start, start + len));
      start += len;
    }
    return out;
  },
  /** {{chart charts.review}} → a `::: chart` block, or nothing when the spec is absent */
  chart: (spec) => (spec && typeof spec === 'object' ? chartBlock(spec as ChartSpec) : ''),
};

function chartBlock(spec: ChartSpec): string {
  // The view model is escaped for inline Markdown; a chart body is YAML, so undo that.
  const plain = JSON.parse(JSON.stringify(spec), (_k, v: unknown) => (typeof v === 'string' ? unescapeInline(v) : v)) as ChartSpec;
  return `::: chart ${plain.type}\n${stringify(plain, { lineWidth: 0 }).trimEnd()}\n:::`;
}

export interface TemplateSet {
  /** Render the named template (e.g. "briefing.md") for a district with the given context. */
  render(name: string, district: string, context: unknown): string;
  /** Absolute paths of every template file of a district's environment (defaults + overrides). */
  files(district: string): string[];
  /**
   * The template files a district's render of `name` uses: the template and every partial it
   * includes, transitively, read from the parsed templates (partial statements), after the
   * district's overrides. Sorted by `rel`. A partial chosen at run time (`{{> (lookup …)}}`)
   * counts as every partial; an included partial that does not exist is left out (rendering
   * then fails). Incremental builds hash exactly these files (build/inputs.ts).
   */
  inputs(name: string, district: string): TemplateInput[];
}

/** One template file a render uses. */
export interface TemplateInput {
  /** Path inside a layer folder, `/`-separated: `briefing.md.hbs`, `partials/slides/chart.hbs`. */
  rel: string;
  /** The file that serves it for the district (its override, or the default). */
  file: string;
}

/** One district's environment: its helpers, its partials, its templates (defaults + overrides). */
interface Layer {
  /** template name → file */
  templates: Map<string, string>;
  /** relative path (`partials/slides/chart.hbs`) → file */
  sources: Map<string, string>;
  files: string[];
  /** The compiled template of a file, compiled on first use. */
  compile(file: string): HandlebarsTemplateDelegate;
}

/**
 * Precompiled template specs by file, shared by every district's environment in this
 * process: each file is compiled once, and only when a render first needs it.
 */
const SPECS = new Map<string, { text: string; spec: TemplateSpecification }>();

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

function specFor(file: string): TemplateSpecification {
  const text = readFileSync(file, 'utf8');
  const cached = SPECS.get(file);
  if (cached && cached.text === text) return cached.spec;
  let spec: TemplateSpecification;
  try {
    const source = Handlebars.precompile(text, { strict: true, noEscape: true, knownHelpersOnly: true, knownHelpers: knownHelpers() });
    spec = new Function(`return ${String(source)}`)() as TemplateSpecification;
  } catch (cause) {
    throw templateError(file, cause);
  }
  SPECS.set(file, { text, spec });
  return spec;
}

export function loadTemplates(root: string): TemplateSet {
  if (!existsSync(join(root, 'default'))) {
    throw new JianbaoError('config', [{ location: { kind: 'file', file: root }, message: msg('template.folder') }]);
  }
  const perDistrict = new Map<string, Layer>();

  const layer = (district: string): Layer => {
    let cached = perDistrict.get(district);
    if (cached) return cached;
    const hb = Handlebars.create();
    for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
    const sources = new Map<string, string>(); // relative path → absolute file
    for (const dir of ['default', district]) {
      const base = join(root, dir);
      if (!isSafeDistrictDir(dir) || !existsSync(base)) continue;
      for (const file of walk(base)) sources.set(relative(base, file).split(sep).join('/'), file);
    }
    const compiled = new Map<string, HandlebarsTemplateDelegate>();
    const compile = (file: string) => {
      let fn = compiled.get(file);
      if (!fn) {
        fn = guarded(hb.template(specFor(file)), file);
        compiled.set(file, fn);
      }
      return fn;
    };
    const templates = new Map<string, string>();
    for (const [rel, file] of sources) {
      const name = rel.replace(/\.hbs$/, '');
      // Partials compile on first use (a briefing never compiles the slide partials).
      if (rel.startsWith('partials/')) hb.registerPartial(name.slice('partials/'.length), ((ctx: unknown, opts?: Handlebars.RuntimeOptions) => compile(file)(ctx, opts)) as Handlebars.Template);
      else templates.set(name, file);
    }
    cached = { templates, sources, files: [...sources.values()].sort(), compile };
    perDistrict.set(district, cached);
    return cached;
  };

  return {
    render(name, district, context) {
      const l = layer(district);
      const file = l.templates.get(name);
      if (!file) {
        throw new JianbaoError('template', [
          { location: { kind: 'file', file: join(root, 'default', `${name}.hbs`) }, message: msg('template.named', { name, list: [...l.templates.keys()].join(', ') || msg('template.none') }) },
        ]);
      }
      return l.compile(file)(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    },
    files(district) {
      return layer(district).files;
    },
    inputs(name, district) {
      const l = layer(district);
      const used = new Map<string, string>();
      const visit = (rel: string) => {
        const file = l.sources.get(rel);
        if (!file || used.has(rel)) return;
        used.set(rel, file);
        const refs = partialsOf(file);
        const names = refs === 'dynamic' ? [...l.sources.keys()].filter((r) => r.startsWith('partials/')).map((r) => r.slice('partials/'.length, -'.hbs'.length)) : refs;
        for (const p of names) visit(`partials/${p}.hbs`);
      };
      visit(`${name}.hbs`);
      return [...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([rel, file]) => ({ rel, file }));
    },
  };
}

/** The partials a template file includes (by name), or 'dynamic' when one is chosen at run time; cached by file text. */
const PARTIAL_REFS = new Map<string, { text: string; refs: string[] | 'dynamic' }>();

function partialsOf(file: string): string[] | 'dynamic' {
  const text = readFileSync(file, 'utf8');
  const cached = PARTIAL_REFS.get(file);
  if (cached && cached.text === text) return cached.refs;
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(text);
  } catch (cause) {
    throw templateError(file, cause);
  }
  const refs = new Set<string>();
  const inline = new Set<string>();
  let dynamic = false;
  const walkNode = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) walkNode(n);
      return;
    }
    const n = node as { type?: string; name?: hbs.AST.PathExpression | hbs.AST.SubExpression | hbs.AST.Literal; path?: hbs.AST.PathExpression; params?: unknown[] };
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      const named = n.name;
      if (named?.type === 'PathExpression') {
        const original = (named as hbs.AST.PathExpression).original;
        if (!original.startsWith('@')) refs.add(original); // {{> @partial-block}} is the caller's block
      } else if (named && 'value' in named) refs.add(String(named.value));
      else dynamic = true;
    }
    if (n.type === 'DecoratorBlock' && n.path?.original === 'inline') {
      const first = n.params?.[0] as { value?: unknown } | undefined;
      if (first?.value !== undefined) inline.add(String(first.value));
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') walkNode(v);
  };
  walkNode(ast);
  const result = dynamic ? 'dynamic' : [...refs].filter((r) => !inline.has(r)).sort();
  PARTIAL_REFS.set(file, { text, refs: result });
  return result;
}

/** Wrap a compiled template so any runtime error names its file. */
function guarded(fn: HandlebarsTemplateDelegate, file: string): HandlebarsTemplateDelegate {
  return (ctx: unknown, opts?: Handlebars.RuntimeOptions) => {
    try {
      return fn(ctx, opts);
    } catch (cause) {
      throw templateError(file, cause);
    }
  };
}

function knownHelpers(): Record<string, boolean> {
  return Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true]));
}

/** Handlebars says `"targt" not defined in [object Object] - 3:6`: add the file and make it readable. */
function templateError(file: string, cause: unknown): JianbaoError {
  if (cause instanceof JianbaoError) return cause;
  const text = cause instanceof Error ? cause.message : String(cause);
  const pos = /- (\d+):(\d+)\s*$/.exec(text) ?? /on line (\d+)/.exec(text);
  const line = pos ? Number(pos[1]) : undefined;
  const col = pos && pos[2] !== undefined ? Number(pos[2]) + 1 : undefined;
  const first = text.replace(/\s*- \d+:\d+\s*$/, '').split('\n')[0]!;
  const undef = /^"([^"]+)" not defined in/.exec(first);
  const missingPartial = /The partial (\S+) could not be found/.exec(first);
  const message = undef
    ? msg('template.undefinedField', { name: undef[1]! })
    : missingPartial
      ? msg('template.missingPartial', { name: missingPartial[1]! })
      : msg('template.failed', { detail: first });
  return new JianbaoError('template', [{ location: { kind: 'file', file, line, col }, message }], { cause });
}

/** Template files under a folder; symbolic links are skipped so nothing outside templates/ is read. */
function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) yield* walk(p);
    else if (entry.endsWith('.hbs')) yield p;
  }
}

function isSafeDistrictDir(dir: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(dir);
}
