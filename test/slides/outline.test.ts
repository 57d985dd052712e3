import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JianbaoError } from '../../pipeline/errors.js';
import { inlineText, type Heading, type List, type Table } from '../../pipeline/render/doc/ast.js';
import { DocSyntaxError, parseDoc } from '../../pipeline/render/doc/parse.js';
import { loadSlidesConfig } from '../../pipeline/load/config.js';
import { DEFAULT_SLIDES_CONFIG } from '../../pipeline/model/config.js';
import { cardOf } from '../../pipeline/render/slides/cards.js';
import { PAGE } from '../../pipeline/render/slides/frames.js';
import { layoutSlide, themeOf } from '../../pipeline/render/slides/layout.js';
import { deckColumnWidths } from '../../pipeline/render/slides/table-layout.js';
import { slidesToMarp } from '../../pipeline/render/slides/markdown.js';
import { lineCount, textEm } from '../../pipeline/render/slides/measure.js';
import { bulletsOf, fillToc, fitSlides, isCompactList, notesText, numberParts, slideKind, splitOutside, splitSlides, withNotes, type Slide } from '../../pipeline/render/slides/outline.js';

const theme = themeOf(DEFAULT_SLIDES_CONFIG);
const fits = (s: Slide, minPt?: number) => layoutSlide(s, minPt === undefined ? theme : { ...theme, bodySizes: theme.bodySizes.filter((x) => x >= minPt) }).fits;
const fit = (text: string) => fitSlides(splitSlides(parseDoc(text)), { maxParagraphChars: 40, bulletChars: 60, listMinPt: 20, fits });

describe('outline: Doc → slides', () => {
  it('starts a slide at ::slide, takes notes out (also from containers) and skips empty slides', () => {
    const slides = splitSlides(
      parseDoc(['::slide', '# 标题', '', '::: notes', '导语', ':::', '', '::slide', '', '::slide', '## 成绩', '', '::: numbers', '- **1个** 甲', '::: notes', '备注', ':::', ':::'].join('\n')),
    );
    expect(slides.length).toBe(2);
    expect(slideKind(slides[0]!)).toBe('cover');
    expect(notesText(slides[0]!.notes)).toEqual(['导语']);
    expect(slideKind(slides[1]!)).toBe('content');
    expect(notesText(slides[1]!.notes)).toEqual(['备注']);
    expect(JSON.stringify(slides[1]!.blocks)).not.toContain('"notes"');
  });

  it('calls a slide with only a heading a section slide', () => {
    expect(slideKind(splitSlides(parseDoc('## 民营经济'))[0]!)).toBe('section');
  });

  it('turns an over-long paragraph into bullets from its own sentences, key phrase first, full text in the notes', () => {
    const long = '会议指出，坚持教育强基，新建改扩建中小学、幼儿园42所，新增学位3万多个。推行普惠医疗，深化“四医”联动改革；力保住有所居，站稳群众立场。';
    const [s] = fit(['## 标题', '', '一是短段落也成要点。', '', long, '', '::: notes', '原有备注', ':::'].join('\n'));
    // one long paragraph makes the slide's short one a bullet too: no mix of the two forms
    expect(s!.blocks.map((b) => b.type)).toEqual(['heading', 'list']);
    const items = (s!.blocks[1] as List).items;
    expect(items.map((it) => inlineText(it))).toEqual(['短段落也成要点', '坚持教育强基，新建改扩建中小学、幼儿园42所，新增学位3万多个', '推行普惠医疗，深化“四医”联动改革', '力保住有所居，站稳群众立场']);
    expect(items[1]![0]).toEqual({ type: 'strong', children: [{ type: 'text', value: '坚持教育强基' }] });
    expect(notesText(s!.notes)).toEqual(['一是短段落也成要点。', long, '原有备注']);
  });

  it('keeps a long sentence to the clauses that fit two lines, and never splits inside quotation marks', () => {
    expect(splitOutside('甲“乙。丙”丁。戊；', '。；')).toEqual(['甲“乙。丙”丁。', '戊；']);
    const [b] = bulletsOf(`${'一'.repeat(20)}，${'二'.repeat(20)}，${'三'.repeat(20)}。`, 45);
    expect(inlineText(b!)).toBe(`${'一'.repeat(20)}，${'二'.repeat(20)}`);
  });

  it('splits a slide that overflows into balanced continuation slides titled （续）, each with notes', () => {
    const items = Array.from({ length: 15 }, (_, i) => `- 第${i + 1}项${'字'.repeat(30)}`);
    const slides = withNotes(fit(['## 任务', '', ...items, '', '::: notes', '导语', ':::'].join('\n')));
    expect(slides.length).toBeGreaterThan(1);
    expect(slides.map((s) => inlineText((s.blocks[0] as Heading).children))).toEqual(['任务', ...slides.slice(1).map(() => '任务（续）')]);
    const counts = slides.map((s) => (s.blocks[1] as List).items.length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(15);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    for (const s of slides) expect(layoutSlide(s, theme).fits).toBe(true);
    for (const s of slides) expect(notesText(s.notes).length).toBeGreaterThan(0);
  });

  it('splits a long table by rows, the header on every slide', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `| 项目${i + 1}${'名'.repeat(12)} | ${i + 1}条 |`);
    const slides = fit(['## 重点项目', '', '| 项目 | 数量 |', '| --- | :---: |', ...rows].join('\n'));
    expect(slides.length).toBeGreaterThan(1);
    const tables = slides.map((s) => s.blocks[1] as Table);
    expect(tables.every((t) => inlineText(t.header[0]!) === '项目')).toBe(true);
    expect(tables.flatMap((t) => t.rows.map((r) => inlineText(r[1]!)))).toEqual(rows.map((_, i) => `${i + 1}条`));
  });

  it('numbers the parts and lists them in the 目录 of a long deck only', () => {
    const part = (t: string) => ['::slide', '::part', '', `## ${t}`, '', '- 内容'];
    const more = Array.from({ length: 6 }, (_, i) => ['::slide', `## 页${i}`, '', '- 内容']).flat();
    const text = ['# 封面', '', '::slide', '## 目录', '', '::toc', ...part('成绩'), ...more, ...part('任务')].join('\n');
    const { slides, parts } = numberParts(splitSlides(parseDoc(text)));
    expect(parts).toEqual(['一、成绩', '二、任务']);
    const long = fillToc(slides, parts);
    expect(long.length).toBe(10);
    expect(notesText(long[1]!.blocks)).toEqual(['目录', '一、成绩', '二、任务']);
    const short = fillToc(slides.slice(0, 5), parts);
    expect(short.some((s) => notesText(s.blocks).includes('目录'))).toBe(false);
  });

  it('shows many short items in two columns (Marp class and deck layout alike)', () => {
    const names = Array.from({ length: 10 }, (_, i) => `- 项目${i + 1}`);
    const slides = splitSlides(parseDoc(['## 重点项目', '', ...names].join('\n')));
    const list = slides[0]!.blocks[1]!;
    expect(list.type === 'list' && isCompactList(list)).toBe(true);
    expect(slidesToMarp(slides, { title: 't' })).toContain('<!-- _class: two-columns -->');
    const texts = layoutSlide(slides[0]!, theme).frames.filter((f) => f.kind === 'text' && f.name.startsWith('要点'));
    expect(texts.length).toBe(2);
  });
});

describe('layout', () => {
  it('reads a figure bullet as number, label and comparison', () => {
    const list = parseDoc('- **突破360亿元** 高新技术产业产值（“十三五”初100亿元，3.6倍）').children[0];
    if (list?.type !== 'list') throw new Error('expected a list');
    const card = cardOf(list.items[0]!);
    expect(card.number.map((r) => r.text)).toEqual(['突破', '360', '亿元']);
    expect(card.label[0]!.text).toBe('高新技术产业产值');
    expect(card.sub[0]!.text).toBe('“十三五”初100亿元，3.6倍');
  });

  it('shares table width by need, filling the width', () => {
    const cell = (s: string) => [{ type: 'text' as const, value: s }];
    const w = deckColumnWidths([[cell('项目名称很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长'), cell('数量')]], 12, 18);
    expect(w[0]! + w[1]!).toBeCloseTo(12, 5);
    expect(w[0]!).toBeGreaterThan(w[1]!);
  });

  it('keeps every frame on the page', () => {
    const doc = parseDoc(['## 标题', '', ...Array.from({ length: 6 }, (_, i) => `- 第${i}条${'字'.repeat(50)}：**100亿元**（区发展改革委）`)].join('\n'));
    const plan = layoutSlide(splitSlides(doc)[0]!, theme);
    expect(plan.fits).toBe(true);
    for (const f of plan.frames) {
      expect(f.box.x + f.box.w).toBeLessThanOrEqual(PAGE.w + 1e-9);
      expect(f.box.y + f.box.h).toBeLessThanOrEqual(PAGE.h + 1e-9);
    }
  });

  it('measures CJK as 1 em and digits narrower', () => {
    expect(textEm('地区生产总值')).toBe(6);
    expect(textEm('674')).toBeLessThan(2);
    expect(lineCount('一二三四五六七八九十', 5.2)).toBe(2);
    // closing punctuation is never the first character of a line
    expect(lineCount('一二三四五，', 5.2)).toBe(1);
  });
});

describe('Marp writer', () => {
  it('writes chart blocks as tables and notes as comments', () => {
    const doc = parseDoc(
      ['## 目标（%）', '', '::: chart bar', 'title: 目标', 'unit: "%"', 'categories: [地区生产总值, 固定资产投资]', 'series:', '  - name: 目标', '    data: [7, 11.5]', ':::', '', '::: notes', '说明', ':::'].join('\n'),
    );
    const md = slidesToMarp(splitSlides(doc), { title: '会议', footer: '区 · 日期', fonts: ['微软雅黑'] });
    expect(md).toContain('| 项目 | 目标 |\n| --- | ---: |\n| 地区生产总值 | 7 |\n| 固定资产投资 | 11.5 |');
    expect(md).toContain('<!--\n说明\n-->');
    expect(md).toContain('font-family: "微软雅黑", sans-serif;');
  });

  it('never sees a malformed chart: the Doc is not built (the chart schema is checked once, by parseDoc)', () => {
    expect(() => parseDoc(['::: chart bar', 'categories: [甲]', ':::'].join('\n'))).toThrow(DocSyntaxError);
    expect(() => parseDoc(['::: chart bar', 'categories: [甲]', ':::'].join('\n'))).toThrow(/::: chart › series/);
  });
});

describe('config/slides.yaml', () => {
  it('uses the defaults without a file', () => {
    const root = mkdtempSync(join(tmpdir(), 'jianbao-cfg-'));
    expect(loadSlidesConfig(root)).toEqual(DEFAULT_SLIDES_CONFIG);
    expect(DEFAULT_SLIDES_CONFIG.fonts).toEqual({ heading: '微软雅黑', body: '微软雅黑', fallback: '宋体' });
  });

  it('reports a bad colour at its line', () => {
    const root = mkdtempSync(join(tmpdir(), 'jianbao-cfg-'));
    mkdirSync(join(root, 'config'));
    writeFileSync(join(root, 'config', 'slides.yaml'), 'fonts:\n  body: 宋体\ncolors:\n  accent: red\n');
    try {
      loadSlidesConfig(root);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(JianbaoError);
      const p = (e as JianbaoError).problems[0]!;
      expect((e as JianbaoError).kind).toBe('config');
      expect(p.field).toBe('colors.accent');
      expect(p.location).toMatchObject({ line: 4 });
    }
  });

  it('reads fonts and sorts body sizes largest first', () => {
    const root = mkdtempSync(join(tmpdir(), 'jianbao-cfg-'));
    mkdirSync(join(root, 'config'));
    writeFileSync(join(root, 'config', 'slides.yaml'), 'fonts:\n  heading: 黑体\ntext:\n  bodySizes: [18, 24, 20]\n');
    const c = loadSlidesConfig(root);
    expect(c.fonts).toEqual({ heading: '黑体', body: '微软雅黑', fallback: '宋体' });
    expect(c.text.bodySizes).toEqual([24, 20, 18]);
  });
});
