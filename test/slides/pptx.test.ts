/**
 * The PowerPoint deck read back: the sample meetings (the shared build of data/,
 * test/support/sample-build.ts), each slides.pptx opened (a zip of XML) and checked against
 * its slides.md twin and against what a viewer needs; one deck built again, byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { sampleBuild } from '../support/sample-build.js';
import { marpNotes, marpSlides, neededHeightEmu, readPptx, slideText, textShapes, type Deck, EMU_PER_IN } from './read-pptx.js';

const DATA = join(PROJECT_ROOT, 'data');
const PARTY_CONGRESS = 'guancheng/2021-09-15-party-congress';
const PLENARY = 'guancheng/2022-12-28-plenary';

interface Built {
  key: string;
  md: string;
  deck: Deck;
  pptxPath: string;
}

const built = new Map<string, Built>();

beforeAll(async () => {
  // the shared build of data/ (test/support/sample-build.ts), read only
  const samples = await sampleBuild();
  for (const key of samples.meetings) {
    const dir = join(samples.outDir, key);
    const pptxPath = join(dir, 'slides.pptx');
    built.set(key, { key, md: readFileSync(join(dir, 'slides.md'), 'utf8'), deck: await readPptx(pptxPath), pptxPath });
  }
  expect(built.size).toBe(7);
});

const each = () => [...built.values()];
const get = (key: string) => built.get(key)!;

describe('slides.pptx read back', () => {
  it('has as many slides as the Marp outline', () => {
    for (const b of each()) expect(b.deck.slideCount, b.key).toBe(marpSlides(b.md).length);
  });

  it('opens with the meeting title, district and date', () => {
    const text = slideText(get(PLENARY).deck.slide(1)).join('\n');
    expect(text).toContain('区委十二届四次全会暨区委经济工作会议');
    expect(text).toContain('郑州市管城回族区');
    expect(text).toContain('2022年12月28日');
    expect(get(PLENARY).deck.parts.get('docProps/core.xml')).toContain('<dc:title>区委十二届四次全会暨区委经济工作会议</dc:title>');
  });

  it('shows the review in big numbers, with the comparison', () => {
    const deck = get(PARTY_CONGRESS).deck;
    const all = Array.from({ length: deck.slideCount }, (_, i) => slideText(deck.slide(i + 1))).flat();
    expect(all).toContain('674亿元');
    expect(all).toContain('地区生产总值');
    expect(all).toContain('“十三五”初329亿元，2.05倍');
  });

  it('groups the 39 figures by the highlight that states them, at most 8 cards a slide', () => {
    const slides = marpSlides(get(PARTY_CONGRESS).md);
    const cards = slides.map((s) => s.match(/^- \*\*[^*]+\*\* /gm)?.length ?? 0);
    expect(cards.reduce((a, b) => a + b, 0)).toBe(39);
    expect(Math.max(...cards)).toBeLessThanOrEqual(8);
    const industry = slides.find((s) => s.includes('## 产业提档升级 积蓄强劲动能\n'))!;
    expect(industry).toContain('**674亿元** 地区生产总值');
    expect(slides.some((s) => s.includes('## 产业提档升级 积蓄强劲动能（续）'))).toBe(true);
  });

  it('sets a real East-Asian font and zh-CN on every run in slides, notes and charts', () => {
    for (const b of each()) {
      for (const [name, xml] of b.deck.parts) {
        if (!/^ppt\/(slides\/slide|notesSlides\/notesSlide|charts\/chart)\d+\.xml$/.test(name)) continue;
        const props = [...xml.matchAll(/<a:(rPr|endParaRPr|defRPr)\b([^>]*?)(\/>|>([\s\S]*?)<\/a:\1>)/g)];
        expect(props.length, `${b.key} ${name}`).toBeGreaterThan(0);
        for (const m of props) {
          const where = `${b.key} ${name}: ${m[0].slice(0, 80)}`;
          expect(m[4] ?? '', where).toMatch(/<a:ea typeface="[^"+][^"]*"/);
          if (m[1] !== 'defRPr') expect(m[2], where).toContain('lang="zh-CN"');
        }
      }
    }
  });

  it('fills the theme East-Asian font slots', () => {
    const theme = get(PLENARY).deck.parts.get('ppt/theme/theme1.xml')!;
    expect(theme).not.toContain('<a:ea typeface=""/>');
    expect(theme).toMatch(/<a:majorFont><a:latin typeface="微软雅黑"[^>]*\/><a:ea typeface="微软雅黑"/);
    expect(theme).toContain('<a:font script="Hans" typeface="宋体"/>');
  });

  it('writes speaker notes where the outline has notes', () => {
    for (const b of each()) {
      marpSlides(b.md).forEach((s, i) => {
        const notes = marpNotes(s);
        const xml = b.deck.notes(i + 1) ?? '';
        const text = slideText(xml).join('\n');
        if (notes.length) expect(text, `${b.key} slide ${i + 1}`).toContain(notes[0]!.split('\n')[0]!.slice(0, 30));
      });
    }
  });

  it('draws the targets and the five-year trend as native charts', () => {
    for (const key of [PARTY_CONGRESS, PLENARY]) {
      const charts = [...get(key).deck.parts.entries()].filter(([n]) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
      expect(charts.length, key).toBeGreaterThanOrEqual(1);
      for (const [, xml] of charts) expect(xml).toMatch(/<c:(barChart|lineChart)>/);
    }
    const pc = [...get(PARTY_CONGRESS).deck.parts.values()].join('');
    expect(pc).toContain('<c:v>“十三五”初</c:v>');
    // growth rates only on the % axis, each with its wording; the ratio 研发投入强度 is not a growth rate
    expect(pc).toContain('<c:v>地区生产总值\n力争年均增长8%以上</c:v>');
    const charts = [...get(PARTY_CONGRESS).deck.parts.entries()].filter(([n]) => /^ppt\/charts\/chart\d+\.xml$/.test(n)).map(([, x]) => x);
    expect(charts.some((x) => x.includes('研发投入强度'))).toBe(false);
  });

  it('makes tables native tables', () => {
    const deck = get(PLENARY).deck;
    const withTables = Array.from({ length: deck.slideCount }, (_, i) => deck.slide(i + 1)).filter((x) => x.includes('<a:tbl>'));
    expect(withTables.length).toBeGreaterThanOrEqual(1);
    expect(slideText(withTables[0]!)).toContain('项目');
  });

  it('numbers the content slides', () => {
    const deck = get(PLENARY).deck;
    expect(deck.slide(2)).toContain('type="slidenum"');
  });

  it('keeps every text box on its slide and its text inside the box', () => {
    for (const b of each()) {
      for (let n = 1; n <= b.deck.slideCount; n++) {
        for (const s of textShapes(b.deck.slide(n))) {
          const where = `${b.key} slide ${n} "${s.name}": ${s.paras.map((p) => p.text).join('/').slice(0, 60)}`;
          expect(s.x + s.cx, where).toBeLessThanOrEqual(b.deck.size.cx + 1);
          expect(s.y + s.cy, where).toBeLessThanOrEqual(b.deck.size.cy + 1);
          const need = neededHeightEmu(s.paras, s.cx - s.insets.l - s.insets.r) + s.insets.t + s.insets.b;
          expect(need, where).toBeLessThanOrEqual(s.cy + 0.04 * EMU_PER_IN);
        }
      }
    }
  });

  it('keeps tables above the footer', () => {
    for (const b of each()) {
      for (let n = 1; n <= b.deck.slideCount; n++) {
        for (const m of b.deck.slide(n).matchAll(/<p:graphicFrame>([\s\S]*?)<\/p:graphicFrame>/g)) {
          const off = /<a:off x="\d+" y="(\d+)"\/>/.exec(m[1]!);
          const rows = [...m[1]!.matchAll(/<a:tr h="(\d+)"/g)].reduce((a, r) => a + Number(r[1]), 0);
          const ext = /<a:ext cx="\d+" cy="(\d+)"\/>/.exec(m[1]!);
          const bottom = Number(off?.[1] ?? 0) + Math.max(rows, Number(ext?.[1] ?? 0));
          expect(bottom, `${b.key} slide ${n}`).toBeLessThanOrEqual(6.95 * EMU_PER_IN);
        }
      }
    }
  });

  it('dates the document from the meeting, not the clock', () => {
    const core = get(PLENARY).deck.parts.get('docProps/core.xml')!;
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2022-12-28T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2022-12-28T00:00:00Z</dcterms:modified>');
  });

  it('gives the same bytes when built again', async () => {
    const again = mkdtempSync(join(tmpdir(), 'jianbao-pptx-again-'));
    const r = await build({ dataDir: DATA, outDir: again, formats: ['slides'], jobs: 1, only: [PLENARY, PARTY_CONGRESS], cwd: PROJECT_ROOT });
    expect(r.failures).toEqual([]);
    for (const key of [PLENARY, PARTY_CONGRESS]) {
      expect(readFileSync(join(again, key, 'slides.pptx')).equals(readFileSync(get(key).pptxPath)), key).toBe(true);
    }
  });
});

const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => existsSync(p));

describe.skipIf(!soffice)('LibreOffice opens the deck', () => {
  it('converts the biggest deck to PDF with one page per slide', () => {
    const b = get(PLENARY);
    const dir = mkdtempSync(join(tmpdir(), 'jianbao-lo-'));
    execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, b.pptxPath], { stdio: 'ignore' });
    const pdf = readdirSync(dir).find((f) => f.endsWith('.pdf'));
    expect(pdf).toBeDefined();
    const bytes = readFileSync(join(dir, pdf!), 'latin1');
    const pages = bytes.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBe(b.deck.slideCount);
  });
});
