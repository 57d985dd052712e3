import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverProject } from '../../pipeline/load/discover.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { plannedJobs, WORKER_PAYS_FROM_BYTES } from '../../pipeline/build/schedule.js';

const samples = discoverProject(join(PROJECT_ROOT, 'data')).entries.map((e) => ({ bytes: statSync(e.file).size, share: 1 }));
const plenary = statSync(join(PROJECT_ROOT, 'data', 'guancheng', 'meetings', '2022-12-28-plenary.yaml')).size;

describe('scheduling: workers only when they pay', () => {
  it('builds the samples in one thread (a second worker costs more than it saves)', () => {
    expect(samples.length).toBe(7);
    expect(plannedJobs(samples, undefined, 2)).toBe(1);
    expect(plannedJobs(samples, undefined, 16)).toBe(1);
  });

  it('uses workers for many out-of-date meetings, never more than cores or meetings', () => {
    const many = Array.from({ length: 100 }, () => ({ bytes: plenary, share: 1 }));
    expect(plannedJobs(many, undefined, 2)).toBe(2);
    expect(plannedJobs(many, undefined, 4)).toBe(4);
    expect(plannedJobs(many.slice(0, 3), undefined, 8)).toBe(1);
    const big = Array.from({ length: 3 }, () => ({ bytes: WORKER_PAYS_FROM_BYTES, share: 1 }));
    expect(plannedJobs(big, undefined, 8)).toBe(3);
  });

  it('weighs meetings by the share of their formats to rebuild', () => {
    const many = Array.from({ length: 40 }, () => ({ bytes: plenary, share: 1 }));
    expect(plannedJobs(many, undefined, 2)).toBe(2);
    expect(plannedJobs(many.map((w) => ({ ...w, share: 0.25 })), undefined, 2)).toBe(1);
  });

  it('honours --jobs, capped by the number of meetings', () => {
    expect(plannedJobs(samples, 2, 2)).toBe(2);
    expect(plannedJobs(samples.slice(0, 1), 4, 8)).toBe(1);
    expect(plannedJobs([], undefined, 2)).toBe(1);
  });
});
