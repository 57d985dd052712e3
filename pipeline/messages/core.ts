/** Messages of the bottom layers: problem formatting, found values, data-file loading and validation. */
import { m } from './define.js';

export const CORE = {
  // ---- problem lines: `文件:行:列  字段  期望…，实际…  提示：…`
  'problem.found': m<{ expected: string; found: string }>((p) => `${p.expected}，实际为 ${p.found}`, (p) => `${p.expected}, found ${p.found}`),
  'problem.hint': m<{ hint: string }>((p) => `提示：${p.hint}`, (p) => `hint: ${p.hint}`),
  'problem.warning': m('（警告）', '(warning)'),
  'problem.didYouMean': m<{ value: string }>((p) => `是不是 ${p.value}？`, (p) => `did you mean ${p.value}?`),

  // ---- how a found value is shown
  'value.nothing': m('（无）', 'nothing'),
  'value.empty': m('空值', 'an empty value'),
  'value.list': m<{ n: number }>((p) => `含 ${p.n} 项的列表`, (p) => `a list of ${p.n}`),
  'value.mapping': m('一组“字段: 值”', 'a mapping'),
  'value.characters': m<{ n: number }>((p) => `${p.n} 个字符`, (p) => `${p.n} characters`),
} as const;
