/**
 * Only the font files a document uses are read: the renderer gets the resolved roles and asks
 * the build's font resolution for a face's bytes when the document first uses it. With no
 * installed fonts (tests), every role is a Noto file from npm; a briefing with neither a
 * （一） heading nor an 编者按 sets nothing in 楷体, and nothing in bold 黑体, so those files
 * are never read. Counted by load/fonts.ts (every read goes through it) — and the renderer
 * itself reads no file at all.
 */
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { fontBytesRead } from '../../pipeline/load/fonts.js';
import { parseDoc } from '../../pipeline/render/doc/parse.js';
import { renderBriefing } from '../../pipeline/render/pdf/index.js';
import { briefingInputs, testFonts } from '../support/assets.js';
import { loadView, readPdf, ROOT } from '../support/pdf.js';

describe('font files read for a briefing', () => {
  it('reads only the faces the document uses, and the renderer opens no file', async () => {
    const roles = testFonts(ROOT).roles;
    expect(fontBytesRead.files).toEqual([]); // resolving reads names and cmaps, no font
    const view = loadView('data/guancheng/meetings/2017-08-15-study-session.yaml');
    view.briefing = { ...view.briefing, editorNote: undefined, secrecy: undefined };
    const doc = parseDoc('# 标题\n\n## 总体要求\n\n正文一段。\n');
    const inputs = briefingInputs(ROOT);
    const opened: string[] = [];
    const readFileSync = fs.readFileSync;
    const spy = vi.spyOn(fs, 'readFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      opened.push(String(p));
      return (readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.readFileSync);
    let pdf: Uint8Array;
    try {
      ({ pdf } = await renderBriefing({ view, doc, ...inputs }));
    } finally {
      spy.mockRestore();
    }
    const key = (f: { file: string; index: number }) => `${f.file}#${f.index}`;
    const read = new Set(fontBytesRead.files);
    for (const used of [roles.fangsong.normal, roles.heiti.normal, roles.xiaobiaosong.normal, roles.songti.normal]) expect(read.has(key(used)), key(used)).toBe(true);
    expect(read.has(key(roles.kaiti.normal)), 'kaiti').toBe(false);
    expect(read.has(key(roles.heiti.bold)), 'heiti bold').toBe(false);
    expect(fontBytesRead.files.length).toBe(read.size); // each file once
    // the reads were the build's (load/fonts.ts), not the renderer's: pdfmake, pdfkit and fontkit opened no font file
    expect(opened.filter((p) => /\.(ttf|ttc|otf)$/i.test(p))).toEqual([]);
    const text = (await readPdf(pdf!)).pages.flatMap((p) => p.lines.map((l) => l.text)).join('');
    expect(text).toContain('正文一段');
  }, 240_000);
});
