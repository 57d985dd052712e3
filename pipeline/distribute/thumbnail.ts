/**
 * Page 1 of a PDF as a PNG, in Node: pdfjs-dist (legacy build) draws onto an
 * @napi-rs/canvas canvas (pdfjs-dist's own optional dependency). The briefing's fonts are
 * embedded, and pdfjs draws their glyph outlines itself (disableFontFace), so no system
 * font is needed.
 *
 * @napi-rs/canvas ships prebuilt binaries per platform; where it is missing the index is
 * written without thumbnails (`canRenderThumbnails()` says so).
 */

interface NapiCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    fillStyle: string;
    fillRect(x: number, y: number, w: number, h: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray; width: number; height: number };
  };
  encode(format: 'png'): Promise<Uint8Array>;
}
interface NapiCanvasModule {
  createCanvas(width: number, height: number): NapiCanvas;
}

let canvasModule: Promise<NapiCanvasModule | undefined> | undefined;

function loadCanvas(): Promise<NapiCanvasModule | undefined> {
  canvasModule ??= import('@napi-rs/canvas').then(
    (m) => m as unknown as NapiCanvasModule,
    () => undefined,
  );
  return canvasModule;
}

export async function canRenderThumbnails(): Promise<boolean> {
  return (await loadCanvas()) !== undefined;
}

export interface PageImage {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8ClampedArray;
}

/** Draw page `n` (1-based) of `pdf` at `scale` pixels per point; undefined without a canvas. */
async function drawPage(pdf: Uint8Array, n: number, size: { width: number } | { scale: number }): Promise<NapiCanvas | undefined> {
  const napi = await loadCanvas();
  if (!napi) return undefined;
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs detaches the buffer it is given: hand it a copy
  const doc = await pdfjs.getDocument({ data: pdf.slice(), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(n);
    const [x0, , x1] = page.view as [number, number, number, number];
    const scale = 'scale' in size ? size.scale : size.width / (x1 - x0);
    const viewport = page.getViewport({ scale });
    const canvas = napi.createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const params = { canvasContext: ctx, canvas, viewport, background: '#ffffff' };
    await page.render(params as unknown as Parameters<typeof page.render>[0]).promise;
    page.cleanup();
    return canvas;
  } finally {
    await doc.destroy();
  }
}

/** Page 1 of `pdf` as a PNG `width` pixels wide (white background); undefined without a canvas. */
export async function firstPagePng(pdf: Uint8Array, width: number): Promise<Uint8Array | undefined> {
  const canvas = await drawPage(pdf, 1, { width });
  return canvas ? await canvas.encode('png') : undefined;
}

/** Page `n` as RGBA pixels at `scale` pixels per point (tests look at what prints). */
export async function pageImage(pdf: Uint8Array, n: number, scale: number): Promise<PageImage | undefined> {
  const canvas = await drawPage(pdf, n, { scale });
  if (!canvas) return undefined;
  const img = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  return { width: img.width, height: img.height, data: img.data };
}
