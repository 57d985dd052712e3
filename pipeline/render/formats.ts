/**
 * The output formats, in build order. Adding a format = one entry here.
 *
 * Renderer modules (pdfmake, exceljs, pptxgenjs, echarts) are heavy to import, so they
 * are loaded only when something of that format must be rebuilt: a no-op build imports
 * none of them.
 */
import type { Renderer } from './registry.js';

export interface FormatInfo {
  format: string;
  /** Template names the renderer renders (their files are inputs of the output). */
  templates: readonly string[];
  /** Built only when asked for with --format (e.g. the PDF/A archive copy). */
  onRequest?: boolean;
  load(): Promise<Renderer>;
}

export const FORMATS: readonly FormatInfo[] = [
  { format: 'briefing', templates: ['briefing.md'], load: async () => (await import('./pdf/index.js')).briefingRenderer },
  { format: 'ledger', templates: [], load: async () => (await import('./xlsx/index.js')).ledgerRenderer },
  { format: 'report', templates: ['progress.md'], load: async () => (await import('./pdf/report.js')).reportRenderer },
  { format: 'slides', templates: ['slides.md'], load: async () => (await import('./slides/index.js')).slidesRenderer },
  { format: 'docx', templates: ['briefing.md'], load: async () => (await import('./docx/index.js')).docxRenderer },
  { format: 'archive', templates: ['briefing.md'], onRequest: true, load: async () => (await import('./pdf/index.js')).archiveRenderer },
];

export function formatsFor(names?: readonly string[]): FormatInfo[] {
  if (!names?.length) return FORMATS.filter((f) => !f.onRequest);
  return FORMATS.filter((f) => names.includes(f.format));
}

const loaded = new Map<string, Promise<Renderer>>();

/** The renderer of a format, imported once per process. */
export function rendererFor(info: FormatInfo): Promise<Renderer> {
  let r = loaded.get(info.format);
  if (!r) {
    r = info.load();
    loaded.set(info.format, r);
  }
  return r;
}
