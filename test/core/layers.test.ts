/**
 * The import graph of pipeline/: every arrow points down the declared layer order, and no
 * module reaches itself through its imports. Static, type-only, re-export and dynamic
 * imports all count (a type import is a dependency on the other module's shape).
 * docs/ARCHITECTURE.md draws the same layers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const PIPELINE = resolve(import.meta.dirname, '../../pipeline');

/**
 * Bottom to top. A module may import modules of its own layer or of a lower one.
 * Patterns: a folder ("core/") or a file ("errors.ts"); the first match wins.
 */
export const LAYERS: { name: string; holds: string[] }[] = [
  // leaves: they import no other module of pipeline/
  { name: 'base', holds: ['errors.ts', 'paths.ts', 'write.ts', 'messages', 'model/schema.ts'] },
  { name: 'core', holds: ['core/'] },
  { name: 'model', holds: ['model/'] },
  { name: 'load', holds: ['load/'] },
  { name: 'render', holds: ['render/'] },
  { name: 'ingest', holds: ['ingest/'] },
  { name: 'build', holds: ['build/'] },
  { name: 'distribute', holds: ['distribute/'] },
  { name: 'cli', holds: ['cli.ts', 'watch'] },
];

/** Arrows the layer order allows but the design does not. */
const FORBIDDEN: { from: string; to: string; why: string }[] = [
  { from: 'render/', to: 'load/', why: 'renderers get their config in the RenderContext and never read files' },
];


function layerOf(module: string): number {
  const i = LAYERS.findIndex((l) => l.holds.some((h) => (h.endsWith('/') ? module.startsWith(h) : module === h || module.startsWith(h))));
  return i;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** module (relative to pipeline/, e.g. "model/derive.ts") → the pipeline modules it imports. */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(PIPELINE)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((s) => s.startsWith('.'))
      .map((s) => relative(PIPELINE, resolve(dirname(file), s)).replace(/\.js$/, '.ts'));
    graph.set(relative(PIPELINE, file), [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one module (or a self-import). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

describe('the import graph of pipeline/', () => {
  const graph = importGraph();

  it('reads the real tree (sanity: the known arrows are found)', () => {
    expect(graph.size).toBeGreaterThan(60);
    expect(graph.get('model/derive.ts')).toContain('core/format.ts');
    expect(graph.get('build/index.ts')).toContain('build/meeting.ts'); // a dynamic import
  });

  it('places every module in a declared layer', () => {
    const unplaced = [...graph.keys()].filter((m) => layerOf(m) < 0);
    expect(unplaced, 'add these modules to LAYERS (and to docs/ARCHITECTURE.md)').toEqual([]);
  });

  it('imports only existing modules', () => {
    const missing = [...graph].flatMap(([m, ts]) => ts.filter((t) => !graph.has(t)).map((t) => `${m} → ${t}`));
    expect(missing).toEqual([]);
  });

  it('has no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no import that points up the layer order', () => {
    const up = [...graph].flatMap(([m, targets]) =>
      targets.filter((t) => layerOf(t) > layerOf(m)).map((t) => `${m} (${LAYERS[layerOf(m)]?.name}) → ${t} (${LAYERS[layerOf(t)]?.name})`),
    );
    expect(up).toEqual([]);
  });

  it('has none of the forbidden downward arrows', () => {
    const bad = [...graph].flatMap(([m, targets]) =>
      FORBIDDEN.flatMap((f) => (m.startsWith(f.from) ? targets.filter((t) => t.startsWith(f.to)).map((t) => `${m} → ${t}: ${f.why}`) : [])),
    );
    expect(bad).toEqual([]);
  });

  it('would catch a cycle and an upward import (the checks can fail)', () => {
    const bad = new Map(graph);
    bad.set('model/schema.ts', ['render/registry.ts']);
    expect(cycles(bad).length).toBeGreaterThan(0);
    expect(layerOf('model/schema.ts')).toBeLessThan(layerOf('render/registry.ts'));
  });
});
