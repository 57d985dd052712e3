/**
 * The 份号 stamp uses the 黑体 role of the build's font resolution — also when that role is a
 * member of a .ttc collection (the member is extracted to a plain font) — and refuses a font
 * it cannot embed with a Chinese message naming the file. The stamped copy is read back.
 */
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { JianbaoError } from '../../pipeline/errors.js';
import { fontBytes } from '../../pipeline/load/fonts.js';
import { setLang } from '../../pipeline/messages/index.js';
import { createStamper } from '../../pipeline/distribute/stamp.js';
import { testTheme } from '../support/assets.js';
import { compact, readPdf, ROOT } from '../support/pdf.js';

setLang('zh-CN');
const TTC = join(ROOT, 'test', 'fixtures', 'fonts', 'installed', 'simkai.ttc');

async function master(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([595.28, 841.89]);
  doc.addPage([595.28, 841.89]);
  return doc.save();
}

describe('the stamp font', () => {
  it('stamps with a member of a .ttc collection', async () => {
    const member = { file: TTC, index: 1 };
    const stamper = await createStamper(await master(), { theme: testTheme(ROOT), font: { file: TTC, bytes: fontBytes(member), ascender: 880 } }, { watermark: true });
    const pdf = await stamper.copy({ serial: '000009', label: '发：区委', watermark: '区委', recipient: '区委' });
    const read = await readPdf(pdf);
    const first = read.pages[0]!.lines.map((l) => compact(l.text)).join('|');
    expect(first).toContain('000009');
    expect(first).toContain('发：区委');
    const fonts = new Set(read.pages[0]!.lines.flatMap((l) => l.items.map((i) => (i.baseFont ?? '').replace(/^[A-Z]{6}\+/, ''))));
    expect([...fonts]).toContain('FixtureKaiTi');
  });

  it('refuses a file that is not one TrueType font, naming it', async () => {
    const bad = new Uint8Array(Buffer.from('not a font at all'));
    const stamper = await createStamper(await master(), { theme: testTheme(ROOT), font: { file: '/fonts/broken.ttc', bytes: bad, ascender: 880 } }, { watermark: false });
    const err = await stamper.copy({ serial: '000001', label: '存档', recipient: '存档' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JianbaoError);
    expect((err as JianbaoError).message).toMatch(/黑体角色的字体.*TrueType.*\/fonts\/broken\.ttc/);
  });
});
