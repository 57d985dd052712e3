/**
 * Read one YAML file keeping source positions, so any later problem (a zod issue, a
 * reference to an unknown unit) can be reported as file:line:col.
 *
 * Data files are typed by hand, so everything a text editor can produce must end in
 * either a parsed document or a located JianbaoError — never a crash, a hang or a
 * silently wrong value. The limits below are documented in docs/LIMITS.md.
 */
import { statSync, readFileSync } from 'node:fs';
import {
  Composer,
  isAlias,
  isCollection,
  isMap,
  isNode,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  parseDocument,
  visit,
  type CST,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import { JianbaoError, type Problem } from '../errors.js';
import { msg } from '../messages/index.js';
import { capProblems, MAX_PROBLEMS, type YamlSource } from '../core/source.js';

export const YAML_LIMITS = {
  /** Largest data file read, in bytes (documented in README and docs/LIMITS.md). */
  maxBytes: 2 * 1024 * 1024,
  /**
   * Aliases (*name) allowed in a file, and alias expansions allowed (yaml's maxAliasCount:
   * stops "billion laughs").
   */
  maxAliasCount: 100,
  /** Lists and mappings nested inside each other (the data model needs 6). */
  maxDepth: 32,
  /** Problems reported per file; the rest are summarised in one line. */
  maxProblems: MAX_PROBLEMS,
} as const;

const MiB = 1024 * 1024;

function tooBig(file: string, bytes: number): JianbaoError {
  return new JianbaoError('data', [
    {
      location: { kind: 'file', file },
      message: msg('yaml.tooBig', { max: YAML_LIMITS.maxBytes / MiB }),
      found: msg('yaml.size', { mib: (bytes / MiB).toFixed(1), bytes }),
    },
  ]);
}

/**
 * Read a data file from disk: the size is checked before anything is read, the bytes must
 * be UTF-8 (a BOM is accepted and dropped), then the text is parsed.
 */
export function readYamlFile(shown: string, path: string): YamlSource {
  let size: number;
  let isFile: boolean;
  try {
    const st = statSync(path);
    size = st.size;
    isFile = st.isFile();
  } catch (cause) {
    throw new JianbaoError('data', [{ location: { kind: 'file', file: shown }, message: msg('yaml.unreadable', { code: errorCode(cause) }) }], { cause });
  }
  if (!isFile) throw new JianbaoError('data', [{ location: { kind: 'file', file: shown }, message: msg('yaml.isFolder') }]);
  if (size > YAML_LIMITS.maxBytes) throw tooBig(shown, size);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new JianbaoError('data', [{ location: { kind: 'file', file: shown }, message: msg('yaml.unreadable', { code: errorCode(cause) }) }], { cause });
  }
  return parseYaml(shown, decodeText(shown, bytes));
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
}

/**
 * Bytes → text. Only UTF-8 is accepted: a file saved as GBK ("ANSI" in Notepad) or UTF-16
 * ("Unicode") is reported at the first byte that is not UTF-8, instead of being read as
 * garbled characters that would end up printed in a briefing.
 */
export function decodeText(file: string, bytes: Uint8Array): string {
  if (bytes.length > YAML_LIMITS.maxBytes) throw tooBig(file, bytes.length);
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new JianbaoError('data', [
      {
        location: { kind: 'file', file, line: 1, col: 1 },
        message: msg('yaml.utf16'),
      },
    ]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bad)).replace(/^\uFEFF/, '');
    const { line, col } = positionIn(before, before.length);
    const shown = Array.from(bytes.subarray(bad, bad + 2), (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
    throw new JianbaoError('data', [
      {
        location: { kind: 'file', file, line, col },
        message: msg('yaml.notUtf8'),
        found: msg('yaml.bytes', { value: shown }),
      },
    ]);
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n = 0;
    let min = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) (n = 1), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (n = 2), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (n = 3), (min = 0x10000);
    else return i;
    if (i + n >= b.length && n > 0) return i;
    let cp = n === 0 ? c : c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k]!;
      if ((cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** 1-based line and column of `offset` in `text`, counting \n, \r\n and a lone \r as line breaks. */
function positionIn(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

/** Parse YAML text; all syntax problems are thrown together as one located JianbaoError. */
export function parseYaml(file: string, raw: string): YamlSource {
  let text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const bytes = Buffer.byteLength(text);
  if (bytes > YAML_LIMITS.maxBytes) throw tooBig(file, bytes);
  // A lone CR (old Mac line ends, some copy-pastes) is a line break in YAML 1.2 but not for
  // the parser: make it \n. Same length, so every offset stays valid.
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');

  const lines = new LineCounter();
  const at = (offset: number) => lines.linePos(Math.max(0, Math.min(offset, text.length)));
  const problems: Problem[] = [];

  // Parse token by token so that nesting deeper than maxDepth stops the parser before the
  // (recursive) composer can run out of stack.
  let tooDeep: { offset: number } | undefined;
  const composer = new Composer({
    // The core schema always: a `%YAML 1.1` line must not turn `yes` into true or
    // 2023-01-05 into a Date.
    schema: 'core',
    version: '1.2',
    merge: false,
    // Duplicate keys are found below in linear time; yaml's own check is quadratic in
    // the number of keys (a 200 KB file of `a: 1` lines took minutes).
    uniqueKeys: false,
    strict: true,
    keepSourceTokens: false,
    logLevel: 'error',
    stringKeys: false,
  });
  let doc: Document.Parsed | undefined;
  for (const d of composer.compose(guardedTokens(text, lines, (offset) => (tooDeep = { offset })), true, text.length)) {
    if (!doc) doc = d;
    else {
      const { line, col } = at(d.range[0]);
      problems.push({
        location: { kind: 'file', file, line, col },
        message: msg('yaml.secondDocument'),
      });
      break;
    }
  }
  if (tooDeep) {
    const { line, col } = at(tooDeep.offset);
    const flow = text[tooDeep.offset] === '[' || text[tooDeep.offset] === '{';
    throw new JianbaoError('data', [
      {
        location: { kind: 'file', file, line, col },
        message: msg('yaml.tooDeep', { max: YAML_LIMITS.maxDepth, flow }),
        found: msg('yaml.deeperNesting'),
      },
    ]);
  }
  if (!doc) throw new Error('yaml composer returned no document');

  for (const err of recoverErrors(text, firstErrors([...doc.errors, ...doc.warnings], (o) => at(o).line))) {
    const { line, col } = at(err.code === 'MISSING_CHAR' && /quote/i.test(err.message) ? openingQuote(text, err.pos[0]) : err.pos[0]);
    problems.push({ location: { kind: 'file', file, line, col }, ...yamlMessage(err, text) });
  }
  const dups = duplicateKeys(file, doc, at);
  problems.push(...dups.problems);
  if (!problems.length) problems.push(...structureProblems(file, doc, at));
  if (problems.length) throw new JianbaoError('data', capProblems(dedupe(byPosition(problems)), problems.length + dups.more));

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const firstAlias = aliases(doc)[0];
    const { line, col } = firstAlias?.range ? at(firstAlias.range[0]) : { line: 1, col: 1 };
    const message = /alias count/i.test(detail)
      ? msg('yaml.aliasBomb', { max: YAML_LIMITS.maxAliasCount })
      : cause instanceof RangeError
        ? msg('yaml.aliasNesting')
        : msg('yaml.unreadableYaml', { detail });
    throw new JianbaoError('data', [{ location: { kind: 'file', file, line, col }, message }], { cause });
  }
  if (data === null || data === undefined) {
    const onlyComments = /\S/.test(text);
    throw new JianbaoError('data', [
      {
        location: { kind: 'file', file, line: 1, col: 1 },
        message: msg('yaml.expectedMapping'),
        found: onlyComments ? msg('yaml.onlyComments') : msg('yaml.emptyFile'),
      },
    ]);
  }
  return { file, text, doc, lines, data };
}

/**
 * After the first structural error the parser's later complaints are mostly echoes of it:
 * report the earliest one. Bad escapes are independent of each other and of the
 * structure, so each of them is reported (one per line).
 */
function firstErrors(errors: YAMLError[], lineOf: (offset: number) => number): YAMLError[] {
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const structural = sorted.find((e) => e.code !== 'BAD_DQ_ESCAPE');
  const escapeLines = new Set<number>();
  return sorted.filter((e) => {
    if (e === structural) return true;
    if (e.code === 'BAD_DQ_ESCAPE') {
      const line = lineOf(e.pos[0]);
      if (escapeLines.has(line)) return false;
      escapeLines.add(line);
      return true;
    }
    return false;
  });
}

/**
 * Syntax recovery: the parser's complaints after the first structural error are mostly
 * echoes of it, so instead of reporting them, the offending line (and the lines indented
 * under it) is blanked out — same length, so every offset stays valid — and the text is
 * parsed again; the first structural error after the blanked block is the next real one.
 * A tab in one place no longer hides a bad indent further down.
 */
const RECOVERY = { maxRounds: 10, maxBytes: 256 * 1024 } as const;

function recoverErrors(text: string, found: YAMLError[]): YAMLError[] {
  let structural = found.find((e) => e.code !== 'BAD_DQ_ESCAPE');
  if (!structural || text.length > RECOVERY.maxBytes) return found;
  const out = [...found];
  let patched = text;
  let after = 0;
  for (let round = 0; round < RECOVERY.maxRounds && structural; round++) {
    const [start, end] = blockAt(patched, structural.pos[0]);
    if (end <= after) break;
    after = end;
    patched = patched.slice(0, start) + patched.slice(start, end).replace(/[^\n]/g, ' ') + patched.slice(end);
    const doc = parseDocument(patched, { schema: 'core', version: '1.2', merge: false, uniqueKeys: false, strict: true, logLevel: 'error', stringKeys: false });
    const later = [...doc.errors, ...doc.warnings].filter((e) => e.pos[0] >= end && e.code !== 'BAD_DQ_ESCAPE' && e.code !== 'MULTIPLE_DOCS').sort((x, y) => x.pos[0] - y.pos[0]);
    structural = later[0];
    if (structural) out.push(structural);
  }
  return out;
}

/** [start, end) of the line holding `offset` plus the lines after it indented deeper (its block). */
function blockAt(text: string, offset: number): [number, number] {
  const start = text.lastIndexOf('\n', Math.max(0, Math.min(offset, text.length) - 1)) + 1;
  const indentOf = (lineStart: number) => /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0].length;
  const indent = indentOf(start);
  let end = text.indexOf('\n', start);
  if (end < 0) return [start, text.length];
  for (;;) {
    const next = end + 1;
    if (next >= text.length) return [start, text.length];
    const lineEnd = text.indexOf('\n', next) < 0 ? text.length : text.indexOf('\n', next);
    const line = text.slice(next, lineEnd);
    if (line.trim() !== '' && indentOf(next) <= indent) return [start, end];
    end = lineEnd;
    if (end >= text.length) return [start, text.length];
  }
}

/** The parser reports an unclosed quote where the file ends: point at the quote that opened it. */
function openingQuote(text: string, offset: number): number {
  let lineEnd = Math.min(offset, text.length);
  while (lineEnd > 0) {
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const m = /^[ \t]*(?:-[ \t]+)?[^\s#"'][^:#]*:[ \t]+(["'])/.exec(text.slice(lineStart, lineEnd));
    if (m) return lineStart + m[0].length - 1;
    lineEnd = lineStart - 1;
  }
  return offset;
}

/** Keys written twice in one mapping (the second would silently replace the first). */
function duplicateKeys(file: string, doc: Document.Parsed, at: (offset: number) => { line: number; col: number }): { problems: Problem[]; more: number } {
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

function byPosition(ps: Problem[]): Problem[] {
  const key = (p: Problem) => (p.location.kind === 'file' ? (p.location.line ?? 0) * 1e7 + (p.location.col ?? 0) : 0);
  return ps.map((p, i) => [p, i] as const).sort((a, b) => key(a[0]) - key(b[0]) || a[1] - b[1]).map(([p]) => p);
}

function* guardedTokens(text: string, lines: LineCounter, onTooDeep: (offset: number) => void): Generator<CST.Token> {
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  for (const lexeme of new Lexer().lex(text)) {
    yield* parser.next(lexeme);
    // every open collection is on the stack, so a short stack cannot be too deep
    if (parser.stack.length <= YAML_LIMITS.maxDepth) continue;
    let depth = 0;
    for (const t of parser.stack) {
      if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
        if (++depth > YAML_LIMITS.maxDepth) {
          onTooDeep(t.offset);
          return;
        }
      }
    }
  }
  yield* parser.end();
}

/** What the parser accepts but a data file must not have: unknown aliases, keys that are lists. */
function structureProblems(file: string, doc: Document.Parsed, at: (offset: number) => { line: number; col: number }): Problem[] {
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

function aliases(doc: Document.Parsed): Node[] {
  const out: Node[] = [];
  visit(doc, {
    Alias(_k, node) {
      out.push(node);
    },
  });
  return out;
}

function dedupe(ps: Problem[]): Problem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = JSON.stringify([p.location, p.field, p.message, p.found]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The parser's message, said for a clerk: what was expected, what was found. */
function yamlMessage(err: YAMLError, text: string): { message: string; found?: string } {
  const first = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const lineText = lineAround(text, err.pos[0]);
  const code = lineText.split(' #')[0] ?? '';
  if (/：/.test(code) && !/:(\s|$)/.test(code)) {
    return { message: msg('yaml.fullWidthColon') };
  }
  if (/^\s*(?:-\s+)?[A-Za-z][\w-]*:\S/.test(code) && !/:(\s|$)/.test(code)) {
    return { message: msg('yaml.spaceAfterColon') };
  }
  switch (err.code) {
    case 'TAB_AS_INDENT':
      return { message: msg('yaml.tab') };
    case 'BAD_DQ_ESCAPE':
      return {
        message: msg('yaml.badEscape'),
        found: first.replace(/^Invalid escape sequence /, ''),
      };
    case 'MULTIPLE_DOCS':
      return { message: msg('yaml.secondDocument') };
    case 'BAD_INDENT':
      if (/end with a \]/.test(first)) return { message: msg('yaml.unclosedList') };
      if (/end with a \}/.test(first)) return { message: msg('yaml.unclosedMap') };
      return { message: msg('yaml.badIndent', { detail: first }) };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      if (/:\s/.test(lineText.replace(/^\s*(?:-\s+)?[^:]*:\s/, ''))) {
        return { message: msg('yaml.colonInValue') };
      }
      return { message: msg('yaml.keyOnOneLine', { detail: first }) };
    case 'MISSING_CHAR':
      if (/closing "?quote/i.test(first)) return { message: msg('yaml.unclosedQuote') };
      if (/without - indicator/.test(first)) return { message: msg('yaml.itemIndent') };
      if (/followed by map values/.test(first)) return { message: msg('yaml.colonAfterKey') };
      if (/\]/.test(first)) return { message: msg('yaml.unclosedListDetail', { detail: first }) };
      if (/\}/.test(first)) return { message: msg('yaml.unclosedMapDetail', { detail: first }) };
      return { message: msg('yaml.invalid', { detail: first }) };
    case 'TAG_RESOLVE_FAILED':
      return { message: msg('yaml.tag', { detail: first }) };
    case 'KEY_OVER_1024_CHARS':
      return { message: msg('yaml.longKey') };
    case 'RESOURCE_EXHAUSTION':
      return { message: msg('yaml.deepDetail', { max: YAML_LIMITS.maxDepth, detail: first }) };
    default:
      return { message: msg('yaml.invalid', { detail: first }) };
  }
}

function lineAround(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? undefined : end);
}
