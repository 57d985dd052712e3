/**
 * The command line. The ONLY module that prints or decides an exit code.
 *
 *   jianbao build  [--data DIR] [--out DIR] [--only district[/meeting]]… [--format f]… [--force] [--jobs N] [--shard i/n]
 *   jianbao check  [--data DIR] [--only …]
 *   jianbao watch  [same options as build]
 */
import { readFileSync, watch as fsWatch } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { build, type BuildEvent, type BuildOptions, type BuildResult } from './build/index.js';
import { EXIT, JianbaoError, formatProblem } from './errors.js';
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

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command()
    .name('jianbao')
    .description('会议数据（YAML）→ 简报 PDF、目标任务台账 Excel、汇报提纲\nYAML meeting data → briefing PDF, target ledger workbooks, slide outlines')
    .version(version(), '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError();

  const dataOptions = (cmd: Command) =>
    cmd
      .option('--data <dir>', 'data folder (data/<district>/district.yaml, meetings/*.yaml)', 'data')
      .option('--only <key>', 'only this district or district/meeting (repeatable)', collect, [] as string[]);
  const buildOptions = (cmd: Command) =>
    dataOptions(cmd)
      .option('--out <dir>', 'output folder', 'output')
      .addOption(new Option('--format <name>', 'only this output format (repeatable)').choices(FORMATS.map((f) => f.format)).argParser(collect).default([]))
      .option('--force', 'rebuild everything, even what is up to date')
      .option('-j, --jobs <n>', 'parallel workers (default: only as many as pay for themselves, see docs/PERFORMANCE.md)', positiveInt)
      .option('--shard <i/n>', 'build only the i-th of n shares of the meetings (for several machines)', parseShard)
      .option('--no-preflight', 'skip the PDF preflight after rendering')
      .option('--period <YYYY-MM>', 'reporting month of the ledgers and progress reports (default: latest ingested, else the briefing month)', parsePeriod);

  buildOptions(program.command('build').description('build every meeting into output/<district>/<meeting>/ (only what changed)')).action(async (o: BuildFlags) => {
    code = await runBuild(io, toBuildOptions(o));
  });

  dataOptions(program.command('check').description('validate the data only; print every problem; write nothing')).action(async (o: BuildFlags) => {
    code = await runBuild(io, { dataDir: resolve(o.data), outDir: '', only: o.only, checkOnly: true });
  });

  program
    .command('distribute')
    .description('numbered copies (份号) per recipient, bundles per unit and manifest.json for built meetings; then output/index.html')
    .argument('[keys...]', 'district/meeting (default: every meeting)')
    .option('--data <dir>', 'data folder', 'data')
    .option('--out <dir>', 'output folder', 'output')
    .action(async (keys: string[], o: { data: string; out: string }) => {
      code = await runDistribute(io, keys, resolve(o.data), resolve(o.out));
    });

  program
    .command('index')
    .description('write output/index.html: districts → meetings → outputs, with thumbnails')
    .option('--data <dir>', 'data folder', 'data')
    .option('--out <dir>', 'output folder', 'output')
    .action(async (o: { data: string; out: string }) => {
      code = await runIndex(io, resolve(o.data), resolve(o.out));
    });

  program
    .command('preflight')
    .description('check briefing PDFs: fonts embedded and subsetted, no missing glyphs, line-breaking rules, A4, text inside the type area')
    .argument('<pdfs...>', 'PDF files, e.g. output/guancheng/2022-12-28-plenary/briefing.pdf')
    .action(async (files: string[]) => {
      code = await runPreflight(io, files);
    });

  program
    .command('ingest')
    .description('merge returned ledger workbooks into data/<district>/progress/<meeting>/<period>.yaml')
    .argument('<files...>', 'returned workbooks (.xlsx)')
    .option('--data <dir>', 'data folder', 'data')
    .action(async (files: string[], o: { data: string }) => {
      code = await runIngest(io, files, resolve(o.data));
    });

  buildOptions(program.command('watch').description('rebuild what changed whenever a data or template file is saved (Ctrl-C to stop)')).action(async (o: BuildFlags) => {
    code = await runWatch(io, toBuildOptions(o));
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return reportError(io, err);
  }
  return code;
}

function toBuildOptions(o: BuildFlags): BuildOptions {
  return { dataDir: resolve(o.data), outDir: resolve(o.out), only: o.only, formats: o.format, force: o.force, jobs: o.jobs, shard: o.shard, check: o.preflight, period: o.period };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

function parsePeriod(v: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new InvalidArgumentError('expected a month written YYYY-MM, e.g. 2023-06');
  return v;
}

function parseShard(v: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new InvalidArgumentError('expected i/n with 1 ≤ i ≤ n, e.g. 2/4');
  return { index, count };
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
    if (process.env.DEBUG && stack) io.err(stack);
  }
  for (const p of result.checks) io.err(formatProblem(p));
  const checkErrors = result.checks.filter((p) => p.severity !== 'warning').length;
  const secs = (result.ms / 1000).toFixed(2);
  if (opts.checkOnly) {
    io.out(`${result.meetings - result.failures.length} of ${result.meetings} meetings valid (${secs} s)`);
  } else if (result.built.length === 0 && result.failures.length === 0) {
    io.out(`nothing changed: ${result.unchanged.length} meetings up to date (${secs} s)`);
  } else {
    io.out(
      `built ${result.built.length}, unchanged ${result.unchanged.length}, failed ${result.failures.length} of ${result.meetings} meetings; ` +
        `${result.artifacts.length} files in ${secs} s${result.jobs > 1 ? ` on ${result.jobs} workers` : ''}` +
        (result.checks.length ? `; preflight: ${checkErrors} errors, ${result.checks.length - checkErrors} warnings` : ''),
    );
  }
  if (!opts.checkOnly) await refreshIndex(io, opts.dataDir, opts.outDir);
  if (process.env.JIANBAO_STATS) await printStats(io);
  if (result.failures.length) return Math.max(...result.failures.map((f) => f.error.exitCode));
  return checkErrors ? EXIT.render : EXIT.ok;
}

/** Rewrite output/index.html when what it shows changed (also after a build killed before it). */
async function refreshIndex(io: Io, dataDir: string, outDir: string): Promise<void> {
  try {
    const { discoverProject } = await import('./load/discover.js');
    const { siteIsUpToDate, siteSignature, SITE_STAMP_FILE } = await import('./build/inputs.js');
    const keys = discoverProject(dataDir).entries.map((e) => e.key);
    const signature = siteSignature(outDir, keys);
    if (siteIsUpToDate(outDir, signature)) return;
    const { writeIndex } = await import('./distribute/index.js');
    const { writeFileAtomic } = await import('./write.js');
    const index = await writeIndex({ outDir, dataDir, root: PROJECT_ROOT });
    writeFileAtomic(join(outDir, SITE_STAMP_FILE), `${JSON.stringify({ signature }, null, 2)}\n`);
    io.out(`wrote ${relative(process.cwd(), index.file) || index.file} (${index.meetings} meetings)`);
  } catch (err) {
    reportError(io, err);
  }
}

/** JIANBAO_STATS=1: resource figures for the benchmark and the tests (main thread only). */
async function printStats(io: Io): Promise<void> {
  const { fontParses } = await import('./render/pdf/font-sharing.js');
  io.err(`stats: maxrss_mb=${Math.round(process.resourceUsage().maxRSS / 1024)} font_parses=${fontParses.count}`);
}

const started = new Map<string, number>();

function progress(io: Io, e: BuildEvent): void {
  const count = `[${e.finished}/${e.total}]`;
  if (e.kind === 'start') {
    started.set(e.key, performance.now());
    if (io.tty) io.status(`${count} building ${e.key} …`);
    return;
  }
  if (e.kind === 'unchanged') return;
  if (io.tty) io.status('');
  if (e.kind === 'failed') io.out(`${count} ${e.key}  FAILED`);
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
        io.out(`${key}  ${r.copies.length} numbered copies${r.archive ? ' + archive' : ''}, ${r.bundles.length} bundles, ${r.written.length} files written (${Math.round(r.ms)} ms)`);
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
    const { writeIndex } = await import('./distribute/index.js');
    const index = await writeIndex({ outDir, dataDir, root: PROJECT_ROOT });
    io.out(`wrote ${index.file} (${index.meetings} meetings)`);
    return EXIT.ok;
  } catch (err) {
    return reportError(io, err);
  }
}

async function runPreflight(io: Io, files: string[]): Promise<number> {
  const { preflight, loadTheme, preflightProblem } = await import('./render/pdf/index.js');
  const theme = loadTheme(PROJECT_ROOT);
  let errors = 0;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch (err) {
      io.err(`${file}  could not read: ${err instanceof Error ? err.message : String(err)}`);
      errors++;
      continue;
    }
    const report = await preflight(bytes, theme);
    for (const f of report.findings) io.err(formatProblem(preflightProblem(file, f)));
    errors += report.findings.filter((f) => f.severity === 'error').length;
    io.out(`${file}  ${report.pages} pages, ${report.fonts.length} fonts embedded and subsetted: ${report.ok ? 'OK' : `${report.findings.length} findings`}`);
  }
  return errors ? EXIT.data : EXIT.ok;
}

async function runIngest(io: Io, files: string[], dataDir: string): Promise<number> {
  try {
    const { ingestReturns } = await import('./ingest/index.js');
    const report = await ingestReturns(files, { dataDir, root: PROJECT_ROOT });
    for (const p of report.problems) io.err(formatProblem(p));
    for (const f of report.files) {
      const what = f.status === 'merged' ? `merged ${f.rows} rows` : 'REJECTED (nothing from it was used)';
      io.out(`${f.file}  ${[f.district, f.meeting, f.unit, f.period].filter(Boolean).join(' / ')}  ${what}`);
    }
    for (const w of report.written) io.out(`wrote ${w}`);
    const merged = report.files.filter((f) => f.status === 'merged').length;
    io.out(`${merged} of ${report.files.length} returns merged, ${report.written.length} progress files changed; run \`make\` to rebuild the ledgers and reports`);
    return report.ok ? EXIT.ok : EXIT.data;
  } catch (err) {
    return reportError(io, err);
  }
}

async function runWatch(io: Io, opts: BuildOptions): Promise<number> {
  await runBuild(io, opts);
  io.out('watching data/ and templates/ for changes (Ctrl-C to stop)');
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const trigger = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        await runBuild(io, { ...opts, force: false });
      });
    }, 150);
  };
  const dirs = [opts.dataDir, opts.templatesDir ?? join(PROJECT_ROOT, 'templates'), join(PROJECT_ROOT, 'config')];
  const watchers = dirs.map((d) => {
    try {
      return fsWatch(d, { recursive: true }, (_ev, name) => {
        if (name && !String(name).includes('.tmp-')) trigger();
      });
    } catch {
      return undefined;
    }
  });
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', () => resolveStop());
    process.once('SIGTERM', () => resolveStop());
  });
  for (const w of watchers) w?.close();
  return EXIT.ok;
}

function reportError(io: Io, err: unknown): number {
  if (err instanceof JianbaoError) {
    for (const p of err.problems) io.err(formatProblem(p));
    if (process.env.DEBUG && err.cause instanceof Error) io.err(err.cause.stack ?? String(err.cause));
    return err.exitCode;
  }
  if (process.env.DEBUG && err instanceof Error) io.err(err.stack ?? err.message);
  else io.err(`jianbao: internal error: ${err instanceof Error ? err.message : String(err)} (run with DEBUG=1 for details)`);
  return EXIT.render;
}
