/**
 * npm alone (no make, as on a Windows PC): a fresh clone has no dist/; `npm ci` runs the
 * `prepare` script, which compiles; then `npx jianbao build` works.
 *
 * Quick by default: the clone gets the installed node_modules as a link and runs
 * `npm run prepare` — the step npm ci runs after installing (npm's documented lifecycle).
 * JIANBAO_FRESH_CLONE_NPM_CI=1 (CI) runs the real `npm ci --offline` from the npm cache into
 * the clone instead. The clone is of the committed HEAD.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const hasGit = spawnSync('git', ['-C', PROJECT_ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).status === 0;

describe('a fresh clone with npm only', () => {
  it.skipIf(!hasGit)(
    'has no dist/ (the launcher says what to run), compiles in prepare, then npx jianbao build writes the outputs',
    () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'jianbao-clone-')), 'jianbao');
      execFileSync('git', ['clone', '--quiet', '--no-hardlinks', PROJECT_ROOT, dir]);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
      expect(pkg.scripts.prepare).toMatch(/tsc -p tsconfig\.build\.json/);
      expect(pkg.scripts.test).toMatch(/tsc -p tsconfig\.json --noEmit/);
      expect(existsSync(join(dir, 'dist'))).toBe(false);

      const env = { ...process.env, CI: '1', JIANBAO_LANG: 'zh-CN', DEBUG: '' };
      const before = spawnSync(process.execPath, [join(dir, 'bin', 'jianbao.js'), 'check'], { cwd: dir, encoding: 'utf8', env });
      expect(before.status).toBe(3);
      expect(before.stderr).toContain('程序尚未编译：请先在 jianbao 目录中运行 npm install');
      expect(before.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|\bat \S+:\d+:\d+/);

      if (process.env.JIANBAO_FRESH_CLONE_NPM_CI) {
        execFileSync(npm, ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: dir, env, stdio: 'pipe' });
      } else {
        symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
        execFileSync(npm, ['run', 'prepare'], { cwd: dir, env, stdio: 'pipe' });
      }
      expect(existsSync(join(dir, 'dist', 'cli.js'))).toBe(true);

      const r = spawnSync(npx, ['--no-install', 'jianbao', 'build', '--only', 'data\\gongyi\\meetings\\2025-12-01-planning.yaml', '--format', 'slides', '--jobs', '1'], {
        cwd: dir,
        encoding: 'utf8',
        env,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/共 1 个会议：生成 1 个/);
      expect(readFileSync(join(dir, 'output', 'gongyi', '2025-12-01-planning', 'slides.md'), 'utf8')).toContain('巩义');
    },
    300_000,
  );
});
