/**
 * Golden fixtures for the middle of the pipeline: data → view (derive) → template text
 * (Handlebars) → Doc (parseDoc), for a fixture meeting and a real sample meeting. The test
 * (test/core/golden.test.ts) compares every stage with test/fixtures/golden/<case>/;
 * `make golden` rewrites them from the current code (review the diff before committing).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderContext } from '../../pipeline/build/meeting.js';
import { loadProject } from '../../pipeline/load/project.js';
import { deriveMeeting } from '../../pipeline/model/derive.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { loadTemplates } from '../../pipeline/render/template.js';

export const GOLDEN_DIR = join(PROJECT_ROOT, 'test', 'fixtures', 'golden');

export const GOLDEN_CASES = [
  { name: 'valid-minimal', dataDir: join(PROJECT_ROOT, 'test', 'fixtures', 'valid-minimal', 'data'), key: 'demo/2023-01-05-plenary' },
  { name: 'guancheng-2022-12-28-plenary', dataDir: join(PROJECT_ROOT, 'data'), key: 'guancheng/2022-12-28-plenary' },
] as const;

/** The templates every case renders (progress.md needs ingested returns: its own tests). */
export const GOLDEN_TEMPLATES = ['briefing.md', 'slides.md'] as const;

/** file name → text, for one case: view.json, then <template>, <template>.doc.json per template. */
export function goldenOutputs(c: (typeof GOLDEN_CASES)[number]): Map<string, string> {
  const loaded = loadProject(c.dataDir, { cwd: PROJECT_ROOT, only: [c.key] });
  const m = loaded.meetings.find((x) => x.key === c.key);
  if (!m) throw new Error(`golden case ${c.name}: ${c.key} did not load: ${loaded.failures.map((f) => f.error.message).join('\n')}`);
  const view = deriveMeeting(m.district, m.id, m.meeting);
  const ctx = renderContext(view, loadTemplates(join(PROJECT_ROOT, 'templates')));
  const out = new Map<string, string>([['view.json', json(view)]]);
  for (const t of GOLDEN_TEMPLATES) {
    const { text, doc } = ctx.doc(t);
    out.set(t, text);
    out.set(`${t}.doc.json`, json(doc));
  }
  return out;
}

function json(v: unknown): string {
  return `${JSON.stringify(v, null, 1)}\n`;
}

export function readGolden(caseName: string, file: string): string | undefined {
  const p = join(GOLDEN_DIR, caseName, file);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

export function writeGolden(caseName: string, file: string, text: string): void {
  mkdirSync(join(GOLDEN_DIR, caseName), { recursive: true });
  writeFileSync(join(GOLDEN_DIR, caseName, file), text);
}
