/**
 * The briefing .docx is compressed once: its parts are taken from docx's compiler (what
 * Packer would zip) and packed by core/zip.ts. The bytes must be those of the long way
 * (Packer.toBuffer → inflate → patch → deflate), and docx must still have that compiler
 * (without it the renderer silently takes the long way again).
 */
import { Document, Footer, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../pipeline/core/zip.js';
import { finishPackage, finishParts } from '../../pipeline/render/docx/package.js';

function sample(): Document {
  return new Document({
    creator: 'jianbao',
    sections: [
      {
        footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun('— 1 —')] })] }) },
        children: [new Paragraph({ children: [new TextRun('全区经济运行稳中有进，地区生产总值突破291亿元。')] }), new Paragraph({ children: [new TextRun({ text: '二〇二三年', bold: true })] })],
      },
    ],
  });
}

describe('docx compressed once', () => {
  it('docx still exposes the compiler the renderer takes the parts from', () => {
    const compiler = (Packer as unknown as { compiler?: { compile?: unknown } }).compiler;
    expect(typeof compiler?.compile).toBe('function');
  });

  it('the parts packed once are the bytes of the zip unpacked and re-packed', async () => {
    const date = '2022-12-28';
    const long = finishPackage(await Packer.toBuffer(sample()), { date });
    const compiler = (Packer as unknown as { compiler: { compile(d: Document): Map<string, string | Uint8Array> } }).compiler;
    const once = finishParts(compiler.compile(sample()), { date });
    expect(Buffer.from(once).equals(Buffer.from(long))).toBe(true);
    const parts = new Map(readZip(once).map((p) => [p.name, p.data.toString('utf8')]));
    expect(parts.get('word/document.xml')).toContain('地区生产总值突破291亿元');
    expect(parts.get('docProps/core.xml')).toContain('2022-12-27T16:00:00Z');
  });
});
