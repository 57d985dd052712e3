/**
 * The year end, included by the next meeting without retyping: in a copy of the project the
 * 2022 plenary (plan year 2023) issues its December ledgers, every unit returns them, ingest
 * merges them; then an annual-review meeting of January 2024 names the plenary in
 * `yearEnd: { meeting: 2022-12-28-plenary }` and its briefing and deck show 2023年目标任务
 * 完成情况 — counts that add up, two-decimal 完成率, each unit's rank — read back from the
 * PDF, the Marp text and the pptx XML. The including meeting is rebuilt when the plenary's
 * progress changes; an unknown meeting, one without December returns and a cycle are
 * located errors in `check` and `build`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../pipeline/build/index.js';
import { ingestReturns } from '../../pipeline/ingest/index.js';
import { withProgress } from '../../pipeline/load/progress.js';
import { allRows, ledgerRows, type LedgerRow, type ProgressedView } from '../../pipeline/model/progress.js';
import { STATUS_LABEL, STATUS_REPORT_ORDER, STATUS_RGB } from '../../pipeline/core/status.js';
import { formatProblem } from '../../pipeline/errors.js';
import { setLang } from '../../pipeline/messages/index.js';
import { readZip } from '../../pipeline/core/zip.js';
import { pageText, readPdfText } from '../support/pdf.js';
import { fillReturn, loadView, makeFixture, openWorkbook, rowsById, type Fill, type Fixture } from '../support/xlsx.js';

const DISTRICT = 'guancheng';
const PLAN = '2022-12-28-plenary';
const REVIEW = '2024-01-20-annual-review';
const SELF = ['已完成', '按序时推进', '滞后', '未启动'] as const;

const reviewYaml = (ref: string) => `kind: annual-review
title: 管城回族区2023年度目标任务考核总结会议
shortTitle: 2023年度目标任务考核总结会议
date: 2024-01-20
source:
  seed: 测试数据（合成，无种子）
lead: 1月20日，管城回族区召开2023年度目标任务考核总结会议，通报2023年目标任务完成情况。
yearEnd:
  meeting: ${ref}
briefing:
  issue: 3
  date: 2024-01-21
  distribution:
    song:
      - 区委常委
      - 区政府领导
    fa:
      - 各街道党工委
      - 区直各单位
  copies: 60
`;

/** What a unit returns in December for row number i: a spread over the year-end outcomes. */
function decemberFill(row: LedgerRow, i: number): Fill {
  const words = { progress: '全年工作已按计划推进', problems: '个别事项进度滞后' };
  const k = i % 5;
  if (row.mode === 'none') return k === 4 ? {} : { ...words, self: SELF[k] };
  const T = row.target!;
  const two = (x: number) => Math.round(x * 100) / 100;
  if (row.mode === 'cumulative') return k === 4 ? {} : { ...words, actual: [T, two(T * 1.05), two(T * 0.97), two(T * 0.6)][k] };
  if (row.mode === 'rate') return k === 3 ? {} : { ...words, actual: [two(T), two(T * 1.02), two(T * 0.5), 0, two(T * 0.97)][k] };
  return { ...words, actual: T };
}

async function fillAll(fx: Fixture, dir: string, byId: Map<string, LedgerRow>): Promise<string[]> {
  const returns: string[] = [];
  for (const name of readdirSync(dir).filter((f) => /^ledger-.+\.xlsx$/.test(f)).sort()) {
    const src = join(dir, name);
    const wb = await openWorkbook(src);
    const sheets: Record<string, Record<string, Fill>> = {};
    let i = 0;
    wb.eachSheet((ws) => {
      if (ws.name === '汇总' || ws.state !== 'visible') return;
      const fills: Record<string, Fill> = {};
      for (const [rowId] of rowsById(ws)) fills[rowId] = ws.name === '配合事项' ? { progress: '配合做好要素保障' } : decemberFill(byId.get(rowId)!, i++);
      sheets[ws.name] = fills;
    });
    const dst = join(fx.returnsDir, name);
    let from = src;
    for (const [sheet, fills] of Object.entries(sheets)) {
      await fillReturn(from, dst, fills, { sheet, modified: new Date(Date.UTC(2024, 0, 5, 9, 0, 0)) });
      from = dst;
    }
    returns.push(dst);
  }
  return returns;
}

describe('an annual-review meeting includes the 2022 plenary’s year-end results', () => {
  let fx: Fixture;
  let planDir: string;
  let reviewDir: string;
  let built: BuildResult;
  let text: string;
  let plan: ProgressedView;
  const reviewFile = () => join(fx.dataDir, DISTRICT, 'meetings', `${REVIEW}.yaml`);
  const opts = (extra: object = {}) => ({ dataDir: fx.dataDir, outDir: fx.outDir, jobs: 1, only: [`${DISTRICT}/${REVIEW}`], formats: ['briefing', 'slides'], ...extra });

  beforeAll(async () => {
    setLang('zh-CN');
    fx = makeFixture({ realData: true });
    planDir = join(fx.outDir, DISTRICT, PLAN);
    reviewDir = join(fx.outDir, DISTRICT, REVIEW);
    const issued = await build({ dataDir: fx.dataDir, outDir: fx.outDir, jobs: 1, period: '2023-12', only: [`${DISTRICT}/${PLAN}`], formats: ['ledger'] });
    expect(issued.failures).toEqual([]);
    const rows = allRows(ledgerRows(loadView(fx.dataDir, DISTRICT, PLAN)));
    const returns = await fillAll(fx, planDir, new Map(rows.map((r) => [r.rowId, r])));
    expect(returns).toHaveLength(21);
    const ingested = await ingestReturns(returns, { dataDir: fx.dataDir, root: fx.dir });
    expect(ingested.ok).toBe(true);
    writeFileSync(reviewFile(), reviewYaml(PLAN));
    built = await build(opts());
    expect(built.failures.map((f) => f.error.problems.map(formatProblem))).toEqual([]);
    text = pageText((await readPdfText(new Uint8Array(readFileSync(join(reviewDir, 'briefing.pdf'))))).pages);
    plan = withProgress(loadView(fx.dataDir, DISTRICT, PLAN), { dataDir: fx.dataDir, root: fx.dir, period: '2023-12' });
  });

  it('builds the briefing and the deck with its own preflight clean', () => {
    expect(built.failures.map((f) => f.error.problems.map(formatProblem))).toEqual([]);
    expect(built.checks.filter((p) => p.severity !== 'warning')).toEqual([]);
    expect(built.artifacts.map((a) => a.path.split('/').pop()).sort()).toEqual(['briefing.pdf', 'slides.md', 'slides.pptx']);
  });

  it('shows 2023年目标任务完成情况 with counts that add up', () => {
    const review = plan.progress.review!;
    expect(text).toContain('2023年目标任务完成情况');
    const m = /共(\d+)项纳入2023年度督查考核。截至2023年12月31日，已完成(\d+)项，未完成(\d+)项，完成率(\d+\.\d{2})%。未完成事项中，((?:(?:红灯|黄灯|绿灯|未填报)\d+项、?)+)。/.exec(text);
    expect(m, text.slice(0, 600)).not.toBeNull();
    const [total, done, undone] = [Number(m![1]), Number(m![2]), Number(m![3])];
    expect(total).toBe(review.total);
    expect(done + undone).toBe(total);
    const parts = [...m![5]!.matchAll(/(红灯|黄灯|绿灯|未填报)(\d+)项/g)].map((x) => [x[1], Number(x[2])] as const);
    expect(parts.reduce((n, [, c]) => n + c, 0)).toBe(undone);
    // every unfinished status the model counts is said, in report order
    const expected = STATUS_REPORT_ORDER.filter((s) => s !== 'done' && plan.progress.counts.all[s] > 0).map((s) => [STATUS_LABEL[s], plan.progress.counts.all[s]]);
    expect(parts).toEqual(expected);
    expect(Number(m![4])).toBeCloseTo((done / total) * 100, 2);
    console.log(`year end: ${total} items = 已完成 ${done} + ${parts.map(([l, c]) => `${l} ${c}`).join(' + ')}`);
  });

  it('ranks every unit by its 完成率 (two decimals) and lists every item in the 附件', () => {
    const units = plan.progress.review!.units;
    expect(units.length).toBeGreaterThan(10);
    expect(text).toContain('各责任单位完成情况');
    for (const u of units) expect(text).toContain(`${u.unitName}${u.total}${u.done}${u.rateText}${u.assessment}`);
    expect(units[0]!.assessment).toBe('第1名');
    for (let i = 1; i < units.length; i++) expect(units[i]!.rate).toBeLessThanOrEqual(units[i - 1]!.rate);
    // the item list went to an 附件 (67 items) and says 完成 / 未完成 with the figures
    expect(text).toContain('2023年目标任务完成情况清单');
    expect(text).toMatch(/完成率\d+\.\d{2}%，比序时进度(快|慢)\d+\.\d{2}个百分点/);
    expect(text).toMatch(/完成率100\.00%，与序时进度持平/);
    expect(text).not.toContain('比序时进度与序时进度持平');
    // amounts as written (769.21亿元 stays 769.21), each item's result as the model has it
    const amounts = plan.progress.review!.items.map((i) => /([\d.]+亿元)/.exec(i.figures)?.[1]).filter(Boolean);
    expect(amounts.length).toBeGreaterThan(2);
    for (const a of amounts) expect(text).toContain(a);
    // targets keep their qualifiers (the short ones fit on one line of their cell)
    const qualified = plan.progress.review!.items.map((i) => i.targetText).filter((t) => /力争|突破|以上|左右|不少于/.test(t) && [...t].length <= 5);
    expect(qualified.length).toBeGreaterThan(3);
    for (const t of qualified) expect(text).toContain(t);
    expect(text).toContain('突破10个');
    // an item nobody reported says 未填报 in its row
    expect(plan.progress.review!.items.filter((i) => i.figures === '未填报').length).toBe(plan.progress.counts.all.missing);
    // two decimals everywhere: in the body as read back (the 附件's narrow cells interleave when
    // read as text, so there the figures are checked as the table was given them)
    expect(text.slice(0, text.indexOf('附件：'))).not.toMatch(/完成率\d+%|完成率\d+\.\d%/);
    for (const i of plan.progress.review!.items) expect(i.figures).not.toMatch(/完成率\d+%|完成率\d+\.\d%/);
  });

  it('puts the year end in the deck: the bucket counts as a chart in Marp and pptx, the ranking as a table', async () => {
    const md = readFileSync(join(reviewDir, 'slides.md'), 'utf8');
    expect(md).toContain('2023年目标任务完成情况');
    const c = plan.progress.counts.all;
    const header = `| 项目 | ${STATUS_REPORT_ORDER.map((s) => STATUS_LABEL[s]).join(' | ')} |`;
    expect(md).toContain(header);
    expect(md).toContain(`| 共${plan.progress.total}项 | ${STATUS_REPORT_ORDER.map((s) => c[s]).join(' | ')} |`);
    expect(md).toMatch(/\| 责任单位 \| 事项 \| 完成 \| 完成率 \| 排名 \|/);
    const charts = readZip(readFileSync(join(reviewDir, 'slides.pptx')))
      .filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f.name))
      .map((f) => f.data.toString('utf8'));
    // the chart of the five buckets (the deck shows its title on the slide, not in the chart)
    const chart = charts.find((x) => x.includes(`<c:v>共${plan.progress.total}项</c:v>`));
    expect(chart).toBeDefined();
    // one series per status, all five in the legend, each with its count
    const names = [...chart!.matchAll(/<c:tx>[\s\S]*?<c:v>([^<]+)<\/c:v>/g)].map((x) => x[1]);
    expect(names).toEqual(expect.arrayContaining(STATUS_REPORT_ORDER.map((s) => STATUS_LABEL[s])));
    expect(chart).toContain('<c:legend>');
    for (const s of STATUS_REPORT_ORDER) expect(chart).toMatch(new RegExp(`<c:v>${STATUS_LABEL[s]}</c:v>[\\s\\S]*?<c:val>[\\s\\S]*?<c:v>${c[s]}</c:v>`));
  });

  it('paints each status bar in its status colour in the pptx chart', () => {
    const chart = readZip(readFileSync(join(reviewDir, 'slides.pptx')))
      .map((f) => f.data.toString('utf8'))
      .find((x) => /<c:chartSpace/.test(x) && x.includes('<c:v>未填报</c:v>'))!;
    for (const s of STATUS_REPORT_ORDER) expect(chart).toContain(`<a:srgbClr val="${STATUS_RGB[s]}"`);
  });

  it('is rebuilt when the plenary’s progress changes, and only then', async () => {
    const again = await build(opts());
    expect(again.built).toEqual([]);
    const dec = join(fx.dataDir, DISTRICT, 'progress', PLAN, '2023-12.yaml');
    writeFileSync(dec, `${readFileSync(dec, 'utf8')}# 已核对\n`);
    const after = await build(opts({ formats: ['briefing'] }));
    expect(after.built).toEqual([`${DISTRICT}/${REVIEW}`]);
  });

  it('check and build: an unknown meeting, a meeting without December returns and a cycle are located Chinese errors', async () => {
    const problemsOf = async (extra: object = {}) => {
      const r = await build({ ...opts(), checkOnly: true, ...extra });
      return [...r.checks, ...r.failures.flatMap((f) => f.error.problems)].filter((p) => p.severity !== 'warning').map(formatProblem);
    };
    // unknown
    writeFileSync(reviewFile(), reviewYaml('2022-12-29-plenary'));
    const unknown = await problemsOf();
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(new RegExp(`${REVIEW}\\.yaml:9:12  yearEnd\\.meeting  期望 data/ 中已有的会议（[^）]+），实际为 "2022-12-29-plenary"  提示：是不是 2022-12-28-plenary？$`));
    const failed = await build(opts({ formats: ['briefing'] }));
    expect(failed.failures.map((f) => f.error.exitCode)).toEqual([1]);
    expect(formatProblem(failed.failures[0]!.error.problems[0]!)).toBe(unknown[0]);
    // a plan meeting without December returns: the 2021 party congress has none
    writeFileSync(reviewFile(), reviewYaml('guancheng/2021-09-15-party-congress'));
    const none = await problemsOf();
    expect(none).toHaveLength(1);
    expect(none[0]).toMatch(
      /yearEnd\.meeting  期望 guancheng\/2021-09-15-party-congress 已收回计划年度 2021 最后一个月的台账进度（[^（）]*data\/guancheng\/progress\/2021-09-15-party-congress\/2021-12\.yaml）：[^，]+，实际为 还没有任何进度文件/,
    );
    expect(none[0]).toContain('提示：先运行 jianbao build --period');
    // a cycle: the plenary names the annual review back
    writeFileSync(reviewFile(), reviewYaml(PLAN));
    const planFile = join(fx.dataDir, DISTRICT, 'meetings', `${PLAN}.yaml`);
    const planText = readFileSync(planFile, 'utf8');
    writeFileSync(planFile, planText.replace(/^lead:/m, `yearEnd:\n  meeting: ${REVIEW}\nlead:`));
    const cycle = await problemsOf({ only: [`${DISTRICT}/${REVIEW}`, `${DISTRICT}/${PLAN}`] });
    expect(cycle.some((p) => p.includes(`${REVIEW}.yaml:9:12  yearEnd.meeting  期望引用不成环：guancheng/${REVIEW} → guancheng/${PLAN} → guancheng/${REVIEW}`))).toBe(true);
    expect(cycle.some((p) => p.includes(`${PLAN}.yaml`) && p.includes('期望引用不成环'))).toBe(true);
    // itself
    writeFileSync(planFile, planText);
    writeFileSync(reviewFile(), reviewYaml(REVIEW));
    expect(await problemsOf()).toEqual([expect.stringContaining('期望另一个会议：会议不能引用自己的年度完成情况')]);
  });
});
