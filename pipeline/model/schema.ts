/**
 * The data model: one zod schema per concept, `.strict()` so a misspelt key is an
 * error, and the TypeScript types inferred from the schemas (never written by hand).
 *
 * Keys are English (they are code), values are Chinese (they are what the office types).
 * Every schema carries `.meta({ title, description })` so the generated JSON Schema
 * gives office staff hover help and completion in VS Code.
 */
import { z } from 'zod';
import { msg, type MessageArgs, type MessageKey } from '../messages/index.js';

/** The error texts of this file, so validate.ts can tell them from zod's own (English) ones. */
const SCHEMA_MESSAGES = new Set<string>();

/** A zod `error` option whose text comes from the catalogue, in the language of the moment (also used by model/progress/file.ts). */
export function E<K extends MessageKey>(key: K, ...args: MessageArgs<K>): { error: () => string } {
  return {
    error: () => {
      const text = msg(key, ...args);
      SCHEMA_MESSAGES.add(text);
      return text;
    },
  };
}

/** True for an error text written in this file (rather than zod's default wording). */
export function isSchemaMessage(text: string): boolean {
  return SCHEMA_MESSAGES.has(text);
}

// ---------------------------------------------------------------- primitives

/** Stable ASCII identifier: used in file names, workbook row ids and output paths. */
export const Id = z
  .string(E('schema.id'))
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, E('schema.idFormat'))
  .meta({ description: '稳定标识：小写字母、数字和连字符，例如 fgw、t-01' });

/**
 * Control characters (NUL, form feed, vertical tab… — usually pasted from Word or a PDF)
 * print as boxes or break the renderers. Tabs and line breaks are allowed in Text.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/;
const noControl = (s: string) => !CONTROL.test(s);
const NO_CONTROL = E('schema.noControl');

/** Non-empty Chinese (or any) text, one line or a paragraph. */
export const Text = z
  .string(E('schema.text'))
  .trim()
  .min(1, E('schema.nonEmpty'))
  .max(20_000, E('schema.maxChars', { n: 20000 }))
  .refine(noControl, NO_CONTROL)
  // the same rules for the editor (JSON Schema): something besides spaces, no control characters
  .meta({ pattern: '^(?=[\\s\\S]*\\S)[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f\\ufffe\\uffff]*$' });

/** Short one-line label. */
export const Label = z
  .string(E('schema.text'))
  .trim()
  .min(1, E('schema.nonEmpty'))
  .max(200, E('schema.maxChars', { n: 200 }))
  .refine((s) => !/[\r\n\u2028\u2029]/.test(s), E('schema.singleLine'))
  .refine((s) => !/\t/.test(s) && noControl(s), E('schema.noTab'))
  // for the editor: something besides spaces; no line break, tab or control character
  .meta({ pattern: '^(?=.*\\S)[^\\u0000-\\u001f\\u007f\\u2028\\u2029\\ufffe\\uffff]*$' });

/** A calendar date written `YYYY-MM-DD` that exists (2023-02-30 is rejected). */
export const IsoDate = z
  .string(E('schema.date'))
  .regex(/^\d{4}-\d{2}-\d{2}$/, { ...E('schema.date'), abort: true })
  .refine(isRealDate, E('schema.realDate'))
  .meta({ format: 'date', description: '日期，写作 YYYY-MM-DD，例如 2022-12-28' });

export function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Largest magnitude of a figure: 10¹² (1 万亿) — 1e308 is a slip, not a figure. */
export const MAX_MAGNITUDE = 1e12;

const FiniteNumber = z
  .number(E('schema.number'))
  .refine(Number.isFinite, { ...E('schema.finite'), abort: true })
  .min(-MAX_MAGNITUDE, E('schema.magnitude'))
  .max(MAX_MAGNITUDE, E('schema.magnitude'));

/** A quantity as written in the seed: value and unit (亿元, 万元, 万人, %, 个, 家, 亩…). */
export const Unit = z
  .string(E('schema.unit'))
  .trim()
  .min(1, E('schema.unit'))
  .max(20, E('schema.unitLength'))
  .refine(noControl, NO_CONTROL)
  .meta({ description: '计量单位，例如 亿元、万元、万人、%、个、家、亩、平方米' });

/**
 * How a target is bounded, exactly as the document words it.
 * 以上/不少于/不低于/超过 = at least; 左右 = about; 以内/不超过/以下 = at most; 达到 = reach.
 */
export const Bound = z
  .enum(['以上', '不少于', '不低于', '超过', '左右', '以内', '不超过', '以下', '达到'], E('schema.bound', { list: '以上、不少于、不低于、超过、左右、以内、不超过、以下、达到' }))
  .meta({ description: '目标的约束词：以上/不少于/不低于/超过（下限）、左右、以内/不超过/以下（上限）、达到' });

/**
 * An approximate count as the seed words it: 余 right after the digits (350余座, 400余万人),
 * 多 after a 万/亿 of the unit (3万多个).
 */
export const Approx = z
  .enum(['余', '多'], E('schema.approx'))
  .meta({ description: '约数词：余（350余座、400余万人）或 多（3万多个），照原文填写' });

// ---------------------------------------------------------------- district profile

export const ResponsibleUnit = z
  .object({
    id: Id,
    name: Label.meta({ description: '单位名称，例如 区发展改革委' }),
    contact: Label.optional().meta({ description: '联系人（可选）' }),
  })
  .strict()
  .meta({ title: '责任单位' });

export const Leader = z
  .object({
    name: Label.meta({ description: '领导姓名' }),
    title: Label.meta({ description: '职务，例如 区委书记' }),
    source: Label.optional().meta({ description: '出处（种子文件名）' }),
  })
  .strict()
  .meta({ title: '领导' });

export const District = z
  .object({
    id: Id.meta({ description: '区县标识，与文件夹同名，例如 guancheng' }),
    name: Label.meta({ description: '全称，例如 郑州市管城回族区' }),
    shortName: Label.meta({ description: '简称，例如 管城区' }),
    city: Label.meta({ description: '所属城市，例如 郑州市' }),
    kind: z
      .enum(['district', 'county-city', 'city'], E('schema.districtKind'))
      .default('district')
      .meta({ description: 'district 区，county-city 县级市，city 市' }),
    committee: Label.meta({ description: '党委全称，例如 中共郑州市管城回族区委员会' }),
    government: Label.optional().meta({ description: '政府全称' }),
    office: Label.meta({ description: '编印单位，例如 中共郑州市管城回族区委办公室' }),
    briefingName: Label.meta({ description: '简报名称（报头），例如 管城区委简报' }),
    units: z.array(ResponsibleUnit).default([]).meta({ description: '责任单位清单（台账按此分发）' }),
    leaders: z.array(Leader).default([]).meta({ description: '领导名单（姓名、职务）' }),
  })
  .strict()
  .meta({ title: '区县概况 district.yaml' });

// ---------------------------------------------------------------- meeting parts

export const Source = z
  .object({
    seed: Label.meta({ description: '种子文件名，例如 002_15d9b73775ed7c90.txt' }),
    publication: Label.optional().meta({ description: '来源媒体，例如 郑州日报' }),
    headline: Label.optional().meta({ description: '原文标题' }),
    reporters: Label.optional().meta({ description: '记者或作者' }),
  })
  .strict()
  .meta({ title: '出处' });

/** A headline figure of the review: 674亿元, optionally compared with a base (329亿元). */
export const Figure = z
  .object({
    id: Id.optional(),
    name: Label.meta({ description: '指标名称，例如 地区生产总值' }),
    value: FiniteNumber.meta({ description: '数值（按单位计），例如 674' }),
    unit: Unit,
    from: FiniteNumber.optional().meta({ description: '比较基数（同一单位），例如 329' }),
    fromLabel: Label.optional().meta({ description: '基数的时间，例如 2016年' }),
    prefix: Label.optional().meta({ description: '数值前的措辞，例如 累计、突破、达' }),
    approx: Approx.optional(),
    bound: Bound.optional().meta({ description: '数值后的约束词，例如 以上（70%以上）、左右' }),
    note: Label.optional().meta({ description: '补充说明，例如 是“十三五”初的1.4倍' }),
    series: z
      .array(z.object({ label: Label.meta({ description: '时间或类别，例如 2021年' }), value: FiniteNumber.meta({ description: '数值（与指标同一单位）' }) }).strict())
      .optional()
      .meta({ description: '趋势数据（用于图表），仅录入原文给出的数值' }),
  })
  .strict()
  .meta({ title: '成绩指标' });

export const Target = z
  .object({
    id: Id,
    name: Label.meta({ description: '指标名称，例如 地区生产总值' }),
    measure: z
      .enum(['growth', 'level', 'ratio'], E('schema.measure'))
      .meta({ description: 'growth 增长率（增长7%）；level 总量（达到1000亿元）；ratio 比率/强度（3.1%）' }),
    value: FiniteNumber.optional().meta({ description: '目标值；定性目标可省略' }),
    unit: Unit.optional(),
    bound: Bound.optional(),
    strive: z.boolean().optional().meta({ description: '是否为“力争”目标' }),
    annual: z.boolean().optional().meta({ description: '是否为“年均”增长' }),
    text: Label.optional().meta({ description: '原文表述，写了就照录（如 力争突破2000亿元、与经济增长基本同步）；缺省由数值、单位和约束词生成' }),
    previous: FiniteNumber.optional().meta({ description: '上年实际值（同一单位，用于对比图）' }),
    lead: Id.optional().meta({ description: '牵头单位 id（填写后列入该单位台账和督查通报；缺省由督查室在总台账填报）' }),
    co: z.array(Id).default([]).meta({ description: '配合单位 id 列表（配合单位只填报配合情况）' }),
  })
  .strict()
  .meta({ title: '主要预期目标' });

export const Task = z
  .object({
    id: Id.meta({ description: '任务标识，会议内唯一，台账据此回填，例如 t01' }),
    task: Label.meta({ description: '任务内容，例如 土地收储、供应、整理' }),
    quantity: FiniteNumber.optional().meta({ description: '量化目标值' }),
    unit: Unit.optional(),
    approx: Approx.optional(),
    bound: Bound.optional(),
    strive: z.boolean().optional().meta({ description: '是否为“力争”目标' }),
    text: Label.optional().meta({ description: '目标的原文表述（如 突破10个、力争进入全省前5），写了就照录；缺省由数值、单位和约束词生成' }),
    direction: z
      .enum(['up', 'down'], E('schema.direction'))
      .default('up')
      .meta({ description: 'up 越多越好（默认）；down 越少越好（如 压缩时限）' }),
    deadline: IsoDate.optional().meta({ description: '完成时限 YYYY-MM-DD' }),
    lead: Id.optional().meta({ description: '牵头单位 id（见 district.yaml 的 units）' }),
    co: z.array(Id).default([]).meta({ description: '配合单位 id 列表' }),
    leader: Label.optional().meta({ description: '牵头领导' }),
    note: Label.optional().meta({ description: '备注' }),
  })
  .strict()
  .meta({ title: '重点任务' });

export const TaskArea = z
  .object({
    name: Label.meta({ description: '工作板块，例如 坚持创新驱动，培植经济增长新动能' }),
    summary: Text.optional().meta({ description: '板块导语' }),
    tasks: z.array(Task).default([]).meta({ description: '本板块的重点任务' }),
  })
  .strict()
  .meta({ title: '工作板块' });

export const Project = z
  .object({
    id: Id.optional(),
    name: Label.meta({ description: '项目名称或类别，例如 重点项目' }),
    group: Label.optional().meta({ description: '项目类别，用于分组统计' }),
    year: z
      .number(E('schema.year'))
      .int(E('schema.int'))
      .min(1949, E('schema.yearRange'))
      .max(2100, E('schema.yearRange'))
      .optional()
      .meta({ description: '投资所属年度：往年已完成的项目不计入本年度分组统计' }),
    investment: FiniteNumber.min(0, E('schema.investment')).optional().meta({ description: '投资额（按 unit 计），例如 793' }),
    unit: Unit.optional(),
    count: z
      .number(E('schema.number'))
      .int(E('schema.int'))
      .min(0, E('schema.count'))
      .optional()
      .meta({ description: '项目个数' }),
    countUnit: Unit.optional().meta({ description: '项目个数的量词，按原文填写，例如 条（道路）、所（学校）、座（设施）；缺省为 个' }),
    note: Label.optional().meta({ description: '备注' }),
    lead: Id.optional().meta({ description: '责任单位 id：填写后项目列入该单位台账和督查通报（需有 id）' }),
    co: z.array(Id).default([]).meta({ description: '配合单位 id 列表' }),
    deadline: IsoDate.optional().meta({ description: '完成时限 YYYY-MM-DD（缺省为计划年度12月31日）' }),
  })
  .strict()
  .meta({ title: '重点项目' });

export const Ranking = z
  .object({
    subject: Label.meta({ description: '考核或评比事项' }),
    rank: z.number(E('schema.number')).int(E('schema.int')).min(1, E('schema.rank')).optional().meta({ description: '名次，例如 1 表示第一' }),
    scope: Label.optional().meta({ description: '比较范围，例如 六区' }),
    period: Label.optional().meta({ description: '时段，例如 2022年上半年' }),
    text: Label.optional().meta({ description: '原文表述' }),
  })
  .strict()
  .meta({ title: '排名与荣誉' });

export const Section = z
  .object({
    heading: Label.meta({ description: '小标题' }),
    paragraphs: z.array(Text).default([]).meta({ description: '段落（每项一段）' }),
    subsections: z
      .array(z.object({ heading: Label.meta({ description: '下一级小标题' }), paragraphs: z.array(Text).default([]).meta({ description: '段落（每项一段）' }) }).strict())
      .default([])
      .meta({ description: '下一级部分' }),
  })
  .strict()
  .meta({ title: '正文部分' });

export const Distribution = z
  .object({
    bao: z.array(Label).default([]).meta({ description: '报：上级机关' }),
    song: z.array(Label).default([]).meta({ description: '送：平级或不相隶属机关' }),
    fa: z.array(Label).default([]).meta({ description: '发：下级单位' }),
  })
  .strict();

export const Briefing = z
  .object({
    name: Label.optional().meta({ description: '简报名称，缺省用 district.yaml 的 briefingName' }),
    issue: z
      .number(E('schema.issue'))
      .int(E('schema.issueInt'))
      .min(1, E('schema.issueRange'))
      .max(9999, E('schema.issueRange'))
      .meta({ description: '期号' }),
    totalIssue: z
      .number(E('schema.number'))
      .int(E('schema.int'))
      .min(1, E('schema.totalIssue'))
      .optional()
      .meta({ description: '总期号' }),
    date: IsoDate.meta({ description: '印发日期' }),
    editorNote: Text.optional().meta({ description: '编者按' }),
    secrecy: Label.optional().meta({ description: '密级或保存要求，例如 内部资料 注意保存' }),
    internal: z.boolean().default(false).meta({ description: '是否内部发行（分发时加水印）' }),
    distribution: Distribution.default({ bao: [], song: [], fa: [] }).meta({ description: '报尾：报、送、发的单位名单' }),
    copies: z
      .number(E('schema.number'))
      .int(E('schema.copiesInt'))
      .min(1, E('schema.copiesRange'))
      .max(100_000, E('schema.copiesRange'))
      .optional()
      .meta({ description: '共印份数' }),
    annex: z
      .boolean(E('schema.boolean'))
      .optional()
      .meta({ description: '长清单（重点任务、重点项目）放到简报附件：true 总放附件，false 总放正文；不写时由模板按清单长度决定' }),
  })
  .strict()
  .meta({ title: '简报信息' });

export const MeetingKind = z
  .enum(
    [
      'party-congress',
      'plenary',
      'economic-work-conference',
      'study-session',
      'annual-review',
      'five-year-review',
      'planning',
    ],
    E('schema.kind', { list: 'party-congress、plenary、economic-work-conference、study-session、annual-review、five-year-review、planning' }),
  )
  .meta({
    description:
      'party-congress 党代会；plenary 全会；economic-work-conference 经济工作会议；study-session 中心组学习会；annual-review 年度回顾；five-year-review 五年回顾；planning 规划部署',
  });

export const Review = z
  .object({
    period: Label.meta({ description: '回顾时段，例如 “十三五”时期、2022年' }),
    summary: Text.optional().meta({ description: '回顾综述' }),
    figures: z.array(Figure).default([]).meta({ description: '成绩指标（数值、单位、对比基数）' }),
    highlights: z
      .array(z.object({ heading: Label.meta({ description: '亮点标题' }), paragraphs: z.array(Text).default([]).meta({ description: '段落（每项一段）' }) }).strict())
      .default([])
      .meta({ description: '工作亮点（小标题和段落）' }),
  })
  .strict()
  .meta({ title: '回顾' });

export const Targets = z
  .object({
    period: Label.meta({ description: '目标时段，例如 2023年、今后五年' }),
    year: z
      .number(E('schema.year'))
      .int(E('schema.yearExample'))
      .min(1949, E('schema.yearRange'))
      .max(2100, E('schema.yearRange'))
      .optional()
      .meta({ description: '目标年度（年度目标）' }),
    intro: Text.optional().meta({ description: '目标导语' }),
    items: z.array(Target).default([]).meta({ description: '各项预期目标' }),
  })
  .strict()
  .meta({ title: '主要预期目标' });

export const Meeting = z
  .object({
    kind: MeetingKind,
    kinds: z.array(MeetingKind).optional().meta({ description: '合并召开时的其他会议类型' }),
    title: Label.meta({ description: '会议全称' }),
    shortTitle: Label.optional().meta({ description: '简称，用于幻灯片和文件标题' }),
    session: Label.optional().meta({ description: '届次，例如 第十二届委员会第四次全体会议' }),
    date: IsoDate.meta({ description: '会议日期' }),
    planYear: z
      .number(E('schema.year'))
      .int(E('schema.yearExample'))
      .min(1949, E('schema.yearRange'))
      .max(2100, E('schema.yearRange'))
      .optional()
      .meta({
        description:
          '计划年度：台账、完成时限和序时进度按此年度计算。缺省时依次取 targets.year；11月、12月召开的全会、经济工作会议取下一年；其他取会议当年',
      }),
    dateNote: Label.optional().meta({ description: '日期说明，例如 原文未载明会议日期，取报道刊发日' }),
    place: Label.optional().meta({ description: '会议地点' }),
    body: Label.optional().meta({ description: '主办机关，缺省为 district.yaml 的 committee' }),
    source: Source.meta({ description: '数据出处（种子文件、媒体、标题）' }),
    lead: Text.optional().meta({ description: '导语' }),
    review: Review.optional().meta({ description: '回顾：过去的成绩' }),
    yearEnd: z
      .object({
        meeting: z
          .string(E('schema.yearEndRef'))
          .regex(/^(?:[a-z0-9][a-z0-9-]{0,63}\/)?[a-z0-9][a-z0-9-]{0,63}$/, E('schema.yearEndRef'))
          .meta({ description: '作出年度部署、已收回台账的会议：同一区县写会议文件名（不含 .yaml），例如 2022-12-28-plenary；其他区县写 区县id/会议文件名' }),
      })
      .strict()
      .optional()
      .meta({
        description:
          '年度目标完成情况：引用上一年度部署会议的台账进度（其计划年度12月收回的台账），简报和汇报提纲中自动生成“年度目标完成情况”一节（逐项完成/未完成、各单位完成率及排名或等次），无需重新录入。被引用的会议须已有12月的进度文件',
      }),
    rankings: z.array(Ranking).default([]).meta({ description: '排名与荣誉' }),
    targets: Targets.optional().meta({ description: '主要预期目标' }),
    areas: z.array(TaskArea).default([]).meta({ description: '重点任务（按工作板块）' }),
    projects: z.array(Project).default([]).meta({ description: '重点项目' }),
    sections: z.array(Section).default([]).meta({ description: '其他正文部分' }),
    closing: Text.optional().meta({ description: '结尾号召' }),
    briefing: Briefing.meta({ description: '简报信息：期号、印发日期、报送名单' }),
  })
  .strict()
  .meta({ title: '会议 meeting.yaml' });

export type District = z.infer<typeof District>;
export type ResponsibleUnit = z.infer<typeof ResponsibleUnit>;
export type Meeting = z.infer<typeof Meeting>;
export type MeetingKind = z.infer<typeof MeetingKind>;
export type Figure = z.infer<typeof Figure>;
export type Target = z.infer<typeof Target>;
export type Task = z.infer<typeof Task>;
export type TaskArea = z.infer<typeof TaskArea>;
export type Project = z.infer<typeof Project>;
export type Ranking = z.infer<typeof Ranking>;
export type Section = z.infer<typeof Section>;
export type Briefing = z.infer<typeof Briefing>;
export type Bound = z.infer<typeof Bound>;

export const MEETING_KIND_LABEL: Record<MeetingKind, string> = {
  'party-congress': '党代会',
  plenary: '全会',
  'economic-work-conference': '经济工作会议',
  'study-session': '中心组学习会',
  'annual-review': '年度回顾',
  'five-year-review': '五年回顾',
  planning: '规划部署',
};
