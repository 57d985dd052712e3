/** Messages about fonts: config/fonts.yaml problems, `jianbao fonts`, preflight substitutions. */
import { m } from './define.js';

export const FONTS = {
  'help.fonts': m('列出简报各字体角色（仿宋、楷体、黑体、小标宋、宋体）用的字体文件及原因', 'list the font file each briefing role (fangsong, kaiti, heiti, xiaobiaosong, songti) uses, and why'),
  'fonts.fileNotFound': m<{ role: string; file: string }>((p) => `字体角色 ${p.role} 的字体文件不存在：${p.file}`, (p) => `font file for role ${p.role} not found: ${p.file}`),
  'fonts.unreadable': m<{ role: string; file: string; detail: string }>(
    (p) => `字体角色 ${p.role} 的字体文件无法使用：${p.file}（${p.detail}）`,
    (p) => `font file for role ${p.role} is not a usable font: ${p.file} (${p.detail})`,
  ),
  'fonts.unusable': m<{ role: string; file: string; detail: string }>(
    (p) => `字体角色 ${p.role} 的字体文件不能用于简报：${p.file}（${p.detail}）`,
    (p) => `font file for role ${p.role} cannot be used: ${p.file} (${p.detail})`,
  ),
  'fonts.cff': m<{ role: string; file: string }>(
    (p) => `字体角色 ${p.role} 的字体是 CFF（PostScript）轮廓，嵌入不可靠，请改用 TrueType 字体（.ttf/.ttc）：${p.file}`,
    (p) => `font for role ${p.role} has CFF outlines, which embed unreliably; use a TrueType font: ${p.file}`,
  ),
  'fonts.configUnreadable': m<{ detail: string }>((p) => `字体配置无法读取：${p.detail}`, (p) => `could not read the font configuration: ${p.detail}`),
  'fonts.unknownRole': m<{ key: string; roles: string }>(
    (p) => `期望字体角色 ${p.roles}（或 仿宋、楷体、黑体、小标宋、宋体、dirs），实际为“${p.key}”`,
    (p) => `expected a font role (${p.roles}, or dirs), found "${p.key}"`,
  ),
  'fonts.badEntry': m<{ key: string }>(
    (p) => `期望“${p.key}: 字体文件路径”或“${p.key}: { file: 路径, bold: 路径, index: 序号 }”或“${p.key}: { family: 字体名称 }”`,
    (p) => `expected "${p.key}: path", "${p.key}: { file, bold, index }" or "${p.key}: { family: name }"`,
  ),
  'fonts.blank': m('期望非空的文字（路径或字体名称）', 'expected some text (a path or a font name)'),
  'fonts.badDirs': m('期望 dirs 是字体文件夹路径的列表', 'expected dirs to be a list of font folders'),
  'fonts.title': m('简报字体（按公文字体角色）：', 'Briefing fonts by role:'),
  'fonts.searched': m<{ dirs: string }>((p) => `查找的字体文件夹：${p.dirs}`, (p) => `font folders searched: ${p.dirs}`),
  'fonts.none': m('（无）', '(none)'),
  'fonts.line': m<{ label: string; use: string; family: string; file: string }>(
    (p) => `${p.label}（${p.use}）：${p.family}\n    文件：${p.file}`,
    (p) => `${p.label} (${p.use}): ${p.family}\n    file: ${p.file}`,
  ),
  'fonts.bold': m<{ file: string }>((p) => `    加粗：${p.file}`, (p) => `    bold: ${p.file}`),
  'fonts.reason': m<{ reason: string }>((p) => `    原因：${p.reason}`, (p) => `    why: ${p.reason}`),
  'fonts.rejected': m<{ what: string }>((p) => `    未采用：${p.what}`, (p) => `    not used: ${p.what}`),
  'fonts.substituteNote': m('标“代替”的角色没有找到公文标准字体；把字体装到本机字体文件夹，或在 config/fonts.yaml 中指定。', 'Roles marked as substitutes have no standard face; install one or set it in config/fonts.yaml.'),
  'fonts.substitute': m('代替', 'substitute'),
  'fonts.preflightSubstitute': m<{ label: string; family: string; reason: string }>(
    (p) => `${p.label}用了代替字体 ${p.family}：${p.reason}`,
    (p) => `${p.label} substituted: ${p.family} (${p.reason})`,
  ),
} as const;
