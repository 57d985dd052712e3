/**
 * Write a progress file back with the fewest possible changes (library-notes §4):
 * - when every change replaces an existing scalar, edit the CST: only those values change
 *   and every comment, blank line and spacing stays byte for byte;
 * - otherwise (new rows or fields) use the Document API, which keeps comments but may
 *   normalise spacing.
 * Either way the result is parsed again and must equal the intended data.
 */
import { Composer, CST, Document, isMap, isScalar, Parser, parse, parseDocument, stringify, YAMLMap } from 'yaml';
import { isDeepStrictEqual } from 'node:util';

export type YamlScalar = string | number;

export interface YamlObject {
  [key: string]: YamlScalar | YamlObject;
}

export interface YamlChange {
  path: string[];
  value: YamlScalar | YamlObject;
}

function plainOk(s: string): boolean {
  if (s === '' || /[\r\n]/.test(s) || s !== s.trim()) return false;
  const out = stringify(s, { lineWidth: 0 }).replace(/\n$/, '');
  return out === s;
}

/** Try the byte-preserving CST route; undefined when a change is not a plain replacement. */
function editCst(src: string, changes: YamlChange[]): string | undefined {
  const tokens = [...new Parser().parse(src)];
  const docs = [...new Composer({ keepSourceTokens: true }).compose(tokens)];
  if (docs.length !== 1) return undefined;
  const doc = docs[0]!;
  for (const c of changes) {
    if (typeof c.value === 'object') return undefined;
    const node = doc.getIn(c.path, true);
    if (!isScalar(node) || !node.srcToken) return undefined;
    if (typeof c.value === 'number') CST.setScalarValue(node.srcToken, String(c.value), { type: 'PLAIN' });
    else CST.setScalarValue(node.srcToken, c.value, { type: plainOk(c.value) ? 'PLAIN' : 'QUOTE_DOUBLE' });
  }
  return tokens.map((t) => CST.stringify(t)).join('');
}

function blockStyle(node: unknown): void {
  if (isMap(node)) {
    node.flow = false;
    for (const p of node.items) blockStyle(p.value);
  }
}

function editDocument(src: string, changes: YamlChange[]): string {
  const doc = parseDocument(src, { keepSourceTokens: false });
  for (const c of changes) {
    // Parent maps written as `{}` become block maps before anything is added to them.
    for (let i = 1; i < c.path.length; i++) {
      const parent = doc.getIn(c.path.slice(0, i), true);
      if (isMap(parent) && parent.flow) parent.flow = false;
    }
    doc.setIn(c.path, typeof c.value === 'object' ? doc.createNode(c.value) : c.value);
    blockStyle(doc.getIn(c.path, true));
  }
  return doc.toString({ lineWidth: 0 });
}

/** Apply changes to YAML source; `expected` is what the result must parse to. */
export function editYaml(src: string, changes: YamlChange[], expected: unknown): string {
  if (changes.length === 0) return src;
  const viaCst = editCst(src, changes);
  if (viaCst !== undefined && isDeepStrictEqual(parse(viaCst), expected)) return viaCst;
  const viaDoc = editDocument(src, changes);
  if (!isDeepStrictEqual(parse(viaDoc), expected)) {
    throw new Error('progress file write-back produced different data than intended');
  }
  return viaDoc;
}

/** A new progress file: a comment header and block-style maps. */
export function newYaml(data: Record<string, unknown>, header: string): string {
  const doc = new Document(data);
  doc.commentBefore = header;
  const root = doc.contents;
  if (root instanceof YAMLMap) blockStyle(root);
  return doc.toString({ lineWidth: 0 });
}
