import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.js';
import { FIXTURES } from '../support/fixtures.js';

describe('slide outline (slides.md) read back', () => {
  let md = '';
  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), 'jianbao-slides-'));
    const r = await build({ dataDir: join(FIXTURES, 'valid-minimal', 'data'), outDir: out, formats: ['slides'] });
    expect(r.failures).toEqual([]);
    md = readFileSync(join(out, 'demo', '2023-01-05-plenary', 'slides.md'), 'utf8');
  });

  it('is Marp Markdown with front matter', () => {
    expect(md.startsWith('---\nmarp: true\n')).toBe(true);
    expect(md).toContain('title: "区委一届二次全会"');
  });

  it('has numbered parts: title, review (+ chart), targets (+ chart), the one work area, projects, closing', () => {
    const body = md.split(/^---$/m).slice(2); // drop the empty part before and the front matter
    const titles = body.map((s) => /^#{1,2} (.*)$/m.exec(s)?.[1]);
    expect(titles).toEqual([
      '区委一届二次全会',
      '一、2022年主要成绩',
      '2022年主要指标变化（亿元）',
      '二、2023年主要预期目标',
      '2023年主要预期目标：增长率（%）',
      '三、坚持创新驱动',
      '四、重点项目',
      '谢谢！',
    ]);
  });

  it('writes charts as tables of their numbers and projects with investment as a table', () => {
    expect(md).toContain('| 项目 | 2016年 | 2022年末 |\n| --- | ---: | ---: |\n| 地区生产总值 | 329 | 674 |');
    expect(md).toContain('| 重点项目 | 342个 | 793亿元 |  |');
    // growth targets in the data's own words (左右 kept)
    expect(md).toContain('| 固定资产投资 | 增长15%左右 |');
  });

  it('shows the key figures as bullets', () => {
    expect(md).toContain('- **674亿元** 地区生产总值（2016年329亿元，2.05倍）');
    expect(md).toContain('- 固定资产投资：**增长15%左右**');
  });

  it('prints data that looks like Markdown literally', () => {
    expect(md).toContain('- \\*重点\\* \\| 项目：**1000亩以上**（区发展改革委）');
    expect(md).toContain('- \\- 新增技能人才 \\<b\\>：**2.75万人**（区科技局）');
  });

  it('puts the lead paragraph in speaker notes', () => {
    expect(md).toMatch(/<!--\n会议听取和讨论了区委常委会工作报告。\n-->/);
  });
});
