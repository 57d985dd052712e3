/** `jianbao watch` rebuilds what changed when a data file is saved (compiled CLI). */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

const cli = join(PROJECT_ROOT, 'bin', 'jianbao.js');

describe('jianbao watch', () => {
  it.skipIf(!existsSync(join(PROJECT_ROOT, 'dist', 'cli.js')))('rebuilds the meeting whose YAML was saved, and only that one', async () => {
    const data = mkdtempSync(join(tmpdir(), 'jianbao-watch-data-'));
    cpSync(join(PROJECT_ROOT, 'data'), data, { recursive: true });
    const out = mkdtempSync(join(tmpdir(), 'jianbao-watch-out-'));
    const child = spawn('node', [cli, 'watch', '--format', 'slides', '--data', data, '--out', out, '--jobs', '1'], { cwd: PROJECT_ROOT });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const waitFor = async (re: RegExp, ms: number) => {
      const t0 = Date.now();
      while (!re.test(stdout)) {
        if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${re}: ${stdout}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor(/watching data\//, 60_000);
      const before = stdout.length;
      const file = join(data, 'gongyi', 'meetings', '2025-12-01-planning.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^shortTitle: (.*)$/m, 'shortTitle: 巩义市监听测试'));
      await waitFor(/built 1, unchanged \d+/, 60_000);
      const after = stdout.slice(before);
      expect(after).toContain('gongyi/2025-12-01-planning/slides.md');
      expect(after).not.toContain('guancheng/');
      expect(readFileSync(join(out, 'gongyi', '2025-12-01-planning', 'slides.md'), 'utf8')).toContain('巩义市监听测试');
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});
