/**
 * output/index.html: built from a temp build of every sample meeting, one of them
 * distributed and one with ingested ledger returns. Checked as text (every relative link
 * resolves to a file) and in headless Chromium (loads without console errors, images
 * load, a screenshot) — the Chromium part is skipped where /usr/bin/chromium is absent.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distributeMeeting, writeIndex } from '../../pipeline/distribute/index.js';
import { ROOT, workspace, type Workspace } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const PLENARY = 'guancheng/2022-12-28-plenary';
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
  ws = workspace(['guancheng', 'zhengzhou', 'erqi', 'gongyi', 'zhongyuan']);
  ws.write('guancheng/progress/2022-12-28-plenary/2023-03.yaml', PROGRESS);
  await ws.build();
  await distributeMeeting({ outDir: ws.outDir, dataDir: ws.dataDir, key: PLENARY, root: ROOT, cwd: ws.dir });
  const r = await writeIndex({ outDir: ws.outDir, dataDir: ws.dataDir, root: ROOT, cwd: ws.dir });
  expect(r.meetings).toBe(7);
  indexFile = join(ws.outDir, 'index.html');
  expect(r.file).toBe('output/index.html');
  html = readFileSync(indexFile, 'utf8');
});

afterAll(() => ws?.cleanup());

/** Every href/src of the page, resolved against the page's own location. */
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
      expect(png.readUInt32BE(16)).toBe(340);
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

  it('is rewritten identically when nothing changed, and drops thumbnails of meetings that are gone', async () => {
    const before = readFileSync(indexFile, 'utf8');
    await writeIndex({ outDir: ws.outDir, dataDir: ws.dataDir, root: ROOT, cwd: ws.dir });
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
