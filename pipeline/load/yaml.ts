/**
 * Read one YAML file keeping source positions, so any later problem (a zod issue, a
 * reference to an unknown unit) can be reported as file:line:col.
 */
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { JianbaoError, type Problem } from '../errors.js';

export const YAML_LIMITS = {
  /** Largest data file read, in bytes (documented in README). */
  maxBytes: 2 * 1024 * 1024,
  /** Alias expansions allowed (yaml's default; stops "billion laughs"). */
  maxAliasCount: 100,
} as const;

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

/** Parse YAML text; all syntax problems are thrown together as one located JianbaoError. */
export function parseYaml(file: string, raw: string): YamlSource {
  const problems: Problem[] = [];
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  if (Buffer.byteLength(text) > YAML_LIMITS.maxBytes) {
    throw new JianbaoError('data', [
      { location: { kind: 'file', file }, message: `expected a data file of at most ${YAML_LIMITS.maxBytes / 1024 / 1024} MiB`, found: `${Buffer.byteLength(text)} bytes` },
    ]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true, strict: true, keepSourceTokens: true });
  for (const err of doc.errors) {
    const pos = err.linePos?.[0];
    const field = err.code === 'DUPLICATE_KEY' ? keyAt(text, err.pos[0]) : undefined;
    problems.push({
      location: { kind: 'file', file, line: pos?.line, col: pos?.col },
      field,
      message: yamlMessage(err.code, err.message),
    });
  }
  if (problems.length) throw new JianbaoError('data', problems);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (cause) {
    const msg = cause instanceof Error ? cause.message : String(cause);
    const message = /alias/i.test(msg)
      ? `expected at most ${YAML_LIMITS.maxAliasCount} alias expansions (the file looks like an alias bomb)`
      : `could not read the YAML: ${msg}`;
    throw new JianbaoError('data', [{ location: { kind: 'file', file, line: 1, col: 1 }, message }], { cause });
  }
  if (data === null || data === undefined) {
    throw new JianbaoError('data', [{ location: { kind: 'file', file, line: 1, col: 1 }, message: 'expected a mapping of fields, found an empty file' }]);
  }
  return { file, text, doc, lines, data };
}

/** The key written at `offset` (`date: …` → "date"). */
function keyAt(text: string, offset: number): string | undefined {
  const rest = text.slice(offset, offset + 200).split('\n')[0] ?? '';
  const m = /^\s*([^:#]+?)\s*:/.exec(rest);
  return m?.[1];
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'expected each key once in a mapping, found a duplicate key';
    case 'TAB_AS_INDENT':
      return 'expected spaces for indentation, found a tab';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `YAML syntax: ${first}`;
    default:
      return `YAML syntax: ${first}`;
  }
}

/** Line/column of the node at `path`, or of its nearest existing ancestor. */
export function locate(src: YamlSource, path: Path, opts: { key?: string } = {}): { line: number; col: number } {
  let node: unknown = src.doc.contents;
  let best: Node | null = isNode(node) ? node : null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
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
  if (opts.key && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === opts.key);
    if (pair && isNode(pair.key)) best = pair.key;
  }
  const offset = best?.range?.[0] ?? 0;
  return src.lines.linePos(offset);
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
