/**
 * Most test files share a worker process (vitest.config.ts: isolate: false). A file that
 * replaces a module, spies on the file system or globals, or counts process-wide reads would
 * see what an earlier file left behind (a module already loaded, a cache already warm) and
 * could pass without testing anything: such a file must be in ISOLATED.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISOLATED } from '../../vitest.config.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

const NEEDS_A_FRESH_PROCESS: [string, RegExp][] = [
  ['replaces a module', /\bvi\.(do)?mock\(/],
  ['spies on the file system', /\bvi\.spyOn\(\s*(fs|fsp|promises|process)\b/],
  ['stubs a global or the environment', /\bvi\.stub(Global|Env)\(/],
  ['counts process-wide font reads', /\bfontBytesRead\b/],
];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : testFiles(p);
    return e.name.endsWith('.test.ts') && p !== import.meta.filename ? [relative(PROJECT_ROOT, p).split('\\').join('/')] : [];
  });
}

describe('test isolation', () => {
  const files = testFiles(join(PROJECT_ROOT, 'test'));

  it('every file that mocks, spies on fs or counts reads runs in a fresh process', () => {
    const missing: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(PROJECT_ROOT, f), 'utf8');
      for (const [why, re] of NEEDS_A_FRESH_PROCESS) if (re.test(text) && !ISOLATED.includes(f)) missing.push(`${f}: ${why}`);
    }
    expect(missing).toEqual([]);
  });

  it('lists only files that exist', () => {
    expect(ISOLATED.filter((f) => !files.includes(f))).toEqual([]);
    expect(files.length).toBeGreaterThan(50);
  });

  it('finds the patterns it looks for (the check itself)', () => {
    const hits = (s: string) => NEEDS_A_FRESH_PROCESS.filter(([, re]) => re.test(s)).map(([why]) => why);
    expect(hits("vi.mock('node:fs', async () => ({}))")).toEqual(['replaces a module']);
    expect(hits("vi.spyOn(fs, 'readFileSync')")).toEqual(['spies on the file system']);
    expect(hits("vi.spyOn(process, 'emitWarning')")).toEqual(['spies on the file system']);
    expect(hits("vi.spyOn(console, 'warn')")).toEqual([]);
    expect(hits('expect(fontBytesRead.files)')).toEqual(['counts process-wide font reads']);
  });
});
