/** Messages of the bottom layers: problem formatting, found values, data-file loading and validation. */
import { m } from './define.js';

type Q = { value: string };
type N = { n: number };

export const CORE = {
  // ---- problem lines: `文件:行:列  字段  期望…，实际…  提示：…`
  'problem.found': m<{ expected: string; found: string }>((p) => `${p.expected}，实际为 ${p.found}`, (p) => `${p.expected}, found ${p.found}`),
  'problem.hint': m<{ hint: string }>((p) => `提示：${p.hint}`, (p) => `hint: ${p.hint}`),
  'problem.warning': m('（警告）', '(warning)'),
  'problem.didYouMean': m<Q>((p) => `是不是 ${p.value}？`, (p) => `did you mean ${p.value}?`),
  'problem.more': m<{ more: number; max: number }>(
    (p) => `本文件还有 ${p.more} 处问题未列出（最多列出 ${p.max} 处：先改正这些，再检查一次）`,
    (p) => `${p.more} more problems in this file not shown (at most ${p.max} are listed: fix these and check again)`,
  ),

  // ---- how a found value is shown
  'value.nothing': m('（无）', 'nothing'),
  'value.empty': m('空值', 'an empty value'),
  'value.list': m<N>((p) => `含 ${p.n} 项的列表`, (p) => `a list of ${p.n}`),
  'value.mapping': m('一组“字段: 值”', 'a mapping'),
  'value.alias': m('别名', 'an alias'),
  'value.characters': m<N>((p) => `${p.n} 个字符`, (p) => `${p.n} characters`),

  // ---- reading a data file (load/yaml.ts)
  'yaml.tooBig': m<{ max: number }>((p) => `期望数据文件不超过 ${p.max} MiB（请拆分文件，或删去粘贴进来的材料）`, (p) => `expected a data file of at most ${p.max} MiB (split it, or remove pasted material)`),
  'yaml.size': m<{ mib: string; bytes: number }>((p) => `${p.mib} MiB（${p.bytes} 字节）`, (p) => `${p.mib} MiB (${p.bytes} bytes)`),
  'yaml.unreadable': m<{ code: string }>((p) => `期望一个可读取的文件（${p.code}）`, (p) => `expected a readable file (${p.code})`),
  'yaml.isFolder': m('期望一个文件，实际是文件夹', 'expected a file, found a folder'),
  'yaml.utf16': m(
    '期望以 UTF-8 编码保存的文件，实际为 UTF-16（记事本中的“Unicode”）：请另存为 UTF-8 编码',
    'expected a file saved as UTF-8, found UTF-16 ("Unicode" in Notepad): save it again with the encoding UTF-8',
  ),
  'yaml.notUtf8': m(
    '期望以 UTF-8 编码保存的文件（看起来是 GBK 或“ANSI”编码）：请另存为 UTF-8 编码',
    'expected a file saved as UTF-8 (it looks saved as GBK or "ANSI"): save it again with the encoding UTF-8',
  ),
  'yaml.bytes': m<Q>((p) => `字节 ${p.value}`, (p) => `the bytes ${p.value}`),
  'yaml.secondDocument': m(
    '期望每个文件只有一份文档，实际出现了第二份（以“---”或“...”行开始）：每个会议各用一个文件',
    'expected one document per file, found a second one (a line "---" or "..." starts it): put each meeting in its own file',
  ),
  'yaml.tooDeep': m<{ max: number; flow: boolean }>(
    (p) => `期望列表和映射的嵌套不超过 ${p.max} 层${p.flow ? '（是否有未闭合的 [ 或 {？）' : ''}`,
    (p) => `expected lists and mappings nested at most ${p.max} deep${p.flow ? ' (an unclosed [ or { ?)' : ''}`,
  ),
  'yaml.deeperNesting': m('更深的嵌套', 'deeper nesting'),
  'yaml.aliasBomb': m<{ max: number }>(
    (p) => `期望别名（*名称）展开不超过 ${p.max} 次，实际更多（“别名炸弹”？）`,
    (p) => `expected aliases (*name) to expand to at most ${p.max} copies, found more (an "alias bomb"?)`,
  ),
  'yaml.aliasNesting': m('期望别名（*名称）不要层层嵌套复制', 'expected aliases (*name) that do not nest copies inside copies this deep'),
  'yaml.unreadableYaml': m<{ detail: string }>(() => '期望可以读取的 YAML', (p) => `expected YAML that can be read (${p.detail})`),
  'yaml.expectedMapping': m('期望一组字段（字段: 值）', 'expected a mapping of fields (key: value)'),
  'yaml.onlyComments': m('只有注释的文件', 'a file with nothing but comments'),
  'yaml.emptyFile': m('空文件', 'an empty file'),
  'yaml.duplicateKey': m('期望同一映射中每个字段只出现一次（删去其中一个）', 'expected each key once in a mapping (delete one of the two)'),
  'yaml.duplicateKeyFound': m<{ line: number }>((p) => `第 ${p.line} 行之后又出现一次`, (p) => `it again after line ${p.line}`),
  'yaml.tooManyAliases': m<{ max: number }>(
    (p) => `期望每个文件最多 ${p.max} 个别名（*名称）；请直接复制数值`,
    (p) => `expected at most ${p.max} aliases (*name) in a file; copy the values instead`,
  ),
  'yaml.moreAliases': m('从这里起的更多别名', 'more aliases from here on'),
  'yaml.unknownAnchor': m<{ name: string }>((p) => `期望在此别名之前定义锚点 &${p.name}`, (p) => `expected an anchor &${p.name} defined above this alias`),
  'yaml.keyExpected': m('期望“:”前有字段名', 'expected a field name before ":"'),
  'yaml.fullWidthColon': m(
    '期望“字段: 值”使用半角冒号加空格，实际为全角冒号“：”（请把输入法切换到半角）',
    'expected "key: value" with an ASCII colon and a space, found a full-width colon "：" (switch the input method to half-width)',
  ),
  'yaml.spaceAfterColon': m('期望冒号后有一个空格（字段: 值）', 'expected a space after the colon ("key: value")'),
  'yaml.tab': m('期望用空格缩进，实际为制表符（Tab）', 'expected spaces for indentation, found a tab'),
  'yaml.badEscape': m(
    '期望双引号中的反斜杠用于转义，例如 \\n（反斜杠本身写作 \\\\，或改用单引号）',
    'expected a backslash in "double quotes" to start an escape such as \\n (write \\\\ for a backslash, or use \'single quotes\')',
  ),
  'yaml.unclosedList': m('期望用 ] 结束上面以 [ 开始的列表', 'expected a closing ] for the list opened with [ above'),
  'yaml.unclosedMap': m('期望用 } 结束上面以 { 开始的映射', 'expected a closing } for the mapping opened with { above'),
  'yaml.badIndent': m<{ detail: string }>(
    () => '期望本行与同一层的其他字段缩进一致',
    (p) => `expected this line indented like the other fields of its block (YAML: ${p.detail})`,
  ),
  'yaml.colonInValue': m('期望每行一个“字段: 值”；值中含有“: ”时要加引号', 'expected one "key: value" per line; a value that contains ": " must be put in quotes'),
  'yaml.keyOnOneLine': m<{ detail: string }>(() => '期望“字段: 值”写在同一行', (p) => `expected "key: value" on one line (YAML: ${p.detail})`),
  'yaml.unclosedQuote': m('期望以引号开始的文字有结束引号', 'expected a closing quote for the text that opens with a quote'),
  'yaml.itemIndent': m('期望本行与上下行缩进一致，或在新的列表项前写“- ”', 'expected this line indented like the lines around it, or "- " before a new list item'),
  'yaml.colonAfterKey': m('期望“字段: 值”（字段名后是冒号和空格）', 'expected "key: value" (a colon and a space after the field name)'),
  'yaml.unclosedListDetail': m<{ detail: string }>(() => '期望用 ] 结束以 [ 开始的列表', (p) => `expected a closing ] for the list opened with [ (YAML: ${p.detail})`),
  'yaml.unclosedMapDetail': m<{ detail: string }>(() => '期望用 } 结束以 { 开始的映射', (p) => `expected a closing } for the mapping opened with { (YAML: ${p.detail})`),
  'yaml.invalid': m<{ detail: string }>(() => '期望此处为合法的 YAML 写法', (p) => `expected valid YAML here (${p.detail})`),
  'yaml.tag': m<{ detail: string }>(() => '期望不带 !标签 的普通值', (p) => `expected a plain value without a !tag (YAML: ${p.detail})`),
  'yaml.longKey': m('期望字段名不超过 1024 个字符（是否漏了换行？）', 'expected a key of at most 1024 characters (a missing line break?)'),
  'yaml.deepDetail': m<{ max: number; detail: string }>(
    (p) => `期望列表和映射的嵌套不超过 ${p.max} 层`,
    (p) => `expected lists and mappings nested at most ${p.max} deep (YAML: ${p.detail})`,
  ),
  'yaml.radixNumber': m<{ range: string }>((p) => `期望十进制数字（${p.range}）`, (p) => `expected a decimal number (${p.range})`),
  'yaml.radixHint': m<Q>((p) => `十六进制、八进制写法不用于数据文件；请直接写十进制数 ${p.value}`, (p) => `hexadecimal and octal are not used in data files; write the decimal ${p.value}`),
  'yaml.anyRange': m('数值写法为十进制，例如 674 或 7.5', 'written in decimal, e.g. 674 or 7.5'),

  // ---- the data folder (load/discover.ts, load/project.ts)
  'data.folder': m('期望一个数据文件夹（data/<区县>/district.yaml）', 'expected a data folder (data/<district>/district.yaml)'),
  'data.profileMisnamed': m('期望区县概况文件名为 district.yaml', 'expected the district profile named district.yaml'),
  'data.profileMissing': m('期望 meetings/ 旁边有区县概况文件 district.yaml', 'expected a district profile district.yaml next to meetings/'),
  'data.none': m('（无）', 'none'),
  'data.districtFolder': m(
    '期望区县文件夹名只用小写字母、数字和“-”（文件夹名就是区县 id）',
    'expected a district folder named with lower-case letters, digits and "-" (the name is the district id)',
  ),
  'data.meetingExt': m('期望会议文件以 .yaml 结尾（小写，不是 .txt）', 'expected a meeting file ending in .yaml (lower case, no .txt)'),
  'data.meetingName': m(
    '期望会议文件名为 <id>.yaml，id 只用小写字母、数字和“-”（文件名就是会议 id），例如 2023-01-05-plenary.yaml',
    'expected a meeting file named <id>.yaml with an id of lower-case letters, digits and "-" (the name is the meeting id), e.g. 2023-01-05-plenary.yaml',
  ),
  'data.sameId': m<{ other: string; id: string }>((p) => `期望每个会议 id 只有一个文件；${p.other} 的 id 也是“${p.id}”`, (p) => `expected one file per meeting id; ${p.other} has the same id "${p.id}"`),
  'data.meetingNotFile': m('期望一个会议文件，实际是文件夹或无法读取的条目', 'expected a meeting file, found a folder or an unreadable entry'),
  'data.notChecked': m<{ file: string }>((p) => `期望 ${p.file} 无误（见上面列出的问题）；本会议未检查`, (p) => `expected a valid ${p.file} (see the problems above); this meeting was not checked`),
  'data.couldNotRead': m<{ detail: string }>((p) => `无法读取：${p.detail}`, (p) => `could not read: ${p.detail}`),
  'data.duplicateIssue': m<{ issue: number; other: string }>(
    (p) => `期望每期简报的期号不同；第 ${p.issue} 期已用于 ${p.other}`,
    (p) => `expected a different issue number for each briefing; issue ${p.issue} is already used by ${p.other}`,
  ),
  'data.duplicateIssueHint': m('复制会议文件后，请改为新的期号（briefing.issue）', 'after copying a meeting file, give it a new issue number (briefing.issue)'),
  'data.duplicateMeeting': m<{ date: string; kind: string; other: string }>(
    (p) => `期望同一区县同一天同一类型的会议只有一个；${p.other} 也是 ${p.date} 的 ${p.kind}`,
    (p) => `expected one meeting per date and kind in a district; ${p.other} is also a ${p.kind} on ${p.date}`,
  ),
  'data.duplicateMeetingHint': m('复制会议文件后，请改为本次会议的日期（date）和类型（kind）', 'after copying a meeting file, change its date and kind to this meeting\'s'),
} as const;
