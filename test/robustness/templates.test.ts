/**
 * Templates are found by name only: a partial name or a district id that looks like a
 * path (`{{> ../../etc/passwd}}`, a district "../..") never makes the template loader
 * read a file outside the templates folder. Every file-system call of the loader is
 * recorded and checked.
 */
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { JianbaoError } from '../../pipeline/errors.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { loadTemplates } from '../../pipeline/render/template.js';
import { tmp } from './support.js';

const touched = vi.hoisted(() => [] as string[]);

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const spy =
    <F extends (...args: never[]) => unknown>(f: F) =>
    (...args: Parameters<F>) => {
      touched.push(String(args[0]));
      return f(...args);
    };
  const wrapped = {
    readFileSync: spy(fs.readFileSync),
    readdirSync: spy(fs.readdirSync),
    statSync: spy(fs.statSync),
    lstatSync: spy(fs.lstatSync),
    existsSync: spy(fs.existsSync),
    openSync: spy(fs.openSync),
    realpathSync: spy(fs.realpathSync),
  };
  return { ...fs, ...wrapped, default: { ...fs, ...wrapped } };
});

const CANARY = 'CANARY-outside-templates';

/** A project with templates/ and secrets next to it, where a path-following loader would look. */
function project(): { root: string; templates: string } {
  const root = tmp('tpl');
  const templates = join(root, 'templates');
  cpSync(join(PROJECT_ROOT, 'templates', 'default'), join(templates, 'default'), { recursive: true });
  for (const p of ['etc/passwd', 'etc/passwd.hbs', 'etc/evil.md.hbs', 'secret.hbs', 'partials/secret.hbs']) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), CANARY);
  }
  return { root, templates };
}

function outside(templates: string): string[] {
  const base = resolve(templates) + sep;
  return touched.filter((p) => !(resolve(p) + sep).startsWith(base));
}

/** Render `name` for a district with a small context and return the error (or the text). */
function render(templates: string, district: string, name: string, context: unknown = { title: 'x' }): { text?: string; error?: unknown } {
  touched.length = 0;
  try {
    const set = loadTemplates(templates);
    return { text: set.render(name, district, context) };
  } catch (error) {
    return { error };
  }
}

describe('templates are loaded by name, never by path', () => {
  it('a district override including {{> ../../etc/passwd}} fails as a template error and reads nothing outside templates/', () => {
    const { templates } = project();
    mkdirSync(join(templates, 'demo'), { recursive: true });
    writeFileSync(join(templates, 'demo', 'evil.md.hbs'), 'before {{> ../../etc/passwd}} after\n');
    const r = render(templates, 'demo', 'evil.md');
    expect(r.text).toBeUndefined();
    expect(r.error).toBeInstanceOf(JianbaoError);
    const e = r.error as JianbaoError;
    expect(e.kind).toBe('template');
    expect(e.message).toMatch(/片段“\.\.\/\.\.\/etc\/passwd”，partials\/ 下没有这个文件/);
    expect(e.message).not.toContain(CANARY);
    // the spy does see the loader's reads (of the templates themselves)
    expect(touched.some((p) => p.endsWith(join('demo', 'evil.md.hbs')))).toBe(true);
    expect(outside(templates)).toEqual([]);
  });

  it('partial names with other path tricks are names too', () => {
    const { templates } = project();
    mkdirSync(join(templates, 'demo'), { recursive: true });
    for (const name of ['/etc/passwd', '../secret', 'partials/../../secret', '..\\..\\secret', 'etc/passwd']) {
      writeFileSync(join(templates, 'demo', 'evil.md.hbs'), `{{> [${name}]}}\n`);
      const r = render(templates, 'demo', 'evil.md');
      expect(r.error, name).toBeInstanceOf(JianbaoError);
      expect(String(r.text ?? '')).not.toContain(CANARY);
      expect(outside(templates), name).toEqual([]);
    }
  });

  it('a partial name taken from the data ({{> (lookup . "title")}}) is looked up by name only', () => {
    const { templates } = project();
    mkdirSync(join(templates, 'demo'), { recursive: true });
    writeFileSync(join(templates, 'demo', 'evil.md.hbs'), '{{> (lookup . "title")}}\n');
    const r = render(templates, 'demo', 'evil.md', { title: '../../etc/passwd' });
    expect(r.error).toBeInstanceOf(JianbaoError);
    expect((r.error as JianbaoError).kind).toBe('template');
    expect(outside(templates)).toEqual([]);
  });

  it('a district id that is a path selects no folder outside templates/', () => {
    const { templates } = project();
    for (const district of ['../..', '../../etc', '..', '/etc', 'demo/../../etc']) {
      const r = render(templates, district, 'evil.md');
      expect(r.text, district).toBeUndefined();
      expect(r.error, district).toBeInstanceOf(JianbaoError);
      expect(outside(templates), district).toEqual([]);
    }
  });

  // template.ts skips symbolic links (lstat), so nothing outside templates/ is read.
  it('does not follow a symbolic link inside templates/ that points outside', () => {
    const { root, templates } = project();
    mkdirSync(join(templates, 'demo', 'partials'), { recursive: true });
    symlinkSync(join(root, 'secret.hbs'), join(templates, 'demo', 'partials', 'leak.hbs'));
    writeFileSync(join(templates, 'demo', 'evil.md.hbs'), '{{> leak}}\n');
    const r = render(templates, 'demo', 'evil.md');
    // the link is skipped, so the partial does not exist: a located template error, no content
    expect(r.error).toBeInstanceOf(JianbaoError);
    expect(String((r.error as Error).message)).toContain('片段“leak”');
    expect(String(r.text ?? '')).not.toContain(CANARY);
  });
});
