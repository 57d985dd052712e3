/**
 * Writing the per-meeting build summary (see build/summary.ts for its shape and readers):
 * from the view a meeting was rendered from, the files rendered and the checks' findings.
 * Formats not rebuilt this time keep their entries from the previous summary.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Problem } from '../errors.js';
import type { MeetingView } from '../core/view.js';
import { listZip } from '../core/zip.js';
import { progressOf } from '../model/progress.js';
import type { OutputFile } from '../render/registry.js';
import { writeFileAtomic } from '../write.js';
import {
  snapshotJson,
  summaryOf,
  SUMMARY_FILE,
  SUMMARY_VERSION,
  VIEW_FILE,
  type MeetingSummary,
  type SummaryFile,
  type SummaryFormat,
  type SummaryMeeting,
  type SummaryProgress,
} from './summary.js';

export interface SummaryInput {
  /** output/<d>/<m> (absolute). */
  dir: string;
  view: MeetingView;
  /** Every file rendered this time, by format. */
  files: { format: string; file: OutputFile }[];
  /** format → input hash of the formats rebuilt this time. */
  formats: Record<string, string>;
  /** The checks' findings as the renderers and the progress loader reported them (output files named by their bare name). */
  checks: Problem[];
}

/** Write the view snapshot and the summary (call before the stamp). */
export function writeSummary(input: SummaryInput): MeetingSummary {
  const view = snapshotJson(input.view);
  writeFileAtomic(join(input.dir, VIEW_FILE), view);
  const summary = makeSummary(input, sha256(view), summaryOf(input.dir));
  writeFileAtomic(join(input.dir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

export function makeSummary(input: SummaryInput, viewHash: string, previous: MeetingSummary | undefined): MeetingSummary {
  const { view } = input;
  const byFile = new Map<string, string>(); // output name → format
  for (const f of input.files) byFile.set(f.file.name, f.format);
  const formatWarnings = new Map<string, Problem[]>();
  const meetingWarnings: Problem[] = [];
  for (const p of input.checks) {
    const format = p.location.kind === 'file' ? byFile.get(p.location.file) : undefined;
    if (format) formatWarnings.set(format, [...(formatWarnings.get(format) ?? []), p]);
    else meetingWarnings.push(p);
  }
  const unitName = new Map(view.district.units.map((u) => [u.id, u.name]));
  const formats: Record<string, SummaryFormat> = {};
  for (const [format, old] of Object.entries(previous?.formats ?? {})) if (!(format in input.formats)) formats[format] = old;
  for (const [format, inputs] of Object.entries(input.formats)) {
    const files = input.files.filter((f) => f.format === format).map((f) => fileEntry(f.file, unitName));
    formats[format] = { inputs, files, warnings: formatWarnings.get(format) ?? [] };
  }
  const sorted = Object.fromEntries(Object.entries(formats).sort(([a], [b]) => a.localeCompare(b)));
  const progress = progressFacts(view);
  return {
    summary: SUMMARY_VERSION,
    key: view.key,
    meeting: meetingFacts(view),
    formats: sorted,
    ...(progress ? { progress } : {}),
    warnings: meetingWarnings,
    view: { file: VIEW_FILE, sha256: viewHash },
  };
}

/** Record that the last build of a meeting failed, keeping what its summary says of earlier outputs. */
export function recordFailure(dir: string, key: string, problems: Problem[]): void {
  const previous = summaryOf(dir);
  const summary: MeetingSummary = previous ? { ...previous, failure: { problems } } : { summary: SUMMARY_VERSION, key, formats: {}, warnings: [], failure: { problems } };
  writeFileAtomic(join(dir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
}

/**
 * The data is back to what the outputs were built from (every format up to date): the
 * failure recorded by a build in between no longer holds, so it is dropped, nothing rebuilt.
 */
export function clearFailure(dir: string, summary: MeetingSummary): void {
  const { failure: _failure, ...rest } = summary;
  writeFileAtomic(join(dir, SUMMARY_FILE), `${JSON.stringify(rest, null, 2)}\n`);
}

function meetingFacts(view: MeetingView): SummaryMeeting {
  const b = view.briefing;
  return {
    title: view.title,
    shortTitle: view.shortTitle,
    date: view.date,
    dateCn: view.dateCn,
    kinds: [view.meeting.kind, ...(view.meeting.kinds ?? [])],
    kindLabel: view.kindLabel,
    body: view.body,
    districtName: view.district.name,
    briefing: { name: b.name, issue: b.issue, issueLabel: b.issueLabel, date: b.date, dateCn: b.dateCn, internal: b.internal, ...(b.copies !== undefined ? { copies: b.copies } : {}) },
  };
}

/** The ledger counts, once returns are ingested (a month on file). */
function progressFacts(view: MeetingView): SummaryProgress | undefined {
  const p = progressOf(view);
  if (!p || p.periods.length === 0) return undefined;
  return {
    period: p.period,
    periodLabel: p.periodLabel,
    asOfCn: p.asOfCn,
    periods: p.periods,
    counts: p.counts,
    totals: { all: p.total, targets: p.targets.length, tasks: p.tasks.length, projects: p.projects.length },
  };
}

function fileEntry(file: OutputFile, unitName: Map<string, string>): SummaryFile {
  const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
  const pages = pageCount(file.name, data);
  const unitId = /^ledger-(.+)\.xlsx$/.exec(file.name)?.[1];
  return {
    name: file.name,
    bytes: data.byteLength,
    sha256: sha256(data),
    ...(pages !== undefined ? { pages } : {}),
    ...(unitId ? { unit: { id: unitId, name: unitName.get(unitId) ?? unitId } } : {}),
  };
}

/** Pages of a PDF (its page tree's count, pdfkit writes it uncompressed), slides of a .pptx. */
export function pageCount(name: string, data: Uint8Array): number | undefined {
  if (name.endsWith('.pdf')) {
    const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
    const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
    if (counts.length) return Math.max(...counts);
    const leaves = text.match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
    return leaves || undefined;
  }
  if (name.endsWith('.pptx')) {
    try {
      return listZip(data).filter((e) => /^ppt\/slides\/slide\d+\.xml$/.test(e.name)).length;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
