/**
 * Every sample deck read back slide by slide (issue 13): a filled title placeholder, a body
 * (text, table or chart), speaker notes and unique shape ids on every slide; a 目录 of the
 * numbered parts on long decks; the plenary's project counts in their own units; and every
 * qualifier of the data (以上, 左右, 余, 多, 力争, 不少于…) on a slide beside its number.
 * Expected strings are built here from the YAML data, not from the code under test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../pipeline/load/project.js';
import type { Meeting } from '../../pipeline/model/schema.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { sampleBuild } from '../support/sample-build.js';
import { marpSlides, paragraphs, readPptx, type Deck } from './read-pptx.js';

const DATA = join(PROJECT_ROOT, 'data');
const PLENARY = 'guancheng/2022-12-28-plenary';

interface Built {
  key: string;
  meeting: Meeting;
  deck: Deck;
  md: string;
}

const built: Built[] = [];

beforeAll(async () => {
  // the shared build of data/ (test/support/sample-build.ts), read only
  const out = (await sampleBuild()).outDir;
  const loaded = loadProject(DATA, { cwd: PROJECT_ROOT });
  expect(loaded.failures).toEqual([]);
  for (const m of loaded.meetings) {
    const dir = join(out, m.key);
    built.push({ key: m.key, meeting: m.meeting, deck: await readPptx(join(dir, 'slides.pptx')), md: readFileSync(join(dir, 'slides.md'), 'utf8') });
  }
  expect(built.length).toBe(7);
});

/** Shapes of a slide: id, name, whether it is the title placeholder, and its text. */
function shapes(xml: string): { id: string; name: string; title: boolean; text: string }[] {
  return [...xml.matchAll(/<p:(sp|graphicFrame)>([\s\S]*?)<\/p:\1>/g)].map((m) => {
    const body = m[2]!;
    const nv = /<p:cNvPr id="(\d+)" name="([^"]*)"/.exec(body);
    return {
      id: nv?.[1] ?? '',
      name: nv?.[2] ?? '',
      title: /<p:ph\b[^>]*type="title"/.test(body),
      text: paragraphs(body).map((p) => p.text).join('\n').trim(),
    };
  });
}

function slideTitle(xml: string): string {
  return shapes(xml).find((s) => s.title)?.text ?? '';
}

/** Visible text of every slide (shapes and table cells). */
function deckText(deck: Deck): string {
  return Array.from({ length: deck.slideCount }, (_, i) => paragraphs(deck.slide(i + 1)).map((p) => p.text).join('\n')).join('\n');
}

const num = (v: number) => String(Number(v.toFixed(2)));
const SUFFIX = new Set(['以上', '左右', '以内', '以下']);
/** A value with its unit and qualifiers as the seed words them (built independently of derive). */
function worded(value: number, unit: string | undefined, o: { approx?: string; bound?: string }): string {
  const u = unit ?? '';
  let q = `${num(value)}${o.approx === '余' ? '余' : ''}${u}`;
  if (o.approx === '多') q = /^[万亿]/.test(u) ? `${num(value)}${u[0]}多${u.slice(1)}` : `${num(value)}多${u}`;
  if (!o.bound) return q;
  return SUFFIX.has(o.bound) ? `${q}${o.bound}` : `${o.bound}${q}`;
}

describe('every deck, slide by slide', () => {
  it('puts each slide’s title in the title placeholder, and no second title box', () => {
    for (const b of built) {
      for (let n = 1; n <= b.deck.slideCount; n++) {
        const sh = shapes(b.deck.slide(n));
        const titles = sh.filter((s) => s.title);
        expect(titles.length, `${b.key} slide ${n}`).toBe(1);
        expect(titles[0]!.text, `${b.key} slide ${n}`).not.toBe('');
        expect(sh.filter((s) => !s.title && s.text === titles[0]!.text), `${b.key} slide ${n}: duplicate title box`).toEqual([]);
      }
    }
  });

  it('shows a body on every slide: text, a table or a chart — never a heading alone', () => {
    for (const b of built) {
      for (let n = 1; n <= b.deck.slideCount; n++) {
        const xml = b.deck.slide(n);
        const body = shapes(xml).filter((s) => !s.title && s.text !== '' && !/^\d+$/.test(s.text));
        const hasBody = body.length > 0 || xml.includes('<a:tbl>') || xml.includes('<c:chart ');
        expect(hasBody, `${b.key} slide ${n} (${slideTitle(xml)})`).toBe(true);
      }
    }
  });

  it('gives every shape of a slide its own id', () => {
    for (const b of built) {
      for (let n = 1; n <= b.deck.slideCount; n++) {
        const ids = [...b.deck.slide(n).matchAll(/<p:cNvPr id="(\d+)"/g)].map((m) => m[1]);
        expect(new Set(ids).size, `${b.key} slide ${n}: ${ids.join(',')}`).toBe(ids.length);
      }
    }
  });

  it('has speaker notes on every slide, without editor remarks', () => {
    for (const b of built) {
      for (let n = 1; n <= b.deck.slideCount; n++) {
        const notes = b.deck.notes(n) ?? '';
        const text = paragraphs(notes.slice(notes.indexOf('Notes Placeholder'))).map((p) => p.text).join('');
        expect(text.trim(), `${b.key} slide ${n} (${slideTitle(b.deck.slide(n))})`).not.toBe('');
        expect(text, `${b.key} slide ${n}`).not.toMatch(/原文为|单位为/);
      }
    }
  });

  it('opens a deck of more than 8 slides with a 目录 of its numbered parts, in order', () => {
    const long = built.filter((b) => b.deck.slideCount > 8);
    expect(long.map((b) => b.key)).toEqual(expect.arrayContaining(['guancheng/2021-09-15-party-congress', PLENARY]));
    for (const b of long) {
      expect(slideTitle(b.deck.slide(2)), b.key).toBe('目录');
      const listed = shapes(b.deck.slide(2))
        .filter((s) => !s.title)
        .flatMap((s) => s.text.split('\n'))
        .filter((l) => /^[一二三四五六七八九十]+、/.test(l));
      expect(listed.length, b.key).toBeGreaterThanOrEqual(2);
      const titles = Array.from({ length: b.deck.slideCount }, (_, i) => slideTitle(b.deck.slide(i + 1)));
      const opened = titles.filter((t) => /^[一二三四五六七八九十]+、/.test(t) && !t.endsWith('（续）'));
      expect(opened, b.key).toEqual(listed);
      const labels = listed.map((l) => l.split('、')[0]);
      expect(labels, b.key).toEqual(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'].slice(0, labels.length));
    }
    for (const b of built.filter((x) => x.deck.slideCount <= 8)) expect(slideTitle(b.deck.slide(2)), b.key).not.toBe('目录');
  });

  it('counts the plenary’s projects in their own units (条, 所, 座, 个)', () => {
    const b = built.find((x) => x.key === PLENARY)!;
    const rows = Array.from({ length: b.deck.slideCount }, (_, i) => b.deck.slide(i + 1))
      .flatMap((xml) => [...xml.matchAll(/<a:tr\b[^>]*>([\s\S]*?)<\/a:tr>/g)])
      .map((m) => [...m[1]!.matchAll(/<a:tc\b[^>]*>([\s\S]*?)<\/a:tc>/g)].map((c) => paragraphs(c[1]!).map((p) => p.text).join('')));
    const counted = b.meeting.projects.filter((p) => p.count !== undefined);
    expect(counted.some((p) => p.countUnit === '条')).toBe(true);
    expect(counted.some((p) => p.countUnit === '所')).toBe(true);
    expect(counted.some((p) => p.countUnit === '座')).toBe(true);
    for (const p of counted) {
      const row = rows.find((r) => r[0] === p.name);
      expect(row, p.name).toBeDefined();
      expect(row![1], p.name).toBe(`${p.count}${p.countUnit ?? '个'}`);
    }
    expect(deckText(b.deck)).not.toContain('21个');
  });

  it('keeps every qualifier of the data beside its number on a slide', () => {
    let checked = 0;
    for (const b of built) {
      const text = deckText(b.deck);
      const m = b.meeting;
      for (const f of m.review?.figures ?? []) {
        if (!f.approx && !f.bound) continue;
        expect(text, `${b.key} ${f.name}`).toContain(worded(f.value, f.unit, f));
        checked++;
      }
      for (const t of m.targets?.items ?? []) {
        if (t.value === undefined || (!t.bound && !t.strive)) continue;
        // A target worded in the seed's own words (text) must show them, not a rewording.
        const w = t.text ?? worded(t.value, t.unit ?? (t.measure === 'level' ? '' : '%'), { bound: t.bound });
        const line = text.split('\n').find((l) => l.includes(t.name) && l.includes(w));
        expect(line, `${b.key} ${t.name}: ${w}`).toBeDefined();
        if (t.strive) expect(line, `${b.key} ${t.name}`).toContain('力争');
        checked++;
      }
      for (const t of m.areas.flatMap((a) => a.tasks)) {
        if (t.quantity === undefined || (!t.bound && !t.approx && !t.strive)) continue;
        const w = t.text ?? worded(t.quantity, t.unit, t);
        const line = text.split('\n').find((l) => l.includes(t.task.slice(0, 6)) && l.includes(w));
        expect(line, `${b.key} ${t.task}: ${w}`).toBeDefined();
        if (t.strive) expect(line, `${b.key} ${t.task}`).toContain('力争');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
    const all = built.map((b) => deckText(b.deck)).join('\n');
    for (const q of ['70%以上', '350余座', '3万多个', '400余万人', '15%左右']) expect(all).toContain(q);
  });

  it('writes the Marp outline with its own theme: titles at the top, CJK fonts, numbers kept whole', () => {
    for (const b of built) {
      const front = b.md.split(/^---$/m)[1]!;
      expect(front, b.key).toContain('place-content: start stretch');
      expect(front, b.key).toMatch(/font-family: "[^"]*(黑|雅黑|Hei|CJK|Sans SC)/);
      expect(front, b.key).toContain('white-space: nowrap');
      expect(marpSlides(b.md).length, b.key).toBe(b.deck.slideCount);
    }
  });
});
