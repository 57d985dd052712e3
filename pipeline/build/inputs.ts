/**
 * Incremental builds: an output is rebuilt only when one of its inputs changed —
 * the meeting's YAML, the district profile, the ingested progress files, the template files
 * the format's render used (as the template set reports them, recorded in the stamp), the config files, the installed dependencies (package-lock.json:
 * fonts come from npm) or the program itself.
 *
 * Each meeting's output folder keeps a stamp (.jianbao-build.json) with one input hash
 * per format, the files that format wrote and the template files it was rendered from.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../paths.js';
import { fontDirs, fontFiles } from '../core/font-scan.js';
import type { MeetingEntry } from '../load/project.js';
import type { TemplateInput, TemplateSet } from '../render/template.js';
import { lang } from '../messages/index.js';
import { SUMMARY_FILE } from './summary.js';

export const STAMP_FILE = '.jianbao-build.json';

export interface Stamp {
  version: 1;
  /** Per format: its input hash, the files it wrote, the template files it was rendered from (inside a layer folder). */
  formats: Record<string, { inputs: string; files: string[]; templates?: string[] }>;
}

let programHash: string | undefined;

/** Hash of the running program: package version + every compiled module + the lock file. */
export function programVersion(): string {
  if (programHash) return programHash;
  const h = createHash('sha256');
  const pkg = join(PROJECT_ROOT, 'package.json');
  h.update(readFileSync(pkg));
  const lock = join(PROJECT_ROOT, 'package-lock.json');
  if (existsSync(lock)) h.update(readFileSync(lock));
  // Running from dist/ (the CLI) or pipeline/ (tests): hash the tree that holds this very
  // module (<code>/build/inputs.{js,ts}).
  const codeDir = dirname(dirname(fileURLToPath(import.meta.url)));
  for (const f of walk(codeDir)) {
    if (!/\.(js|ts)$/.test(f)) continue;
    h.update(relative(PROJECT_ROOT, f));
    h.update(readFileSync(f));
  }
  // the machine's fonts: a 仿宋 installed since the last build changes every briefing
  for (const f of fontFiles(fontDirs())) h.update(`font\0${f.path}\0${f.st.mtimeMs}\0${f.st.size}\0`);
  programHash = h.digest('hex');
  return programHash;
}

/**
 * The template files a format's outputs were rendered from, as the template set reported them
 * (`TemplateSet.inputs`: the template and every partial it includes, transitively) and the
 * stamp recorded them (paths inside a layer folder), resolved again for the district: its
 * override if there is one, else the default. Hashing these catches an edit of any file the
 * render used, an override added or removed for one of them, and (since the including
 * template is among them) any change of which partials are included; nothing else
 * (an unrelated partial) makes the output stale. A missing file hashes as missing.
 */
export function stampedTemplateFiles(templatesDir: string, district: string, built: { templates?: readonly string[] } | undefined): string[] {
  const layers = /^[a-z0-9][a-z0-9-]*$/.test(district) ? [district, 'default'] : ['default'];
  return (built?.templates ?? []).map((rel) => {
    // a stamp is a file in output/: a path that could leave the templates folder is never read
    if (rel.split('/').some((seg) => seg === '' || seg === '.' || seg === '..' || seg.includes('\\'))) return join(templatesDir, 'default', '.invalid');
    const found = layers.map((l) => join(templatesDir, l, ...rel.split('/'))).find((f) => existsSync(f));
    return found ?? join(templatesDir, 'default', ...rel.split('/'));
  });
}

/** The template files of a format for a district, from the template set (what a render of its templates uses). */
export function formatTemplates(templates: Pick<TemplateSet, 'inputs'>, district: string, names: readonly string[]): TemplateInput[] {
  const byRel = new Map<string, TemplateInput>();
  for (const name of names) for (const t of templates.inputs(name, district)) byRel.set(t.rel, t);
  return [...byRel.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

export function inputHash(parts: { entry: MeetingEntry; format: string; templateFiles: string[]; configDir: string; extra?: string }): string {
  const h = createHash('sha256');
  h.update(`jianbao-inputs-2\0${programVersion()}\0${parts.format}\0${parts.extra ?? ''}\0`);
  const files = [parts.entry.file, parts.entry.districtFile, ...walkIfExists(parts.entry.progressDir), ...includedInputs(parts.entry), ...parts.templateFiles, ...walkIfExists(parts.configDir)];
  // A data file is named by its path inside the data folder, not by where that folder lies:
  // a data folder moved or copied together with its output folder stays built.
  const dataDir = dirname(dirname(parts.entry.districtFile));
  const name = (f: string) => {
    const inData = relative(dataDir, f);
    return inData.startsWith('..') || isAbsolute(inData) ? relative(PROJECT_ROOT, f) : `data:${inData.split(sep).join('/')}`;
  };
  for (const f of files) {
    h.update(`${name(f)}\0`);
    h.update(fileDigest(f));
    h.update('\0');
  }
  return h.digest('hex');
}

/**
 * sha256 of a file's bytes ('missing' when there is none), read once per process while its
 * size and modification time stay the same: a build hashes the same templates and config
 * files for every meeting and format (a no-op build of the samples read ~1,000 files for ~60
 * distinct ones). The stat is taken on every call, so a long-lived process (watch) sees edits.
 */
const DIGESTS = new Map<string, { stamp: string; digest: string }>();

function fileDigest(f: string): string {
  let st;
  try {
    st = statSync(f);
  } catch {
    return 'missing';
  }
  const stamp = `${st.size}\0${st.mtimeMs}\0${st.ctimeMs}\0${st.ino}`;
  const seen = DIGESTS.get(f);
  if (seen?.stamp === stamp) return seen.digest;
  const digest = createHash('sha256').update(readFileSync(f)).digest('hex');
  DIGESTS.set(f, { stamp, digest });
  return digest;
}

/**
 * The inputs of the meetings whose year-end results this meeting includes (`yearEnd:`), found
 * without parsing (a no-op build loads no YAML): when the text names `yearEnd`, every other
 * meeting whose id it contains — its data, its district profile, its progress files. A
 * mention elsewhere in the text only costs a rebuild too many, never one too few.
 */
function includedInputs(entry: MeetingEntry): string[] {
  const text = readFileSync(entry.file, 'utf8');
  if (!text.includes('yearEnd')) return [];
  const dataDir = dirname(dirname(entry.districtFile));
  const out: string[] = [];
  for (const d of readdirSync(dataDir).sort()) {
    const meetings = join(dataDir, d, 'meetings');
    if (d.startsWith('.') || !existsSync(meetings)) continue;
    for (const f of readdirSync(meetings).sort()) {
      const id = f.replace(/\.yaml$/, '');
      if (id === f || (d === entry.districtId && id === entry.id) || !text.includes(id)) continue;
      out.push(join(meetings, f), ...[join(dataDir, d, 'district.yaml')].filter(existsSync), ...walkIfExists(join(dataDir, d, 'progress', id)));
    }
  }
  return out;
}

export function readStamp(dir: string): Stamp {
  try {
    const s = JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8')) as Stamp;
    if (s.version === 1 && s.formats && typeof s.formats === 'object') return s;
  } catch {
    // missing or unreadable: everything is out of date
  }
  return { version: 1, formats: {} };
}

export function isUpToDate(dir: string, stamp: Stamp, format: string, hash: string): boolean {
  const f = stamp.formats[format];
  // A format may legitimately write nothing (no ledger without tasks, no report before returns).
  return !!f && f.inputs === hash && f.files.every((name) => existsSync(join(dir, name)));
}

function walkIfExists(dir: string): string[] {
  return existsSync(dir) ? walk(dir) : [];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

export const SITE_STAMP_FILE = '.jianbao-index.json';

/**
 * What output/index.html shows depends on: every meeting's build stamp (which already
 * hashes its data, progress files and templates) and build summary, every manifest.json
 * (distribution), the templates of the page's layers, the language and the program. A build that was
 * killed after the meetings but before the index is caught here: the stamps changed, the
 * index did not.
 */
export function siteSignature(outDir: string, keys: string[], templatesDir = join(PROJECT_ROOT, 'templates')): string {
  const h = createHash('sha256');
  h.update(`jianbao-site-3\0${programVersion()}\0${lang()}\0`);
  // the index templates: every template of the layers the page uses (listed, not parsed, so a
  // no-op build loads no template engine; any template edit rewrites the cheap index)
  const layers = ['default', ...new Set(keys.map((k) => k.split('/')[0]!))].sort();
  for (const f of layers.flatMap((l) => walkIfExists(join(templatesDir, l)))) {
    h.update(`${relative(templatesDir, f)}\0`);
    h.update(fileDigest(f));
    h.update('\0');
  }
  for (const key of [...keys].sort()) {
    h.update(`${key}\0`);
    for (const name of [STAMP_FILE, SUMMARY_FILE, 'manifest.json']) {
      try {
        h.update(readFileSync(join(outDir, key, name)));
      } catch {
        h.update('-');
      }
      h.update('\0');
    }
  }
  return h.digest('hex');
}

export function siteIsUpToDate(outDir: string, signature: string): boolean {
  try {
    const s = JSON.parse(readFileSync(join(outDir, SITE_STAMP_FILE), 'utf8')) as { signature?: string };
    return s.signature === signature && existsSync(join(outDir, 'index.html'));
  } catch {
    return false;
  }
}
