/** Messages of distribution (numbered copies, bundles) and the index page. */
import { m } from './define.js';

export const DISTRIBUTE = {
  'distribute.noOutput': m('期望有输出文件夹：请先运行 make（或 npx jianbao build）', 'expected an output folder: run make first'),
  'distribute.keyForm': m('期望写作 区县/会议 的会议，例如 guancheng/2022-12-28-plenary', 'expected a meeting written district/meeting, e.g. guancheng/2022-12-28-plenary'),
  'distribute.noMeeting': m<{ key: string; file: string }>((p) => `期望数据文件夹中有会议 ${p.key}（${p.file}）`, (p) => `expected a meeting ${p.key} in the data folder (${p.file})`),
  'distribute.notBuilt': m<{ format: string; key: string }>(
    (p) => `期望分发前已生成 ${p.key} 的 ${p.format}：请先运行 make（或 npx jianbao build --only ${p.key}）`,
    (p) => `expected the ${p.format} of ${p.key} to be built before distributing: run make first (or jianbao build --only ${p.key})`,
  ),
  'distribute.outOfDate': m<{ format: string; key: string }>(
    (p) => `期望 ${p.key} 的 ${p.format} 与数据、模板和配置一致（已过时）：请先运行 make（或 npx jianbao build --only ${p.key}）`,
    (p) => `expected the ${p.format} of ${p.key} to be up to date with its data, templates and config: run make first (or jianbao build --only ${p.key})`,
  ),
  'distribute.olderBuild': m('较早生成的版本', 'an older build'),
  'distribute.noSummary': m<{ key: string }>(
    (p) => `期望 ${p.key} 已生成，并留有生成结果的摘要：请先运行 make（或 npx jianbao build --only ${p.key}）`,
    (p) => `expected ${p.key} to be built, with its build summary: run make first (or jianbao build --only ${p.key})`,
  ),
  'distribute.olderSummary': m('旧版本程序留下的摘要', 'a summary left by an older version'),
  'distribute.copies': m<{ n: number; listed: number; units: number }>(
    (p) => `期望印数至少 ${p.n} 份：报/送/发名单中 ${p.listed} 个单位${p.units ? `和领取台账的 ${p.units} 个责任单位` : ''}各得一份带份号的简报`,
    (p) => `expected at least ${p.n} copies: ${p.listed} recipients under 报/送/发${p.units ? ` and ${p.units} units receiving a ledger` : ''} each get a numbered copy`,
  ),
  'distribute.stampFont': m<{ file: string; detail: string }>(
    (p) => `期望黑体角色的字体是可以嵌入的 TrueType 字体（.ttf，或 .ttc 中的一个），才能盖份号；实际为 ${p.file}（${p.detail}）。请在 config/fonts.yaml 中为 heiti 指定其他字体文件`,
    (p) => `expected the heiti role's font to be an embeddable TrueType font (.ttf, or one member of a .ttc) to stamp copy numbers; found ${p.file} (${p.detail}). Set another file for heiti in config/fonts.yaml`,
  ),
  'distribute.stampFontKind': m('不是 TrueType 轮廓的单个字体', 'not a single font with TrueType outlines'),
  'distribute.noGlyph': m<{ chars: string; what: string }>(
    (p) => `字体中缺少这些字：${p.chars}（在${p.what}中），印出来会是空框`,
    (p) => `the fonts have no glyph for ${p.chars} in ${p.what}; it prints as an empty box`,
  ),
  'distribute.recipient': m<{ name: string }>((p) => `报送单位 ${p.name} 的份号页`, (p) => `the recipient ${p.name}`),
  'distribute.notice': m('填报说明 notice.pdf', 'its notice.pdf'),
  'site.invalid': m('数据有误', 'invalid'),
} as const;
