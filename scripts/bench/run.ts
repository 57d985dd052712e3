/**
 * `make bench`: measure, never assert. Prints a Markdown report (and writes it to
 * .cache/bench-report.md) with medians and ratios against baselines run in the same
 * invocation, because these machines are noisy.
 *
 *  1. one briefing three ways: jianbao (pdfmake, fonts cached) vs Typst (native) vs
 *     Handlebars→HTML→headless Chromium print-to-PDF;
 *  2. cold build of the samples, and a no-op `make`;
 *  3. synthetic scale sets of 100, 300 and 1,000 meetings built end to end.
 *
 * Options (env): BENCH_RUNS (default 9), BENCH_SCALE ("100,300,1000"), BENCH_SKIP ("typst,chromium,scale").
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { renderContext } from '../../pipeline/build/meeting.js';
import { loadProject } from '../../pipeline/load/project.js';
import { deriveMeeting } from '../../pipeline/model/derive.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { formatsFor, rendererFor } from '../../pipeline/render/formats.js';
import { loadTemplates } from '../../pipeline/render/template.js';
import { docToHtml } from './html.js';
import { docToTypst } from './typst.js';
import { generate } from './gen-meetings.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const SCALE = (process.env.BENCH_SCALE ?? '100,300,1000').split(',').map(Number).filter(Boolean);
const KEY = 'guancheng/2022-12-28-plenary';
const out: string[] = [];
const say = (s = '') => {
  out.push(s);
  process.stdout.write(`${s}\n`);
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function timeRuns(fn: () => Promise<unknown> | unknown, runs = RUNS, warmup = 2): Promise<{ median: number; min: number; first: number }> {
  const t0 = performance.now();
  await fn();
  const first = performance.now() - t0;
  for (let i = 1; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { median: median(times), min: Math.min(...times), first };
}

function pages(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

async function briefingThreeWays(): Promise<void> {
  const loaded = loadProject(join(PROJECT_ROOT, 'data'), { only: [KEY] });
  const m = loaded.meetings[0]!;
  const view = deriveMeeting(m.district, m.id, m.meeting);
  const templates = loadTemplates(join(PROJECT_ROOT, 'templates'));
  const ctx = renderContext(view, templates);
  const { doc } = ctx.doc('briefing.md');
  const masthead = { name: view.briefing.name, issue: view.briefing.issueLabel, office: view.briefing.office, date: view.briefing.dateCn };
  const rows: { name: string; median: number; first: number; bytes: number; pages: number }[] = [];

  const info = formatsFor(['briefing'])[0];
  if (!info) throw new Error('no briefing format registered');
  const renderer = await rendererFor(info);
  let pdf: Uint8Array = new Uint8Array();
  const j = await timeRuns(async () => {
    const files = await renderer.render(renderContext(view, templates));
    pdf = files.find((f) => f.name.endsWith('.pdf'))!.data as Uint8Array;
  });
  rows.push({ name: 'jianbao (pdfmake, fonts cached)', median: j.median, first: j.first, bytes: pdf.byteLength, pages: pages(pdf) });

  const fontDir = (pkg: string) => join(PROJECT_ROOT, 'node_modules', '@expo-google-fonts', pkg);
  if (!SKIP.has('typst')) {
    // Installed by `make bench` only (see the Makefile), so typed here by hand.
    const typstModule = '@myriaddreamin/typst-ts-node-compiler';
    const { NodeCompiler } = (await import(typstModule)) as {
      NodeCompiler: { create(args: { fontArgs: { fontPaths: string[] }[] }): { pdf(args: { mainFileContent: string }): Uint8Array; evictCache(n: number): void } };
    };
    const serif400 = join(fontDir('noto-serif-sc'), '400Regular');
    const serif700 = join(fontDir('noto-serif-sc'), '700Bold');
    const sans500 = join(fontDir('noto-sans-sc'), '500Medium');
    const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [serif400, serif700, sans500] }] });
    const source = docToTypst(doc, masthead);
    let tpdf: Uint8Array = new Uint8Array();
    // Typst memoises layout between compilations of the same source; clear its caches
    // before every run so each run is a full compile (fonts stay loaded, as ours do).
    const t = await timeRuns(() => {
      compiler.evictCache(0);
      tpdf = compiler.pdf({ mainFileContent: source });
    });
    rows.push({ name: 'Typst (native, typst-ts-node-compiler, caches cleared)', median: t.median, first: t.first, bytes: tpdf.byteLength, pages: pages(tpdf) });
    const tw = await timeRuns(() => {
      tpdf = compiler.pdf({ mainFileContent: source });
    });
    rows.push({ name: 'Typst, incremental (same source again, memoised)', median: tw.median, first: tw.first, bytes: tpdf.byteLength, pages: pages(tpdf) });
  }

  if (!SKIP.has('chromium') && existsSync('/usr/bin/chromium')) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage();
    const html = docToHtml(doc, { serif: join(fontDir('noto-serif-sc'), '400Regular', 'NotoSerifSC_400Regular.ttf'), sans: join(fontDir('noto-sans-sc'), '500Medium', 'NotoSansSC_500Medium.ttf') }, masthead);
    const htmlFile = join(mkdtempSync(join(tmpdir(), 'jianbao-bench-')), 'briefing.html');
    writeFileSync(htmlFile, html);
    let cpdf: Uint8Array = new Uint8Array();
    const c = await timeRuns(async () => {
      await page.goto(`file://${htmlFile}`, { waitUntil: 'load' });
      cpdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: '<div style="font-size:14pt;width:100%;text-align:center">— <span class="pageNumber"></span> —</div>' });
    });
    rows.push({ name: 'Chromium (HTML → print-to-PDF, playwright-core)', median: c.median, first: c.first, bytes: cpdf.byteLength, pages: pages(cpdf) });
    await browser.close();
  } else if (!SKIP.has('chromium')) say('(Chromium not installed: `apt-get install chromium` to include it)');

  const base = rows[0]!;
  say(`### One briefing three ways (${KEY}, ${RUNS} runs after warm-up, median)`);
  say();
  say('| path | median | first run (cold) | vs jianbao | PDF size | pages |');
  say('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) say(`| ${r.name} | ${ms(r.median)} | ${ms(r.first)} | ${(r.median / base.median).toFixed(2)}× | ${kb(r.bytes)} | ${r.pages} |`);
  say();
}

function runCli(args: string[], env: Record<string, string> = {}): { ms: number; stdout: string; stderr: string; maxRssKb?: number } {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'maxrss_kb=%M', 'node', join(PROJECT_ROOT, 'bin', 'jianbao.js'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - t;
  if (r.status !== 0) throw new Error(`jianbao ${args.join(' ')} failed: ${r.stderr}`);
  const rss = /maxrss_kb=(\d+)/.exec(r.stderr)?.[1];
  return { ms: elapsed, stdout: r.stdout, stderr: r.stderr, maxRssKb: rss ? Number(rss) : undefined };
}

function samplesColdAndNoop(): void {
  const outDir = mkdtempSync(join(tmpdir(), 'jianbao-cold-'));
  const cold: number[] = [];
  const noop: number[] = [];
  let files = 0;
  for (let i = 0; i < 3; i++) {
    rmSync(outDir, { recursive: true, force: true });
    const r = runCli(['build', '--out', outDir]);
    cold.push(r.ms);
    files = Number(/(\d+) files/.exec(r.stdout)?.[1] ?? 0);
  }
  for (let i = 0; i < 5; i++) noop.push(runCli(['build', '--out', outDir]).ms);
  // the whole `make` when nothing changed (make's own checks + node start + hashing)
  execFileSync('make', ['-s', 'build'], { cwd: PROJECT_ROOT });
  const makeNoop: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    execFileSync('make', ['-s'], { cwd: PROJECT_ROOT });
    makeNoop.push(performance.now() - t);
  }
  say('### The samples');
  say();
  say('| what | median |');
  say('| --- | ---: |');
  say(`| cold build of the ${files} sample outputs (\`jianbao build\`, empty output/) | ${ms(median(cold))} |`);
  say(`| no-op \`jianbao build\` | ${ms(median(noop))} |`);
  say(`| no-op \`make\` | ${ms(median(makeNoop))} |`);
  say();
}

function scale(): void {
  say('### Synthetic scale sets (all outputs, 2 workers)');
  say();
  say('| meetings | wall | per meeting | files | peak memory (RSS) |');
  say('| ---: | ---: | ---: | ---: | ---: |');
  for (const n of SCALE) {
    const dataDir = mkdtempSync(join(tmpdir(), `jianbao-scale-${n}-`));
    generate(dataDir, n);
    const outDir = mkdtempSync(join(tmpdir(), `jianbao-scale-out-${n}-`));
    const r = runCli(['build', '--data', dataDir, '--out', outDir]);
    const files = Number(/(\d+) files/.exec(r.stdout)?.[1] ?? 0);
    say(`| ${n} | ${(r.ms / 1000).toFixed(1)} s | ${ms(r.ms / n)} | ${files} | ${((r.maxRssKb ?? 0) / 1024).toFixed(0)} MB |`);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
  say();
}

say(`## Benchmark — ${new Date().toISOString().slice(0, 10)}`);
say();
say(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`);
say();
await briefingThreeWays();
samplesColdAndNoop();
if (!SKIP.has('scale')) scale();
mkdirSync(join(PROJECT_ROOT, '.cache'), { recursive: true });
writeFileSync(join(PROJECT_ROOT, '.cache', 'bench-report.md'), `${out.join('\n')}\n`);

