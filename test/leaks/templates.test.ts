/**
 * Nothing leaks (c, d): a district override template cannot reach JavaScript internals
 * through Handlebars (prototype access stays off: `constructor`, `__proto__`, `lookup`
 * render nothing and never print a function's source), and no template or partial name
 * reaches a file outside templates/ (templates and partials are registered by name).
 */
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { JianbaoError } from '../../pipeline/errors.js';
import { escapeDeep } from '../../pipeline/render/doc/escape.js';
import { loadTemplates } from '../../pipeline/render/template.js';
import { loadView, ROOT } from '../support/pdf.js';

const SECRET = 'SECRET-7f3a-outside-templates';
/** What a leaked function or object would look like in the output. */
const LEAK = /function|\[native code\]|=>|\[object |prototype|__defineGetter__|hasOwnProperty|SECRET-7f3a/;

let base: string;
let root: string;
let context: unknown;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'jianbao-tpl-leak-'));
  root = join(base, 'templates');
  cpSync(join(ROOT, 'templates', 'default'), join(root, 'default'), { recursive: true });
  mkdirSync(join(root, 'guancheng'), { recursive: true });
  // files outside templates/ that a crafted name might try to reach
  writeFileSync(join(base, 'secret.hbs'), SECRET);
  writeFileSync(join(base, 'secret.md.hbs'), SECRET);
  mkdirSync(join(base, 'outside'), { recursive: true });
  writeFileSync(join(base, 'outside', 'briefing.md.hbs'), SECRET);
  context = escapeDeep(loadView('data/guancheng/meetings/2022-12-28-plenary.yaml'));
});

/** Render one probe template as a district override; the text, or the template error's message. */
function probe(name: string, body: string): string {
  writeFileSync(join(root, 'guancheng', `${name}.hbs`), body);
  const set = loadTemplates(root);
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    return set.render(name, 'guancheng', context);
  } catch (err) {
    expect(err, `${name}: only a template error may come out`).toBeInstanceOf(JianbaoError);
    return (err as JianbaoError).message;
  } finally {
    quiet.mockRestore();
  }
}

describe('Handlebars prototype access stays off in district templates', () => {
  const probes: [string, string][] = [
    ['constructor', '[{{constructor}}]'],
    ['proto', '[{{__proto__}}]'],
    ['lookup-constructor', '[{{lookup this "constructor"}}]'],
    ['constructor-name', '[{{constructor.name}}]'],
    ['lookup-lookup', '[{{lookup (lookup this "constructor") "name"}}]'],
    ['with-constructor', '[{{#with constructor}}{{name}}{{/with}}]'],
    ['root-constructor', '[{{@root.constructor}}]'],
    ['proto-constructor', '[{{__proto__.constructor}}]'],
    ['this-constructor-constructor', '[{{this.constructor.constructor}}]'],
    ['each-proto', '[{{#each __proto__}}{{@key}}{{/each}}]'],
    ['lookup-proto-define', '[{{lookup (lookup this "__proto__") "__defineGetter__"}}]'],
    ['title-constructor', '[{{title.constructor}}]'],
    ['list-constructor', '[{{targets.constructor}}]'],
    ['helper-constructor', '[{{#with (lookup this "constructor")}}{{#with (lookup this "constructor")}}{{this}}{{/with}}{{/with}}]'],
  ];
  for (const [name, body] of probes) {
    it(`${body} renders nothing dangerous`, () => {
      const out = probe(`probe-${name}.md`, body);
      expect(out).not.toMatch(LEAK);
      if (out.startsWith('[')) expect(out).toBe('[]');
    });
  }

  it('still renders ordinary fields (the probes are not failing for another reason)', () => {
    expect(probe('probe-ok.md', '[{{title}}]')).toBe(`[${(context as { title: string }).title}]`);
    expect(probe('probe-ok-lookup.md', '[{{lookup this "title"}}]')).toBe(`[${(context as { title: string }).title}]`);
  });
});

describe('no template name reaches outside templates/', () => {
  it('a template name with ../ is not found, and says so', () => {
    const set = loadTemplates(root);
    for (const name of ['../secret', '../secret.md', '../../secret', '/etc/passwd', `${base}/secret`, 'default/../../secret', '..\\secret']) {
      let out = '';
      try {
        out = set.render(name, 'guancheng', context);
      } catch (err) {
        expect(err).toBeInstanceOf(JianbaoError);
        out = (err as JianbaoError).message;
        expect(out).toMatch(/期望有名为“.*”的模板/);
      }
      expect(out).not.toContain(SECRET);
    }
  });

  it('a district id with ../ falls back to the defaults, never to a folder outside', () => {
    const set = loadTemplates(root);
    for (const district of ['../outside', '..', '../../tmp', '/etc', 'guancheng/../../outside']) {
      let out = '';
      try {
        out = set.render('briefing.md', district, context);
      } catch (err) {
        expect(err).toBeInstanceOf(JianbaoError);
        out = (err as JianbaoError).message;
      }
      expect(out).not.toContain(SECRET);
      expect(set.files(district).every((f) => f.startsWith(root))).toBe(true);
      expect(set.inputs('briefing.md', district).every((t) => t.file.startsWith(join(root, 'default')))).toBe(true);
    }
  });

  it('a partial named with ../ or an absolute path is a template error, not a read', () => {
    for (const [i, body] of ['{{> ../secret}}', '{{> ../../secret}}', '{{> "/etc/passwd"}}', `{{> "${base}/secret"}}`, '{{> (lookup this "title")}}'].entries()) {
      const out = probe(`partial-${i}.md`, body);
      expect(out).not.toContain(SECRET);
      expect(out).toMatch(/片段|期望/);
    }
  });
});

describe('symbolic links in a templates folder', () => {
  it('are not followed, so an override cannot pull in a file from outside templates/', () => {
    const root = mkdtempSync(join(tmpdir(), 'jianbao-symlink-'));
    cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
    const secret = join(root, 'secret.hbs');
    writeFileSync(secret, 'SECRET-CONTENT');
    mkdirSync(join(root, 'templates', 'demo'), { recursive: true });
    symlinkSync(secret, join(root, 'templates', 'demo', 'slides.md.hbs'));
    const t = loadTemplates(join(root, 'templates'));
    expect(t.files('demo').some((f) => f.includes('secret'))).toBe(false);
    expect(t.files('demo').every((f) => f.startsWith(join(root, 'templates')))).toBe(true);
  });
});
