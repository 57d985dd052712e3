/**
 * Parse each font once per process.
 *
 * pdfkit opens every font of every document with `fontkit.create(bytes)`, re-parsing
 * 10–15 MB CJK fonts for each briefing. The bytes it gets are the very Buffers fonts.ts
 * hands to pdfmake's virtual file system, so `create` can be memoised on that Buffer.
 * fontkit's exports are read-only getters, so the module pdfkit will `require` is
 * replaced in the CommonJS cache by a copy whose `create` is memoised — which only works
 * if this module is evaluated before pdfkit is first loaded: index.ts imports it first.
 * A parsed fontkit font is read-only (subsets are separate objects), so documents can
 * share it.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

type Create = (data: Uint8Array, postscriptName?: string) => unknown;

const req = createRequire(import.meta.url);
const pdfkitMain = req.resolve('pdfkit', { paths: [dirname(req.resolve('pdfmake'))] });
const pdfkitRequire = createRequire(pdfkitMain);
const fontkitPath = pdfkitRequire.resolve('fontkit');

/** How many fonts were actually parsed (for tests and the benchmark). */
export const fontParses = { count: 0 };

/** True when pdfkit will use the memoised `create` (it was not loaded before this module). */
export const fontSharingActive: boolean = install();

function install(): boolean {
  if (req.cache[pdfkitMain]) return false; // pdfkit already holds the original fontkit
  const original = pdfkitRequire('fontkit') as Record<string, unknown> & { create: Create };
  const parsed = new WeakMap<Uint8Array, Map<string, unknown>>();
  const shared: Record<string, unknown> = {};
  for (const key of Object.keys(original)) if (key !== 'create') Object.defineProperty(shared, key, { enumerable: true, get: () => original[key] });
  const create: Create = (data, postscriptName) => {
    let byName = parsed.get(data);
    if (!byName) {
      byName = new Map();
      parsed.set(data, byName);
    }
    const key = postscriptName ?? '';
    if (!byName.has(key)) {
      fontParses.count++;
      byName.set(key, original.create(data, postscriptName));
    }
    return byName.get(key);
  };
  Object.defineProperty(shared, 'create', { enumerable: true, value: create });
  const cached = req.cache[fontkitPath];
  if (!cached) return false;
  cached.exports = shared;
  return true;
}
