/** Messages of the command line: help, usage errors, progress and summaries. */
import { m } from './define.js';

type Q = { value: string };

export const CLI = {
  'cli.usageHint': m('运行 jianbao --help 查看用法', 'run jianbao --help for usage'),
  'cli.internalError': m<{ detail: string }>(
    (p) => `jianbao：程序内部错误：${p.detail}（加 --debug 查看详情）`,
    (p) => `jianbao: internal error: ${p.detail} (run with --debug for details)`,
  ),

  // ---- help
  'help.description': m('会议数据（YAML）→ 简报 PDF、目标任务台账 Excel、督查通报、汇报提纲', 'YAML meeting data → briefing PDF, target ledger workbooks, progress reports, slide outlines'),
  'help.usage': m('用法：', 'Usage:'),
  'help.options': m('选项：', 'Options:'),
  'help.globalOptions': m('全局选项：', 'Global Options:'),
  'help.commands': m('命令：', 'Commands:'),
  'help.arguments': m('参数：', 'Arguments:'),
  'help.default': m<Q>((p) => `默认：${p.value}`, (p) => `default: ${p.value}`),
  'help.choices': m<Q>((p) => `可选：${p.value}`, (p) => `choices: ${p.value}`),
  'help.help': m('显示帮助', 'display help for command'),
  'help.helpCommand': m('显示某个命令的帮助', 'display help for command'),
  'help.version': m('显示版本号', 'output the version number'),
  'help.lang': m('界面语言：zh（中文，默认）或 en（英文）', 'interface language: zh (Chinese, the default) or en (English)'),
  'help.debug': m('出错时显示程序内部的详细信息（供技术人员排查）', 'show internal details (stack traces) on errors'),
  'help.data': m('数据文件夹（data/<区县>/district.yaml、meetings/*.yaml）', 'data folder (data/<district>/district.yaml, meetings/*.yaml)'),
  'help.dataShort': m('数据文件夹', 'data folder'),
  'help.only': m(
    '只处理这个区县或会议：区县 id、区县/会议 id，或会议文件的路径（可重复）',
    'only this district or meeting: district id, district/meeting id, or the meeting file\'s path (repeatable)',
  ),
  'help.out': m('输出文件夹', 'output folder'),
  'help.format': m('只生成这种材料（可重复）', 'only this output format (repeatable)'),
  'help.force': m('全部重新生成，包括没有改动的', 'rebuild everything, even what is up to date'),
  'help.jobs': m('并行数（默认：只用能带来加速的数量，见 docs/PERFORMANCE.md）', 'parallel workers (default: only as many as pay for themselves, see docs/PERFORMANCE.md)'),
  'help.shard': m('只生成 n 份中的第 i 份（多台电脑分担时用）', 'build only the i-th of n shares of the meetings (for several machines)'),
  'help.noPreflight': m('生成后不做印前检查', 'skip the PDF preflight after rendering'),
  'help.period': m('台账和督查通报的月份（默认：最近一次合并的月份，否则为简报印发月份）', 'reporting month of the ledgers and progress reports (default: latest ingested, else the briefing month)'),
  'help.build': m('把每个会议生成到 output/<区县>/<会议>/（只重新生成有改动的）', 'build every meeting into output/<district>/<meeting>/ (only what changed)'),
  'help.check': m('只检查数据，列出全部问题，不生成文件', 'validate the data only; print every problem; write nothing'),
  'help.distribute': m('按报/送/发名单生成带份号的简报、各单位分发包和 manifest.json，然后更新 output/index.html', 'numbered copies (份号) per recipient, bundles per unit and manifest.json for built meetings; then output/index.html'),
  'help.distributeKeys': m('区县/会议（默认：全部会议）', 'district/meeting (default: every meeting)'),
  'help.index': m('生成 output/index.html：按区县、会议列出全部材料，带缩略图', 'write output/index.html: districts → meetings → outputs, with thumbnails'),
  'help.preflight': m('检查简报 PDF：字体嵌入和子集化、缺字、行首行尾禁则、A4 版面、版心', 'check briefing PDFs: fonts embedded and subsetted, no missing glyphs, line-breaking rules, A4, text inside the type area'),
  'help.preflightFiles': m('PDF 文件，例如 output/guancheng/2022-12-28-plenary/briefing.pdf', 'PDF files, e.g. output/guancheng/2022-12-28-plenary/briefing.pdf'),
  'help.ingest': m('把收回的台账合并进 data/<区县>/progress/<会议>/<月份>.yaml', 'merge returned ledger workbooks into data/<district>/progress/<meeting>/<period>.yaml'),
  'help.ingestFiles': m('收回的台账（.xlsx），可写通配符，例如 returns/*.xlsx', 'returned workbooks (.xlsx); patterns such as returns/*.xlsx are expanded'),
  'help.watch': m('保存数据或模板后自动重新生成有改动的部分（Ctrl-C 停止）', 'rebuild what changed whenever a data or template file is saved (Ctrl-C to stop)'),

  // ---- usage errors (one line, then cli.usageHint)
  'usage.unknownOption': m<{ option: string; hint: string }>((p) => `未知选项 ${p.option}${p.hint}`, (p) => `unknown option ${p.option}${p.hint}`),
  'usage.unknownCommand': m<{ command: string; hint: string; list: string }>(
    (p) => `未知命令 ${p.command}${p.hint}（可用命令：${p.list}）`,
    (p) => `unknown command ${p.command}${p.hint} (commands: ${p.list})`,
  ),
  'usage.missingArgument': m<{ name: string }>((p) => `缺少参数 ${p.name}`, (p) => `missing required argument ${p.name}`),
  'usage.optionMissingArgument': m<{ option: string }>((p) => `选项 ${p.option} 后面缺少值`, (p) => `option ${p.option} needs a value`),
  'usage.invalidArgument': m<{ option: string; value: string; reason: string }>(
    (p) => `选项 ${p.option} 的值“${p.value}”不对：${p.reason}`,
    (p) => `option ${p.option}: "${p.value}" is invalid: ${p.reason}`,
  ),
  'usage.excessArguments': m<{ command: string }>((p) => `命令 ${p.command} 不接受这么多参数`, (p) => `too many arguments for ${p.command}`),
  'usage.other': m<{ detail: string }>((p) => `命令用法有误：${p.detail}`, (p) => `usage error: ${p.detail}`),
  'usage.didYouMean': m<Q>((p) => `（是不是 ${p.value}？）`, (p) => ` (did you mean ${p.value}?)`),
  'usage.positiveInt': m('期望不小于 1 的整数', 'expected a whole number ≥ 1'),
  'usage.period': m('期望写作 YYYY-MM 的月份，例如 2023-06', 'expected a month written YYYY-MM, e.g. 2023-06'),
  'usage.shard': m('期望 i/n，且 1 ≤ i ≤ n，例如 2/4', 'expected i/n with 1 ≤ i ≤ n, e.g. 2/4'),
  'usage.format': m<{ list: string; hint: string }>((p) => `期望以下之一：${p.list}${p.hint}`, (p) => `expected one of ${p.list}${p.hint}`),
  'usage.lang': m('期望 zh 或 en', 'expected zh or en'),
  'usage.only': m<{ value: string; hint: string }>(
    (p) => `--only ${p.value}：数据文件夹中没有这个区县或会议${p.hint}`,
    (p) => `--only ${p.value}: no such district or meeting in the data folder${p.hint}`,
  ),
  'usage.onlyAmbiguous': m<{ value: string; list: string }>(
    (p) => `--only ${p.value}：有多个会议同名，请写成 区县/会议：${p.list}`,
    (p) => `--only ${p.value}: several meetings have this id; write district/meeting: ${p.list}`,
  ),
  'usage.noFiles': m<Q>((p) => `没有与 ${p.value} 匹配的文件`, (p) => `no file matches ${p.value}`),

  // ---- build progress and summaries
  'build.building': m<{ count: string; key: string }>((p) => `${p.count} 正在生成 ${p.key} …`, (p) => `${p.count} building ${p.key} …`),
  'build.failed': m<{ count: string; key: string }>((p) => `${p.count} ${p.key}  失败`, (p) => `${p.count} ${p.key}  FAILED`),
  'build.checkSummary': m<{ valid: number; total: number; secs: string }>(
    (p) => `${p.total} 个会议中 ${p.valid} 个无误（${p.secs} 秒）`,
    (p) => `${p.valid} of ${p.total} meetings valid (${p.secs} s)`,
  ),
  'build.nothingChanged': m<{ n: number; secs: string }>(
    (p) => `没有改动：${p.n} 个会议都是最新的（${p.secs} 秒）`,
    (p) => `nothing changed: ${p.n} meetings up to date (${p.secs} s)`,
  ),
  'build.summary': m<{ total: number; built: number; unchanged: number; failed: number; files: number; secs: string; workers: number }>(
    (p) => `共 ${p.total} 个会议：生成 ${p.built} 个，未变 ${p.unchanged} 个，失败 ${p.failed} 个；${p.files} 个文件，用时 ${p.secs} 秒${p.workers > 1 ? `（${p.workers} 个并行进程）` : ''}`,
    (p) => `built ${p.built}, unchanged ${p.unchanged}, failed ${p.failed} of ${p.total} meetings; ${p.files} files in ${p.secs} s${p.workers > 1 ? ` on ${p.workers} workers` : ''}`,
  ),
  'build.preflightSummary': m<{ errors: number; warnings: number }>((p) => `；印前检查：${p.errors} 个错误，${p.warnings} 个警告`, (p) => `; preflight: ${p.errors} errors, ${p.warnings} warnings`),
  'build.wroteIndex': m<{ file: string; n: number }>((p) => `已生成 ${p.file}（${p.n} 个会议）`, (p) => `wrote ${p.file} (${p.n} meetings)`),

  // ---- watch
  'watch.watching': m('正在监视 data/、templates/ 和 config/ 的改动（按 Ctrl-C 停止）', 'watching data/, templates/ and config/ for changes (Ctrl-C to stop)'),
  'watch.changed': m<{ file: string }>((p) => `已改动：${p.file}`, (p) => `changed: ${p.file}`),
  'watch.error': m<{ detail: string }>((p) => `监视出错：${p.detail}（继续监视）`, (p) => `watch error: ${p.detail} (still watching)`),
  'watch.stopped': m('已停止监视', 'stopped watching'),

  // ---- distribute, index, preflight, ingest (command lines)
  'distribute.summary': m<{ key: string; copies: number; archive: boolean; bundles: number; files: number; ms: number }>(
    (p) => `${p.key}  带份号的简报 ${p.copies} 份${p.archive ? '，归档版 1 份' : ''}，分发包 ${p.bundles} 个，写入 ${p.files} 个文件（${p.ms} 毫秒）`,
    (p) => `${p.key}  ${p.copies} numbered copies${p.archive ? ' + archive' : ''}, ${p.bundles} bundles, ${p.files} files written (${p.ms} ms)`,
  ),
  'preflight.couldNotRead': m<{ file: string; detail: string }>((p) => `${p.file}  无法读取：${p.detail}`, (p) => `${p.file}  could not read: ${p.detail}`),
  'preflight.summary': m<{ file: string; pages: number; fonts: number; result: string }>(
    (p) => `${p.file}  共 ${p.pages} 页，嵌入并子集化字体 ${p.fonts} 种：${p.result}`,
    (p) => `${p.file}  ${p.pages} pages, ${p.fonts} fonts embedded and subsetted: ${p.result}`,
  ),
  'preflight.ok': m('通过', 'OK'),
  'preflight.findings': m<{ n: number }>((p) => `发现 ${p.n} 处问题`, (p) => `${p.n} findings`),
  'ingest.merged': m<{ n: number }>((p) => `已合并（${p.n}行有填报）`, (p) => `merged (${p.n} rows filled in)`),
  'ingest.unchanged': m<{ n: number }>((p) => `无变化（${p.n}行有填报，均已记录或为空）`, (p) => `unchanged (${p.n} rows filled in, all recorded already or blank)`),
  'ingest.rejected': m<{ why: string }>((p) => `未采用：${p.why}`, (p) => `REJECTED: ${p.why}`),
  'ingest.rejectedSeeAbove': m('见上方问题', 'see the problems above'),
  'ingest.wrote': m<{ file: string }>((p) => `已写入 ${p.file}`, (p) => `wrote ${p.file}`),
  'ingest.summary': m<{ merged: number; unchanged: number; rejected: number; total: number; changed: number }>(
    (p) => `共${p.total}份：合并${p.merged}份，无变化${p.unchanged}份，未采用${p.rejected}份；改动进度文件${p.changed}个。运行 make（或 npx jianbao build）重新生成台账和督查通报`,
    (p) => `${p.total} returns: ${p.merged} merged, ${p.unchanged} unchanged, ${p.rejected} rejected; ${p.changed} progress files changed; run \`make\` (or npx jianbao build) to rebuild the ledgers and reports`,
  ),
  'check.planYear': m<{ file: string; year: number; rule: string }>(
    (p) => `${p.file}  计划年度 ${p.year}年（${p.rule}）`,
    (p) => `${p.file}  plan year ${p.year} (${p.rule})`,
  ),
} as const;
