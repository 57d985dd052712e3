/**
 * `make bench`: measure, never assert. Prints a Markdown report to paste into
 * docs/PERFORMANCE.md (also written to .cache/bench-report.md, raw runs to
 * .cache/bench-runs.json).
 *
 * Fair by construction: what is compared runs interleaved, run by run, in the same
 * invocation (the order rotates each round), and ratios are taken per round, then the
 * median of those ratios is reported — so drift of a busy machine lands in both sides of
 * each ratio instead of in one block.
 *
 *  1. The plenary briefing three ways, each as a fresh process (cold process included):
 *     `jianbao build --only … --format briefing --force` (everything a build does: start,
 *     discovery, hashing, loading, validation, layout, the output checks, the atomic
 *     write and the stamp) vs the native Typst compiler in a fresh Node process vs
 *     `chromium --headless --print-to-pdf`. Then the same three warm, in one process
 *     (jianbao: render + checks as a build does; Typst with its caches cleared; Chromium
 *     with the browser already running).
 *  2. The samples: cold build (empty output folder; default scheduling and -j 1), no-op
 *     `jianbao build`, no-op `make`, interleaved with the baseline of an empty `node`
 *     process start.
 *  3. Synthetic scale sets (BENCH_SCALE, default 100 and 1,000 meetings): wall time, per
 *     meeting, CPU time, peak RSS, and the per-meeting growth (linear = about 1.0).
 *
 * Options (env): BENCH_RUNS (rounds, default 7), BENCH_SCALE ("100,1000"),
 * BENCH_SKIP (any of "briefing,typst,chromium,warm,samples,scale").
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { renderContext, renderMeeting } from '../../pipeline/build/meeting.js';
import { loadProject } from '../../pipeline/load/project.js';
import { deriveMeeting } from '../../pipeline/model/derive.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { loadTemplates } from '../../pipeline/render/template.js';
import { generate } from './gen-meetings.js';
import { docToHtml } from './html.js';
import { docToTypst } from './typst.js';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 7));
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const SCALE = (process.env.BENCH_SCALE ?? '100,1000').split(',').map(Number).filter(Boolean);
const KEY = 'guancheng/2022-12-28-plenary';
const JIANBAO = join(PROJECT_ROOT, 'bin', 'jianbao.js');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const TYPST_MODULE = '@myriaddreamin/typst-ts-node-compiler';

const out: string[] = [];
const raw: Record<string, unknown> = {};
const say = (s = '') => {
  out.push(s);
  process.stdout.write(`${s}\n`);
};
const note = (s: string) => process.stderr.write(`bench: ${s}\n`);

// ---------------------------------------------------------------- helpers

function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const ms = (x: number) => (Number.isFinite(x) ? (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`) : '–');
const secs = (x: number) => (Number.isFinite(x) ? `${(x / 1000).toFixed(2)} s` : '–');
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
const mb = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} MB` : '–');

/** One child process (jianbao speaking English, whose summary lines are parsed below): wall time measured here, CPU time and peak RSS from /usr/bin/time. */
interface ProcRun {
  ms: number;
  /** user + system CPU time of the process and the children it waited for, in ms. */
  cpuMs: number;
  rssMb: number;
  stdout: string;
  stderr: string;
}

const TIME_MARK = 'JIANBAO_BENCH_TIME';
const hasTime = existsSync('/usr/bin/time');

function proc(cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): ProcRun {
  const argv = hasTime ? ['/usr/bin/time', ['-f', `${TIME_MARK} %U %S %M`, cmd, ...args]] as const : ([cmd, args] as const);
  const t = performance.now();
  const r = spawnSync(argv[0], [...argv[1]], { cwd: opts.cwd ?? PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, JIANBAO_LANG: 'en', ...opts.env }, maxBuffer: 256 * 1024 * 1024 });
  const elapsed = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const m = new RegExp(`${TIME_MARK} ([\\d.]+) ([\\d.]+) (\\d+)`).exec(r.stderr);
  return {
    ms: elapsed,
    cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN,
    rssMb: m ? Number(m[3]) / 1024 : NaN,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

/** Run each named job once per round, in an order that rotates from round to round. */
async function interleave<K extends string>(jobs: [K, () => Promise<ProcRun | number> | ProcRun | number][], rounds: number, warmup = 1): Promise<Record<K, ProcRun[]>> {
  const res = Object.fromEntries(jobs.map(([k]) => [k, [] as ProcRun[]])) as Record<K, ProcRun[]>;
  for (let round = -warmup; round < rounds; round++) {
    const shift = ((round % jobs.length) + jobs.length) % jobs.length;
    const order = [...jobs.slice(shift), ...jobs.slice(0, shift)];
    for (const [k, fn] of order) {
      const r = await fn();
      const run: ProcRun = typeof r === 'number' ? { ms: r, cpuMs: NaN, rssMb: NaN, stdout: '', stderr: '' } : r;
      if (round >= 0) res[k].push(run);
    }
    note(round < 0 ? `warm-up done` : `round ${round + 1}/${rounds}: ${jobs.map(([k]) => `${k} ${ms(res[k].at(-1)!.ms)}`).join(', ')}`);
  }
  return res;
}

/** Per-round ratios a/b, then their median. */
function pairRatio(a: ProcRun[], b: ProcRun[]): number {
  return median(a.map((x, i) => x.ms / b[i]!.ms));
}

function pages(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

function typstModulePath(): string | undefined {
  const req = createRequire(join(PROJECT_ROOT, 'package.json'));
  const paths = [PROJECT_ROOT, ...(process.env.BENCH_TYPST_PATHS ?? '').split(':').filter(Boolean)];
  try {
    return req.resolve(TYPST_MODULE, { paths });
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- 1. one briefing three ways

interface Prepared {
  typ: string;
  html: string;
  fontDirs: string[];
  outDir: string;
}

function prepare(): Prepared & { doc: ReturnType<ReturnType<typeof renderContext>['doc']>['doc']; masthead: { name: string; issue: string; office: string; date: string } } {
  const loaded = loadProject(join(PROJECT_ROOT, 'data'), { only: [KEY] });
  const m = loaded.meetings[0]!;
  const view = deriveMeeting(m.district, m.id, m.meeting);
  const ctx = renderContext(view, loadTemplates(join(PROJECT_ROOT, 'templates')));
  const { doc } = ctx.doc('briefing.md');
  const masthead = { name: view.briefing.name, issue: view.briefing.issueLabel, office: view.briefing.office, date: view.briefing.dateCn };
  const fonts = join(PROJECT_ROOT, 'node_modules', '@expo-google-fonts');
  const fontDirs = [join(fonts, 'noto-serif-sc', '400Regular'), join(fonts, 'noto-serif-sc', '700Bold'), join(fonts, 'noto-sans-sc', '500Medium')];
  const dir = mkdtempSync(join(tmpdir(), 'jianbao-bench-'));
  const typ = join(dir, 'briefing.typ');
  writeFileSync(typ, docToTypst(doc, masthead));
  const html = join(dir, 'briefing.html');
  writeFileSync(html, docToHtml(doc, { serif: join(fontDirs[0]!, 'NotoSerifSC_400Regular.ttf'), sans: join(fontDirs[2]!, 'NotoSansSC_500Medium.ttf') }, masthead));
  return { typ, html, fontDirs, outDir: join(dir, 'out'), doc, masthead };
}

interface Row {
  name: string;
  runs: ProcRun[];
  vsJianbao: number;
  bytes?: number;
  pages?: number;
}

function pdfFacts(file: string): { bytes?: number; pages?: number } {
  try {
    const b = new Uint8Array(readFileSync(file));
    return { bytes: b.byteLength, pages: pages(b) };
  } catch {
    return {};
  }
}

async function briefingCold(p: Prepared): Promise<{ typst: number; chromium: number }> {
  // the meeting built once, so each run below is the rebuild of one briefing
  proc('node', [JIANBAO, 'build', '--only', KEY, '--out', p.outDir]);
  const jianbaoPdf = join(p.outDir, KEY, 'briefing.pdf');
  const jobs: [string, () => ProcRun][] = [['jianbao', () => proc('node', [JIANBAO, 'build', '--only', KEY, '--format', 'briefing', '--force', '--out', p.outDir])]];
  const typst = SKIP.has('typst') ? undefined : typstModulePath();
  const typstPdf = join(p.outDir, 'typst.pdf');
  if (typst) jobs.push(['typst', () => proc('node', [join(PROJECT_ROOT, 'scripts', 'bench', 'typst-cold.mjs'), typst, p.typ, typstPdf, ...p.fontDirs])]);
  else if (!SKIP.has('typst')) say(`(Typst not installed: \`make bench\` installs ${TYPST_MODULE})`);
  const chromePdf = join(p.outDir, 'chromium.pdf');
  const profile = join(p.outDir, 'chromium-profile');
  if (CHROMIUM && !SKIP.has('chromium')) {
    jobs.push([
      'chromium',
      () =>
        proc(CHROMIUM, [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-pdf-header-footer',
          `--user-data-dir=${profile}`,
          `--print-to-pdf=${chromePdf}`,
          `file://${p.html}`,
        ]),
    ]);
  } else if (!SKIP.has('chromium')) say('(Chromium not installed: `apt-get install chromium` to include it)');
  const res = await interleave(jobs, RUNS);
  raw.briefingCold = res;
  const j = res.jianbao!;
  const rows: Row[] = [{ name: '`jianbao build --only … --format briefing --force` (a build: checks, write, stamp)', runs: j, vsJianbao: 1, ...pdfFacts(jianbaoPdf) }];
  if (res.typst) rows.push({ name: 'Typst (native compiler, fresh `node` process: load, fonts, compile, write)', runs: res.typst, vsJianbao: pairRatio(res.typst, j), ...pdfFacts(typstPdf) });
  if (res.chromium) rows.push({ name: '`chromium --headless --print-to-pdf` (fresh browser)', runs: res.chromium, vsJianbao: pairRatio(res.chromium, j), ...pdfFacts(chromePdf) });
  say(`### The plenary briefing three ways, each a fresh process (${KEY}, ${RUNS} interleaved rounds after one warm-up, medians)`);
  say();
  say('| path | wall | CPU | peak RSS | vs jianbao (median of per-round ratios) | PDF size | pages |');
  say('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    say(`| ${r.name} | ${ms(median(r.runs.map((x) => x.ms)))} | ${ms(median(r.runs.map((x) => x.cpuMs)))} | ${mb(median(r.runs.map((x) => x.rssMb)))} | ${ratio(r.vsJianbao)} | ${r.bytes ? kb(r.bytes) : '–'} | ${r.pages ?? '–'} |`);
  }
  say();
  return { typst: res.typst ? pairRatio(j, res.typst) : NaN, chromium: res.chromium ? pairRatio(res.chromium, j) : NaN };
}

async function briefingWarm(p: ReturnType<typeof prepare>): Promise<{ typst: number; chromium: number }> {
  const loaded = loadProject(join(PROJECT_ROOT, 'data'), { only: [KEY] });
  const m = loaded.meetings[0]!;
  const templates = loadTemplates(join(PROJECT_ROOT, 'templates'));
  const dataDir = join(PROJECT_ROOT, 'data');
  let jpdf: Uint8Array = new Uint8Array();
  const timedMs = async (fn: () => Promise<void> | void) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const jobs: [string, () => Promise<number>][] = [
    [
      'jianbao',
      () =>
        timedMs(async () => {
          // what a build does for one briefing, minus process start and the write
          const r = await renderMeeting(m, templates, ['briefing'], dataDir, { check: true });
          jpdf = r.files[0]!.file.data as Uint8Array;
        }),
    ],
  ];
  const typst = SKIP.has('typst') ? undefined : typstModulePath();
  let tpdf: Uint8Array | undefined;
  if (typst) {
    const { NodeCompiler } = (await import(typst)) as {
      NodeCompiler: { create(args: { fontArgs: { fontPaths: string[] }[] }): { pdf(args: { mainFileContent: string }): Uint8Array; evictCache(n: number): void } };
    };
    const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: p.fontDirs }] });
    const source = readFileSync(p.typ, 'utf8');
    // Typst memoises layout between compilations of the same source: clear its caches
    // before every run so each run is a full compile (fonts stay loaded, as ours do).
    jobs.push([
      'typst',
      () =>
        timedMs(() => {
          compiler.evictCache(0);
          tpdf = compiler.pdf({ mainFileContent: source });
        }),
    ]);
  }
  let close: (() => Promise<void>) | undefined;
  let cpdf: Uint8Array | undefined;
  if (CHROMIUM && !SKIP.has('chromium')) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    close = () => browser.close();
    const page = await browser.newPage();
    jobs.push([
      'chromium',
      () =>
        timedMs(async () => {
          await page.goto(`file://${p.html}`, { waitUntil: 'load' });
          cpdf = await page.pdf({ preferCSSPageSize: true });
        }),
    ]);
  }
  const res = await interleave(jobs, RUNS, 2);
  await close?.();
  raw.briefingWarm = res;
  const j = res.jianbao!;
  say(`### The same briefing warm, in one process (${RUNS} interleaved rounds after two warm-ups, medians)`);
  say();
  say('| path | median | vs jianbao (median of per-round ratios) | PDF size | pages |');
  say('| --- | ---: | ---: | ---: | ---: |');
  say(`| jianbao: load, derive, templates, layout, output checks (as in a build, no write) | ${ms(median(j.map((x) => x.ms)))} | 1.00× | ${kb(jpdf.byteLength)} | ${pages(jpdf)} |`);
  if (res.typst) say(`| Typst, caches cleared before each run | ${ms(median(res.typst.map((x) => x.ms)))} | ${ratio(pairRatio(res.typst, j))} | ${tpdf ? kb(tpdf.byteLength) : '–'} | ${tpdf ? pages(tpdf) : '–'} |`);
  if (res.chromium) say(`| Chromium page.pdf(), browser running | ${ms(median(res.chromium.map((x) => x.ms)))} | ${ratio(pairRatio(res.chromium, j))} | ${cpdf ? kb(cpdf.byteLength) : '–'} | ${cpdf ? pages(cpdf) : '–'} |`);
  say();
  return { typst: res.typst ? pairRatio(j, res.typst) : NaN, chromium: res.chromium ? pairRatio(res.chromium, j) : NaN };
}

// ---------------------------------------------------------------- 2. the samples

interface SampleFigures {
  cold: number;
  coldCpu: number;
  noop: number;
  makeNoop: number;
}

async function samples(): Promise<SampleFigures> {
  const base = mkdtempSync(join(tmpdir(), 'jianbao-samples-'));
  const outAuto = join(base, 'auto');
  const outOne = join(base, 'j1');
  // `make` on the project's own output/ (its no-op is measured below) — only when make
  // has nothing to install or compile (`make bench` made sure of that): the bench never
  // runs `npm ci` on its own.
  const makeReady = spawnSync('make', ['-q', 'node_modules/.jianbao-installed', 'dist/.jianbao-built'], { cwd: PROJECT_ROOT }).status === 0;
  if (makeReady) proc('make', ['-s', 'build']);
  else note('make would install or compile first: the no-op `make` is not measured (run `make bench`)');
  let files = 0;
  let workers = 1;
  const res = await interleave(
    [
      ['node start', () => proc('node', ['-e', '0'])],
      [
        'cold',
        () => {
          rmSync(outAuto, { recursive: true, force: true });
          const r = proc('node', [JIANBAO, 'build', '--out', outAuto]);
          files = Number(/(\d+) files/.exec(r.stdout)?.[1] ?? 0);
          workers = Number(/on (\d+) workers/.exec(r.stdout)?.[1] ?? 1);
          return r;
        },
      ],
      [
        'cold -j 1',
        () => {
          rmSync(outOne, { recursive: true, force: true });
          return proc('node', [JIANBAO, 'build', '--jobs', '1', '--out', outOne]);
        },
      ],
      ['no-op', () => proc('node', [JIANBAO, 'build', '--out', existsSync(outAuto) ? outAuto : outOne])],
      ...(makeReady ? [['no-op make', () => proc('make', ['-s'])] as [string, () => ProcRun]] : []),
    ],
    RUNS,
  );
  const got = (k: string): ProcRun[] => res[k] ?? [];
  // A no-op must be a no-op: session 3's idle run measured 1.74 CPU-s for the no-op `make`
  // (0.29 for the no-op `jianbao build`; 0.3 by hand) and kept no output to say why. Keep
  // what each no-op printed, and say so when one did work.
  const noopSummaries: Record<string, string[]> = {};
  for (const k of ['no-op', 'no-op make']) {
    noopSummaries[k] = got(k).map((r) => r.stdout.trim().split('\n').slice(-3).join(' / '));
    got(k).forEach((r, i) => {
      if (!/nothing changed|没有改动/.test(r.stdout) || /wrote .*index\.html|已生成 .*index\.html/.test(r.stdout)) note(`${k}, round ${i + 1}, did work: ${noopSummaries[k]![i]}`);
    });
  }
  raw.samples = res;
  raw.noopSummaries = noopSummaries;
  rmSync(base, { recursive: true, force: true });
  const start = got('node start');
  const line = (what: string, runs: ProcRun[]) =>
    say(`| ${what} | ${ms(median(runs.map((x) => x.ms)))} | ${secs(median(runs.map((x) => x.cpuMs)))} | ${mb(median(runs.map((x) => x.rssMb)))} | ${ratio(pairRatio(runs, start))} |`);
  say(`### The samples (${RUNS} interleaved rounds after one warm-up, medians)`);
  say();
  say('| what | wall | CPU | peak RSS | vs an empty `node -e 0` |');
  say('| --- | ---: | ---: | ---: | ---: |');
  line(`cold build of the ${files} sample outputs (\`jianbao build\`, empty output folder; ${workers > 1 ? `${workers} workers` : 'serial'} by default)`, got('cold'));
  line('the same, `--jobs 1`', got('cold -j 1'));
  line('no-op `jianbao build`', got('no-op'));
  if (got('no-op make').length) line('no-op `make`', got('no-op make'));
  line('baseline: an empty `node -e 0`', start);
  say();
  return { cold: median(got('cold').map((x) => x.ms)), coldCpu: median(got('cold').map((x) => x.cpuMs)), noop: median(got('no-op').map((x) => x.ms)), makeNoop: median(got('no-op make').map((x) => x.ms)) };
}

// ---------------------------------------------------------------- 3. scale

interface ScaleRow {
  n: number;
  ms: number;
  buildMs: number;
  cpuMs: number;
  rssMb: number;
  files: number;
}

function scale(): ScaleRow[] {
  const rows: ScaleRow[] = [];
  for (const n of SCALE) {
    const dataDir = mkdtempSync(join(tmpdir(), `jianbao-scale-${n}-`));
    generate(dataDir, n);
    const outDir = mkdtempSync(join(tmpdir(), `jianbao-scale-out-${n}-`));
    note(`scale: ${n} meetings …`);
    const r = proc('node', [JIANBAO, 'build', '--data', dataDir, '--out', outDir]);
    const files = Number(/(\d+) files/.exec(r.stdout)?.[1] ?? 0);
    const buildS = Number(/files in ([\d.]+) s/.exec(r.stdout)?.[1] ?? NaN);
    rows.push({ n, ms: r.ms, buildMs: buildS * 1000, cpuMs: r.cpuMs, rssMb: r.rssMb, files });
    note(`scale: ${n} meetings in ${secs(r.ms)}`);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
  raw.scale = rows;
  const first = rows[0];
  say('### Synthetic scale sets (`jianbao build` of N copies of the plenary, every format; one run each)');
  say();
  say('| meetings | wall | of which the meetings | then index.html | per meeting | CPU | peak RSS | files | per meeting vs the smallest set |');
  say('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    say(
      `| ${r.n} | ${secs(r.ms)} | ${secs(r.buildMs)} | ${secs(r.ms - r.buildMs)} | ${ms(r.ms / r.n)} | ${secs(r.cpuMs)} | ${mb(r.rssMb)} | ${r.files} | ${first ? ratio(r.ms / r.n / (first.ms / first.n)) : '–'} |`,
    );
  }
  say();
  return rows;
}

// ---------------------------------------------------------------- the report

say(`## Run — ${new Date().toISOString().slice(0, 10)}`);
say();
say(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Load average at start: ${loadavg().map((x) => x.toFixed(2)).join(', ')}.`);
say();
const prepared = prepare();
const cold = SKIP.has('briefing') ? { typst: NaN, chromium: NaN } : await briefingCold(prepared);
const warm = SKIP.has('warm') || SKIP.has('briefing') ? undefined : await briefingWarm(prepared);
const sample = SKIP.has('samples') ? undefined : await samples();
const scaled = SKIP.has('scale') ? [] : scale();

const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'missed');
const big = scaled.find((r) => r.n === 1000) ?? scaled.at(-1);
const small = scaled[0];
say('### Against the targets');
say();
say('| target | measured | |');
say('| --- | --- | --- |');
if (sample) {
  say(`| cold build of the samples < 3 s | ${secs(sample.cold)} (${secs(sample.coldCpu)} CPU) | ${verdict(sample.cold < 3000)} |`);
  const worst = Number.isFinite(sample.makeNoop) ? Math.max(sample.noop, sample.makeNoop) : sample.noop;
  say(`| no-op < 0.3 s | \`jianbao build\` ${secs(sample.noop)}, \`make\` ${secs(sample.makeNoop)} | ${verdict(worst < 300)} |`);
}
if (!SKIP.has('briefing')) say(`| plenary briefing as a build makes it ≤ 1.5× Typst, cold process included | ${ratio(cold.typst)} (warm, in process: ${ratio(warm?.typst ?? NaN)}) | ${verdict(Number.isFinite(cold.typst) ? cold.typst <= 1.5 : undefined)} |`);
if (!SKIP.has('briefing')) say(`| … and ≥ 3× faster than Chromium, cold process included | ${ratio(cold.chromium)} (warm, browser running: ${ratio(warm?.chromium ?? NaN)}) | ${verdict(Number.isFinite(cold.chromium) ? cold.chromium >= 3 : undefined)} |`);
if (big) {
  const linear = small && small !== big ? big.ms / big.n / (small.ms / small.n) : NaN;
  say(
    `| ${big.n} meetings < 90 s, < 1.5 GB, linear | ${secs(big.ms)}, ${mb(big.rssMb)}, per meeting ${ratio(linear)} of the ${small?.n}-meeting set | time ${verdict(big.n >= 1000 ? big.ms < 90_000 : undefined)}, memory ${verdict(big.rssMb < 1536)}, linear ${verdict(Number.isFinite(linear) ? linear <= 1.15 : undefined)} |`,
  );
}
say();
mkdirSync(join(PROJECT_ROOT, '.cache'), { recursive: true });
writeFileSync(join(PROJECT_ROOT, '.cache', 'bench-report.md'), `${out.join('\n')}\n`);
writeFileSync(join(PROJECT_ROOT, '.cache', 'bench-runs.json'), `${JSON.stringify(raw, (k, v) => (k === 'stdout' || k === 'stderr' ? undefined : v), 1)}\n`);
rmSync(prepared.outDir, { recursive: true, force: true });
