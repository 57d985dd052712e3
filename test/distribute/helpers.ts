/**
 * Shared set-up for the distribution tests: a temp copy of data/ and of its outputs, taken
 * from the shared build of the samples (test/support/sample-build.ts) — up to date, so a
 * build of the copy rebuilds only what a test edited.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildResult } from '../../pipeline/build/index.js';
import { listZip, readEntry } from '../../pipeline/core/zip.js';
import type { PdfTextItem } from '../../pipeline/render/pdf/inspect.js';
import { readPdf, readPdfText, ROOT, type PdfPage } from '../support/pdf.js';
import { sampleWorkspace } from '../support/sample-build.js';

export { ROOT };

export interface Workspace {
  dir: string;
  dataDir: string;
  outDir: string;
  /** Edit a data file (path relative to the data folder) with a text replacement that must apply. */
  edit(file: string, from: string | RegExp, to: string): void;
  write(file: string, text: string): void;
  build(only?: string[]): Promise<BuildResult>;
  cleanup(): void;
}

/** data/<d> and output/<d> of the shared sample build, for each district, in a temp folder. */
export async function workspace(districts: string[]): Promise<Workspace> {
  const { dir, dataDir, outDir, cleanup } = await sampleWorkspace(districts);
  return {
    dir,
    dataDir,
    outDir,
    edit(file, from, to) {
      const p = join(dataDir, file);
      const text = readFileSync(p, 'utf8');
      const next = text.replace(from, to);
      if (next === text) throw new Error(`edit of ${file} did not apply: ${String(from)}`);
      writeFileSync(p, next);
    },
    write(file, text) {
      const p = join(dataDir, file);
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, text);
    },
    async build(only) {
      const r = await build({ dataDir, outDir, jobs: 1, only, check: false, cwd: dir });
      if (r.failures.length) throw new Error(r.failures.map((f) => f.error.message).join('\n'));
      return r;
    },
    cleanup,
  };
}

/** Entries of a zip (our own writer's output) by name. */
export function unzip(data: Uint8Array): Map<string, Buffer> {
  return new Map(listZip(data).map((e) => [e.name, readEntry(data, e)]));
}

export function file(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

function key(i: PdfTextItem): string {
  return `${i.str}@${i.x.toFixed(2)},${i.baseline.toFixed(2)},${i.size.toFixed(2)}`;
}

/**
 * The items a copy's page has beyond the master's page. Throws (test failure) when a
 * master item is missing or moved: the copy must keep every page exactly as it was.
 */
export function extraItems(master: PdfPage, copy: PdfPage): string[] {
  const visible = (p: PdfPage) => p.items.filter((i) => i.str.trim().length > 0);
  const pool = new Map<string, number>();
  for (const i of visible(copy)) pool.set(key(i), (pool.get(key(i)) ?? 0) + 1);
  for (const i of visible(master)) {
    const k = key(i);
    const n = pool.get(k) ?? 0;
    if (n === 0) throw new Error(`page ${master.number}: master text ${JSON.stringify(i.str)} at ${k} is missing or moved in the copy`);
    pool.set(k, n - 1);
  }
  return visible(copy)
    .filter((i) => {
      const k = key(i);
      const n = pool.get(k) ?? 0;
      if (n > 0) {
        pool.set(k, n - 1);
        return true;
      }
      return false;
    })
    .map((i) => i.str.replace(/\s+/g, ''))
    .sort();
}

export { readPdf, readPdfText };
