/**
 * A parsed source file with its positions, and how a place in it is named: the bottom of
 * every located problem (file:line:col  field.path). load/ makes YamlSources; model/
 * (validation, references), config and ingest locate their problems in them.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Problem } from '../errors.js';
import { msg } from '../messages/index.js';

/** Problems reported per file; the rest are summarised in one line. */
export const MAX_PROBLEMS = 50;

export interface YamlSource {
  /** Path as shown to the user (relative to the working directory). */
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Plain JS value of the document. */
  data: unknown;
}

export type Path = ReadonlyArray<string | number>;

/** At most maxProblems per file; a clerk fixes the first ones and runs the check again. */
export function capProblems(ps: Problem[], total = ps.length): Problem[] {
  if (total <= MAX_PROBLEMS && ps.length <= MAX_PROBLEMS) return ps;
  const kept = ps.slice(0, MAX_PROBLEMS);
  const loc = kept[0]!.location;
  return [
    ...kept,
    {
      location: loc.kind === 'file' ? { kind: 'file', file: loc.file } : loc,
      message: msg('problem.more', { more: Math.max(total, ps.length) - kept.length, max: MAX_PROBLEMS }),
    },
  ];
}

/** Line/column of the node at `path`, or of its nearest existing ancestor. */
export function locate(src: YamlSource, path: Path, opts: { key?: string } = {}): { line: number; col: number } {
  let node: unknown = src.doc.contents;
  let best: Node | null = isNode(node) ? node : null;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(src.doc);
    if (isMap(node)) {
      const pair = pairIndex(node).get(String(seg));
      if (!pair) break;
      node = pair.value;
      // An empty value (`key:`) has a null scalar positioned after the colon; a missing
      // value has no node at all: point at the key then.
      best = isNode(pair.value) && pair.value.range ? pair.value : isNode(pair.key) ? pair.key : best;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (!isNode(item)) break;
      node = item;
      best = item;
    } else break;
  }
  if (isAlias(node)) node = node.resolve(src.doc);
  if (opts.key && isMap(node)) {
    const pair = pairIndex(node).get(opts.key);
    if (pair && isNode(pair.key)) best = pair.key;
  }
  const offset = best?.range?.[0] ?? 0;
  return src.lines.linePos(offset);
}

const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** key → first pair of a mapping, built once per mapping (a file may have 100 000 keys). */
function pairIndex(map: YAMLMap): Map<string, Pair> {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      if (isPair(p) && isScalar(p.key)) {
        const k = String(p.key.value);
        if (!index.has(k)) index.set(k, p);
      }
    }
    pairIndexes.set(map, index);
  }
  return index;
}

/** `targets.items[2].value` */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}
