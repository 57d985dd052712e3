/**
 * Chinese line breaking (kinsoku.ts + typeset.ts): unit cases, a property over random
 * punctuation-heavy text at random measures, and the same rules checked on a rendered
 * PDF read back with pdfjs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDoc } from '../../pipeline/render/doc/parse.js';
import { renderBriefing } from '../../pipeline/render/pdf/index.js';
import { CHECK_NO_END, CHECK_NO_START, lineViolation, units, wordUnits } from '../../pipeline/render/pdf/kinsoku.js';
import { breakLines, type Span } from '../../pipeline/render/pdf/typeset.js';
import { bodyLines, compact, loadView, readPdfText, ROOT } from '../support/pdf.js';
import { briefingInputs, testFontSet, testTheme } from '../support/assets.js';

const fonts = testFontSet(ROOT);
const theme = testTheme(ROOT);

const unitTexts = (s: string) => units(s).filter((u) => !u.space).map((u) => s.slice(u.start, u.end));

describe('units', () => {
  it('keeps closing punctuation with the character before it and opening with the one after', () => {
    expect(unitTexts('发展，“三标”活动。')).toEqual(['发', '展，', '“三', '标”', '活', '动。']);
    expect(unitTexts('（一）《建议》')).toEqual(['（一）', '《建', '议》']);
  });

  it('never splits —— or ……, and keeps numbers and Latin words whole', () => {
    expect(unitTexts('目标——增长……')).toEqual(['目', '标', '——', '增', '长……']);
    expect(unitTexts('增长7.5%左右，GDP达到')).toEqual(['增', '长', '7.5%', '左', '右，', 'GDP', '达', '到']);
  });
});

describe('breakLines', () => {
  const body = (text: string): Span[] => [{ text, role: 'fangsong', bold: false }];
  const lines = (text: string, chars: number) =>
    breakLines(fonts, body(text), { width: chars * theme.charPitch - theme.charSpacing + 0.05, size: 16, tracking: theme.charSpacing }).map((l) => l.segments.map((s) => s.text).join(''));

  it('fits exactly 28 ideographs on a body line', () => {
    const text = '党'.repeat(28 * 3);
    expect(lines(text, 28).map((l) => l.length)).toEqual([28, 28, 28]);
  });

  it('pushes a character down rather than start a line with a comma', () => {
    // 28 characters would end just before the comma
    const text = `${'字'.repeat(28)}，${'字'.repeat(10)}`;
    const out = lines(text, 28);
    expect(out[0]).toHaveLength(27);
    expect(out[1]!.startsWith('字，')).toBe(true);
  });

  it('obeys the rules for any text at any measure (property)', () => {
    // words as they occur in text: punctuation always next to a character
    const chars = [...'经济发展社会治理项目建设一二三'];
    const alphabet = [
      ...chars,
      ...[...'，。、；：？！）》」”’'].map((p) => `治${p}`),
      ...[...'（《「“‘'].map((p) => `${p}经`),
      '建设——', '发展……', '“三标”，', '（一）', '《建议》。', '2023年', '7.5%', 'GDP', ' ',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 120 }), fc.integer({ min: 6, max: 28 }), (parts, chars) => {
        const text = parts.join('');
        const out = lines(text, chars);
        // nothing is lost or invented (spaces aside)
        expect(compact(out.join(''))).toBe(compact(text));
        out.forEach((line, k) => {
          const first = line[0]!;
          const last = line[line.length - 1]!;
          if (k > 0) expect(CHECK_NO_START.has(first), `line ${k} starts with ${first}: ${out.join('/')}`).toBe(false);
          if (k < out.length - 1) {
            expect(CHECK_NO_END.has(last), `line ${k} ends with ${last}: ${out.join('/')}`).toBe(false);
            const next = out[k + 1]![0];
            expect(['—', '…'].includes(last) && next === last, `split ${last}${last}`).toBe(false);
          }
        });
      }),
      { numRuns: 300, seed: 20221228 },
    );
  });
});

describe('in a rendered PDF', () => {
  it('no line of a punctuation-heavy briefing starts or ends wrongly', async () => {
    const view = loadView('data/guancheng/meetings/2017-08-15-study-session.yaml');
    const para = '会议强调，要“稳字当头、稳中求进”——抓项目、促投资、保民生……（一）《建议》提出：“十四五”！“十五五”？各级各部门要（立即）行动。';
    // the same sentence at every offset within the line, so each punctuation mark meets the line end
    const text = ['# 标点测试', ...Array.from({ length: 28 }, (_v, k) => `${'字'.repeat(k)}${para}`)].join('\n\n');
    const { pdf } = await renderBriefing({ view, doc: parseDoc(text), ...briefingInputs(ROOT) });
    const read = await readPdfText(pdf);
    let checked = 0;
    for (const page of read.pages) {
      for (const line of bodyLines(page, theme)) {
        expect(lineViolation(line.text), line.text).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(80);
  });
});

describe('word units (titles, headings, table cells)', () => {
  const pieces = (t: string) => wordUnits(t).filter((u) => !u.space).map((u) => t.slice(u.start, u.end));
  it('keeps runs of single characters, numbers with their units and short quotations whole', () => {
    expect(pieces('砥砺前行')).toEqual(['砥砺前行']);
    expect(pieces('推动各项工作')).toContain('各项');
    expect(pieces('金岱经开区管委会')).toEqual(['金岱经开区管委会']);
    expect(pieces('突破2000亿元').join('|')).not.toMatch(/2000\|亿/);
    expect(pieces('亮相“9·3”阅兵').some((p) => p.includes('“9·3”'))).toBe(true);
  });
  it('prefers breaks after punctuation and spaces', () => {
    const us = wordUnits('锚定目标任务，奋力担当作为；以更加积极有为的姿态 推动');
    const after = (s: string) => us.find((u) => u.start === '锚定目标任务，奋力担当作为；以更加积极有为的姿态 推动'.indexOf(s) + s.length);
    expect(after('锚定目标任务，')?.breakCost).toBe(0);
    expect(after('作为；')?.breakCost).toBe(0);
  });
  it('never splits “9·3” in body text either', () => {
    const t = '一批“巩义制造”亮相冬奥会、中国—中亚峰会、“9·3”阅兵';
    const us = units(t);
    const at = t.indexOf('·');
    expect(us.some((u) => u.start === at || u.start === at + 1)).toBe(false);
  });
});
