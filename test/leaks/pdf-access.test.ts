/**
 * Nothing leaks (b): making a PDF never fetches a URL nor reads a file the templates or
 * the data name. pdfmake's URL and local-file access policies are set (and deny all:
 * fonts come from its virtual file system), and the one door a template can open — a
 * `::: chart` whose YAML makes ECharts emit an SVG `<image href>`, which svg-to-pdfkit
 * hands straight to pdfkit's `openImage` — is shut by the same policy.
 */
import fs, { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import pdfmake from 'pdfmake';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { escapeDeep } from '../../pipeline/render/doc/escape.js';
import { DocSyntaxError, parseDoc } from '../../pipeline/render/doc/parse.js';
import { lockDownPdfmake, localAccessPolicy, renderBriefing, urlAccessPolicy } from '../../pipeline/render/pdf/index.js';
import { loadTemplates } from '../../pipeline/render/template.js';
import { loadView, ROOT } from '../support/pdf.js';
import { briefingInputs, testFontSet } from '../support/assets.js';

/** A valid 1×1 PNG: if it were read, pdfkit would embed it as an image XObject. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_x, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))), chunk('IEND', Buffer.alloc(0))]);
}

let dir: string;
let sentinel: string;
let reads: string[];
let fetches: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jianbao-pdf-leak-'));
  sentinel = join(dir, 'secret.png');
  writeFileSync(sentinel, png());
  // warm the font cache: the fonts are read once, by fonts.ts, before any document
  testFontSet(ROOT);
});

function watch(): void {
  reads = [];
  fetches = [];
  const readFileSync = fs.readFileSync;
  vi.spyOn(fs, 'readFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    reads.push(String(p));
    return (readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof fs.readFileSync);
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    fetches.push(String(input));
    throw new Error('no network in tests');
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

const readsOutsideTheProgram = () => reads.filter((p) => p === sentinel || p.startsWith('/etc') || /^https?:/.test(p) || p.startsWith(dir));
const hasImage = (pdf: Uint8Array) => Buffer.from(pdf).includes('/Subtype /Image');

describe('the access policies', () => {
  it('deny every URL and every local path', () => {
    for (const url of ['http://example.com/a.png', 'https://127.0.0.1/x', 'HTTP://EXAMPLE.COM', 'file:///etc/passwd', '//example.com/x']) expect(urlAccessPolicy(url)).toBe(false);
    for (const path of ['/etc/passwd', sentinel, join(ROOT, 'templates', 'default', 'briefing.md.hbs'), '../../etc/passwd', 'C:\\Windows\\win.ini', '']) expect(localAccessPolicy(path)).toBe(false);
  });

  it('are what pdfmake uses once a briefing was set up', () => {
    lockDownPdfmake();
    const pm = pdfmake as unknown as { urlAccessPolicy: unknown; localAccessPolicy: unknown };
    expect(pm.urlAccessPolicy).toBe(urlAccessPolicy);
    expect(pm.localAccessPolicy).toBe(localAccessPolicy);
  });
});

describe('pdfmake refuses images from the network and the file system', () => {
  const fonts = () => testFontSet(ROOT);
  const render = (content: unknown[], images?: Record<string, string>) => {
    lockDownPdfmake();
    pdfmake.setFonts(fonts().pdfmakeFonts);
    return pdfmake.createPdf({ content, images, defaultStyle: { font: fonts().family('fangsong') } }).getBuffer();
  };

  it('image: "http://…" in the content', async () => {
    watch();
    await expect(render(['正文', { image: 'http://127.0.0.1:9/x.png' }])).rejects.toThrow(/Access to local file denied/);
    expect(fetches).toEqual([]);
    expect(readsOutsideTheProgram()).toEqual([]);
  });

  it('image: "/etc/passwd" and a real PNG path in the content', async () => {
    watch();
    await expect(render([{ image: '/etc/passwd' }])).rejects.toThrow(/Access to local file denied/);
    await expect(render([{ image: sentinel }])).rejects.toThrow(/Access to local file denied/);
    expect(readsOutsideTheProgram()).toEqual([]);
  });

  it('a URL in the images dictionary is never fetched', async () => {
    watch();
    await expect(render([{ image: 'logo' }], { logo: 'https://example.com/logo.png' })).rejects.toThrow(/Access to URL denied/);
    expect(fetches).toEqual([]);
  });

  it('a path in the images dictionary is never read', async () => {
    watch();
    await expect(render([{ image: 'logo' }], { logo: sentinel })).rejects.toThrow(/Access to local file denied/);
    expect(readsOutsideTheProgram()).toEqual([]);
  });

  it('an SVG <image> pointing at a file or a URL draws nothing and reads nothing', async () => {
    watch();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><image href="${sentinel}" width="50" height="50"/><image href="http://127.0.0.1:9/x.png" width="50" height="50"/></svg>`;
    const pdf = new Uint8Array(await render([{ svg, width: 100 }]));
    expect(hasImage(pdf)).toBe(false);
    expect(readsOutsideTheProgram()).toEqual([]);
    expect(fetches).toEqual([]);
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/failed to open image/);
  });
});

describe('a district template cannot pull a file or a URL into the briefing', () => {
  it('::: chart with ECharts image symbols (image:///path, image://http://…) is refused by the chart schema before any renderer sees it', async () => {
    const root = join(dir, 'templates');
    cpSync(join(ROOT, 'templates', 'default'), join(root, 'default'), { recursive: true });
    mkdirSync(join(root, 'guancheng'), { recursive: true });
    writeFileSync(
      join(root, 'guancheng', 'briefing.md.hbs'),
      [
        '# {{title}}',
        '',
        '正文。',
        '',
        '::: chart line',
        'type: line',
        'title: 图',
        'unit: 个',
        'categories: [{value: 甲, textStyle: {backgroundColor: {image: "http://127.0.0.1:9/bg.png"}}}, 乙]',
        'series:',
        '  - name: 数据',
        `    data: [1, {value: 2, symbol: "image://${sentinel}", symbolSize: 20}, {value: 3, symbol: "image://http://127.0.0.1:9/x.png", symbolSize: 20}]`,
        ':::',
        '',
      ].join('\n'),
    );
    const view = loadView('data/guancheng/meetings/2022-12-28-plenary.yaml');
    const markdown = loadTemplates(root).render('briefing.md', 'guancheng', escapeDeep(view));
    expect(markdown).toContain(`image://${sentinel}`); // the template really asks for it
    watch();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // a data point must be a number: the object with its image symbol never reaches ECharts
    expect(() => parseDoc(markdown)).toThrow(DocSyntaxError);
    expect(() => parseDoc(markdown)).toThrow(/series\[0\]\.data\[1\]/);
    expect(readsOutsideTheProgram()).toEqual([]);
    expect(fetches).toEqual([]);
  });
});
