/**
 * Charts of the editable briefing: the ECharts SVG the PDF draws (render/pdf/charts.ts),
 * rasterised to PNG with @napi-rs/canvas (already a dependency, for the index
 * thumbnails). PNG because Word, WPS and LibreOffice all show it; an SVG part needs a
 * PNG fallback in Word anyway and WPS shows SVG unevenly.
 *
 * Chart labels are set in the heiti face of the PDF's font set, registered with the
 * canvas under its own alias (no system font is looked up), so the picture matches the
 * PDF's chart. The PNG bytes depend only on the SVG and the font.
 */
import type { ChartSpec } from '../../core/chart.js';
import { chartSvg, loadCharts } from '../pdf/charts.js';

/** Pixels per point of the picture (216 dpi: sharp in print, small files). */
export const CHART_SCALE = 3;
const FAMILY = 'JianbaoDocxChartHeiti';

interface CanvasModule {
  createCanvas(w: number, h: number): {
    getContext(kind: '2d'): { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void; drawImage(img: unknown, x: number, y: number, w: number, h: number): void };
    encode(format: 'png'): Promise<Buffer>;
  };
  Image: new () => { src: Buffer; width: number; height: number };
  GlobalFonts: { register(font: Buffer, alias?: string): unknown };
}

let canvas: Promise<CanvasModule> | undefined;
/** Font (file#member) → the alias it is registered under. */
const registered = new Map<string, string>();

export interface ChartPicture {
  png: Buffer;
  /** Size on the page in points. */
  width: number;
  height: number;
}

export async function chartPng(spec: ChartSpec, opts: { width: number; height: number; accent: string; font: { key: string; data: Uint8Array } }): Promise<ChartPicture> {
  canvas ??= import('@napi-rs/canvas').then((m) => m as unknown as CanvasModule);
  const c = await canvas;
  // one alias per font file, so a changed configuration never draws with a stale face
  // (the bytes come from the build's font resolution: the renderer reads no file)
  let family = registered.get(opts.font.key);
  if (!family) {
    family = `${FAMILY}${registered.size + 1}`;
    const d = opts.font.data;
    c.GlobalFonts.register(Buffer.from(d.buffer, d.byteOffset, d.byteLength), family);
    registered.set(opts.font.key, family);
  }
  await loadCharts();
  const svg = chartSvg(spec, { width: opts.width, height: opts.height, fontFamily: family, accent: opts.accent, fontSize: 10.5 });
  const w = Math.round(opts.width * CHART_SCALE);
  const h = Math.round(opts.height * CHART_SCALE);
  const scaled = scaleSvg(svg, opts.width, opts.height, w, h);
  const img = new c.Image();
  img.src = Buffer.from(scaled, 'utf8');
  const cv = c.createCanvas(w, h);
  const ctx = cv.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(img, 0, 0, w, h);
  return { png: await cv.encode('png'), width: opts.width, height: opts.height };
}

/** Give the root <svg> a viewBox of its own size and a pixel size `w` × `h`, so it is drawn as vectors at that size. */
export function scaleSvg(svg: string, width: number, height: number, w: number, h: number): string {
  return svg.replace(/<svg\b([^>]*)>/, (_m, attrs: string) => {
    let a = attrs.replace(/\s(width|height)="[^"]*"/g, '');
    if (!/\sviewBox=/.test(a)) a += ` viewBox="0 0 ${width} ${height}"`;
    return `<svg${a} width="${w}" height="${h}">`;
  });
}
