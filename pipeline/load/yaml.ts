/**
 * Read one YAML file keeping source positions, so any later problem (a zod issue, a
 * reference to an unknown unit) can be reported as file:line:col.
 *
 * Data files are typed by hand, so everything a text editor can produce must end in
 * either a parsed document or a located JianbaoError — never a crash, a hang or a
 * silently wrong value. The limits below are documented in docs/LIMITS.md.
 */
import { Composer, Lexer, LineCounter, Parser, type CST, type Document } from 'yaml';
import { JianbaoError, type Problem } from '../errors.js';
import { msg } from '../messages/index.js';
import { capProblems, type YamlSource } from '../core/source.js';
import { tooBig, YAML_LIMITS } from './yaml-limits.js';
import { byPosition, dedupe, yamlMessage } from './yaml-messages.js';
import { firstErrors, openingQuote, recoverErrors, withoutStacks } from './yaml-recover.js';
import { aliases, duplicateKeys, structureProblems } from './yaml-rules.js';
import { readYamlText } from './yaml-text.js';

export { YAML_LIMITS } from './yaml-limits.js';
export { decodeText } from './yaml-text.js';

/**
 * Read a data file from disk: the size is checked before anything is read, the bytes must
 * be UTF-8 (a BOM is accepted and dropped), then the text is parsed.
 */
export function readYamlFile(shown: string, path: string, opts: ParseOptions = {}): YamlSource {
  return parseYaml(shown, readYamlText(shown, path), opts);
}

export interface ParseOptions {
  /**
   * The value of a file that is empty or holds only comments (a settings file whose every
   * line is commented out). Without it such a file is an error: a data file must say something.
   */
  empty?: unknown;
}

/** Parse YAML text; all syntax problems are thrown together as one located JianbaoError. */
export function parseYaml(file: string, raw: string, opts: ParseOptions = {}): YamlSource {
  let text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const bytes = Buffer.byteLength(text);
  if (bytes > YAML_LIMITS.maxBytes) throw tooBig(file, bytes);
  // A lone CR (old Mac line ends, some copy-pastes) is a line break in YAML 1.2 but not for
  // the parser: make it \n. Same length, so every offset stays valid.
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');

  // yaml makes an Error per complaint; without their stack traces (no one reads them) a
  // garbage file of tens of thousands of complaints parses several times faster
  const { doc, lines, tooDeep, second } = withoutStacks(() => composeFirst(text));
  const at = (offset: number) => lines.linePos(Math.max(0, Math.min(offset, text.length)));
  const problems: Problem[] = [];
  if (second !== undefined) {
    const { line, col } = at(second);
    problems.push({
      location: { kind: 'file', file, line, col },
      message: msg('yaml.secondDocument'),
    });
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
  if ((data === null || data === undefined) && opts.empty !== undefined && doc.contents == null) {
    data = structuredClone(opts.empty);
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
 * The first document of `text` and where a second one starts. Parsed token by token so that
 * nesting deeper than maxDepth stops the parser (at `tooDeep`) before the (recursive)
 * composer can run out of stack. Pure: withoutStacks may run it twice.
 */
function composeFirst(text: string): { doc: Document.Parsed | undefined; lines: LineCounter; tooDeep?: { offset: number }; second?: number } {
  const lines = new LineCounter();
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
    if (doc) return { doc, lines, tooDeep, second: d.range[0] };
    doc = d;
  }
  return { doc, lines, tooDeep };
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
