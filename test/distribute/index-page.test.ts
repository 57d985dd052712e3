/**
 * output/index.html: built from a temp copy of the shared build of every sample meeting
 * (test/support/sample-build.ts), one of them distributed and one with ingested ledger
 * returns. Checked as text (every relative link resolves to a file) and in headless Chromium
 * (loads without console errors, images load, a screenshot) — the Chromium part is skipped
 * where /usr/bin/chromium is absent.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { build } from '../../pipeline/build/index.js';
import { SUMMARY_FILE } from '../../pipeline/build/summary.js';
import { distributeMeeting, writeIndex } from '../../pipeline/distribute/index.js';
import { THUMB_WIDTH } from '../../pipeline/distribute/site.js';
import { msgIn, setLang } from '../../pipeline/messages/index.js';
import { CLI, ensureDist } from '../support/dist.js';
import { ROOT, workspace, type Workspace } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const PLENARY = 'guancheng/2022-12-28-plenary';
const STUDY = 'guancheng/2017-08-15-study-session';
/** Where the screenshot is kept for a person to look at (.cache is ignored by git). */
const SHOT_DIR = join(ROOT, '.cache', 'distribute');

let ws: Workspace;
let html: string;
let indexFile: string;

const PROGRESS = `meeting: 2022-12-28-plenary
district: guancheng
period: 2023-03
targets:
  gdp:
    actual: 6.8
  revenue:
    actual: 7.4
tasks:
  t01:
    actual: 300
    progress: 已完成土地收储300亩
  t02:
    progress: 正在推进
  t03:
    actual: 1
`;

beforeAll(async () => {
  ws = await workspace(['guancheng', 'zhengzhou', 'erqi', 'gongyi', 'zhongyuan']);
  ws.write('guancheng/progress/2022-12-28-plenary/2023-03.yaml', PROGRESS);
  // the copy of the shared build is up to date but for the meeting with returns
  expect((await ws.build()).built).toEqual([PLENARY]);
  await distributeMeeting({ outDir: ws.outDir, dataDir: ws.dataDir, key: PLENARY, root: ROOT, cwd: ws.dir });
  const r = await writeIndex({ outDir: ws.outDir, dataDir: ws.dataDir, root: ROOT, cwd: ws.dir });
  expect(r.meetings).toBe(7);
  expect(r.thumbnailsDrawn).toBe(7);
  indexFile = join(ws.outDir, 'index.html');
  expect(r.file).toBe('output/index.html');
  html = readFileSync(indexFile, 'utf8');
});

afterAll(() => ws?.cleanup());

/** Every href/src of the page, resolved against the page's own location. */
/** The <article> of one meeting. */
function article(page: string, key: string): string {
  const at = page.indexOf(`id="m-${key.replace('/', '--')}"`);
  expect(at, key).toBeGreaterThan(0);
  return page.slice(at, page.indexOf('</article>', at));
}

const index = () => writeIndex({ outDir: ws.outDir, dataDir: ws.dataDir, root: ROOT, cwd: ws.dir });

function references(page: string): string[] {
  return [...page.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

describe('index.html', () => {
  it('lists districts → meetings → outputs, with Chinese labels and no external resource', () => {
    for (const name of ['郑州市管城回族区', '郑州市', '二七区', '巩义市', '中原区']) expect(html).toContain(name);
    expect(html).toContain('<html lang="zh-CN">');
    for (const label of ['简报', '台账', '汇报提纲', '分发']) expect(html).toContain(`<th>${label}</th>`);
    expect(html).toContain('区发展改革委'); // a unit ledger, by unit name
    expect(html).not.toMatch(/<script/i);
    for (const ref of references(html)) expect(ref, ref).not.toMatch(/^(https?:)?\/\//);
  });

  it('links only files that exist, with relative hrefs', () => {
    const refs = references(html).filter((r) => !r.startsWith('#') && !r.startsWith('data:'));
    expect(refs.length).toBeGreaterThan(40);
    for (const ref of refs) {
      expect(ref.startsWith('/') || ref.includes('..'), ref).toBe(false);
      const target = fileURLToPath(new URL(ref, pathToFileURL(indexFile)));
      expect(existsSync(target) && statSync(target).isFile(), ref).toBe(true);
    }
    // the bundles (Chinese file names) are percent-encoded and resolve
    expect(refs.some((r) => r.includes('bundles/') && r.includes('%E5%8C%BA'))).toBe(true);
  });

  it('shows page 1 of each briefing as a thumbnail', () => {
    const thumbs = references(html).filter((r) => r.startsWith('_index/'));
    expect(thumbs).toHaveLength(7);
    for (const t of thumbs) {
      const png = readFileSync(join(ws.outDir, decodeURIComponent(t)));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(THUMB_WIDTH);
      expect(png.byteLength).toBeGreaterThan(10_000); // not a blank page
    }
  });

  it('shows the ledger status counts once returns are ingested', () => {
    const plenary = html.slice(html.indexOf('id="m-guancheng--2022-12-28-plenary"'));
    const article = plenary.slice(0, plenary.indexOf('</article>'));
    expect(article).toContain('<th>台账进度</th>');
    expect(article).toMatch(/截至(2023年)?3月/);
    expect(article).toMatch(/class="chip missing">未填报 \d+/);
    // a meeting with a ledger and no returns says so
    expect(html).toContain('尚未回收填报');
  });

  it('is made from the build summaries: a meeting file made unreadable after the build is still listed', async () => {
    const file = join(ws.dataDir, 'guancheng', 'meetings', '2022-12-28-plenary.yaml');
    const text = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, 'title: [这不是\n\t合法的 YAML\n');
      const r = await index();
      expect(r.thumbnailsDrawn).toBe(0);
      const page = readFileSync(indexFile, 'utf8');
      const plenary = article(page, PLENARY);
      expect(plenary).toContain('中国共产党郑州市管城回族区第十二届委员会第四次全体会议');
      expect(plenary).toContain('href="guancheng/2022-12-28-plenary/briefing.pdf"');
      expect(plenary).toMatch(/class="chip missing">未填报 \d+/);
      expect(plenary).not.toContain('class="problem"');
    } finally {
      writeFileSync(file, text);
    }
  });

  it('loads no meeting, schema or PDF library (the compiled CLI, module by module)', async () => {
    ensureDist();
    await index(); // thumbnails are current
    const log = join(ws.dir, 'imports.log');
    const r = spawnSync('node', ['--import', join(ROOT, 'test', 'support', 'import-log.mjs'), CLI, 'index', '--data', ws.dataDir, '--out', ws.outDir], {
      cwd: ws.dir,
      encoding: 'utf8',
      env: { ...process.env, JIANBAO_IMPORT_LOG: log, JIANBAO_LANG: 'zh-CN' },
    });
    expect(r.status, r.stderr).toBe(0);
    const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    // the probe sees the modules the index does use (so it can fail)
    expect(loaded.some((u) => u.includes('/dist/distribute/site.js'))).toBe(true);
    expect(loaded.some((u) => u.includes('/dist/build/summary.js'))).toBe(true);
    expect(loaded.filter((u) => /\/dist\/(load\/project|model\/|ingest\/)|\/node_modules\/(zod|pdf-lib|pdfmake|pdfkit|pdfjs-dist|@napi-rs\/canvas|exceljs)\//.test(u))).toEqual([]);
  });

  it('speaks English on request (--lang en); status colours from the one table', async () => {
    setLang('en');
    try {
      await index();
      const page = readFileSync(indexFile, 'utf8');
      expect(page).toContain('<html lang="en">');
      expect(page).toContain(`<title>${msgIn('en', 'index.title')}</title>`);
      for (const label of ['Briefing', 'Ledgers', 'Slides', 'Distribution', 'Ledger progress']) expect(page).toContain(`<th>${label}</th>`);
      expect(article(page, PLENARY)).toMatch(/class="chip missing">not reported \d+/);
      expect(page).not.toContain('尚未分发');
    } finally {
      setLang('zh-CN');
    }
    await index();
    const page = readFileSync(indexFile, 'utf8');
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('.chip.red{color:#FFFFFF;background:#D6382E;border-color:#D6382E;}');
    expect(page).toBe(html);
  });

  it('says to run make for a meeting whose summary is missing or older', async () => {
    const file = join(ws.outDir, STUDY, SUMMARY_FILE);
    const text = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, text.replace('"summary": 1', '"summary": 0'));
      await index();
      const study = article(readFileSync(indexFile, 'utf8'), STUDY);
      expect(study).toContain('<p class="problem">没有生成结果的摘要（或摘要由旧版本生成），无法列出材料：运行 <code>make</code> 后刷新本页。</p>');
      expect(study).not.toContain('briefing.pdf');
    } finally {
      writeFileSync(file, text);
    }
  });

  it('takes a district’s own templates for its section only', async () => {
    const root = join(ws.dir, 'root');
    cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
    const own = join(root, 'templates', 'guancheng', 'partials', 'index');
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, 'meeting.hbs'), '<article class="meeting" id="{{anchor}}"><h3>管城区样式：{{title}}</h3></article>');
    await writeIndex({ outDir: ws.outDir, dataDir: ws.dataDir, root, cwd: ws.dir });
    const page = readFileSync(indexFile, 'utf8');
    expect(page.match(/管城区样式：/g)).toHaveLength(3);
    expect(article(page, 'erqi/2025-12-01-planning')).toContain('<th>简报</th>');
    await index();
  });

  it('draws a thumbnail again only for a briefing that changed', async () => {
    const png = join(ws.outDir, '_index', 'guancheng', '2017-08-15-study-session.png');
    const before = readFileSync(png);
    // the 期号 is printed in the masthead on page 1
    ws.edit('guancheng/meetings/2017-08-15-study-session.yaml', /^ {2}issue: 9$/m, '  issue: 19');
    await ws.build([STUDY]);
    const r = await index();
    expect(r.thumbnailsDrawn).toBe(1);
    expect(readFileSync(png).equals(before)).toBe(false);
    expect(article(readFileSync(indexFile, 'utf8'), STUDY)).toContain('管城区委简报 第19期');
    expect((await index()).thumbnailsDrawn).toBe(0);
  });

  it('shows a failed build next to the outputs of the last good one', async () => {
    ws.edit('guancheng/meetings/2017-08-15-study-session.yaml', /^date: .*$/m, 'date: 2017-13-45');
    const r = await build({ dataDir: ws.dataDir, outDir: ws.outDir, jobs: 1, only: [STUDY], check: false });
    expect(r.failures.map((f) => f.key)).toEqual([STUDY]);
    await index();
    const study = article(readFileSync(indexFile, 'utf8'), STUDY);
    expect(study).toContain('<p class="problem">最近一次生成失败（下列为此前生成的材料）：');
    expect(study).toContain('href="guancheng/2017-08-15-study-session/briefing.pdf"');
  });

  it('is rewritten identically when nothing changed, and drops thumbnails of meetings that are gone', async () => {
    const before = readFileSync(indexFile, 'utf8');
    await index();
    expect(readFileSync(indexFile, 'utf8')).toBe(before);
    rmSync(join(ws.dataDir, 'erqi'), { recursive: true });
    await writeIndex({ outDir: ws.outDir, dataDir: ws.dataDir, root: ROOT, cwd: ws.dir });
    expect(existsSync(join(ws.outDir, '_index', 'erqi'))).toBe(false);
    html = readFileSync(indexFile, 'utf8');
    expect(html).not.toContain('二七区');
  });
});

describe.skipIf(!existsSync(CHROMIUM))('index.html in headless Chromium', () => {
  it('loads without console errors, every link resolves, and looks right (screenshot)', async () => {
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'jianbao-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1200, height: 900 },
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
      const nonFile: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) nonFile.push(r.url());
      });
      const url = pathToFileURL(indexFile).href;
      await page.goto(url, { waitUntil: 'load' });
      expect(await page.title()).toBe('会议材料目录');

      // every link and image, as the browser resolves them
      const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as unknown as { href: string }).href));
      const images = await page.$$eval('img', (imgs) =>
        imgs.map((i) => {
          const img = i as unknown as { src: string; complete: boolean; naturalWidth: number };
          return { src: img.src, ok: img.complete && img.naturalWidth > 0 };
        }),
      );
      expect(links.length).toBeGreaterThan(40);
      for (const href of links) {
        expect(href.startsWith('file:'), href).toBe(true);
        const target = fileURLToPath(href.split('#')[0]!);
        expect(existsSync(target), href).toBe(true);
      }
      expect(images).toHaveLength(references(html).filter((r) => r.startsWith('_index/')).length);
      for (const i of images) expect(i.ok, i.src).toBe(true);
      // <details> open without JavaScript
      await page.click('#m-guancheng--2022-12-28-plenary details summary');
      expect(await page.isVisible('#m-guancheng--2022-12-28-plenary details ul.files')).toBe(true);

      mkdirSync(SHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SHOT_DIR, 'index.png'), fullPage: false });
      await page.screenshot({ path: join(SHOT_DIR, 'index-full.png'), fullPage: true });
      await page.goto(`${url}#d-guancheng`);
      await page.screenshot({ path: join(SHOT_DIR, 'index-guancheng.png') });
      expect(statSync(join(SHOT_DIR, 'index.png')).size).toBeGreaterThan(20_000);
      expect(problems).toEqual([]);
      expect(nonFile).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
