/**
 * Distribution: numbered copies stamped onto the built briefing.pdf, bundles, manifest.
 * Everything happens in a temp copy of data/ and of its shared build (test/support/sample-build.ts),
 * never in the repo's output/.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.js';
import { distributeMeeting, type DistributeReport, type Manifest } from '../../pipeline/distribute/index.js';
import { planCopies } from '../../pipeline/distribute/plan.js';
import { pageImage } from '../../pipeline/distribute/thumbnail.js';
import { JianbaoError } from '../../pipeline/errors.js';
import { extraItems, file, readPdf, readPdfText, ROOT, unzip, workspace, type Workspace } from './helpers.js';
import type { PdfReadBack } from '../support/pdf.js';
import { testTheme } from '../support/assets.js';

const PLENARY = 'guancheng/2022-12-28-plenary';
const STUDY = 'guancheng/2017-08-15-study-session';
const CONGRESS = 'guancheng/2021-09-15-party-congress';
const theme = testTheme(ROOT);

let ws: Workspace;
const reports = new Map<string, DistributeReport>();
const masters = new Map<string, PdfReadBack>();

const compact = (s: string) => s.replace(/\s+/g, '');
const sha = (d: Uint8Array) => createHash('sha256').update(d).digest('hex');
const dirOf = (key: string) => join(ws.outDir, ...key.split('/'));
const distribute = (key: string) => distributeMeeting({ outDir: ws.outDir, dataDir: ws.dataDir, key, root: ROOT, cwd: ws.dir });

beforeAll(async () => {
  ws = await workspace(['guancheng']);
  // the study session becomes an internal briefing with a 密级 line (watermarks on every page)
  ws.edit('guancheng/meetings/2017-08-15-study-session.yaml', /briefing:\n {2}issue: 9\n/, 'briefing:\n  issue: 9\n  internal: true\n  secrecy: 内部资料 注意保存\n');
  // the copy of the shared build is up to date but for the meeting edited
  expect((await ws.build()).built).toEqual([STUDY]);
  for (const key of [PLENARY, STUDY]) {
    reports.set(key, await distribute(key));
    masters.set(key, await readPdf(file(join(dirOf(key), 'briefing.pdf'))));
  }
});

afterAll(() => ws?.cleanup());

describe('numbered copies', () => {
  it('number the 报, 送, 发 recipients first, then the units with ledgers, and archive the rest up to 共印X份', () => {
    const r = reports.get(PLENARY)!;
    const view = JSON.parse(readFileSync(join(dirOf(PLENARY), 'manifest.json'), 'utf8')) as Manifest;
    expect(view.briefing.copies).toBe(80);
    expect(r.copies.slice(0, 8).map((c) => `${c.category}${c.recipient}`)).toEqual([
      '报市委办公厅',
      '报市政府办公厅',
      '送区委常委',
      '送区人大常委会领导',
      '送区政府领导',
      '送区政协领导',
      '发各街道党工委',
      '发区直各单位',
    ]);
    const units = r.copies.slice(8);
    expect(units.length).toBeGreaterThan(10);
    expect(units.every((c) => c.unit && c.category === '发' && existsSync(join(dirOf(PLENARY), `ledger-${c.unit.id}.xlsx`)))).toBe(true);
    expect(r.copies.map((c) => c.serial)).toEqual(r.copies.map((_, i) => String(i + 1).padStart(6, '0')));
    expect(r.archive).toBeDefined();
    expect(r.copies.length + r.archive!.count).toBe(80);
    expect(r.archive!.from).toBe(String(r.copies.length + 1).padStart(6, '0'));
    expect(r.archive!.to).toBe('000080');
    expect(view.copies).toMatchObject({ printed: 80, numbered: 80, recipients: 8, units: units.length });
  });

  it('carry the 份号 and the recipient on page 1 and are otherwise the master, page for page (not internal: no watermark)', async () => {
    const r = reports.get(PLENARY)!;
    const master = masters.get(PLENARY)!;
    for (const c of r.copies) {
      const copy = await readPdfText(file(join(dirOf(PLENARY), c.file)));
      expect(copy.pages.length, c.file).toBe(master.pages.length);
      expect(extraItems(master.pages[0]!, copy.pages[0]!), c.file).toEqual([c.serial, compact(`${c.category}：${c.recipient}`)].sort());
      for (let p = 1; p < master.pages.length; p++) expect(extraItems(master.pages[p]!, copy.pages[p]!), `${c.file} page ${p + 1}`).toEqual([]);
      // full text per page identical apart from the stamp
      expect(copy.info.Title).toBe(master.info.Title);
    }
  });

  it('place the 份号 one line above the briefing name, right-aligned to the type area, 16 pt, on the 密级 baseline', async () => {
    const copy = await readPdfText(file(join(dirOf(STUDY), 'copies/briefing-000003.pdf')));
    const page = copy.pages[0]!;
    const serial = page.items.find((i) => i.str === '000003')!;
    const secrecy = page.items.find((i) => i.str.startsWith('内部资料'))!;
    const name = page.lines.find((l) => compact(l.text) === '管城区委简报')!;
    expect(serial.size).toBeCloseTo(16, 1);
    expect(serial.x + serial.width).toBeCloseTo(theme.typeArea.right, 0);
    expect(serial.baseline).toBeCloseTo(secrecy.baseline, 1);
    expect(name.baseline - serial.baseline).toBeGreaterThan(theme.linePitch * 0.9);
    expect(name.baseline - serial.baseline).toBeLessThan(theme.linePitch * 3);
    const label = page.items.find((i) => compact(i.str) === '送：区委常委')!;
    expect(label.baseline).toBeCloseTo(serial.baseline, 1);
    expect(label.x + label.width).toBeLessThan(serial.x);
    expect(label.x).toBeGreaterThan(secrecy.x + secrecy.width);
  });

  it('set the stamp as real text in an embedded subset of the heiti font, and the glyphs print', async () => {
    const master = masters.get(PLENARY)!;
    const bytes = file(join(dirOf(PLENARY), 'copies/briefing-000009.pdf'));
    const copy = await readPdf(bytes);
    const added = copy.fonts.filter((f) => !master.fonts.includes(f));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^[A-Z]{6}\+NotoSansSC-Medium$/);
    // the font object: a Type0 font over a CIDFontType2 whose descriptor carries the subset TrueType
    const doc = await PDFDocument.load(bytes);
    const fonts = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('BaseFont'))?.toString() === `/${added[0]}` && o.get(PDFName.of('Subtype'))?.toString() === '/Type0');
    expect(fonts).toHaveLength(1);
    const cid = fonts[0]!.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    const descriptor = cid.lookup(PDFName.of('FontDescriptor'), PDFDict);
    const program = descriptor.lookup(PDFName.of('FontFile2'));
    expect(program).toBeInstanceOf(PDFRawStream);
    // a subset: a few kilobytes, not the 10 MB font file
    expect((program as PDFRawStream).contents.length).toBeLessThan(20_000);
    expect(fonts[0]!.get(PDFName.of('ToUnicode'))).toBeDefined();
    // pdfjs found the stamp as text (ToUnicode), see the test above; now check it prints:
    // the 份号 area is white in the master and inked in the copy
    const masterBytes = file(join(dirOf(PLENARY), 'briefing.pdf'));
    const [a, b] = await Promise.all([pageImage(masterBytes, 1, 2), pageImage(bytes, 1, 2)]);
    if (!a || !b) return; // no canvas on this platform
    const baseline = theme.typeArea.y + 18.56;
    const box = { x0: (theme.typeArea.right - 200) * 2, x1: theme.typeArea.right * 2, y0: (baseline - 16) * 2, y1: (baseline + 3) * 2 };
    const ink = (img: typeof a) => {
      let n = 0;
      for (let y = Math.floor(box.y0); y < box.y1; y++)
        for (let x = Math.floor(box.x0); x < box.x1; x++) {
          const o = (y * img.width + x) * 4;
          if (img.data[o]! < 128) n++;
        }
      return n;
    };
    expect(ink(a)).toBe(0);
    expect(ink(b)).toBeGreaterThan(300);
  });

  it('watermark every page of an internal briefing with the recipient, lightly', async () => {
    const r = reports.get(STUDY)!;
    const master = masters.get(STUDY)!;
    expect(r.copies).toHaveLength(8);
    for (const c of r.copies) {
      const copy = await readPdfText(file(join(dirOf(STUDY), c.file)));
      expect(copy.pages.length).toBe(master.pages.length);
      const wm = Array<string>(3).fill(compact(c.recipient));
      expect(extraItems(master.pages[0]!, copy.pages[0]!), c.file).toEqual([c.serial, compact(`${c.category}：${c.recipient}`), ...wm].sort());
      for (let p = 1; p < master.pages.length; p++) expect(extraItems(master.pages[p]!, copy.pages[p]!), `${c.file} page ${p + 1}`).toEqual(wm);
    }
    // light: the watermark changes pixels on page 2, but none of them gets dark
    const m2 = await pageImage(file(join(dirOf(STUDY), 'briefing.pdf')), 2, 1);
    const c2 = await pageImage(file(join(dirOf(STUDY), r.copies[0]!.file)), 2, 1);
    if (!m2 || !c2) return;
    let changed = 0;
    let darkened = 0;
    for (let i = 0; i < m2.data.length; i += 4) {
      const d = m2.data[i]! - c2.data[i]!;
      if (d > 4) changed++;
      if (m2.data[i]! > 240 && c2.data[i]! < 170) darkened++;
    }
    expect(changed).toBeGreaterThan(2000);
    expect(darkened).toBe(0);
  });

  it('collate the 存档 copies in one PDF, each copy numbered (and watermarked 存档 when internal)', async () => {
    const r = reports.get(STUDY)!;
    const master = masters.get(STUDY)!;
    const n = master.pages.length;
    expect(r.archive).toMatchObject({ from: '000009', to: '000060', count: 52 });
    const archive = await readPdfText(file(join(dirOf(STUDY), r.archive!.file)));
    expect(archive.pages.length).toBe(52 * n);
    for (const k of [0, 1, 51]) {
      const serial = String(9 + k).padStart(6, '0');
      const first = archive.pages[k * n]!;
      expect(extraItems(master.pages[0]!, { ...first, number: 1 }), serial).toEqual([serial, '存档', '存档', '存档', '存档'].sort());
      expect(extraItems(master.pages[n - 1]!, archive.pages[k * n + n - 1]!)).toEqual(['存档', '存档', '存档']);
    }
    // pages share the master's fonts and content: the archive is far smaller than 52 copies
    expect(r.archive!.bytes).toBeLessThan(3 * statSync(join(dirOf(STUDY), 'briefing.pdf')).size);
  });

  it('are the same bytes when distributed again (nothing rewritten)', async () => {
    const before = readdirSync(join(dirOf(PLENARY), 'copies')).map((f) => sha(file(join(dirOf(PLENARY), 'copies', f))));
    const again = await distribute(PLENARY);
    expect(again.written).toEqual([]);
    expect(again.removed).toEqual([]);
    const after = readdirSync(join(dirOf(PLENARY), 'copies')).map((f) => sha(file(join(dirOf(PLENARY), 'copies', f))));
    expect(after).toEqual(before);
  });
});

describe('manifest', () => {
  it('lists every file with its recipient or unit, size and sha256, and the build input hashes', () => {
    for (const key of [PLENARY, STUDY]) {
      const dir = dirOf(key);
      const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
      const stamp = JSON.parse(readFileSync(join(dir, '.jianbao-build.json'), 'utf8')) as { formats: Record<string, { inputs: string; files: string[] }> };
      expect(m.meeting).toBe(key);
      for (const [format, s] of Object.entries(stamp.formats)) expect(m.build.formats[format]).toEqual({ inputs: s.inputs, files: s.files });
      expect(m.notice.templates['templates/default/notice.md.hbs']).toBe(sha(file(join(ROOT, 'templates/default/notice.md.hbs'))));
      for (const f of m.files) {
        const bytes = file(join(dir, ...f.path.split('/')));
        expect(bytes.byteLength, f.path).toBe(f.bytes);
        expect(sha(bytes), f.path).toBe(f.sha256);
        if (f.kind === 'copy' || f.kind === 'bundle') expect(f.recipient && f.serial && f.category, f.path).toBeTruthy();
        if (f.kind === 'ledger' && f.path !== 'ledger.xlsx') expect(f.unit?.name, f.path).toBeTruthy();
      }
      // every file on disk (but the build's own records — stamp, summary, view — and the manifest itself) is listed
      const listed = new Set(m.files.map((f) => f.path));
      const onDisk = (sub: string): string[] =>
        readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? onDisk(sub ? `${sub}/${e.name}` : e.name) : [sub ? `${sub}/${e.name}` : e.name],
        );
      const unlisted = onDisk('').filter((p) => !listed.has(p) && p !== 'manifest.json' && !['.jianbao-build.json', '.jianbao-summary.json', '.jianbao-view.json'].includes(p));
      expect(unlisted).toEqual([]);
    }
  });
});

describe('bundles', () => {
  it('hold the recipient’s copy, its ledger when it is a unit with one, and a notice', async () => {
    const r = reports.get(PLENARY)!;
    const dir = dirOf(PLENARY);
    expect(r.bundles).toHaveLength(r.copies.length);
    for (const b of r.bundles) {
      const entries = unzip(file(join(dir, ...b.file.split('/'))));
      const expected = [`briefing-${b.serial}.pdf`, ...(b.unit ? [`ledger-${b.unit.id}.xlsx`] : []), 'notice.pdf'];
      expect([...entries.keys()], b.file).toEqual(expected);
      expect(sha(entries.get(`briefing-${b.serial}.pdf`)!)).toBe(sha(file(join(dir, 'copies', `briefing-${b.serial}.pdf`))));
      if (b.unit) expect(sha(entries.get(`ledger-${b.unit.id}.xlsx`)!)).toBe(sha(file(join(dir, `ledger-${b.unit.id}.xlsx`))));
      expect(b.entries.map((e) => e.name)).toEqual(expected);
    }
    // the notes: 填报说明 for a unit (what, by when, to whom), 分送说明 for a recipient
    const unitBundle = r.bundles.find((b) => b.unit)!;
    const note = await readPdfText(new Uint8Array(unzip(file(join(dir, ...unitBundle.file.split('/')))).get('notice.pdf')!));
    const text = compact(note.pages.flatMap((p) => p.lines.map((l) => l.text)).join(''));
    expect(text).toContain('填报说明');
    expect(text).toContain(`${unitBundle.recipient}：`);
    expect(text).toContain(`份号${unitBundle.serial}`);
    expect(text).toContain(`ledger-${unitBundle.unit!.id}.xlsx`);
    // ledgers issued in December for the 2023 plan are for January 2023: returned by 5 February
    expect(text).toContain('2023年2月5日前');
    expect(text).toContain('中共郑州市管城回族区委办公室');
    const other = await readPdfText(new Uint8Array(unzip(file(join(dir, ...r.bundles[0]!.file.split('/')))).get('notice.pdf')!));
    const otherText = compact(other.pages.flatMap((p) => p.lines.map((l) => l.text)).join(''));
    expect(otherText).toContain('分送说明');
    expect(otherText).toContain('市委办公厅：');
    expect(otherText).toContain('000001');
  });
});

describe('errors', () => {
  it('refuse a meeting that is not built, or built from older data: run make first', async () => {
    await expect(distributeMeeting({ outDir: join(ws.dir, 'empty'), dataDir: ws.dataDir, key: PLENARY, root: ROOT })).rejects.toThrow(/请先运行 make/);
    // a rare character the fonts lack (U+20000): the distribution warns about it
    ws.edit('guancheng/meetings/2021-09-15-party-congress.yaml', '      - 区政协领导\n', '      - 区政协𠀀办公室\n');
    // built before the edit (beforeAll): out of date now
    const err = await distribute(CONGRESS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JianbaoError);
    expect((err as JianbaoError).kind).toBe('usage');
    expect((err as JianbaoError).message).toMatch(/已过时）：请先运行 make/);
  });

  it('after a rebuild, replace the bundles of a renamed recipient and remove the old ones', async () => {
    await ws.build([CONGRESS]);
    const r = await distribute(CONGRESS);
    expect(r.bundles.find((b) => b.serial === '000006')?.recipient).toBe('区政协𠀀办公室');
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringContaining('U+20000'), expect.stringContaining('U+20000')]);
    expect(r.warnings.every((w) => w.severity === 'warning')).toBe(true);
    ws.edit('guancheng/meetings/2021-09-15-party-congress.yaml', '      - 区政协𠀀办公室\n', '      - 区政协领导\n');
    await ws.build([CONGRESS]);
    const back = await distribute(CONGRESS);
    expect(back.removed.some((p) => p.endsWith('000006-区政协𠀀办公室.zip'))).toBe(true);
    expect(back.removed.some((p) => p.endsWith('briefing-000006.pdf'))).toBe(false);
    expect(back.warnings).toEqual([]);
    expect(existsSync(join(dirOf(CONGRESS), 'bundles', '000006-区政协领导.zip'))).toBe(true);
  });

  it('reject a 共印X份 smaller than the recipients and units, at the copies line', async () => {
    const small = await workspace(['guancheng']);
    try {
      small.edit('guancheng/meetings/2022-12-28-plenary.yaml', '  copies: 80\n', '  copies: 20\n');
      await build({ dataDir: small.dataDir, outDir: small.outDir, jobs: 1, only: [PLENARY], formats: ['briefing', 'ledger'], check: false });
      const err = await distributeMeeting({ outDir: small.outDir, dataDir: small.dataDir, key: PLENARY, root: ROOT, cwd: small.dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(JianbaoError);
      const p = (err as JianbaoError).problems[0]!;
      expect((err as JianbaoError).kind).toBe('data');
      expect(p.field).toBe('briefing.copies');
      expect(p.location).toMatchObject({ file: 'data/guancheng/meetings/2022-12-28-plenary.yaml' });
      expect((p.location as { line?: number }).line).toBeGreaterThan(700);
      expect(p.found).toBe('20');
    } finally {
      small.cleanup();
    }
  });

  it('reject a key that is not district/meeting, or a meeting that does not exist', async () => {
    for (const key of ['guancheng', '../x/y', 'guancheng/nope']) {
      const err = await distribute(key).catch((e: unknown) => e);
      expect(err, key).toBeInstanceOf(JianbaoError);
      expect((err as JianbaoError).kind, key).toBe('usage');
    }
  });
});

describe('plan', () => {
  it('without 共印X份, numbers exactly the recipients and units; a unit named in the lists keeps its list copy', async () => {
    const { loadView } = await import('../support/pdf.js');
    const view = loadView('data/guancheng/meetings/2022-12-28-plenary.yaml');
    const unit = view.units[0]!.unit;
    view.briefing.copies = undefined;
    view.briefing.distribution = { bao: ['市委办公厅'], song: [], fa: [unit.name] };
    const plan = planCopies(view);
    expect(plan.archive).toBeUndefined();
    expect(plan.total).toBe(plan.assignments.length);
    expect(plan.assignments[1]).toMatchObject({ serial: '000002', recipient: unit.name, unitId: unit.id, listed: true });
    expect(plan.assignments.filter((a) => a.unitId === unit.id)).toHaveLength(1);
    expect(plan.assignments.length).toBe(1 + view.units.length);
  });
});
