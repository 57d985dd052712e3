/**
 * `jianbao ingest returns/*.xlsx`: returned ledger workbooks → validated progress values →
 * data/<district>/progress/<meeting>/<period>.yaml.
 *
 * A workbook with any error changes nothing; the good ones still merge. Writing is atomic
 * with a dated backup; ingesting the same return twice changes nothing; conflicts are
 * reported, never silently overwritten.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { JianbaoError, type Problem } from '../errors.js';
import { msg } from '../messages/index.js';
import { loadDistrictFile, loadMeetingFile } from '../load/project.js';
import { loadLedgerConfig, progressDir, readProgressFile, shownPath } from '../load/progress.js';
import { deriveMeeting } from '../model/derive.js';
import type { MeetingView } from '../core/view.js';
import type { LedgerConfig } from '../model/progress.js';
import { CHECKSUM_ROW, metaIntact, readWorkbook, WorkbookReadError, SHEET_NAMES } from '../render/xlsx/index.js';
import { checkSheets, readMeta } from './check.js';
import { mergeRows, type IncomingRow } from './merge.js';
import { progressText, withLock, writeProgress } from './store.js';

export interface IngestOptions {
  /** The data folder (data/), holding <district>/district.yaml, meetings/ and progress/. */
  dataDir: string;
  /** Project root for config/ledger.yaml (default: the working directory). */
  root?: string;
  /** Overrides config/ledger.yaml. */
  config?: LedgerConfig;
  /** Clock for backup names (tests). */
  now?: () => Date;
}

export interface FileOutcome {
  file: string;
  /**
   * merged: it changed a progress file; unchanged: valid, but everything in it was
   * already recorded (or blank); rejected: nothing from it was used (see `why` and the problems).
   */
  status: 'merged' | 'unchanged' | 'rejected';
  /** For a rejected file: the first reason, in words. */
  why?: string;
  district?: string;
  meeting?: string;
  unit?: string;
  period?: string;
  /** Rows that carried values. */
  rows: number;
}

export interface IngestReport {
  files: FileOutcome[];
  /** Every problem (errors and warnings), in file order. */
  problems: Problem[];
  /** Progress files created or changed. */
  written: string[];
  /** Backups of replaced progress files. */
  backups: string[];
  /** No error-severity problem (warnings allowed). */
  ok: boolean;
}

const isError = (p: Problem) => p.severity !== 'warning';

/** Problems listed per returned file; a clerk fixes these and sends the file again. */
export const MAX_PROBLEMS_PER_FILE = 50;

function capProblems(file: string, ps: Problem[]): Problem[] {
  if (ps.length <= MAX_PROBLEMS_PER_FILE) return ps;
  const kept = ps.slice(0, MAX_PROBLEMS_PER_FILE);
  const first = kept[0]!.location;
  return [
    ...kept,
    {
      location: first.kind === 'cell' ? { kind: 'cell', file, sheet: first.sheet } : { kind: 'file', file },
      message: msg('problem.more', { more: ps.length - kept.length, max: MAX_PROBLEMS_PER_FILE }),
      severity: ps.slice(MAX_PROBLEMS_PER_FILE).some(isError) ? 'error' : 'warning',
    },
  ];
}

interface Accepted {
  outcome: FileOutcome;
  rows: IncomingRow[];
}

type LoadedMeeting = { view: MeetingView } | { missing: 'district' | 'meeting'; path: string } | { error: JianbaoError };

/**
 * The meeting a returned workbook names, through the one meeting loader (load/project.ts:
 * size and encoding limits, schema, references), derived like any build; once per meeting.
 */
function meetingLoader(dataDir: string): (district: string, meeting: string) => Promise<LoadedMeeting> {
  const cache = new Map<string, LoadedMeeting>();
  const shown = (p: string) => shownPath(p);
  return async (district, meeting) => {
    const key = `${district}/${meeting}`;
    let got = cache.get(key);
    if (got) return got;
    const dPath = join(dataDir, district, 'district.yaml');
    const mPath = join(dataDir, district, 'meetings', `${meeting}.yaml`);
    if (!existsSync(dPath)) got = { missing: 'district', path: shown(dPath) };
    else if (!existsSync(mPath)) got = { missing: 'meeting', path: shown(mPath) };
    else {
      try {
        const d = loadDistrictFile(shown(dPath), dPath, district);
        const m = loadMeetingFile(shown(mPath), mPath, d.district);
        got = { view: deriveMeeting(d.district, meeting, m.meeting) };
      } catch (err) {
        if (!(err instanceof JianbaoError)) throw err;
        got = { error: err };
      }
    }
    cache.set(key, got);
    return got;
  };
}

async function checkFile(
  file: string,
  config: LedgerConfig,
  loadMeeting: ReturnType<typeof meetingLoader>,
  now: Date,
): Promise<{ outcome: FileOutcome; rows: IncomingRow[]; problems: Problem[] }> {
  const rejected = (problems: Problem[], extra: Partial<FileOutcome> = {}) => ({
    outcome: { file, status: 'rejected' as const, rows: 0, why: whyOf(problems), ...extra },
    rows: [],
    problems,
  });
  const whole = (message: string, found?: string, hint?: string): Problem => ({ location: { kind: 'file', file }, message, found, ...(hint ? { hint } : {}) });

  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) return rejected([whole(msg('ingest.readable'), msg(st.isDirectory() ? 'ingest.folder' : 'ingest.notRegular'))]);
    size = st.size;
  } catch {
    return rejected([whole(msg('ingest.readable'), msg('ingest.noFile'))]);
  }
  const tooBig = (n: number) => rejected([whole(msg('ingest.tooBig', { mb: Math.round(config.ingest.maxFileBytes / 1024 / 1024) }), msg('ingest.bytes', { n }))]);
  if (size > config.ingest.maxFileBytes) return tooBig(size);
  let data: Uint8Array;
  try {
    data = new Uint8Array(await readFile(file));
  } catch (err) {
    return rejected([whole(msg('ingest.readable'), (err as NodeJS.ErrnoException).code ?? msg('ingest.readError'))]);
  }
  if (data.length > config.ingest.maxFileBytes) return tooBig(data.length);
  let wb;
  try {
    wb = await readWorkbook(data, { maxUncompressedBytes: config.ingest.maxUncompressedBytes });
  } catch (err) {
    if (err instanceof WorkbookReadError) return rejected([whole(err.message, err.found, err.hint)]);
    throw err;
  }
  const metaResult = readMeta(file, wb);
  if ('problem' in metaResult) return rejected([metaResult.problem]);
  const meta = metaResult.meta;
  const ids = { district: meta.district, meeting: meta.meeting, unit: meta.unit || undefined, period: meta.period };
  const metaAt = { kind: 'cell' as const, file, sheet: SHEET_NAMES.meta };

  const loaded = await loadMeeting(meta.district, meta.meeting);
  if ('missing' in loaded) {
    const district = loaded.missing === 'district';
    return rejected(
      [
        {
          location: metaAt,
          field: msg(district ? 'ingest.field.district' : 'ingest.field.meeting'),
          message: msg(district ? 'ingest.unknownDistrict' : 'ingest.unknownMeeting'),
          found: msg('ingest.noSuchFile', { id: `${meta.district}/${district ? '' : meta.meeting}`, path: loaded.path }),
          hint: msg('ingest.unknownHint'),
        },
      ],
      ids,
    );
  }
  if ('error' in loaded) {
    return rejected([{ location: metaAt, field: msg('ingest.field.meeting'), message: msg('ingest.meetingInvalid', { meeting: meta.meeting }), found: loaded.error.message.split('\n')[0] }], ids);
  }
  const view = loaded.view;
  if (Number(meta.period.slice(0, 4)) !== view.planYear) {
    return rejected(
      [{ location: { ...metaAt, cell: 'B5' }, field: msg('ingest.field.period'), message: msg('ingest.planYear', { year: view.planYear, rule: view.planYearRule }), found: meta.period }],
      ids,
    );
  }
  if (meta.unit && !view.district.units.some((u) => u.id === meta.unit)) {
    return rejected([{ location: metaAt, field: msg('ingest.field.unit'), message: msg('ingest.unit', { district: view.district.shortName }), found: JSON.stringify(meta.unit) }], ids);
  }
  // The hidden sheet's checksum: missing or not matching means the sheet was edited
  // (another unit, meeting or period typed in) and the file is rejected. It guards
  // against edits; it is not a signature (it cannot prove who issued a file). Ledgers
  // issued before the checksum existed have none and must be issued again.
  if (!metaIntact(meta)) {
    return rejected(
      [
        {
          location: { ...metaAt, cell: `B${CHECKSUM_ROW}` },
          field: msg('ingest.field.checksum'),
          message: msg('ingest.checksum', { sheet: SHEET_NAMES.meta }),
          found: msg(meta.checksum === undefined ? 'ingest.noChecksum' : 'ingest.checksumMismatch'),
          hint: msg(meta.checksum === undefined ? 'ingest.noChecksumHint' : 'ingest.checksumHint'),
        },
      ],
      ids,
    );
  }
  // The save time orders corrections ("a newer return of the same unit wins"), so one
  // from the future (a wrong clock, or typed in) would outrank every later return.
  const clock: Problem[] = [];
  let saved = wb.modified?.toISOString();
  if (saved && saved > now.toISOString()) {
    clock.push({
      location: { kind: 'file', file },
      message: msg('ingest.futureSave'),
      hint: msg('ingest.futureSaveHint'),
      found: saved,
      severity: 'warning',
    });
    saved = now.toISOString();
  }
  const returned = saved && saved > meta.issuedAt ? saved : meta.issuedAt;
  const checked = checkSheets(wb, meta, { file, config, view, returned });
  if (checked.problems.some(isError)) return rejected([...clock, ...checked.problems], ids);
  const rows = checked.rows.filter((r) => Object.keys(r.values).length > 0 || r.support !== undefined);
  return { outcome: { file, status: 'merged', ...ids, rows: rows.length }, rows, problems: [...clock, ...checked.problems] };
}

/** Validate returned workbooks and merge the good ones into the progress files. */
export async function ingestReturns(files: string[], opts: IngestOptions): Promise<IngestReport> {
  const config = opts.config ?? (await loadLedgerConfig(opts.root ?? process.cwd()));
  const now = opts.now ?? (() => new Date());
  const loadMeeting = meetingLoader(opts.dataDir);
  const report: IngestReport = { files: [], problems: [], written: [], backups: [], ok: true };
  const accepted: Accepted[] = [];

  for (const file of files) {
    let r: Awaited<ReturnType<typeof checkFile>>;
    try {
      r = await checkFile(file, config, loadMeeting, now());
    } catch (err) {
      // A bug met on a hostile file must not stop the other returns nor print a stack:
      // the file is rejected and the cause named (the tests fail on any such problem).
      const detail = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
      r = {
        outcome: { file, status: 'rejected', rows: 0 },
        rows: [],
        problems: [{ location: { kind: 'file', file }, message: msg('ingest.internal'), found: msg('ingest.internalFound', { detail }) }],
      };
      r.outcome.why = whyOf(r.problems);
    }
    report.files.push(r.outcome);
    report.problems.push(...capProblems(file, r.problems));
    if (r.outcome.status === 'merged') accepted.push({ outcome: r.outcome, rows: r.rows });
  }

  // One progress file per (district, meeting, period).
  const groups = new Map<string, { district: string; meeting: string; period: string; rows: IncomingRow[] }>();
  for (const a of accepted) {
    if (a.rows.length === 0) continue;
    const { district, meeting, period } = a.outcome as Required<Pick<FileOutcome, 'district' | 'meeting' | 'period'>>;
    const key = `${district}/${meeting}/${period}`;
    const g = groups.get(key) ?? { district, meeting, period, rows: [] };
    g.rows.push(...a.rows);
    groups.set(key, g);
  }
  const changed = new Set<string>();
  for (const g of [...groups.values()].sort((a, b) => (`${a.district}/${a.meeting}/${a.period}` < `${b.district}/${b.meeting}/${b.period}` ? -1 : 1))) {
    const groupFiles = new Set(g.rows.map((r) => r.file));
    try {
      const shown = (p: string) => shownPath(p);
      await withLock(
        progressDir(opts.dataDir, g.district, g.meeting),
        async () => {
          const stored = readProgressFile(opts.dataDir, g.district, g.meeting, g.period);
          const loaded = await loadMeeting(g.district, g.meeting);
          const units = 'view' in loaded ? loaded.view.district.units : [];
          const unitName = (id: string | undefined) => (id ? (units.find((u) => u.id === id)?.name ?? id) : msg('ingest.masterLedger'));
          const merged = mergeRows(stored.file, g.rows, { unitName, progressFile: shown(stored.path) });
          report.problems.push(...merged.problems);
          const text = progressText(stored, merged.changes);
          if (text !== undefined) {
            const backup = writeProgress(stored.path, text, now(), shown);
            report.written.push(stored.path);
            if (backup) report.backups.push(backup);
            for (const f of merged.changedFiles) changed.add(f);
          }
        },
        shown,
      );
    } catch (err) {
      if (!(err instanceof JianbaoError)) throw err;
      // Nothing of this group was written: its files are refused, with the reason.
      report.problems.push(...err.problems);
      for (const o of report.files) {
        if (groupFiles.has(o.file) && o.status === 'merged') {
          o.status = 'rejected';
          o.why = whyOf(err.problems);
        }
      }
    }
  }
  for (const o of report.files) if (o.status === 'merged' && !changed.has(o.file)) o.status = 'unchanged';
  report.ok = !report.problems.some(isError);
  return report;
}

export { loadProgress, loadLedgerConfig, withProgress, readProgressFile, progressPath } from '../load/progress.js';

/** The first error of a refused file, in one line. */
function whyOf(problems: Problem[]): string | undefined {
  const p = problems.find(isError) ?? problems[0];
  if (!p) return undefined;
  const said = p.found !== undefined ? msg('problem.found', { expected: p.message, found: p.found }) : p.message;
  return p.field ? msg('ingest.why', { field: p.field, why: said }) : said;
}
