/**
 * Every word a clerk reads is Chinese in zh-CN mode:
 * - every message of the catalogue has a Chinese text with no English phrase in it;
 * - no user-facing text bypasses the catalogue: the TypeScript of pipeline/ is scanned for
 *   string literals where a user reads them (a Problem's message/found/hint, a refusal's
 *   why, a zod error that reaches a problem line, the arguments of JianbaoError,
 *   WorkbookReadError, ZipError, DocSyntaxError, renderError, io.out/io.err, console.*,
 *   process.std*.write) and any English phrase there fails the test; so does, anywhere, an
 *   English "expected …" (the house shape of a problem) and three lower-case English words
 *   handed to a local function (a file's own problem builder, such as `whole(…)`).
 * Plain `new Error(…)` is a programmer's error (errors.ts): the CLI shows it only as
 * 程序内部错误 with --debug for details, so it is not scanned. The bad-returns corpus
 * (test/returns) checks the same from the other side: every ingest report line, read back
 * in zh-CN, has no English phrase.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { langFromEnv, m, messageKeys, msgIn as msgInTyped, parseLang, type Lang } from '../../pipeline/messages/index.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { englishPhrases } from '../support/english.js';

const msgIn = msgInTyped as (l: Lang, key: string, p?: unknown) => string;

/** Sample parameters: every parameter a message may read, as a string or number. */
const SAMPLE = new Proxy({}, { get: (_t, k) => (typeof k === 'string' ? (/^(n|count|total|valid|line|col|row|issue|year|pid|max|mb|size|declared|ratio|more)$/.test(k) ? 3 : `‹${k}›`) : undefined) });

/** A catalogue text that is not Chinese: it has an English phrase, or no Chinese at all beside its parameters. */
function notChinese(zh: string): string[] {
  const words = zh.replace(/‹\w+›/g, ' ');
  const phrases = englishPhrases(words);
  if (phrases.length) return phrases;
  const rest = words.replace(/jianbao|--?[a-z-]+|YAML|JSON|PDF|Excel|Ctrl-C|YYYY-MM(-DD)?|[a-z]+\.ya?ml|[A-Za-z]:/g, '');
  return /[a-zA-Z]{3,}/.test(rest) && !/[\u4e00-\u9fff]/.test(rest) ? [rest.trim()] : [];
}

/** Object keys whose string value a user reads. */
const USER_KEYS = new Set(['message', 'found', 'hint', 'why', 'error', 'detail']);
/** Calls whose string arguments a user reads (`new X` or a callee's text). */
const USER_CALLS = /^(new (JianbaoError|WorkbookReadError|ZipError|DocSyntaxError)|renderError|io\.(out|err)|console\.(log|error|warn|info)|process\.(stdout|stderr)\.write)$/;

export interface Finding {
  file: string;
  line: number;
  where: string;
  text: string;
  english: string[];
}

/** String and template literals in user-facing positions of one source file that hold English phrases. */
export function scanSource(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: Finding[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) {
      const text = ts.isTemplateExpression(n) ? n.head.text + n.templateSpans.map((s) => ` ${s.literal.text}`).join('') : n.text;
      // climb through a ?: , a + or parentheses to where the text is used
      let p: ts.Node = n.parent;
      while (ts.isConditionalExpression(p) || ts.isParenthesizedExpression(p) || ts.isBinaryExpression(p) || ts.isTemplateSpan(p) || ts.isTemplateExpression(p) || ts.isArrayLiteralExpression(p)) p = p.parent;
      let where = '';
      if (ts.isPropertyAssignment(p) && USER_KEYS.has(p.name.getText(sf))) where = p.name.getText(sf);
      else if (ts.isCallExpression(p) || ts.isNewExpression(p)) {
        const callee = `${ts.isNewExpression(p) ? 'new ' : ''}${p.expression.getText(sf)}`;
        if (USER_CALLS.test(callee)) where = callee;
      }
      const programmers = ts.isNewExpression(p) && /^(Error|RangeError|TypeError)$/.test(p.expression.getText(sf));
      if (!where && !programmers && !ts.isImportDeclaration(p) && !ts.isExportDeclaration(p)) {
        if (/\bexpected [a-z]/i.test(text)) where = 'expected …';
        else if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && /[a-z]+[ ,]+[a-z]+[ ,]+[a-z]+/.test(text.replace(/[A-Z]\w*/g, '#')) && englishPhrases(text).length) {
          where = `${p.expression.text}(…)`;
        }
      }
      const english = where ? englishPhrases(text, 2) : [];
      if (english.length) found.push({ file, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, where, text, english });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}


describe('message catalogue', () => {
  it('has a Chinese and an English text for every key; the Chinese one has no English phrase', () => {
    const keys = messageKeys();
    expect(keys.length).toBeGreaterThan(400);
    for (const key of keys) {
      const zh = msgIn('zh-CN', key, SAMPLE as never);
      const en = msgIn('en', key, SAMPLE as never);
      expect(zh, key).not.toBe('');
      expect(en, key).not.toBe('');
      expect(notChinese(zh), `${key}: ${zh}`).toEqual([]);
    }
  });

  it('fails on an English-only entry (a planted one)', () => {
    const planted = m<{ n: number }>((p) => `expected at most ${p.n} characters`, (p) => `expected at most ${p.n} characters`);
    expect(notChinese(planted.zh({ n: 3 }))).toEqual(['expected at most']);
    expect(notChinese(m('no such file', 'no such file').zh)).toEqual(['no such file']);
    expect(notChinese(m('期望不超过 3 个字', 'expected at most 3 characters').zh)).toEqual([]);
  });

  it('picks the language from JIANBAO_LANG, then the locale; Chinese by default', () => {
    expect(langFromEnv({})).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'C.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ JIANBAO_LANG: 'zh-CN', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ JIANBAO_LANG: 'en' })).toBe('en');
    expect(parseLang('fr')).toBeUndefined();
  });
});

describe('no user-facing English outside the catalogue (pipeline/ scanned)', () => {
  const root = join(PROJECT_ROOT, 'pipeline');
  const findings = tsFiles(root)
    .filter((f) => !relative(root, f).startsWith('messages'))
    .flatMap((f) => scanSource(relative(PROJECT_ROOT, f).split('\\').join('/'), readFileSync(f, 'utf8')));

  it('finds no user-facing English outside the catalogue', () => {
    expect(findings.map((f) => `${f.file}:${f.line} ${f.where}: ${f.text}`)).toEqual([]);
  });

  it('scans the places a user reads (planted English is caught, Chinese and code are not)', () => {
    const planted = `
      import { msg } from '../messages/index.js';
      export function f(file: string, n: number, err: Error) {
        problems.push({ location: { kind: 'file', file }, message: 'expected a readable file', found: n > 1 ? \`\${n} bytes\` : 'a folder' });
        io.err(\`could not read \${file}: \${err.message}\`);
        throw new JianbaoError('ingest', [{ location: { kind: 'file', file }, message: msg('ingest.readable'), hint: '请在 Excel 中另存为 .xlsx' }]);
        const key = 'xl/worksheets/sheet1.xml';
        if (!ok) throw new Error('internal invariant broken');
        rejected([whole('expected a workbook', 'no such file'), whole('Noto Serif SC', 'AR PL UKai CN')]);
        return new WorkbookReadError(msg('xlsx.expectedXlsx'), 'an empty file (0 bytes)');
      }`;
    const got = scanSource('planted.ts', planted).map((f) => [f.line, f.where, f.text]);
    expect(got).toEqual([
      [4, 'message', 'expected a readable file'],
      [4, 'found', 'a folder'],
      [5, 'io.err', expect.stringMatching(/^could not read /)],
      [9, 'expected …', 'expected a workbook'],
      [9, 'whole(…)', 'no such file'],
      [10, 'new WorkbookReadError', 'an empty file (0 bytes)'],
    ]);
  });
});
