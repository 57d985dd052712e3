/**
 * The command line. The ONLY module that prints or decides an exit code.
 *
 *   jianbao build  [--data DIR] [--out DIR] [--only district[/meeting]]… [--format f]…
 *   jianbao check  [--data DIR] [--only …]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { build, type BuildEvent, type BuildResult } from './build.js';
import { EXIT, JianbaoError, formatProblem } from './errors.js';
import { PROJECT_ROOT } from './paths.js';
import { RENDERERS } from './render/formats.js';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

export function version(): string {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
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

  const common = (cmd: Command) =>
    cmd
      .option('--data <dir>', 'data folder (data/<district>/district.yaml, meetings/*.yaml)', 'data')
      .option('--only <key>', 'only this district or district/meeting (repeatable)', collect, [] as string[]);

  common(program.command('build').description('build every meeting into output/<district>/<meeting>/'))
    .option('--out <dir>', 'output folder', 'output')
    .addOption(new Option('--format <name>', 'only this output format (repeatable)').choices(RENDERERS.map((r) => r.format)).argParser(collect).default([]))
    .action(async (o: { data: string; out: string; only: string[]; format: string[] }) => {
      code = await runBuild(io, { dataDir: resolve(o.data), outDir: resolve(o.out), only: o.only, formats: o.format });
    });

  common(program.command('check').description('validate the data only; print every problem; write nothing')).action(async (o: { data: string; only: string[] }) => {
    code = await runBuild(io, { dataDir: resolve(o.data), outDir: '', only: o.only, checkOnly: true });
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(io, err);
  }
  return code;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

async function runBuild(io: Io, opts: Parameters<typeof build>[0]): Promise<number> {
  let result: BuildResult;
  try {
    result = await build(opts, (e) => progressLine(io, e));
  } catch (err) {
    return reportError(io, err);
  }
  for (const f of result.failures) {
    for (const p of f.error.problems) io.err(formatProblem(p));
    if (process.env.DEBUG && f.error.cause instanceof Error) io.err(f.error.cause.stack ?? String(f.error.cause));
  }
  const ok = result.meetings - result.failures.length;
  const secs = (result.ms / 1000).toFixed(2);
  if (opts.checkOnly) {
    io.out(`${ok} of ${result.meetings} meetings valid (${secs} s)`);
  } else {
    io.out(`built ${result.built.length} of ${result.meetings} meetings, ${result.artifacts.length} files, ${result.failures.length} failed (${secs} s)`);
  }
  return result.failures.length ? Math.max(...result.failures.map((f) => f.error.exitCode)) : EXIT.ok;
}

function progressLine(io: Io, e: BuildEvent): void {
  if (e.kind === 'done') io.out(`[${e.index + 1}/${e.total}] ${e.key}  ${Math.round(e.ms ?? 0)} ms`);
  if (e.kind === 'failed') io.out(`[${e.index + 1}/${e.total}] ${e.key}  FAILED`);
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
