/**
 * Syntax errors as a clerk should see them: the first structural error of each block, every
 * bad escape, and the next real errors found by blanking the broken block and parsing again.
 */
import { parseDocument, type YAMLError } from 'yaml';

/**
 * After the first structural error the parser's later complaints are mostly echoes of it:
 * report the earliest one. Bad escapes are independent of each other and of the
 * structure, so each of them is reported (one per line).
 */
export function firstErrors(errors: YAMLError[], lineOf: (offset: number) => number): YAMLError[] {
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
// Each round parses the whole text again: at most 10 rounds, and at most 512 KiB parsed in
// all (every realistic data file, under 50 KB, gets all 10), so a large garbage file costs
// a bounded multiple of its first parse.
const RECOVERY = { maxRounds: 10, maxBytes: 256 * 1024, maxParsedBytes: 512 * 1024 } as const;

export function recoverErrors(text: string, found: YAMLError[]): YAMLError[] {
  let structural = found.find((e) => e.code !== 'BAD_DQ_ESCAPE');
  if (!structural || text.length > RECOVERY.maxBytes) return found;
  const out = [...found];
  let patched = text;
  let after = 0;
  const rounds = Math.min(RECOVERY.maxRounds, Math.floor(RECOVERY.maxParsedBytes / Math.max(1, text.length)));
  for (let round = 0; round < rounds && structural; round++) {
    const [start, end] = blockAt(patched, structural.pos[0]);
    if (end <= after) break;
    after = end;
    patched = patched.slice(0, start) + patched.slice(start, end).replace(/[^\n]/g, ' ') + patched.slice(end);
    const doc = withoutStacks(() => parseDocument(patched, { schema: 'core', version: '1.2', merge: false, uniqueKeys: false, strict: true, logLevel: 'error', stringKeys: false, prettyErrors: false }));
    const later = [...doc.errors, ...doc.warnings].filter((e) => e.pos[0] >= end && e.code !== 'BAD_DQ_ESCAPE' && e.code !== 'MULTIPLE_DOCS').sort((x, y) => x.pos[0] - y.pos[0]);
    structural = later[0];
    if (structural) out.push(structural);
  }
  return out;
}

/**
 * Run a parse with stack traces off: yaml makes an Error object per complaint, and V8
 * records a stack trace for each — a garbage file has tens of thousands of complaints whose
 * stacks no one reads (only code, position and message are). `parse` must be pure: when it
 * throws, it runs again with stack traces on, so a crash is reported with its stack.
 * Synchronous, so the limit is back before anything else runs.
 */
export function withoutStacks<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } catch {
    Error.stackTraceLimit = limit;
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
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
export function openingQuote(text: string, offset: number): number {
  let lineEnd = Math.min(offset, text.length);
  while (lineEnd > 0) {
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const m = /^[ \t]*(?:-[ \t]+)?[^\s#"'][^:#]*:[ \t]+(["'])/.exec(text.slice(lineStart, lineEnd));
    if (m) return lineStart + m[0].length - 1;
    lineEnd = lineStart - 1;
  }
  return offset;
}
