/** Parser complaints → problems a clerk can act on: said in the catalogue's words, ordered, without repeats. */
import type { YAMLError } from 'yaml';
import type { Problem } from '../errors.js';
import { msg } from '../messages/index.js';
import { YAML_LIMITS } from './yaml-limits.js';

export function byPosition(ps: Problem[]): Problem[] {
  const key = (p: Problem) => (p.location.kind === 'file' ? (p.location.line ?? 0) * 1e7 + (p.location.col ?? 0) : 0);
  return ps.map((p, i) => [p, i] as const).sort((a, b) => key(a[0]) - key(b[0]) || a[1] - b[1]).map(([p]) => p);
}

export function dedupe(ps: Problem[]): Problem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = JSON.stringify([p.location, p.field, p.message, p.found]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The parser's message, said for a clerk: what was expected, what was found. */
export function yamlMessage(err: YAMLError, text: string): { message: string; found?: string } {
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
