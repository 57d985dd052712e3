/**
 * A build loads and does only what it needs: a no-op build imports no renderer module,
 * a build checks its PDFs at layout time and reads none back, and ECharts is loaded only
 * for a document with a chart.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { readBacks } from '../../pipeline/render/pdf/inspect.js';
import { preflight, renderBriefing } from '../../pipeline/render/pdf/index.js';
import { parseDoc } from '../../pipeline/render/doc/parse.js';
import { ensureDist } from '../support/dist.js';
import { loadView } from '../support/pdf.js';
import { briefingInputs, testTheme } from '../support/assets.js';

const cli = join(PROJECT_ROOT, 'bin', 'jianbao.js');
const KEY = 'guancheng/2017-08-15-study-session';
const RENDERING = /\/dist\/render\/(pdf|xlsx|slides)\/|\/node_modules\/(pdfmake|exceljs|pptxgenjs|echarts|pdfjs-dist|@napi-rs\/canvas|handlebars|zod|jszip)\//;

/** Findings other than the font-substitution warnings every build without system fonts gives. */
const notSubstitute = (f: { code: string; severity: string }): boolean => !(f.code === 'font-substitute' && f.severity === 'warning');

/** Run the compiled CLI and return the module URLs it resolved. */
function imports(args: string[]): string[] {
  const log = join(mkdtempSync(join(tmpdir(), 'jianbao-imports-')), 'imports.log');
  const r = spawnSync('node', ['--import', join(PROJECT_ROOT, 'test', 'support', 'import-log.mjs'), cli, ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, JIANBAO_IMPORT_LOG: log },
  });
  expect(r.status, r.stderr).toBe(0);
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

/** The cold build of every format of KEY (no chart in any of its documents): out folder and imports. */
let cold: { out: string; imports: string[] } | undefined;
function coldBuild(): { out: string; imports: string[] } {
  if (!cold) {
    const out = mkdtempSync(join(tmpdir(), 'jianbao-noop-'));
    cold = { out, imports: imports(['build', '--only', KEY, '--out', out]) };
  }
  return cold;
}

describe('loading less', () => {
  beforeAll(() => ensureDist());

  it('a no-op build imports no renderer, template engine or schema module', () => {
    const { out, imports: cold } = coldBuild();
    // the same probe sees the renderers when there is work (so it can fail)
    expect(cold.some((u) => u.includes('/dist/render/pdf/index.js'))).toBe(true);
    expect(cold.some((u) => /\/node_modules\/pdfmake\//.test(u))).toBe(true);
    const noop = imports(['build', '--only', KEY, '--out', out]);
    expect(noop.length).toBeGreaterThan(0);
    expect(noop.filter((u) => RENDERING.test(u))).toEqual([]);
  }, 600_000);

  it('a build checks its briefings at layout time and reads no PDF back', async () => {
    const out = mkdtempSync(join(tmpdir(), 'jianbao-noread-'));
    const before = readBacks.count;
    const r = await build({ dataDir: join(PROJECT_ROOT, 'data'), outDir: out, only: [KEY], formats: ['briefing'], jobs: 1, check: true, cwd: PROJECT_ROOT });
    expect(r.built).toEqual([KEY]);
    // The suite runs without system fonts (JIANBAO_FONT_DIRS=''), so each role reports its
    // substitute as a warning; anything else would be a real finding.
    expect(r.checks.filter((p) => !(p.severity === 'warning' && p.message.includes('font-substitute')))).toEqual([]);
    expect(readBacks.count).toBe(before);
    // the read-back itself is still there (jianbao preflight FILE) and counted
    const pdf = new Uint8Array(readFileSync(join(out, KEY, 'briefing.pdf')));
    expect((await preflight(pdf, testTheme(PROJECT_ROOT))).findings.filter(notSubstitute)).toEqual([]);
    expect(readBacks.count).toBe(before + 1);
  }, 600_000);

  it('ECharts is loaded only for a document with a chart', () => {
    // no document of the 2017 study session has a chart (its cold build of every format,
    // shared with the first test); the plenary's briefing has one
    const plain = coldBuild().imports;
    expect(plain.some((u) => /\/node_modules\/pdfmake\//.test(u))).toBe(true);
    expect(plain.filter((u) => /\/node_modules\/echarts\//.test(u))).toEqual([]);
    const charted = imports(['build', '--only', 'guancheng/2022-12-28-plenary', '--format', 'briefing', '--out', mkdtempSync(join(tmpdir(), 'jianbao-chart-'))]);
    expect(charted.some((u) => /\/node_modules\/echarts\//.test(u))).toBe(true);
  }, 600_000);

  it('a chart in any document still renders (ECharts loaded on demand)', async () => {
    const view = loadView('data/guancheng/meetings/2017-08-15-study-session.yaml');
    const doc = parseDoc('::: chart\ntitle: 测试\ntype: bar\nunit: 亿元\ncategories: [甲, 乙]\nseries:\n  - name: 值\n    data: [1, 2]\n:::\n');
    const out = await renderBriefing({ view, doc, ...briefingInputs(PROJECT_ROOT) });
    expect(out.pdf.byteLength).toBeGreaterThan(1000);
    expect((out.findings ?? []).filter(notSubstitute)).toEqual([]);
  }, 600_000);
});
