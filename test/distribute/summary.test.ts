/**
 * The per-meeting build summary (.jianbao-summary.json) and view snapshot (.jianbao-view.json)
 * the index and distribute read: read back from a real build — a copy of the shared cold build
 * of the samples (test/support/sample-build.ts), the plenary rebuilt with ingested returns —
 * and held against the files on disk (bytes, sha256, pdfjs page counts) and against the view
 * the pipeline derives.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.js';
import { readStamp } from '../../pipeline/build/inputs.js';
import { parseSnapshot, readSummary, summaryMatchesStamp, SUMMARY_FILE, VIEW_FILE, type MeetingSummary } from '../../pipeline/build/summary.js';
import { discoverProject, loadEntry } from '../../pipeline/load/project.js';
import { withProgressChecked } from '../../pipeline/load/progress.js';
import { deriveMeeting } from '../../pipeline/model/derive.js';
import type { MeetingView } from '../../pipeline/core/view.js';
import { listZip } from '../../pipeline/core/zip.js';
import { readPdfText, ROOT, workspace, type Workspace } from './helpers.js';

const PLENARY = 'guancheng/2022-12-28-plenary';
const STUDY = 'guancheng/2017-08-15-study-session';
const PROGRESS = `meeting: 2022-12-28-plenary
district: guancheng
period: 2023-03
targets:
  gdp:
    actual: 6.8
tasks:
  t01:
    actual: 300
    progress: 已完成土地收储300亩
`;

let ws: Workspace;
const dirOf = (key: string) => join(ws.outDir, ...key.split('/'));
const summary = (key: string): MeetingSummary => {
  const s = readSummary(dirOf(key));
  if (!s.ok) throw new Error(`no summary for ${key}: ${s.reason}`);
  return s.summary;
};
const sha = (d: Uint8Array) => createHash('sha256').update(d).digest('hex');

beforeAll(async () => {
  ws = await workspace(['guancheng']);
  ws.write('guancheng/progress/2022-12-28-plenary/2023-03.yaml', PROGRESS);
  // the copy of the shared (cold) build is up to date but for the meeting with returns
  expect((await ws.build()).built).toEqual([PLENARY]);
}, 600_000);

afterAll(() => ws?.cleanup());

describe('the build summary', () => {
  it('lists every file the stamp lists, with the bytes, sha256 and pages of the file on disk', async () => {
    for (const key of discoverProject(ws.dataDir).entries.map((e) => e.key)) {
      const s = summary(key);
      const stamp = readStamp(dirOf(key));
      expect(summaryMatchesStamp(s, stamp), key).toBe(true);
      expect(Object.keys(s.formats).sort(), key).toEqual(Object.keys(stamp.formats).sort());
      for (const [format, f] of Object.entries(s.formats)) {
        expect(f.files.map((x) => x.name), `${key} ${format}`).toEqual(stamp.formats[format]!.files);
        for (const file of f.files) {
          const bytes = new Uint8Array(readFileSync(join(dirOf(key), file.name)));
          expect(file.bytes, file.name).toBe(bytes.byteLength);
          expect(file.sha256, file.name).toBe(sha(bytes));
          if (file.name.endsWith('.pdf')) expect(file.pages, file.name).toBe((await readPdfText(bytes)).pages.length);
          if (file.name.endsWith('.pptx')) expect(file.pages, file.name).toBe(listZip(bytes).filter((e) => /^ppt\/slides\/slide\d+\.xml$/.test(e.name)).length);
        }
      }
    }
  });

  it('holds the meeting facts, per-unit ledgers by unit name, and the ledger counts once returns are ingested', () => {
    const s = summary(PLENARY);
    expect(s.meeting).toMatchObject({ title: expect.stringContaining('第十二届委员会第四次全体会议'), date: '2022-12-28', kinds: ['plenary', 'economic-work-conference'], districtName: '郑州市管城回族区' });
    expect(s.meeting!.briefing).toMatchObject({ name: '管城区委简报', issue: 36, issueLabel: '第36期', copies: 80, internal: false });
    expect(s.formats.ledger!.files.find((f) => f.name === 'ledger-fgw.xlsx')?.unit).toEqual({ id: 'fgw', name: '区发展改革委' });
    const p = s.progress!;
    expect(p.period).toBe('2023-03');
    expect(p.periods).toEqual(['2023-03']);
    // every tracked item is in exactly one bucket
    for (const k of ['targets', 'tasks', 'projects', 'all'] as const) expect(Object.values(p.counts[k]).reduce((a, b) => a + b, 0), k).toBe(p.totals[k]);
    expect(p.counts.tasks.done + p.counts.tasks.green + p.counts.tasks.yellow + p.counts.tasks.red).toBeGreaterThan(0);
    expect(summary(STUDY).progress).toBeUndefined();
    // the preflight ran off in this workspace (check: false): no format warnings
    expect(s.formats.briefing!.warnings).toEqual([]);
  });

  it('keeps the view the outputs were made from, exactly (undefined fields included)', () => {
    const cache = new Map();
    for (const entry of discoverProject(ws.dataDir).entries) {
      const m = loadEntry(entry, cache, ws.dir);
      const derived = withProgressChecked(deriveMeeting(m.district, m.id, m.meeting), { dataDir: ws.dataDir, root: ROOT }).view;
      const text = readFileSync(join(dirOf(entry.key), VIEW_FILE), 'utf8');
      expect(summary(entry.key).view).toEqual({ file: VIEW_FILE, sha256: sha(Buffer.from(text)) });
      expect(parseSnapshot<MeetingView>(text), entry.key).toStrictEqual(derived);
    }
  });

  it('keeps the entries of formats not rebuilt; a summary missing or of an older shape makes the next build rebuild the meeting', async () => {
    const before = summary(STUDY);
    const r = await ws.build([STUDY]);
    expect(r.unchanged).toEqual([STUDY]);
    // only the briefing again: the other formats keep their entries
    const one = await build({ dataDir: ws.dataDir, outDir: ws.outDir, jobs: 1, only: [STUDY], formats: ['briefing'], force: true, check: false });
    expect(one.artifacts.map((a) => a.format)).toEqual(['briefing']);
    expect(summary(STUDY)).toEqual(before);
    // an older summary shape: the build rebuilds and writes the current one
    writeFileSync(join(dirOf(STUDY), SUMMARY_FILE), JSON.stringify({ ...before, summary: 0 }));
    expect(readSummary(dirOf(STUDY))).toEqual({ ok: false, reason: 'older' });
    const again = await ws.build([STUDY]);
    expect(again.built).toEqual([STUDY]);
    expect(summary(STUDY)).toEqual(before);
  });
});
