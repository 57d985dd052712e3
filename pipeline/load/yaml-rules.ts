/**
 * What the YAML parser accepts but a data file must not have: keys written twice, unknown or
 * too many aliases, hex/octal/binary numbers (0x10 is a slip, not 16), keys that are lists,
 * mappings or empty.
 */
import { isAlias, isCollection, isMap, isNode, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
import type { Problem } from '../errors.js';
import { msg } from '../messages/index.js';
import { YAML_LIMITS } from './yaml-limits.js';

type At = (offset: number) => { line: number; col: number };

/** Keys written twice in one mapping (the second would silently replace the first). */
export function duplicateKeys(file: string, doc: Document.Parsed, at: At): { problems: Problem[]; more: number } {
  const problems: Problem[] = [];
  let more = 0;
  visit(doc, {
    Map(_k, map) {
      const first = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || pair.key.value === null || pair.key.value === undefined) continue;
        const name = String(pair.key.value);
        const offset = pair.key.range?.[0] ?? 0;
        const seen = first.get(name);
        if (seen === undefined) first.set(name, offset);
        else if (problems.length >= 10 * YAML_LIMITS.maxProblems) more++;
        else {
          const { line, col } = at(offset);
          problems.push({
            location: { kind: 'file', file, line, col },
            field: name.length > 60 ? `${name.slice(0, 57)}…` : name,
            message: msg('yaml.duplicateKey'),
            found: msg('yaml.duplicateKeyFound', { line: at(seen).line }),
          });
        }
      }
    },
  });
  return { problems, more };
}

/** What the parser accepts but a data file must not have: unknown aliases, keys that are lists. */
export function structureProblems(file: string, doc: Document.Parsed, at: At): Problem[] {
  const problems: Problem[] = [];
  const anchors = new Set<string>();
  let aliasCount = 0;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        // yaml resolves each alias by walking the whole document: many aliases would
        // take minutes (1000 anchors used 50 times each: 30 s). Legitimate data needs few.
        if (++aliasCount === YAML_LIMITS.maxAliasCount + 1) {
          const { line, col } = at(node.range?.[0] ?? 0);
          problems.push({
            location: { kind: 'file', file, line, col },
            message: msg('yaml.tooManyAliases', { max: YAML_LIMITS.maxAliasCount }),
            found: msg('yaml.moreAliases'),
          });
        }
        if (!anchors.has(node.source)) {
          const { line, col } = at(node.range?.[0] ?? 0);
          problems.push({
            location: { kind: 'file', file, line, col },
            message: msg('yaml.unknownAnchor', { name: node.source }),
            found: `*${node.source}`,
          });
        }
      } else if (node.anchor) anchors.add(node.anchor);
      // 0x10 and 0o17 are numbers to YAML but slips in a data file: 16 and 15 were never meant
      if (isScalar(node) && typeof node.value === 'number' && node.type === 'PLAIN' && typeof node.source === 'string' && /^[-+]?0[xXoObB]/.test(node.source)) {
        const { line, col } = at(node.range?.[0] ?? 0);
        problems.push({
          location: { kind: 'file', file, line, col },
          message: msg('yaml.radixNumber', { range: msg('yaml.anyRange') }),
          found: node.source,
          hint: msg('yaml.radixHint', { value: String(node.value) }),
        });
      }
    },
    Pair(_key, pair) {
      const k = pair.key;
      const offset = isNode(k) ? k.range?.[0] : isNode(pair.value) ? pair.value.range?.[0] : undefined;
      if (isCollection(k) || isAlias(k)) {
        const { line, col } = at(offset ?? 0);
        problems.push({ location: { kind: 'file', file, line, col }, message: msg('yaml.keyExpected'), found: isSeq(k) ? msg('model.type.array') : isMap(k) ? msg('value.mapping') : msg('value.alias') });
      } else if (k === null || (isScalar(k) && (k.value === null || k.value === ''))) {
        const { line, col } = at(offset ?? 0);
        problems.push({ location: { kind: 'file', file, line, col }, message: msg('yaml.keyExpected'), found: msg('value.nothing') });
      }
    },
  });
  return problems;
}

export function aliases(doc: Document.Parsed): Node[] {
  const out: Node[] = [];
  visit(doc, {
    Alias(_k, node) {
      out.push(node);
    },
  });
  return out;
}
