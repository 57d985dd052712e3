/**
 * Summarise V8 CPU profiles (`node --cpu-prof …` → *.cpuprofile): where the samples of a cold
 * process went, by package / pipeline folder, how much of it ran while modules were being
 * loaded, and when the first render started.
 *
 *   npx tsx scripts/bench/profile.ts FILE.cpuprofile… [--top N]
 *
 * Several files (one per thread, or repeated runs) are summed. A development tool, not a test.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Which bucket a frame's own time belongs to. */
export function bucketOf(url: string, fn: string): string {
  if (!url) {
    if (fn === '(garbage collector)') return '(gc)';
    if (fn === '(idle)') return '(idle)';
    if (fn === '(program)') return '(program: V8/native, parse+compile)';
    return `(native ${fn || 'anonymous'})`;
  }
  if (url.startsWith('node:')) {
    if (/^node:internal\/modules\//.test(url)) return 'node: module loader';
    return `node: ${url.slice(5).replace(/^internal\//, '').split('/')[0]}`;
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const m = /\/(dist|pipeline)\/(.*)$/.exec(url);
  if (m) {
    const parts = m[2]!.split('/');
    return `jianbao ${parts.length > 1 ? parts.slice(0, parts[0] === 'render' && parts.length > 2 ? 2 : 1).join('/') : parts[0]}`;
  }
  return basename(url);
}

function isModuleLoading(frame: CallFrame): boolean {
  // Top-level code of a module (line 0 anonymous frame of a file) or the loader itself.
  if (/^node:internal\/modules\//.test(frame.url)) return true;
  return false;
}

function isRender(frame: CallFrame): boolean {
  return /\/(dist|pipeline)\/render\//.test(frame.url) && frame.functionName !== '' && !/^node:/.test(frame.url);
}

export function summarise(files: string[], top = 25): string {
  const self = new Map<string, number>();
  let total = 0;
  let loading = 0;
  const firstRender: string[] = [];
  const out: string[] = [];
  for (const file of files) {
    const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    // Per node: is any ancestor the module loader / a render function?
    const loadingMemo = new Map<number, boolean>();
    const underLoading = (id: number): boolean => {
      const seen: number[] = [];
      let cur: number | undefined = id;
      let r = false;
      while (cur !== undefined) {
        const m = loadingMemo.get(cur);
        if (m !== undefined) {
          r = m;
          break;
        }
        seen.push(cur);
        if (isModuleLoading(byId.get(cur)!.callFrame)) {
          r = true;
          break;
        }
        cur = parent.get(cur);
      }
      for (const s of seen) loadingMemo.set(s, r);
      return r;
    };
    const renderMemo = new Map<number, boolean>();
    const underRender = (id: number): boolean => {
      if (renderMemo.has(id)) return renderMemo.get(id)!;
      const n = byId.get(id)!;
      const r = isRender(n.callFrame) || (parent.has(id) ? underRender(parent.get(id)!) : false);
      renderMemo.set(id, r);
      return r;
    };
    let t = 0;
    let fileTotal = 0;
    let first: number | undefined;
    for (let i = 0; i < p.samples.length; i++) {
      const dt = (p.timeDeltas[i] ?? 0) / 1000;
      t += dt;
      const id = p.samples[i]!;
      const n = byId.get(id)!;
      const b = bucketOf(n.callFrame.url, n.callFrame.functionName);
      if (b === '(idle)') continue;
      self.set(b, (self.get(b) ?? 0) + dt);
      fileTotal += dt;
      if (underLoading(id)) loading += dt;
      if (first === undefined && underRender(id)) first = t;
    }
    total += fileTotal;
    firstRender.push(`${basename(file)}: ${Math.round((p.endTime - p.startTime) / 1000)} ms profiled, ${Math.round(fileTotal)} ms busy, first render frame at ${first === undefined ? '—' : `${Math.round(first)} ms`}`);
  }
  out.push(...firstRender, '');
  out.push(`busy samples: ${Math.round(total)} ms; under the module loader (resolve, read, compile, evaluate top-level): ${Math.round(loading)} ms (${((100 * loading) / total).toFixed(1)}%)`, '');
  out.push('| self time by package / folder | ms | share |', '| --- | ---: | ---: |');
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]);
  for (const [k, v] of rows.slice(0, top)) out.push(`| ${k} | ${Math.round(v)} | ${((100 * v) / total).toFixed(1)}% |`);
  const rest = rows.slice(top).reduce((s, [, v]) => s + v, 0);
  if (rest) out.push(`| (${rows.length - top} more) | ${Math.round(rest)} | ${((100 * rest) / total).toFixed(1)}% |`);
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('profile.ts')) {
  const args = process.argv.slice(2);
  const ti = args.indexOf('--top');
  const top = ti >= 0 ? Number(args.splice(ti, 2)[1]) : 25;
  if (!args.length) {
    process.stderr.write('usage: npx tsx scripts/bench/profile.ts FILE.cpuprofile… [--top N]\n');
    process.exit(2);
  }
  process.stdout.write(`${summarise(args, top)}\n`);
}
