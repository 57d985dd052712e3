/** Messages of configuration, templates and the output checks (render/, model/config.ts). */
import { m } from './define.js';

export const RENDER = {
  'config.fontName': m('期望字体名称', 'expected a font name'),
  'config.fontNameChars': m('期望字体名称中没有 < > & "', 'expected a font name without < > & "'),
  'config.colourQuoted': m('期望颜色写作加引号的六位十六进制数，例如 "C8102E"', 'expected a colour as six hex digits in quotes, e.g. "C8102E"'),
  'config.colour': m('期望颜色写作六位十六进制数，例如 "C8102E"', 'expected a colour as six hex digits, e.g. "C8102E"'),
  'config.colourHash': m('期望颜色写作 #RRGGBB，例如 "#D0121B"', 'expected a colour written #RRGGBB'),
  'config.fontRole': m<{ key: string; list: string }>((p) => `未知的字体角色“${p.key}”；期望以下之一：${p.list}`, (p) => `unknown font role "${p.key}"; expected one of ${p.list}`),
  'config.fontFile': m<{ role: string }>((p) => `期望为角色“${p.role}”指定字体文件（例如 "${p.role}: { file: 字体路径.ttf }"）`, (p) => `expected a font file for role "${p.role}" (e.g. "${p.role}: { file: path/to/font.ttf }")`),
  'template.folder': m('期望模板文件夹中有 default/ 子文件夹', 'expected a templates folder with a default/ sub-folder'),
  'template.named': m<{ name: string; list: string }>((p) => `期望有名为“${p.name}”的模板；现有：${p.list}`, (p) => `expected a template named "${p.name}"; found ${p.list}`),
  'template.none': m('（无）', 'none'),
  'preflight.problem': m<{ code: string; message: string }>((p) => `印前检查（${p.code}）：${p.message}`, (p) => `preflight ${p.code}: ${p.message}`),
  'build.onlyNothing': m<{ list: string }>((p) => `期望 --only 指定数据文件夹中的区县或 区县/会议，实际为 ${p.list}`, (p) => `expected --only to name a district or district/meeting in the data folder, found ${p.list}`),
} as const;
