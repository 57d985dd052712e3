/**
 * `jianbao watch` (compiled CLI): rebuilds what changed when a data file is saved — also when
 * the editor saves by replacing the file (temp file + rename, like most editors and
 * `sed -i`), twice in a row, and it keeps watching after a save that breaks the data.
 * Every wait is for an output (a line on stdout, a new PDF), never for a fixed time.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { ensureDist } from '../support/dist.js';
import { compact, pageText, readPdfText } from '../support/pdf.js';

const cli = join(PROJECT_ROOT, 'bin', 'jianbao.js');
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

/** An editor's save: write a temp file next to it, then rename it over the original. */
function replaceSave(file: string, edit: (text: string) => string): void {
  const temp = join(file, '..', `.${Date.now()}.swp-save`);
  writeFileSync(temp, edit(readFileSync(file, 'utf8')));
  renameSync(temp, file);
}

describe('jianbao watch', () => {
  beforeAll(() => ensureDist());

  it(
    'rebuilds the briefing after each of two replace-saves of one file, reports a broken save and goes on',
    async () => {
      const data = mkdtempSync(join(tmpdir(), 'jianbao-watch-data-'));
      cpSync(join(PROJECT_ROOT, 'data'), data, { recursive: true });
      for (const d of ['guancheng', 'zhengzhou', 'zhongyuan', 'erqi']) rmSync(join(data, d), { recursive: true, force: true });
      const out = mkdtempSync(join(tmpdir(), 'jianbao-watch-out-'));
      const child = spawn(process.execPath, [cli, 'watch', '--format', 'briefing', '--data', data, '--out', out, '--jobs', '1', '--no-preflight'], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, CI: '1', JIANBAO_LANG: 'zh-CN' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      /** Resolves when `re` matches stdout after `from`; rejects if the watcher exits. */
      const waitIn = (stream: 'stdout' | 'stderr', re: RegExp, from: number) =>
        new Promise<string>((resolve, reject) => {
          const text = () => (stream === 'stdout' ? stdout : stderr).slice(from);
          const check = () => {
            if (re.test(text())) {
              child[stream].off('data', check);
              child.off('exit', exited);
              resolve(text());
            }
          };
          const exited = (code: number | null) => reject(new Error(`watch exited (${code}):\n${stdout}\n${stderr}`));
          child[stream].on('data', check);
          child.once('exit', exited);
          check();
        });
      const waitFor = (re: RegExp, from: number) => waitIn('stdout', re, from);
      const pdf = join(out, 'gongyi', '2025-12-01-planning', 'briefing.pdf');
      const file = join(data, 'gongyi', 'meetings', '2025-12-01-planning.yaml');
      try {
        await waitFor(/正在监视/, 0);
        const hashes = [sha(pdf)];
        for (const title of ['巩义市监听测试甲', '巩义市监听测试乙']) {
          const from = stdout.length;
          replaceSave(file, (t) => t.replace(/^lead: (?:巩义市监听测试.。)?/m, `lead: ${title}。`));
          const after = await waitFor(/生成 1 个/, from);
          expect(after).toContain('gongyi/2025-12-01-planning/briefing.pdf');
          hashes.push(sha(pdf));
          expect(compact(pageText((await readPdfText(new Uint8Array(readFileSync(pdf)))).pages))).toContain(title);
        }
        expect(new Set(hashes).size).toBe(3);

        // a save that breaks the data: reported, the PDF kept, the watch goes on
        let from = stdout.length;
        const errFrom = stderr.length;
        replaceSave(file, (t) => t.replace(/^date: .*$/m, 'date: 2025年12月1日'));
        await waitFor(/失败 1 个/, from);
        await waitIn('stderr', /2025-12-01-planning\.yaml:\d+:\d+  date  期望日期，写作 YYYY-MM-DD，实际为 "2025年12月1日"  提示：写作 2025-12-01/, errFrom);
        expect(sha(pdf)).toBe(hashes[2]);
        from = stdout.length;
        replaceSave(file, (t) => t.replace(/^date: .*$/m, 'date: 2025-12-01'));
        // the data is back to what the last PDF was built from: nothing to rebuild
        await waitFor(/没有改动：1 个会议都是最新的/, from);
        expect(child.exitCode).toBeNull();
      } finally {
        child.kill("SIGTERM");
      }
    },
  );
});
