/**
 * One build of the sample meetings (data/) per test run, shared by the test files that only
 * read outputs back, or start from them.
 *
 * Built once into .cache/samples/<key>/ (data/ and output/ side by side, every format a
 * plain `build` makes) under an exclusive `flock`: test files run in parallel, the second
 * one waits for the first and reuses its build. The key is a hash of everything that
 * determines the outputs — the running program (programVersion(): pipeline/ sources,
 * package.json, package-lock.json, the host fonts the program sees), data/, templates/,
 * config/, the font files the build resolves (path, size, mtime), the language, Node's
 * version and this very file (the build options) — so a stale build is never found under
 * the key asked for; older keys are removed when a new one is built (a run of another key
 * going on at the same time in the same worktree then loses its folder and fails loudly).
 *
 * Every file of the build is recorded with its sha256 and checked again when a test file
 * first asks for the build: a cached file changed or missing (a test that wrote into the
 * shared folder) fails that test loudly and the folder is removed, never read. A build that
 * fails is not cached: every test file that asked for it fails with the build's errors.
 *
 * - sampleBuild(): the shared folder, read only (never write under it).
 * - sampleWorkspace(districts): a temp copy of data/<d> and output/<d> for a test that edits
 *   or rebuilds. The copy is up to date — a build of it is a no-op, an edit of one meeting
 *   rebuilds that meeting only — because input hashes name a data file by its path inside
 *   the data folder, not by where the folder lies (build/inputs.ts).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { build } from '../../pipeline/build/index.js';
import { programVersion } from '../../pipeline/build/inputs.js';
import { formatProblem } from '../../pipeline/errors.js';
import { projectFonts } from '../../pipeline/load/fonts.js';
import { lang } from '../../pipeline/messages/index.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

/** Where the shared builds live (.cache is ignored by git). */
export const SAMPLES_CACHE = join(PROJECT_ROOT, '.cache', 'samples');
const LOCK = '.lock';
/** Written last, inside the folder before it is renamed into place: the build is complete. */
const RECORD = 'build.json';

export interface SampleBuild {
  key: string;
  /** .cache/samples/<key> */
  dir: string;
  /** The copy of data/ the build was made from. */
  dataDir: string;
  outDir: string;
  /** district/meeting of every sample meeting built. */
  meetings: string[];
}

interface BuildRecord {
  key: string;
  meetings: string[];
  /** path inside the folder (data/…, output/…) → sha256 */
  files: { [path: string]: string };
}

let shared: Promise<SampleBuild> | undefined;
/** size and mtime of every file, when this process checked the folder's sha256s. */
const checked = new Map<string, string>();

/**
 * The shared build of data/ (read only), built by the first test process that asks. A
 * process checks the sha256 of every file once, then (test files share worker processes)
 * their size and mtime at every call.
 */
export async function sampleBuild(): Promise<SampleBuild> {
  shared ??= open();
  const s = await shared;
  const changed = [...checked].filter(([f, st]) => statKey(join(s.dir, f)) !== st).map(([f]) => f);
  if (changed.length) throw new Error(`the shared sample build ${relative(PROJECT_ROOT, s.dir)} was changed by a test: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ' …' : ''}`);
  return s;
}

function statKey(file: string): string {
  try {
    const st = statSync(file);
    return `${st.size}\0${st.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

export interface SampleWorkspace {
  dir: string;
  dataDir: string;
  outDir: string;
  cleanup(): void;
}

/**
 * A temp folder holding a copy of the shared build's data/<d> and output/<d> for each
 * district (all of them by default), up to date: a build of it rebuilds nothing.
 */
export async function sampleWorkspace(districts?: readonly string[]): Promise<SampleWorkspace> {
  const s = await sampleBuild();
  const dir = mkdtempSync(join(tmpdir(), 'jianbao-samples-'));
  const dataDir = join(dir, 'data');
  const outDir = join(dir, 'output');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  for (const d of districts ?? readdirSync(s.dataDir)) {
    if (!existsSync(join(s.dataDir, d))) throw new Error(`no district ${d} in the sample data`);
    cpSync(join(s.dataDir, d), join(dataDir, d), { recursive: true });
    if (existsSync(join(s.outDir, d))) cpSync(join(s.outDir, d), join(outDir, d), { recursive: true });
  }
  return { dir, dataDir, outDir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function open(): Promise<SampleBuild> {
  const { key, dataHash } = cacheKey();
  mkdirSync(SAMPLES_CACHE, { recursive: true });
  const dir = join(SAMPLES_CACHE, key);
  const recordFile = join(dir, RECORD);
  if (!existsSync(recordFile)) {
    const release = await lock(join(SAMPLES_CACHE, LOCK));
    try {
      // the process that held the lock before may have built it
      if (!existsSync(recordFile)) {
        await buildInto(dir, key, dataHash);
        prune(key);
      }
    } finally {
      release();
    }
  }
  const record = JSON.parse(readFileSync(recordFile, 'utf8')) as BuildRecord;
  const changed = changedFiles(dir, record);
  if (record.key !== key || changed.length) {
    // remove it under the lock (another process may be reading it: it fails the same way)
    const release = await lock(join(SAMPLES_CACHE, LOCK));
    try {
      rmSync(dir, { recursive: true, force: true });
    } finally {
      release();
    }
    throw new Error(
      `the shared sample build ${relative(PROJECT_ROOT, dir)} was changed after it was built (a test wrote into it?): ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ' …' : ''}; it is removed, the next run builds it again`,
    );
  }
  for (const f of Object.keys(record.files)) checked.set(f, statKey(join(dir, f)));
  return { key, dir, dataDir: join(dir, 'data'), outDir: join(dir, 'output'), meetings: record.meetings };
}

/** Build data/ into `<dir>.tmp-<pid>` and rename it into place (the caller holds the lock). */
async function buildInto(dir: string, key: string, dataHash: string): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    cpSync(join(PROJECT_ROOT, 'data'), join(tmp, 'data'), { recursive: true });
    // the copy is what the key says (data/ did not change in between)
    if (treeHash(join(tmp, 'data')) !== dataHash) throw new Error('data/ changed while the shared sample build was being made: run the tests again');
    const r = await build({ dataDir: join(tmp, 'data'), outDir: join(tmp, 'output'), jobs: 1, check: false, cwd: tmp });
    if (r.failures.length || r.built.length === 0) {
      const detail = r.failures.map((f) => `${f.key}:\n${f.error.problems.map(formatProblem).join('\n')}`).join('\n');
      throw new Error(`the shared sample build failed (${r.failures.length} of ${r.meetings} meetings):\n${detail || 'nothing was built'}`);
    }
    const record: BuildRecord = { key, meetings: [...r.built].sort(), files: {} };
    for (const f of files(tmp)) record.files[f] = sha256(readFileSync(join(tmp, f)));
    writeFileSync(join(tmp, RECORD), `${JSON.stringify(record, null, 1)}\n`);
    renameSync(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Every other key, and folders of builds that never finished (the caller holds the lock). */
function prune(key: string): void {
  for (const name of readdirSync(SAMPLES_CACHE)) {
    if (name === key || name === LOCK) continue;
    rmSync(join(SAMPLES_CACHE, name), { recursive: true, force: true });
  }
}

/** Files of the record that are missing or differ, and files that are not in it. */
function changedFiles(dir: string, record: BuildRecord): string[] {
  const now = files(dir).filter((f) => f !== RECORD);
  const out = now.filter((f) => !(f in record.files));
  for (const [f, hash] of Object.entries(record.files)) {
    if (!existsSync(join(dir, f)) || sha256(readFileSync(join(dir, f))) !== hash) out.push(f);
  }
  return out.sort();
}

function cacheKey(): { key: string; dataHash: string } {
  const h = createHash('sha256');
  h.update(`jianbao-samples-1\0${programVersion()}\0${lang()}\0${process.version}\0`);
  h.update(readFileSync(new URL(import.meta.url)));
  const dataHash = treeHash(join(PROJECT_ROOT, 'data'));
  h.update(`data\0${dataHash}\0`);
  for (const d of ['templates', 'config']) h.update(`${d}\0${treeHash(join(PROJECT_ROOT, d))}\0`);
  // the font files in use (npm packages are covered by package-lock.json; a config/fonts.yaml
  // or a host font may point elsewhere)
  const fonts = projectFonts(PROJECT_ROOT);
  for (const r of Object.values(fonts.roles)) {
    for (const f of [r.normal, r.bold]) {
      const st = statSync(f.file);
      h.update(`font\0${r.role}\0${f.file}\0${f.index}\0${st.size}\0${st.mtimeMs}\0`);
    }
  }
  return { key: h.digest('hex').slice(0, 20), dataHash };
}

/** Paths and contents of every file under `root`. */
function treeHash(root: string): string {
  const h = createHash('sha256');
  if (!existsSync(root)) return 'missing';
  for (const f of files(root)) {
    h.update(`${f}\0`);
    h.update(readFileSync(join(root, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

/** Files under `root` (paths relative to it, with /), sorted. */
function files(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/**
 * An exclusive lock on `file`, held by a `flock` child until released — or until this
 * process ends, whatever way: its pipe closes, the child exits and the lock is free.
 */
function lock(file: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const child = spawn('flock', ['-x', file, '-c', 'echo locked; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    let held = false;
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (!held) reject(new Error(`flock ${file} ended (${code ?? signal}) without taking the lock: ${err}`));
    });
    child.stdout.once('data', () => {
      held = true;
      resolve(() => child.stdin.end());
    });
  });
}

/** A file of the shared build: output/<district>/<meeting>/<name>, for a key `district/meeting`. */
export async function sampleFile(key: string, name: string): Promise<Uint8Array> {
  return new Uint8Array(readFileSync(join((await sampleBuild()).outDir, ...key.split('/'), name)));
}

/** `district/meeting` of a meeting file path (data/<district>/meetings/<meeting>.yaml). */
export function meetingKey(file: string): string {
  const m = /(?:^|\/)data\/([^/]+)\/meetings\/([^/]+)\.yaml$/.exec(file.split(sep).join('/'));
  if (!m) throw new Error(`not a meeting file of data/: ${file}`);
  return `${m[1]}/${m[2]}`;
}
