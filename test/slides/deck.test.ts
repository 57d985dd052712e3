/** The deck writer on hand-made outlines: the cases the sample data does not reach. */
import { readZip } from '../../pipeline/core/zip.js';
import { describe, expect, it } from 'vitest';
import { parseDoc } from '../../pipeline/render/doc/parse.js';
import { DEFAULT_SLIDES_CONFIG } from '../../pipeline/model/config.js';
import { layoutSlide, themeOf } from '../../pipeline/render/slides/layout.js';
import { finishPackage } from '../../pipeline/render/slides/ooxml.js';
import { notesText, splitSlides } from '../../pipeline/render/slides/outline.js';
import { writeDeck } from '../../pipeline/render/slides/pptx.js';
import { slideText } from './read-pptx.js';

async function deckOf(text: string): Promise<Map<string, string>> {
  const config = DEFAULT_SLIDES_CONFIG;
  const theme = themeOf(config);
  const slides = splitSlides(parseDoc(text));
  const raw = await writeDeck({
    plans: slides.map((s) => layoutSlide(s, theme)),
    notes: slides.map((s) => notesText(s.notes)),
    meta: { title: '测试', subject: '测试', author: '办公室', company: '示例区', footer: '示例区 · 2023年1月5日' },
    config,
    theme,
  });
  const pkg = await finishPackage(raw, { fonts: config.fonts, lang: 'zh-CN', date: '2023-01-05', bulletColor: config.colors.accent });
  const parts = new Map<string, string>();
  for (const { name, data } of readZip(pkg)) if (name.endsWith('.xml')) parts.set(name, data.toString('utf8'));
  return parts;
}

describe('deck writer', () => {
  it('draws a series of more than two points as a line chart with CJK fonts', async () => {
    const parts = await deckOf(
      ['## 地区生产总值', '', '::: chart line', 'title: 地区生产总值（亿元）', 'unit: 亿元', 'categories: ["2016年", "2018年", "2020年"]', 'series:', '  - name: 地区生产总值', '    data: [329, 480, 674]', ':::'].join('\n'),
    );
    const chart = parts.get('ppt/charts/chart1.xml')!;
    expect(chart).toContain('<c:lineChart>');
    expect(chart).toContain('<c:v>2018年</c:v>');
    expect(chart).toContain('<c:lang val="zh-CN"/>');
    const props = [...chart.matchAll(/<a:(?:defRPr|rPr|endParaRPr)\b[^>]*?(?:\/>|>([\s\S]*?)<\/a:(?:defRPr|rPr|endParaRPr)>)/g)];
    expect(props.length).toBeGreaterThan(3);
    for (const m of props) expect(m[1] ?? '').toContain('<a:ea typeface="微软雅黑"');
  });

  it('makes every title a title placeholder, so PowerPoint’s outline lists it', async () => {
    const parts = await deckOf(['# 封面', '', '示例区', '', '::slide', '', '## 内容', '', '- 一条', '', '::slide', '', '## 章节'].join('\n'));
    for (const n of [1, 2, 3]) {
      const xml = parts.get(`ppt/slides/slide${n}.xml`)!;
      expect(xml, `slide ${n}`).toMatch(/<p:ph\s+idx="\d+"\s+type="title"/);
    }
    expect(slideText(parts.get('ppt/slides/slide3.xml')!)).toContain('章节');
  });

  it('writes one notes paragraph per line, and bold accent runs for strong text', async () => {
    const parts = await deckOf(['## 任务', '', '- 土地收储：**1000亩以上**（区发展改革委）', '', '::: notes', '第一段', '', '第二段', ':::'].join('\n'));
    const notes = slideText(parts.get('ppt/notesSlides/notesSlide1.xml')!);
    expect(notes).toContain('第一段');
    expect(notes).toContain('第二段');
    expect(parts.get('ppt/slides/slide1.xml')).toMatch(/<a:rPr[^>]*b="1"[^>]*><a:solidFill><a:srgbClr val="C8102E"\/><\/a:solidFill>[\s\S]*?<a:t>1000亩以上<\/a:t>/);
  });
});
