/**
 * The per-meeting build summary: what the build made of one meeting, for the steps after it
 * (output/index.html, distribute) so they never load or derive the meeting again.
 *
 *   output/<d>/<m>/.jianbao-summary.json   small: the meeting's title, 期号, date, kind, body;
 *                                           per format its input hash, files (bytes, sha256,
 *                                           pages) and warnings; progress counts; the last failure
 *   output/<d>/<m>/.jianbao-view.json      the MeetingView the outputs were made from (with
 *                                           progress): distribute renders its notes from it
 *
 * Written by the build (build/summarize.ts) after a meeting's outputs and before its stamp, so
 * a build killed in between leaves an old stamp and the meeting is built again. This module
 * only reads: it imports nothing heavy, so a no-op build (which checks that every summary
 * is there and current) stays light.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../errors.js';
import type { StatusCounts } from '../core/status.js';

export const SUMMARY_FILE = '.jianbao-summary.json';
export const VIEW_FILE = '.jianbao-view.json';
/** Bump when the shape changes: an older summary is then "missing" and the meeting is built again. */
export const SUMMARY_VERSION = 1;

export interface SummaryFile {
  /** File name inside the meeting's output folder. */
  name: string;
  bytes: number;
  sha256: string;
  /** Pages of a PDF, slides of a deck. */
  pages?: number;
  /** The unit a per-unit ledger is for (ledger-<id>.xlsx). */
  unit?: { id: string; name: string };
}

export interface SummaryFormat {
  /** The input hash the stamp records for this format. */
  inputs: string;
  files: SummaryFile[];
  /** What the output checks (preflight) found in this format's files. */
  warnings: Problem[];
}

export interface SummaryMeeting {
  title: string;
  shortTitle: string;
  date: string;
  dateCn: string;
  kinds: string[];
  kindLabel: string;
  body: string;
  districtName: string;
  briefing: { name: string; issue: number; issueLabel: string; date: string; dateCn: string; internal: boolean; copies?: number };
}

export interface SummaryProgress {
  /** Reporting month `YYYY-MM`. */
  period: string;
  /** `截至3月` */
  periodLabel: string;
  asOfCn: string;
  /** Months with recorded returns. */
  periods: string[];
  counts: { all: StatusCounts; targets: StatusCounts; tasks: StatusCounts; projects: StatusCounts };
  totals: { all: number; targets: number; tasks: number; projects: number };
}

export interface MeetingSummary {
  summary: typeof SUMMARY_VERSION;
  key: string;
  /** Absent when the meeting never built (only a failure is known). */
  meeting?: SummaryMeeting;
  formats: Record<string, SummaryFormat>;
  progress?: SummaryProgress;
  /** Warnings about the meeting's inputs (progress files) from its last build. */
  warnings: Problem[];
  /** The view snapshot (VIEW_FILE) and its sha256. */
  view?: { file: string; sha256: string };
  /** The last build of this meeting failed (its earlier outputs, if any, are still listed). */
  failure?: { problems: Problem[] };
}

export type SummaryState = { ok: true; summary: MeetingSummary } | { ok: false; reason: 'missing' | 'older' };

/** The summary of a meeting's output folder, or why there is none usable. */
export function readSummary(dir: string): SummaryState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, SUMMARY_FILE), 'utf8'));
  } catch {
    return { ok: false, reason: 'missing' };
  }
  const s = raw as Partial<MeetingSummary> | null;
  if (!s || typeof s !== 'object' || s.summary !== SUMMARY_VERSION || typeof s.key !== 'string' || !s.formats || typeof s.formats !== 'object' || !Array.isArray(s.warnings)) {
    return { ok: false, reason: 'older' };
  }
  return { ok: true, summary: s as MeetingSummary };
}

/** The summary when it is usable, else undefined. */
export function summaryOf(dir: string): MeetingSummary | undefined {
  const s = readSummary(dir);
  return s.ok ? s.summary : undefined;
}

/** The summary describes `format` as built from inputs `hash` (the build plan asks this). */
export function summaryHas(summary: MeetingSummary | undefined, format: string, hash: string): boolean {
  // a failure recorded since does not matter here: the outputs are from these very inputs
  // (the plan clears the failure when the data is back to what they were built from)
  return !!summary?.meeting && summary.formats[format]?.inputs === hash;
}

/** The summary agrees with the build stamp (.jianbao-build.json): every format it records, from the same inputs. */
export function summaryMatchesStamp(summary: MeetingSummary, stamp: { formats: Record<string, { inputs: string }> }): boolean {
  return Object.entries(stamp.formats).every(([format, f]) => summary.formats[format]?.inputs === f.inputs);
}

/**
 * JSON for a snapshot that reads back exactly: a property whose value is `undefined` is kept
 * (as null, restored to undefined by `parseSnapshot`), because strict templates tell a
 * missing field from an empty one. The view holds no null of its own.
 */
export function snapshotJson(value: unknown): string {
  return `${JSON.stringify(value, (_k, v: unknown) => (v === undefined ? null : v))}\n`;
}

export function parseSnapshot<T>(text: string): T {
  const restore = (v: unknown): unknown => {
    if (v === null) return undefined;
    if (Array.isArray(v)) return v.map(restore);
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = restore(o[k]);
    }
    return v;
  };
  return restore(JSON.parse(text)) as T;
}
