/**
 * The chart schema's colours (core/chart.ts): one per bar of a series (`colors`, e.g. the
 * status colours of core/status.ts) and one per series (`color`) reach both the PDF's
 * ECharts SVG and the deck's native PowerPoint chart (read back from the chart XML).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { parseDoc } from '../../pipeline/render/doc/parse.js';
import { chartSvg, loadCharts } from '../../pipeline/render/pdf/charts.js';

const STATUS = ['#2E7D32', '#1B9E4B', '#D0121B'];
const BODY = ['::: chart bar', 'title: 事项状态', 'unit: 项', 'categories: [已完成, 绿灯, 红灯]', 'series:', '  - name: 事项', '    data: [3, 5, 2]', `    colors: ["${STATUS.join('", "')}"]`, ':::'];

describe('chart colours from the spec', () => {
  it('colour each bar in the PDF chart (SVG)', async () => {
    const chart = parseDoc(BODY.join('\n')).children[0]!;
    expect(chart.type).toBe('chart');
    if (chart.type !== 'chart') return;
    expect(chart.spec.series[0]!.colors).toEqual(STATUS);
    await loadCharts();
    const svg = chartSvg(chart.spec, { width: 400, height: 200, fontFamily: 'sans-serif', accent: '#C8102E', fontSize: 10 }).toLowerCase();
    const rgb = (hex: string) => `rgb(${parseInt(hex.slice(1, 3), 16)},${parseInt(hex.slice(3, 5), 16)},${parseInt(hex.slice(5, 7), 16)})`;
    for (const c of STATUS) expect(svg.includes(`fill="${c.toLowerCase()}"`) || svg.includes(rgb(c)), c).toBe(true);
    // without colours: the accent
    const plain = chartSvg({ ...chart.spec, series: [{ name: '事项', data: [3, 5, 2] }] }, { width: 400, height: 200, fontFamily: 'sans-serif', accent: '#C8102E', fontSize: 10 }).toLowerCase();
    for (const c of STATUS) expect(plain.includes(`fill="${c.toLowerCase()}"`) || plain.includes(rgb(c)), c).toBe(false);
  });

  it('colour each bar in the deck (PowerPoint chart XML)', async () => {
    const templatesDir = mkdtempSync(join(tmpdir(), 'jianbao-colors-'));
    cpSync(join(PROJECT_ROOT, 'templates'), templatesDir, { recursive: true });
    writeFileSync(join(templatesDir, 'default', 'slides.md.hbs'), ['::slide', '# 封面', '', '::slide', '## 状态', '', ...BODY, ''].join('\n'));
    const out = mkdtempSync(join(tmpdir(), 'jianbao-colors-out-'));
    const key = 'guancheng/2017-08-15-study-session';
    const r = await build({ dataDir: join(PROJECT_ROOT, 'data'), outDir: out, templatesDir, formats: ['slides'], only: [key], jobs: 1, cwd: PROJECT_ROOT });
    expect(r.failures).toEqual([]);
    const zip = await JSZip.loadAsync(readFileSync(join(out, key, 'slides.pptx')));
    const charts = Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(1);
    const xml = await zip.file(charts[0]!)!.async('string');
    const points = [...xml.matchAll(/<c:dPt>[\s\S]*?<a:srgbClr val="([0-9A-F]{6})"/g)].map((m) => `#${m[1]}`);
    expect(points).toEqual(STATUS);
  });
});
