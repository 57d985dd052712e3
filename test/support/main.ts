/**
 * The CLI's main() in-process, for the tests that check many reports through the command
 * line's code: a spawned CLI costs a node start and the program's imports (about a
 * CPU-second) each time, so each test file spawns the compiled CLI for a few cases and
 * runs the others here.
 */
import { main } from '../../pipeline/cli.js';
import { lang as currentLang, setLang, type Lang } from '../../pipeline/messages/index.js';

export interface MainRun {
  code: number;
  /** What the process would write to stdout: each line followed by a newline (bin/jianbao.js). */
  stdout: string;
  stderr: string;
}

/**
 * main(argv) with `dir` as the working directory, as for the CLI started there (relative
 * paths in reports are relative to it), in `lang` as with JIANBAO_LANG (the spawned CLIs of
 * the tests get zh-CN, whatever the machine's locale). The working directory and language
 * are restored afterwards. Needs a process of its own (vitest's forks pool): worker threads
 * cannot chdir.
 */
export async function mainIn(dir: string, argv: string[], lang: Lang = 'zh-CN'): Promise<MainRun> {
  const cwd = process.cwd();
  const langBefore = currentLang();
  const envBefore = process.env.JIANBAO_LANG;
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(`${s}\n`), err: (s: string) => err.push(`${s}\n`), tty: false, status: () => {} };
  process.chdir(dir);
  setLang(lang);
  try {
    const code = await main(argv, io);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(cwd);
    setLang(langBefore);
    if (envBefore === undefined) delete process.env.JIANBAO_LANG;
    else process.env.JIANBAO_LANG = envBefore;
  }
}
