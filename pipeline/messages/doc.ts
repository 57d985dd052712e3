/** Messages of the Doc (render/doc/): template text → Doc, chart blocks, directives. */
import { m } from './define.js';

export const DOC = {
  'chart.colour': m('期望颜色写作 #RRGGBB，例如 "#C8102E"', 'expected a colour written #RRGGBB, e.g. "#C8102E"'),
  'chart.perCategory': m<{ n: number }>((p) => `期望每个类别一项，共 ${p.n} 项`, (p) => `expected one entry per category, ${p.n} in all`),
  'chart.yaml': m<{ detail: string }>((p) => `期望图表内容是可以读取的 YAML（${p.detail}）`, (p) => `expected the chart body to be YAML that can be read (${p.detail})`),
  'chart.field': m<{ line: number; path: string }>((p) => `生成文本第 ${p.line} 行 ::: chart${p.path ? ` › ${p.path}` : ''}`, (p) => `rendered line ${p.line} ::: chart${p.path ? ` › ${p.path}` : ''}`),
  'doc.line': m<{ line: number }>((p) => `生成文本第 ${p.line} 行`, (p) => `rendered line ${p.line}`),
  'doc.strayClose': m('期望“:::”结束一个已打开的容器，实际前面没有打开的容器', 'expected ":::" to close an open container, found none open'),
  'doc.unclosed': m<{ name: string }>((p) => `期望用“:::”结束“::: ${p.name}”容器`, (p) => `expected ":::" to close the container "::: ${p.name}"`),
  'doc.tableSep': m<{ sep: number; header: number }>((p) => `期望表格分隔行有 ${p.header} 列（与表头相同），实际为 ${p.sep} 列`, (p) => `expected the table separator to have ${p.header} columns (as the header), found ${p.sep}`),
  'doc.tableRow': m<{ cells: number; header: number }>((p) => `期望表格每行有 ${p.header} 格（与表头相同），实际为 ${p.cells} 格`, (p) => `expected each table row to have ${p.header} cells (as the header), found ${p.cells}`),
  'doc.unknownDirective': m<{ name: string }>(
    (p) => `期望 ::pagebreak、::: note、::: chart 或 ::: annex，实际为不认识的指令“${p.name}”`,
    (p) => `expected ::pagebreak, ::: note, ::: chart or ::: annex, found the unknown directive "${p.name}"`,
  ),
  'template.undefinedField': m<{ name: string }>((p) => `模板用到了“${p.name}”，数据中没有这一项（字段名拼错了？）`, (p) => `template uses "${p.name}", which the data does not have (misspelt field?)`),
  'template.missingPartial': m<{ name: string }>((p) => `模板引用了片段“${p.name}”，partials/ 下没有这个文件`, (p) => `template includes partial "${p.name}", which does not exist under partials/`),
  'template.failed': m<{ detail: string }>((p) => `期望可以使用的模板（${p.detail}）`, (p) => `expected a template that works (${p.detail})`),
} as const;
