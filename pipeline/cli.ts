/**
 * The command line. The ONLY module that prints or decides an exit code.
 *
 *   jianbao build  [--data DIR] [--out DIR] [--only district[/meeting]|file]… [--format f]… [--force] [--jobs N] [--shard i/n]
 *   jianbao check  [--data DIR] [--only …]
 *   jianbao watch  [same options as build]
 *   global: --lang zh|en, --debug
 *
 * Every word printed comes from the message catalogue (messages/), Chinese by default.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Command, CommanderError, Help, InvalidArgumentError, Option } from 'commander';
import { build, type BuildEvent, type BuildOptions, type BuildResult } from './build/index.js';
import { EXIT, JianbaoError, formatProblem } from './errors.js';
import { joinList, msg, parseLang, setLang } from './messages/index.js';
import { closest } from './core/closest.js';
import { PROJECT_ROOT } from './paths.js';
import { FORMATS } from './render/formats.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** A terminal that can redraw a status line. */
  tty: boolean;
  /** Redraw the one-line status (TTY only). */
  status: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  tty: !!process.stdout.isTTY && !process.env.CI,
  status: (s) => process.stdout.write(`\r\x1b[2K${s}`),
};

export function version(): string {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

interface BuildFlags {
  data: string;
  out: string;
  only: string[];
  format: string[];
  force?: boolean;
  jobs?: number;
  shard?: { index: number; count: number };
  preflight: boolean;
  period?: string;
}

/** --debug (or DEBUG=1, kept for scripts): internal details on errors. */
let debug = false;

/** `--lang en` / `--lang=en` anywhere in argv: read before the help texts are made. */
function langFromArgv(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang') return argv[i + 1];
    if (a.startsWith('--lang=')) return a.slice('--lang='.length);
  }
  return undefined;
}

/** Help in the catalogue's language: titles, defaults and choices included. */
class CatalogueHelp extends Help {
  override styleTitle(title: string): string {
    const t: Record<string, string> = {
      'Usage:': msg('help.usage'),
      'Options:': msg('help.options'),
      'Global Options:': msg('help.globalOptions'),
      'Commands:': msg('help.commands'),
      'Arguments:': msg('help.arguments'),
    };
    return t[title] ?? title;
  }
  override optionDescription(option: Option): string {
    const extra: string[] = [];
    if (option.argChoices) extra.push(msg('help.choices', { value: joinList(option.argChoices) }));
    const def = option.defaultValue as unknown;
    if (def !== undefined && !(Array.isArray(def) && def.length === 0) && typeof def !== 'boolean') {
      extra.push(msg('help.default', { value: option.defaultValueDescription ?? String(def) }));
    }
    return extra.length ? `${option.description}（${extra.join('；')}）` : option.description;
  }
}

class JianbaoCommand extends Command {
  override createCommand(name?: string): Command {
    return new JianbaoCommand(name);
  }
  override createHelp(): Help {
    return Object.assign(new CatalogueHelp(), this.configureHelp());
  }
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  debug = !!process.env.DEBUG || argv.includes('--debug');
  const asked = langFromArgv(argv);
  const lang = asked === undefined ? undefined : parseLang(asked);
  if (lang) setLang(lang);
  let code: number = EXIT.ok;
  const program = new JianbaoCommand()
    .name('jianbao')
    .description(msg('help.description'))
    .version(version(), '-v, --version', msg('help.version'))
    .helpOption('-h, --help', msg('help.help'))
    .helpCommand('help [command]', msg('help.helpCommand'))
    .option('--lang <lang>', msg('help.lang'), (v: string) => {
      if (!parseLang(v)) throw new InvalidArgumentError(msg('usage.lang'));
      return v;
    })
    .option('--debug', msg('help.debug'))
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()), outputError: () => {} })
    .configureHelp({ showGlobalOptions: true });
  // subcommands inherit the exit override, the output and the help settings
  const sub = (name: string) => program.command(name).helpOption('-h, --help', msg('help.help'));

  const formatNames = FORMATS.map((f) => f.format);
  const dataOptions = (cmd: Command) =>
    cmd.option('--data <dir>', msg('help.data'), 'data').option('--only <key>', msg('help.only'), collect, [] as string[]);
  const buildOptions = (cmd: Command) =>
    dataOptions(cmd)
      .option('--out <dir>', msg('help.out'), 'output')
      .addOption(new Option('--format <name>', msg('help.format')).choices(formatNames).argParser(formatParser(formatNames)).default([]))
      .option('--force', msg('help.force'))
      .option('-j, --jobs <n>', msg('help.jobs'), positiveInt)
      .option('--shard <i/n>', msg('help.shard'), parseShard)
      .option('--no-preflight', msg('help.noPreflight'))
      .option('--period <YYYY-MM>', msg('help.period'), parsePeriod);

  buildOptions(sub('build').description(msg('help.build'))).action(async (o: BuildFlags) => {
    code = await runBuild(io, await toBuildOptions(o));
  });

  dataOptions(sub('check').description(msg('help.check'))).action(async (o: BuildFlags) => {
    const dataDir = resolve(o.data);
    code = await runBuild(io, { dataDir, outDir: '', only: resolveOnly(o.only, dataDir), checkOnly: true });
  });

  sub('distribute')
    .description(msg('help.distribute'))
    .argument('[keys...]', msg('help.distributeKeys'))
    .option('--data <dir>', msg('help.dataShort'), 'data')
    .option('--out <dir>', msg('help.out'), 'output')
    .action(async (keys: string[], o: { data: string; out: string }) => {
      const dataDir = resolve(o.data);
      code = await runDistribute(io, keys.length ? resolveOnly(keys, dataDir) : [], dataDir, resolve(o.out));
    });

  sub('index')
    .description(msg('help.index'))
    .option('--data <dir>', msg('help.dataShort'), 'data')
    .option('--out <dir>', msg('help.out'), 'output')
    .action(async (o: { data: string; out: string }) => {
      code = await runIndex(io, resolve(o.data), resolve(o.out));
    });

  sub('preflight')
    .description(msg('help.preflight'))
    .argument('<pdfs...>', msg('help.preflightFiles'))
    .action(async (files: string[]) => {
      code = await runPreflight(io, expandPatterns(files));
    });

  sub('fonts')
    .description(msg('help.fonts'))
    .action(async () => {
      code = await runFonts(io);
    });

  sub('ingest')
    .description(msg('help.ingest'))
    .argument('<files...>', msg('help.ingestFiles'))
    .option('--data <dir>', msg('help.dataShort'), 'data')
    .action(async (files: string[], o: { data: string }) => {
      code = await runIngest(io, expandPatterns(files), resolve(o.data));
    });

  buildOptions(sub('watch').description(msg('help.watch'))).action(async (o: BuildFlags) => {
    code = await runWatch(io, await toBuildOptions(o));
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok;
      io.err(`jianbao: ${usageMessage(err, program)}`);
      io.err(msg('cli.usageHint'));
      return EXIT.usage;
    }
    return reportError(io, err);
  }
  return code;
}

/** Commander's English error, said in the catalogue's words (one line). */
function usageMessage(err: CommanderError, program: Command): string {
  const text = err.message.replace(/^error: /, '');
  const quoted = [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const suggestion = /\(Did you mean (?:one of )?([^)?]+)\?\)/.exec(text)?.[1];
  const hint = suggestion ? msg('usage.didYouMean', { value: suggestion }) : '';
  switch (err.code) {
    case 'commander.unknownOption':
      return msg('usage.unknownOption', { option: quoted[0] ?? text, hint });
    case 'commander.unknownCommand':
      return msg('usage.unknownCommand', { command: quoted[0] ?? text, hint, list: joinList(program.commands.map((c) => c.name())) });
    case 'commander.missingArgument':
      return msg('usage.missingArgument', { name: quoted[0] ?? text });
    case 'commander.optionMissingArgument':
      return msg('usage.optionMissingArgument', { option: quoted[0] ?? text });
    case 'commander.invalidArgument': {
      const reason = text.replace(/^.*? is invalid\.\s*/, '');
      return msg('usage.invalidArgument', { option: quoted[0] ?? '', value: quoted[1] ?? '', reason });
    }
    case 'commander.excessArguments':
      return msg('usage.excessArguments', { command: quoted[0] ?? '' });
    default:
      return msg('usage.other', { detail: text });
  }
}

async function toBuildOptions(o: BuildFlags): Promise<BuildOptions> {
  const dataDir = resolve(o.data);
  return { dataDir, outDir: resolve(o.out), only: resolveOnly(o.only, dataDir), formats: o.format, force: o.force, jobs: o.jobs, shard: o.shard, check: o.preflight, period: o.period };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--format pdf` is refused with the list and a suggestion (`.choices` alone is replaced by an argParser). */
function formatParser(names: string[]) {
  return (value: string, previous: string[] = []): string[] => {
    if (!names.includes(value)) {
      const near = closest(value, names);
      throw new InvalidArgumentError(msg('usage.format', { list: joinList(names), hint: near ? msg('usage.didYouMean', { value: near }) : '' }));
    }
    return [...previous, value];
  };
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(msg('usage.positiveInt'));
  return n;
}

function parsePeriod(v: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new InvalidArgumentError(msg('usage.period'));
  return v;
}

function parseShard(v: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new InvalidArgumentError(msg('usage.shard'));
  return { index, count };
}

/**
 * `--only` values → district or district/meeting keys. Accepted: `guancheng`,
 * `guancheng/2022-12-28-plenary`, the meeting file's path with either slash, with or without
 * `.yaml` (`data\guancheng\meetings\2022-12-28-plenary.yaml`), or a meeting id alone when
 * only one district has it. Anything else is a usage error with a suggestion.
 */
export function resolveOnly(values: string[], dataDir: string): string[] {
  if (!values.length) return values;
  const districts = listDirs(dataDir);
  const keys: string[] = [];
  for (const d of districts) for (const f of listFiles(join(dataDir, d, 'meetings'))) if (/\.ya?ml$/.test(f)) keys.push(`${d}/${f.replace(/\.ya?ml$/, '')}`);
  return values.map((raw) => {
    let v = raw.trim().replace(/\\/g, '/').replace(/\/+$/, '').replace(/\.ya?ml$/i, '');
    // a path (relative to the working directory, or absolute) inside the data folder
    const rel = relative(dataDir, resolve(v)).replace(/\\/g, '/');
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) v = rel;
    else if (v.startsWith('./')) v = v.slice(2);
    const parts = v.split('/');
    if (parts.length === 3 && parts[1] === 'meetings') v = `${parts[0]}/${parts[2]}`;
    if (parts.length === 2 && parts[1] === 'district') v = parts[0]!;
    if (districts.includes(v) || keys.includes(v)) return v;
    if (!v.includes('/')) {
      const byId = keys.filter((k) => k.endsWith(`/${v}`));
      if (byId.length === 1) return byId[0]!;
      if (byId.length > 1) throw new JianbaoError('usage', [{ location: { kind: 'file', file: raw }, message: msg('usage.onlyAmbiguous', { value: raw, list: joinList(byId) }) }]);
    }
    const near = closest(v, [...districts, ...keys]) ?? closest(basename(v), keys.map((k) => k.split('/')[1]!)) ;
    const suggestion = near && !near.includes('/') && !districts.includes(near) ? keys.find((k) => k.endsWith(`/${near}`)) : near;
    throw new JianbaoError('usage', [
      { location: { kind: 'file', file: 'jianbao' }, message: msg('usage.only', { value: raw, hint: suggestion ? msg('usage.didYouMean', { value: suggestion }) : '' }) },
    ]);
  });
}

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/**
 * cmd.exe and PowerShell pass `returns\*.xlsx` literally: expand `*` and `?` in the last
 * part of a path here (sorted). A pattern that matches nothing is a usage error.
 */
export function expandPatterns(args: string[]): string[] {
  return args.flatMap((arg) => {
    const norm = arg.replace(/\\/g, '/');
    const name = basename(norm);
    if (!/[*?]/.test(name)) return [arg];
    const dir = dirname(norm);
    const re = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    const hits = listFiles(dir)
      .filter((f) => re.test(f) && !f.startsWith('~$') && !f.startsWith('.'))
      .map((f) => (dir === '.' ? f : `${dir}/${f}`))
      .filter((f) => {
        try {
          return statSync(f).isFile();
        } catch {
          return false;
        }
      });
    if (!hits.length) throw new JianbaoError('usage', [{ location: { kind: 'file', file: arg }, message: msg('usage.noFiles', { value: arg }) }]);
    return hits;
  });
}

async function runBuild(io: Io, opts: BuildOptions): Promise<number> {
  let result: BuildResult;
  try {
    result = await build(opts, (e) => progress(io, e));
  } catch (err) {
    return reportError(io, err);
  }
  if (io.tty) io.status('');
  const printed = new Set<string>(); // a broken district.yaml fails each of its meetings with the same lines
  for (const f of result.failures) {
    for (const p of f.error.problems) {
      const line = formatProblem(p);
      if (!printed.has(line)) io.err(line);
      printed.add(line);
    }
    const stack = (f.error as { causeStack?: string }).causeStack ?? (f.error.cause instanceof Error ? f.error.cause.stack : undefined);
    if (debug && stack) io.err(stack);
  }
  for (const p of result.checks) io.err(formatProblem(p));
  const checkErrors = result.checks.filter((p) => p.severity !== 'warning').length;
  const secs = (result.ms / 1000).toFixed(2);
  if (opts.checkOnly) {
    io.out(msg('build.checkSummary', { valid: result.meetings - result.failures.length, total: result.meetings, secs }));
    for (const y of result.planYears ?? []) io.out(msg('check.planYear', { file: y.file, year: y.year, rule: y.rule }));
  } else if (result.built.length === 0 && result.failures.length === 0) {
    io.out(msg('build.nothingChanged', { n: result.unchanged.length, secs }));
  } else {
    io.out(
      msg('build.summary', {
        total: result.meetings,
        built: result.built.length,
        unchanged: result.unchanged.length,
        failed: result.failures.length,
        files: result.artifacts.length,
        secs,
        workers: result.jobs,
      }) + (result.checks.length ? msg('build.preflightSummary', { errors: checkErrors, warnings: result.checks.length - checkErrors }) : ''),
    );
  }
  if (!opts.checkOnly) await refreshIndex(io, opts.dataDir, opts.outDir);
  if (process.env.JIANBAO_STATS) await printStats(io);
  if (result.failures.length) return Math.max(...result.failures.map((f) => f.error.exitCode));
  return checkErrors ? (opts.checkOnly ? EXIT.data : EXIT.render) : EXIT.ok;
}

/** Rewrite output/index.html when what it shows changed (also after a build killed before it). */
async function refreshIndex(io: Io, dataDir: string, outDir: string): Promise<void> {
  if (!existsSync(outDir)) return; // nothing built yet (every meeting failed): no index to show
  try {
    const { discoverProject } = await import('./load/discover.js');
    const { siteIsUpToDate, siteSignature, SITE_STAMP_FILE } = await import('./build/inputs.js');
    const keys = discoverProject(dataDir).entries.map((e) => e.key);
    const signature = siteSignature(outDir, keys);
    if (siteIsUpToDate(outDir, signature)) return;
    const { writeIndex } = await import('./distribute/site.js'); // not the barrel: no PDF library for the index
    const { writeFileAtomic } = await import('./write.js');
    const index = await writeIndex({ outDir, dataDir, root: PROJECT_ROOT });
    writeFileAtomic(join(outDir, SITE_STAMP_FILE), `${JSON.stringify({ signature }, null, 2)}\n`);
    io.out(msg('build.wroteIndex', { file: relative(process.cwd(), index.file) || index.file, n: index.meetings }));
  } catch (err) {
    reportError(io, err);
  }
}

/** JIANBAO_STATS=1: resource figures for the benchmark and the tests (main thread only; not for clerks). */
async function printStats(io: Io): Promise<void> {
  const { fontParses } = await import('./render/pdf/font-sharing.js');
  io.err(`stats: maxrss_mb=${Math.round(process.resourceUsage().maxRSS / 1024)} font_parses=${fontParses.count}`);
}

function progress(io: Io, e: BuildEvent): void {
  const count = `[${e.finished}/${e.total}]`;
  if (e.kind === 'start') {
    if (io.tty) io.status(msg('build.building', { count, key: e.key }));
    return;
  }
  if (e.kind === 'unchanged') return;
  if (io.tty) io.status('');
  if (e.kind === 'failed') io.out(msg('build.failed', { count, key: e.key }));
  else for (const a of e.artifacts ?? []) io.out(`${count} ${a.path}  ${formatBytes(a.bytes)}  ${Math.round(a.ms)} ms`);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

async function runDistribute(io: Io, keys: string[], dataDir: string, outDir: string): Promise<number> {
  try {
    const { distributeMeeting } = await import('./distribute/index.js');
    const { discoverProject } = await import('./load/discover.js');
    const all = keys.length ? keys : discoverProject(dataDir).entries.map((e) => e.key);
    let code: number = EXIT.ok;
    for (const key of all) {
      try {
        const r = await distributeMeeting({ outDir, dataDir, key, root: PROJECT_ROOT });
        for (const w of r.warnings) io.err(formatProblem(w));
        io.out(msg('distribute.summary', { key, copies: r.copies.length, archive: !!r.archive, bundles: r.bundles.length, files: r.written.length, ms: Math.round(r.ms) }));
      } catch (err) {
        code = Math.max(code, reportError(io, err));
      }
    }
    await refreshIndex(io, dataDir, outDir);
    return code;
  } catch (err) {
    return reportError(io, err);
  }
}

async function runIndex(io: Io, dataDir: string, outDir: string): Promise<number> {
  try {
    const { writeIndex } = await import('./distribute/site.js'); // not the barrel: no PDF library for the index
    const index = await writeIndex({ outDir, dataDir, root: PROJECT_ROOT });
    io.out(msg('build.wroteIndex', { file: index.file, n: index.meetings }));
    return EXIT.ok;
  } catch (err) {
    return reportError(io, err);
  }
}

async function runPreflight(io: Io, files: string[]): Promise<number> {
  const { preflight, makeTheme, preflightProblem } = await import('./render/pdf/index.js');
  const { loadThemeConfig } = await import('./load/config.js');
  let theme;
  try {
    theme = makeTheme(loadThemeConfig(PROJECT_ROOT));
  } catch (err) {
    return reportError(io, err);
  }
  let errors = 0;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch (err) {
      io.err(msg('preflight.couldNotRead', { file, detail: (err as { code?: string }).code ?? (err instanceof Error ? err.message : String(err)) }));
      errors++;
      continue;
    }
    const report = await preflight(bytes, theme);
    for (const f of report.findings) io.err(formatProblem(preflightProblem(file, f)));
    errors += report.findings.filter((f) => f.severity === 'error').length;
    io.out(msg('preflight.summary', { file, pages: report.pages, fonts: report.fonts.length, result: report.ok ? msg('preflight.ok') : msg('preflight.findings', { n: report.findings.length }) }));
  }
  return errors ? EXIT.data : EXIT.ok;
}

async function runFonts(io: Io): Promise<number> {
  const { describeFonts, projectFonts } = await import('./load/fonts.js');
  try {
    for (const line of describeFonts(projectFonts(PROJECT_ROOT))) io.out(line);
  } catch (err) {
    return reportError(io, err);
  }
  return EXIT.ok;
}

async function runIngest(io: Io, files: string[], dataDir: string): Promise<number> {
  try {
    const { ingestReturns } = await import('./ingest/index.js');
    const report = await ingestReturns(files, { dataDir, root: PROJECT_ROOT });
    for (const p of report.problems) io.err(formatProblem(p));
    for (const f of report.files) {
      const what =
        f.status === 'merged'
          ? msg('ingest.merged', { n: f.rows })
          : f.status === 'unchanged'
            ? msg('ingest.unchanged', { n: f.rows })
            : msg('ingest.rejected', { why: f.why ?? msg('ingest.rejectedSeeAbove') });
      io.out(`${f.file}  ${[f.district, f.meeting, f.unit, f.period].filter(Boolean).join(' / ')}  ${what}`);
    }
    for (const w of report.written) io.out(msg('ingest.wrote', { file: relative(process.cwd(), w) || w }));
    const n = (s: string) => report.files.filter((f) => f.status === s).length;
    io.out(msg('ingest.summary', { merged: n('merged'), unchanged: n('unchanged'), rejected: n('rejected'), total: report.files.length, changed: report.written.length }));
    return report.ok ? EXIT.ok : EXIT.data;
  } catch (err) {
    return reportError(io, err);
  }
}

/**
 * Rebuild on every save. chokidar follows files through replace-saves (an editor's temp file
 * + rename, `sed -i`), renames and new files; events are debounced so one save (or a burst
 * of them) is one build, and a change during a build queues exactly one more. A build that
 * fails reports its problems and the watch goes on.
 */
async function runWatch(io: Io, opts: BuildOptions): Promise<number> {
  await runBuild(io, opts);
  const { watch } = await import('chokidar');
  const dirs = [opts.dataDir, opts.templatesDir ?? join(PROJECT_ROOT, 'templates'), join(PROJECT_ROOT, 'config')];
  const watcher = watch(dirs, {
    ignoreInitial: true,
    // our own atomic writes (…tmp-<pid>…), editor swap and backup files, the ingest backups
    ignored: (p: string) => /\.tmp-|(^|[/\\])\.(?!\.?$)[^/\\]*\.sw[a-p]$|~$|[/\\]\.backup([/\\]|$)|[/\\]\.git([/\\]|$)/.test(p),
    awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 },
  });
  let timer: NodeJS.Timeout | undefined;
  let building = false;
  let again = false;
  const rebuild = async () => {
    if (building) {
      again = true;
      return;
    }
    building = true;
    try {
      do {
        again = false;
        await runBuild(io, { ...opts, force: false });
      } while (again);
    } finally {
      building = false;
    }
  };
  watcher.on('all', (_event: string, path: string) => {
    if (debug) io.err(msg('watch.changed', { file: relative(process.cwd(), path) || path }));
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), 150);
  });
  watcher.on('error', (err: unknown) => io.err(msg('watch.error', { detail: err instanceof Error ? err.message : String(err) })));
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  io.out(msg('watch.watching'));
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', () => resolveStop());
    process.once('SIGTERM', () => resolveStop());
  });
  clearTimeout(timer);
  await watcher.close();
  return EXIT.ok;
}

function reportError(io: Io, err: unknown): number {
  if (err instanceof JianbaoError) {
    for (const p of err.problems) io.err(err.kind === 'usage' && p.location.file === 'jianbao' ? `jianbao: ${p.message}` : formatProblem(p));
    if (err.kind === 'usage') io.err(msg('cli.usageHint'));
    if (debug && err.cause instanceof Error) io.err(err.cause.stack ?? String(err.cause));
    return err.exitCode;
  }
  if (debug && err instanceof Error) io.err(err.stack ?? err.message);
  else io.err(msg('cli.internalError', { detail: err instanceof Error ? err.message : String(err) }));
  return EXIT.render;
}
