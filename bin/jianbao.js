#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` / `npm ci` through the
// prepare script, by `make`, or by `npm run build`).
import { setFlagsFromString } from 'node:v8';

// A build is a short process: with V8's default budget it hands ~450 functions to the
// optimising compiler (TurboFan) within the first seconds, ~2 CPU-s of background work
// that a single briefing never earns back. Twice the budget optimises only what stays
// hot (long builds still get it); outputs are the same bytes. docs/PERFORMANCE.md.
setFlagsFromString('--interrupt-budget=135168');

let cli;
try {
  cli = await import('../dist/cli.js');
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && /dist[\\/]cli\.js/.test(String(err.message))) {
    const en = /^en/i.test(process.env.JIANBAO_LANG || process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '') || process.argv.includes('en');
    process.stderr.write(
      en
        ? 'jianbao: the program is not compiled yet: run `npm install` (or `npm run build`, or `make`) in the jianbao folder first\n'
        : 'jianbao：程序尚未编译：请先在 jianbao 目录中运行 npm install（或 npm run build，或 make）\n',
    );
    process.exit(3);
  }
  throw err;
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
