/**
 * briefing.docx read back: every sample meeting's briefing.pdf and briefing.docx (from the
 * shared build of data/, test/support/sample-build.ts), open each docx (a zip of XML) and
 * check the GB/T 9704 page, the grid, the styles by role, the footers, the masthead, the
 * tables, the 版记 and the determinism of the bytes; then let LibreOffice lay each one out
 * and compare its page count with the PDF's.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { parseDoc } from '../../pipeline/render/doc/parse.js';
import { renderBriefingDocx } from '../../pipeline/render/docx/index.js';
import { briefingDoc, compact, loadView, readPdfText } from '../support/pdf.js';
import { attrs, footer, paragraphs, readDocx, rows, style, styleIdByName, tables, textOf, type Docx } from './read-docx.js';
import { briefingInputs } from '../support/assets.js';
import { sampleBuild } from '../support/sample-build.js';

const run = promisify(execFile);
const PLENARY = 'guancheng/2022-12-28-plenary';
const TWIP_PER_MM = 1440 / 25.4;

interface Built {
  key: string;
  docx: Docx;
  docxPath: string;
  pdf: Uint8Array;
}

const built = new Map<string, Built>();
beforeAll(async () => {
  // the shared build of data/ (test/support/sample-build.ts), read only
  const samples = await sampleBuild();
  for (const key of samples.meetings) {
    const dir = join(samples.outDir, key);
    const docxPath = join(dir, 'briefing.docx');
    built.set(key, { key, docx: readDocx(readFileSync(docxPath)), docxPath, pdf: new Uint8Array(readFileSync(join(dir, 'briefing.pdf'))) });
  }
  expect(built.size).toBe(7);
}, 600_000);

const each = () => [...built.values()];
const get = (key: string) => built.get(key)!;

describe('page set-up (GB/T 9704)', () => {
  it('is A4 with margins 37 / 35 / 28 / 26 mm', () => {
    for (const b of each()) {
      expect(attrs(b.docx.document, 'w:pgSz'), b.key).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
      const m = attrs(b.docx.document, 'w:pgMar')!;
      expect(Number(m['w:top']) / TWIP_PER_MM, b.key).toBeCloseTo(37, 1);
      expect(Number(m['w:bottom']) / TWIP_PER_MM, b.key).toBeCloseTo(35, 1);
      expect(Number(m['w:left']) / TWIP_PER_MM, b.key).toBeCloseTo(28, 1);
      expect(Number(m['w:right']) / TWIP_PER_MM, b.key).toBeCloseTo(26, 1);
    }
  });

  it('has a lines-and-characters grid of 22 lines × 28 characters', () => {
    for (const b of each()) {
      const grid = attrs(b.docx.document, 'w:docGrid')!;
      expect(grid['w:type'], b.key).toBe('linesAndChars');
      const m = attrs(b.docx.document, 'w:pgMar')!;
      const textHeight = 16838 - Number(m['w:top']) - Number(m['w:bottom']);
      const textWidth = 11906 - Number(m['w:left']) - Number(m['w:right']);
      expect(Math.floor(textHeight / Number(grid['w:linePitch'])), b.key).toBe(22);
      // Word: character pitch = the Normal style's size + charSpace / 4096 pt
      const normalSize = Number(attrs(style(b.docx, 'Normal'), 'w:sz')!['w:val']) / 2;
      expect(normalSize).toBe(16);
      const pitch = normalSize + Number(grid['w:charSpace']) / 4096;
      expect(Math.floor(textWidth / 20 / pitch), b.key).toBe(28);
    }
  });

  it('numbers pages "— N —" in 4号 宋体 on the outer side: odd pages right, even pages left', () => {
    for (const b of each()) {
      expect(b.docx.settings, b.key).toContain('<w:evenAndOddHeaders/>');
      const odd = footer(b.docx, 'default');
      const even = footer(b.docx, 'even');
      for (const [f, side] of [
        [odd, 'right'],
        [even, 'left'],
      ] as const) {
        expect(f, b.key).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
        expect(f).toContain('<w:fldChar w:fldCharType="begin"/>');
        expect(textOf(f).replace(/\s/g, '')).toBe('——');
        expect(attrs(f, 'w:jc')!['w:val']).toBe(side);
        const id = /<w:pStyle w:val="([^"]+)"/.exec(f)![1]!;
        const st = style(b.docx, id);
        expect(attrs(st, 'w:rFonts')!['w:eastAsia']).toBe('宋体');
        expect(attrs(st, 'w:sz')!['w:val']).toBe('28');
      }
    }
  });
});

describe('styles by role', () => {
  const expected: [name: string, eastAsia: string, halfPoints: string][] = [
    ['Normal', '仿宋_GB2312', '32'], // 正文 in Chinese Word and WPS
    ['Title', '方正小标宋简体', '44'], // 标题
    ['一级标题', '黑体', '32'],
    ['二级标题', '楷体_GB2312', '32'],
    ['三级标题', '仿宋_GB2312', '32'],
    ['四级标题', '仿宋_GB2312', '32'],
    ['编者按', '楷体_GB2312', '32'],
    ['表格文字', '仿宋_GB2312', '24'],
    ['表格表头', '黑体', '24'],
    ['附件', '黑体', '32'],
    ['版记', '仿宋_GB2312', '28'],
  ];

  it('gives every kind of text a named style with the 公文 face and size of its role', () => {
    const d = get(PLENARY).docx;
    for (const [name, font, size] of expected) {
      const id = styleIdByName(d, name);
      expect(id, name).toBeDefined();
      const st = style(d, id!);
      expect(attrs(st, 'w:rFonts')!['w:eastAsia'], name).toBe(font);
      expect(attrs(st, 'w:sz')!['w:val'], name).toBe(size);
    }
  });

  it('sets 正文 in fixed lines on the grid, first line indented two characters; titles centred', () => {
    const d = get(PLENARY).docx;
    const normal = style(d, 'Normal');
    expect(attrs(normal, 'w:spacing')).toMatchObject({ 'w:line': attrs(d.document, 'w:docGrid')!['w:linePitch'], 'w:lineRule': 'exact' });
    expect(attrs(normal, 'w:ind')!['w:firstLineChars']).toBe('200');
    expect(attrs(style(d, 'Title'), 'w:jc')!['w:val']).toBe('center');
    // headings stay with what follows and carry outline levels (navigation pane, table of contents)
    for (const name of ['一级标题', '二级标题']) {
      const st = style(d, styleIdByName(d, name)!);
      expect(st).toContain('<w:keepNext/>');
      expect(st).toMatch(/<w:outlineLvl w:val="\d"\/>/);
    }
  });

  it('names the faces with Word fallbacks in the font table', () => {
    const table = get(PLENARY).docx.parts.get('word/fontTable.xml')!;
    expect(table).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
    expect(table).toMatch(/<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"\/>/);
    expect(table).toContain('<w:font w:name="方正小标宋简体">');
    expect(table).toContain('<w:font w:name="黑体">');
  });
});

/** CT_PPrBase (+ rPr, sectPr, pPrChange of CT_PPr): the order paragraph properties must come in. */
const PPR_ORDER = [
  'pStyle', 'keepNext', 'keepLines', 'pageBreakBefore', 'framePr', 'widowControl', 'numPr', 'suppressLineNumbers', 'pBdr', 'shd', 'tabs',
  'suppressAutoHyphens', 'kinsoku', 'wordWrap', 'overflowPunct', 'topLinePunct', 'autoSpaceDE', 'autoSpaceDN', 'bidi', 'adjustRightInd',
  'snapToGrid', 'spacing', 'ind', 'contextualSpacing', 'mirrorIndents', 'suppressOverlap', 'jc', 'textDirection', 'textAlignment',
  'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr', 'sectPr', 'pPrChange',
];

describe('schema order', () => {
  it('writes paragraph properties in the order of CT_PPr (styles, body, footers)', () => {
    let checked = 0;
    for (const b of each()) {
      const parts = [...b.docx.parts].filter(([n]) => /^word\/(styles|document|footer\d+)\.xml$/.test(n));
      for (const [name, xml] of parts) {
        for (const m of xml.matchAll(/<w:pPr>([\s\S]*?)<\/w:pPr>/g)) {
          // direct children only: drop nested rPr / pBdr contents
          const inner = m[1]!.replace(/<w:(rPr|pBdr|tabs|sectPr|pPrChange)>[\s\S]*?<\/w:\1>/g, '<w:$1/>');
          const tags = [...inner.matchAll(/<w:(\w+)\b/g)].map((t) => t[1]!);
          const pos = tags.map((t) => PPR_ORDER.indexOf(t));
          expect(pos.every((p) => p >= 0), `${b.key} ${name}: ${tags.join(' ')}`).toBe(true);
          expect([...pos].sort((x, y) => x - y), `${b.key} ${name}: ${tags.join(' ')}`).toEqual(pos);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    // the properties package.ts writes into styles.xml are among them
    expect(style(get(PLENARY).docx, 'Title')).toMatch(/<w:snapToGrid w:val="0"\/><w:spacing /);
    expect(style(get(PLENARY).docx, 'JbTableText')).toMatch(/<w:autoSpaceDE w:val="0"\/><w:autoSpaceDN w:val="0"\/><w:snapToGrid w:val="0"\/>/);
  });
});

describe('content', () => {
  it('opens with the red masthead: name, 第X期, 编印单位 and date over a red rule', () => {
    for (const b of each()) {
      const view = loadView(`data/${b.key.replace('/', '/meetings/')}.yaml`);
      const ps = paragraphs(b.docx.document);
      const name = ps.find((p) => p.style === 'JbMastheadName')!;
      expect(name.text, b.key).toBe(view.briefing.name);
      const nameStyle = style(b.docx, 'JbMastheadName');
      expect(attrs(nameStyle, 'w:color')!['w:val']).toBe('D0121B');
      expect(attrs(nameStyle, 'w:rFonts')!['w:eastAsia']).toBe('方正小标宋简体');
      expect(ps.find((p) => p.style === 'JbMastheadIssue')!.text).toContain(view.briefing.issueLabel);
      const info = ps.find((p) => p.style === 'JbMastheadInfo')!;
      expect(info.text).toBe(`${view.briefing.office}\t${view.briefing.dateCn}`);
      const rule = attrs(style(b.docx, 'JbMastheadInfo'), 'w:bottom')!;
      expect(rule['w:color']).toBe('D0121B');
      expect(rule['w:val']).toBe('single');
      // the masthead comes first, the title after it
      expect(ps.findIndex((p) => p.style === 'JbMastheadName')).toBeLessThan(ps.findIndex((p) => p.style === 'Title'));
    }
  });

  it('numbers the headings as the PDF does', async () => {
    for (const key of [PLENARY, 'guancheng/2021-09-15-party-congress', 'erqi/2025-12-01-planning']) {
      const b = get(key);
      const pdfText = compact((await readPdfText(b.pdf)).pages.flatMap((p) => p.lines.map((l) => l.text)).join(''));
      const heads = paragraphs(b.docx.document).filter((p) => /^JbHeading[12]$/.test(p.style));
      expect(heads.length, key).toBeGreaterThan(2);
      for (const h of heads) {
        expect(h.text, key).toMatch(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/);
        expect(pdfText, `${key}: ${h.text}`).toContain(compact(h.text));
      }
    }
  });

  it('repeats the header row of every table on each page and never splits a row', () => {
    for (const b of each()) {
      const view = loadView(`data/${b.key.replace('/', '/meetings/')}.yaml`);
      const docTables = countTables(briefingDoc(view).doc.children);
      // the 版记 is the last table and has no header row
      const body = tables(b.docx.document).slice(0, -1);
      expect(body.length, b.key).toBe(docTables);
      for (const t of body) {
        const rs = rows(t);
        expect(rs[0], b.key).toContain('<w:tblHeader/>');
        expect(rs.slice(1).every((r) => !r.includes('<w:tblHeader/>'))).toBe(true);
        expect(rs.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
      }
    }
  });

  it('ends with the 版记: 报/送/发 and 共印X份 between thick rules, at the foot of the page', () => {
    for (const b of each()) {
      const view = loadView(`data/${b.key.replace('/', '/meetings/')}.yaml`);
      const all = tables(b.docx.document);
      const last = all[all.length - 1]!;
      const text = paragraphs(last).map((p) => p.text);
      const d = view.briefing.distribution;
      if (d.bao.length) expect(text, b.key).toContain(`报：${d.bao.join('，')}。`);
      if (d.song.length) expect(text, b.key).toContain(`送：${d.song.join('，')}。`);
      if (d.fa.length) expect(text, b.key).toContain(`发：${d.fa.join('，')}。`);
      if (view.briefing.copies !== undefined) expect(text[text.length - 1]).toBe(`（共印${view.briefing.copies}份）`);
      expect(paragraphs(last).every((p) => p.style === 'JbColophon')).toBe(true);
      expect(attrs(last, 'w:top')).toMatchObject({ 'w:val': 'single', 'w:sz': '8' });
      expect(attrs(last, 'w:bottom')).toMatchObject({ 'w:val': 'single', 'w:sz': '8' });
      expect(attrs(last, 'w:tblpPr')).toMatchObject({ 'w:tblpYSpec': 'bottom', 'w:vertAnchor': 'margin' });
      // nothing but the anchor paragraph after it
      const after = b.docx.document.slice(b.docx.document.lastIndexOf('</w:tbl>'));
      expect(paragraphs(after).map((p) => p.text)).toEqual(['']);
    }
  });

  it('shows the charts as PNG pictures with their captions', () => {
    const d = get(PLENARY).docx;
    const pngs = [...d.media.entries()].filter(([n]) => n.endsWith('.png'));
    const captions = paragraphs(d.document).filter((p) => /^图\d　/.test(p.text));
    expect(pngs.length).toBeGreaterThan(0);
    expect(captions.length).toBe(pngs.length);
    for (const [, png] of pngs) expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(d.document.match(/<pic:pic\b/g)?.length).toBe(pngs.length);
    expect(d.parts.get('[Content_Types].xml')).toMatch(/Extension="png"/);
  });
});

describe('附件 and page breaks', () => {
  it('moves the plenary long lists to 附件 pages, as the PDF does, with compact tables', async () => {
    const b = get(PLENARY);
    const ps = paragraphs(b.docx.document);
    const annexStyle = styleIdByName(b.docx, '附件')!;
    const labels = ps.filter((p) => p.style === annexStyle);
    expect(labels.map((p) => p.text)).toEqual(['附件1', '附件2']);
    for (const p of labels) expect(p.xml).toContain('<w:pageBreakBefore/>');
    const texts = ps.map((p) => p.text);
    // the 附件说明 under the body, before the first 附件
    const note = texts.indexOf('附件：1.重点任务清单');
    expect(note).toBeGreaterThan(0);
    expect(texts[note + 1]).toBe('2.重点项目清单');
    expect(note).toBeLessThan(texts.indexOf('附件1'));
    // the same 附件 titles as the PDF
    const pdfText = compact((await readPdfText(b.pdf)).pages.flatMap((p) => p.lines.map((l) => l.text)).join(''));
    for (const i of [texts.indexOf('附件1'), texts.indexOf('附件2')]) expect(pdfText).toContain(compact(texts[i + 1]!));
    // compact tables: a deadline every task shares is said once above its table, not in a column
    expect(texts.some((t) => /^（完成时限均为2023年12月31日/.test(t))).toBe(true);
    const xml = b.docx.document;
    let captions = 0;
    for (const m of xml.matchAll(/（完成时限均为[^<]*）/g)) {
      const next = tables(xml.slice(m.index!))[0]!;
      expect(textOf(rows(next)[0]!)).not.toContain('完成时限');
      captions += 1;
    }
    expect(captions).toBeGreaterThan(2);
  });

  it('puts an annex on a new page: 附件 label, title, its table; the body says where it went', async () => {
    const view = loadView('data/guancheng/meetings/2022-12-28-plenary.yaml');
    const doc = parseDoc(
      [
        '# 测试标题',
        '',
        '正文第一段。',
        '',
        '::: annex 重点任务清单 {ref="任务清单见附件#。"}',
        '| 序号 | 任务 |',
        '| --- | --- |',
        '| 1 | 完成土地收储 |',
        ':::',
        '',
        '::pagebreak',
        '',
        '最后一段。',
      ].join('\n'),
    );
    const d = readDocx(await renderBriefingDocx({ view, doc, ...briefingInputs(PROJECT_ROOT) }));
    const ps = paragraphs(d.document);
    const texts = ps.map((p) => p.text);
    expect(texts).toContain('任务清单见附件。');
    expect(texts).toContain('附件：重点任务清单');
    const label = ps.find((p) => p.style === styleIdByName(d, '附件'))!;
    expect(label.text).toBe('附件');
    expect(label.xml).toContain('<w:pageBreakBefore/>');
    const i = texts.indexOf('附件');
    expect(ps[i + 1]!.text).toBe('重点任务清单');
    expect(ps[i + 1]!.style).toBe(styleIdByName(d, '附件标题'));
    // the annex comes after the body and before the 版记
    expect(texts.indexOf('最后一段。')).toBeLessThan(i);
    expect(d.document.indexOf('完成土地收储')).toBeGreaterThan(d.document.indexOf('>附件<'));
    expect(d.document.indexOf('完成土地收储')).toBeLessThan(d.document.indexOf('共印'));
    // ::pagebreak starts the next paragraph on a new page
    expect(ps.find((p) => p.text === '最后一段。')!.xml).toContain('<w:pageBreakBefore/>');
  });
});

describe('deterministic bytes', () => {
  it('writes the same bytes for the same input, dated with the briefing date', async () => {
    const view = loadView('data/guancheng/meetings/2022-12-28-plenary.yaml');
    const { doc } = briefingDoc(view);
    const a = await renderBriefingDocx({ view, doc, ...briefingInputs(PROJECT_ROOT) });
    const b = await renderBriefingDocx({ view, doc, ...briefingInputs(PROJECT_ROOT) });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // and the same as the build wrote (another process, other documents before it)
    expect(Buffer.from(a).equals(Buffer.from(get(PLENARY).docx.bytes))).toBe(true);
    const d = readDocx(a);
    const core = d.parts.get('docProps/core.xml')!;
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2022-12-28T16:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2022-12-28T16:00:00Z</dcterms:modified>');
    // every zip entry carries the briefing date (DOS date: 2022-12-28 16:00 UTC)
    const dos = ((2022 - 1980) << 9) | (12 << 5) | 28;
    for (const [name, s] of d.stamps) expect(s.date, name).toBe(dos);
    // drawing ids numbered in document order
    expect([...d.document.matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([1, 2].slice(0, d.media.size));
  });
});

// ---------------------------------------------------------------- LibreOffice

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => existsSync(p));

// The only skip: without LibreOffice there is nothing to lay the docx out with (the title says so).
describe.skipIf(!soffice)(soffice ? 'LibreOffice lays the docx out like the PDF' : 'LibreOffice lays the docx out like the PDF — skipped: soffice is not installed', () => {
  const pages = new Map<string, { docx: number; pdf: number }>();

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jianbao-docx-lo-'));
    const inputs: string[] = [];
    for (const b of each()) {
      const f = join(dir, `${b.key.replace('/', '_')}.docx`);
      writeFileSync(f, b.docx.bytes);
      inputs.push(f);
    }
    const profile = join(dir, 'profile');
    mkdirSync(profile);
    await run(soffice!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...inputs], { timeout: 900_000 });
    for (const b of each()) {
      const converted = join(dir, `${b.key.replace('/', '_')}.pdf`);
      expect(existsSync(converted), `LibreOffice did not convert ${b.key}`).toBe(true);
      const lo = await readPdfText(new Uint8Array(readFileSync(converted)));
      const pdf = await readPdfText(b.pdf);
      pages.set(b.key, { docx: lo.pages.length, pdf: pdf.pages.length });
    }
  }, 900_000);

  it('opens every docx and renders it to the PDF page count ± 1', () => {
    expect(pages.size).toBe(7);
    for (const [key, p] of pages) {
      expect(Math.abs(p.docx - p.pdf), `${key}: LibreOffice ${p.docx} pages, PDF ${p.pdf}`).toBeLessThanOrEqual(1);
    }
  });
});

function countTables(blocks: ReturnType<typeof parseDoc>['children']): number {
  let n = 0;
  for (const b of blocks) {
    if (b.type === 'table') n += 1;
    else if (b.type === 'directive' && b.children) n += countTables(b.children);
  }
  return n;
}

describe('incremental builds', () => {
  it('rebuilds briefing.docx when the briefing template changes, and not otherwise', async () => {
    const templatesDir = mkdtempSync(join(tmpdir(), 'jianbao-docx-tpl-'));
    cpSync(join(PROJECT_ROOT, 'templates'), templatesDir, { recursive: true });
    const outDir = mkdtempSync(join(tmpdir(), 'jianbao-docx-inc-'));
    const opts = { dataDir: join(PROJECT_ROOT, 'data'), outDir, templatesDir, formats: ['docx'], only: ['erqi'], jobs: 1, cwd: PROJECT_ROOT };
    const first = await build(opts);
    expect(first.built).toEqual(['erqi/2025-12-01-planning']);
    expect((await build(opts)).built).toEqual([]);
    const closing = join(templatesDir, 'default', 'partials', 'briefing', 'closing.hbs');
    writeFileSync(closing, `${readFileSync(closing, 'utf8')}\n会议要求，认真抓好落实。\n`);
    const third = await build(opts);
    expect(third.built).toEqual(['erqi/2025-12-01-planning']);
    const d = readDocx(readFileSync(join(outDir, 'erqi', '2025-12-01-planning', 'briefing.docx')));
    expect(paragraphs(d.document).map((p) => p.text)).toContain('会议要求，认真抓好落实。');
  });
});
