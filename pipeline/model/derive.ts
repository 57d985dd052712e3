/**
 * derive: typed model → view model. Everything a renderer shows that is computed
 * (labels, formatted quantities, numbering, totals, unit names) is computed here, once,
 * so templates only say the prose and renderers only lay it out.
 */
import { cnDate, cnList, headingNumber, issueLabel, num, qty, targetText, times, growthPercent, withBound, boundSense } from '../core/format.js';
import type { AreaView, FigureView, HighlightView, MeetingView, TargetView, TaskView, UnitTasks } from '../core/view.js';
import { projectsChart, reviewChart, targetsChart } from './charts.js';
import { MEETING_KIND_LABEL, type District, type Meeting } from './schema.js';

export function deriveMeeting(district: District, id: string, meeting: Meeting): MeetingView {
  const unitName = unitNames(district);
  const figures = figuresOf(meeting);
  const areas = areasOf(meeting, unitName);
  const { highlights, looseFigures } = highlightsOf(meeting, figures);
  const tasks = areas.flatMap((a) => a.tasks);
  const plan = planYearOf(meeting);
  const view: Omit<MeetingView, 'charts'> = {
    key: `${district.id}/${id}`,
    id,
    districtId: district.id,
    district,
    meeting,
    kindLabel: [meeting.kind, ...(meeting.kinds ?? [])].map((k) => MEETING_KIND_LABEL[k]).join('、'),
    title: meeting.title,
    shortTitle: meeting.shortTitle ?? meeting.title,
    body: meeting.body ?? district.committee,
    date: meeting.date,
    dateCn: cnDate(meeting.date),
    year: Number(meeting.date.slice(0, 4)),
    planYear: plan.year,
    planYearRule: plan.rule,
    briefing: briefingOf(district, meeting),
    reviewPeriod: meeting.review?.period,
    figures,
    highlights,
    looseFigures,
    otherSections: meeting.sections.filter((sec) => sectionArea(sec.heading, meeting.areas) < 0),
    targetsPeriod: meeting.targets?.period,
    targetsYear: meeting.targets?.year,
    targets: targetsOf(meeting, unitName),
    areas,
    tasks,
    projects: meeting.projects.map((p) => ({ ...p, countText: p.count !== undefined ? `${num(p.count)}${p.countUnit ?? '个'}` : '', spokenNote: spoken(p.note) })),
    projectGroups: projectGroupsOf(meeting),
    rankings: meeting.rankings,
    rankingSentences: rankingSentences(meeting),
    units: unitsOf(district, tasks),
  };
  return {
    ...view,
    charts: { review: reviewChart(view), targets: targetsChart(view), projects: projectsChart(view) },
  };
}

type UnitName = (uid: string | undefined) => string;

/** A unit id → its name (the id itself when the profile does not know it; empty for none). */
function unitNames(district: District): UnitName {
  const unitById = new Map(district.units.map((u) => [u.id, u]));
  return (uid) => (uid ? (unitById.get(uid)?.name ?? uid) : '');
}

function figuresOf(meeting: Meeting): FigureView[] {
  return (meeting.review?.figures ?? []).map((f) => ({
    name: f.name,
    value: f.value,
    unit: f.unit,
    text: `${f.prefix ?? ''}${withBound(approxQty(f.value, f.unit, f.approx), f.bound)}`,
    from: f.from,
    fromText: f.from !== undefined ? qty(f.from, f.unit) : undefined,
    fromLabel: f.fromLabel,
    times: f.from !== undefined ? times(f.from, f.value) : undefined,
    growthPct: f.from !== undefined ? growthPercent(f.from, f.value) : undefined,
    note: f.note,
    spokenNote: spoken(f.note),
    series: f.series,
  }));
}

function targetsOf(meeting: Meeting, unitName: UnitName): TargetView[] {
  return (meeting.targets?.items ?? []).map((t) => ({
    id: t.id,
    name: t.name,
    measure: t.measure,
    value: t.value,
    unit: t.unit ?? (t.measure === 'level' ? '' : '%'),
    bound: t.bound,
    sense: boundSense(t.bound),
    strive: t.strive ?? false,
    annual: t.annual ?? false,
    text: targetText(t),
    previous: t.previous,
    quantitative: t.value !== undefined,
    leadId: t.lead,
    leadName: unitName(t.lead),
    coIds: t.co,
    coNames: cnList(t.co.map(unitName)),
  }));
}

/** The work areas with their tasks numbered through the whole meeting (序号), and the sections that belong to each. */
function areasOf(meeting: Meeting, unitName: UnitName): AreaView[] {
  let running = 0;
  return meeting.areas.map((a, ai) => ({
    no: ai + 1,
    numberLabel: headingNumber(1, ai + 1),
    name: a.name,
    summary: a.summary,
    tasks: a.tasks.map((t) => ({
      id: t.id,
      no: ++running,
      areaNo: ai + 1,
      areaName: a.name,
      task: t.task,
      quantity: t.quantity,
      unit: t.unit ?? '',
      bound: t.bound,
      sense: boundSense(t.bound),
      strive: t.strive ?? false,
      direction: t.direction,
      worded: t.text !== undefined,
      quantityText: t.text ?? (t.quantity !== undefined ? `${t.strive ? '力争' : ''}${withBound(approxQty(t.quantity, t.unit, t.approx), t.bound)}` : ''),
      deadline: t.deadline,
      deadlineCn: t.deadline ? cnDate(t.deadline) : '',
      leadId: t.lead,
      leadName: unitName(t.lead),
      coIds: t.co,
      coNames: cnList(t.co.map(unitName)),
      leader: t.leader ?? '',
      note: t.note ?? '',
    })),
    sections: meeting.sections.filter((sec) => sectionArea(sec.heading, meeting.areas) === ai),
  }));
}

/**
 * The review's highlights, each with the figures its text states when there are two or more
 * (its number cards); the figures no highlight claims stay loose.
 */
function highlightsOf(meeting: Meeting, figures: FigureView[]): { highlights: HighlightView[]; looseFigures: FigureView[] } {
  const claimed = new Set<FigureView>();
  const highlights: HighlightView[] = (meeting.review?.highlights ?? []).map((h) => {
    const text = h.paragraphs.join('');
    const found = figures.filter((f) => !claimed.has(f) && figurePattern(f).test(text));
    // One figure is said in the text; two or more make the highlight's number cards.
    const own = found.length >= 2 ? found : [];
    own.forEach((f) => claimed.add(f));
    const sentences = h.paragraphs.flatMap((p) => p.split(/(?<=[。；！])/)).filter((x) => x.trim() !== '');
    const otherText = own.length ? sentences.filter((x) => !own.some((f) => figurePattern(f).test(x))).join('').replace(/；$/, '。') : '';
    return { heading: h.heading, paragraphs: h.paragraphs, figures: own, otherText };
  });
  return { highlights, looseFigures: figures.filter((f) => !claimed.has(f)) };
}

/** Projects by group: count and planned investment of this period. */
function projectGroupsOf(meeting: Meeting): MeetingView['projectGroups'] {
  const groups = new Map<string, { group: string; count: number; investment: number; unit: string }>();
  const planYear = meeting.targets?.year;
  for (const p of meeting.projects) {
    // Past years' completed investment is a result, not part of this period's plan.
    if (p.investment === undefined || (planYear !== undefined && p.year !== undefined && p.year < planYear)) continue;
    const g = p.group ?? '其他';
    const cur = groups.get(g) ?? { group: g, count: 0, investment: 0, unit: p.unit ?? '亿元' };
    cur.count += p.count ?? 1;
    cur.investment += toUnit(p.investment, p.unit ?? '亿元', cur.unit);
    groups.set(g, cur);
  }
  return [...groups.values()].map((g) => ({ ...g, investment: Number(num(g.investment)) }));
}

/** The responsible units that lead or support a task, in the profile's order. */
function unitsOf(district: District, tasks: TaskView[]): UnitTasks[] {
  return district.units
    .map((unit) => ({
      unit,
      lead: tasks.filter((t) => t.leadId === unit.id),
      co: tasks.filter((t) => t.coIds.includes(unit.id)),
    }))
    .filter((u) => u.lead.length + u.co.length > 0);
}

function briefingOf(district: District, meeting: Meeting): MeetingView['briefing'] {
  const b = meeting.briefing;
  return {
    name: b.name ?? district.briefingName,
    issue: b.issue,
    issueLabel: issueLabel(b.issue),
    totalIssueLabel: b.totalIssue ? `总第${b.totalIssue}期` : undefined,
    date: b.date,
    dateCn: cnDate(b.date),
    office: district.office,
    secrecy: b.secrecy,
    internal: b.internal,
    editorNote: b.editorNote,
    distribution: b.distribution,
    copies: b.copies,
  };
}

/**
 * 350余座, 400余万人, 3万多个: 余 follows the digits; 多 follows a leading 万/亿 of the unit
 * (as the seeds word them).
 */
export function approxQty(v: number, unit: string | undefined, approx: '余' | '多' | undefined): string {
  if (!approx) return qty(v, unit);
  const u = unit ?? '';
  const m = approx === '多' ? /^(万|亿|千|百)(.*)$/.exec(u) : null;
  return m ? `${num(v)}${m[1]}${approx}${m[2]}` : `${num(v)}${approx}${u}`;
}

/** A figure as a text would state it: its digits, then its unit (余/多 allowed inside), not part of a longer number. */
function figurePattern(f: { value: number; unit: string }): RegExp {
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const unit = [...f.unit].map((ch) => `${esc(ch)}(?:余|多)?`).join('');
  return new RegExp(`(?<![\\d.])${esc(num(f.value))}(?:余|多)?${unit}`);
}

/** The area a section belongs to: the first whose name or summary names the section's heading; -1 for none. */
function sectionArea(heading: string, areas: Meeting['areas']): number {
  return areas.findIndex((a) => a.name.includes(heading) || (a.summary ?? '').includes(heading));
}

/** Editors' remarks about the source (原文为…, 单位为…) are not said to an audience. */
function spoken(note: string | undefined): string {
  if (!note || /^(原文|录入|单位为|注[:：])/.test(note)) return '';
  return note;
}

function toUnit(v: number, from: string, to: string): number {
  if (from === to) return v;
  if (from === '万元' && to === '亿元') return v / 10000;
  if (from === '亿元' && to === '万元') return v * 10000;
  return v;
}

/**
 * The plan year of a meeting, by a documented rule (README, `jianbao check` prints it):
 * 1. `planYear` when the meeting file states it;
 * 2. else `targets.year` (the year its targets are for);
 * 3. else a plenary or economic work conference held in November or December plans the
 *    next year (the December conference sets next year's work);
 * 4. else the year the meeting was held.
 */
export function planYearOf(meeting: Pick<Meeting, 'planYear' | 'targets' | 'date' | 'kind' | 'kinds'>): { year: number; rule: string } {
  if (meeting.planYear !== undefined) return { year: meeting.planYear, rule: '会议文件 planYear 写明' };
  if (meeting.targets?.year !== undefined) return { year: meeting.targets.year, rule: '取目标年度 targets.year' };
  const y = Number(meeting.date.slice(0, 4));
  const month = Number(meeting.date.slice(5, 7));
  const kinds = [meeting.kind, ...(meeting.kinds ?? [])];
  if (month >= 11 && kinds.some((k) => k === 'plenary' || k === 'economic-work-conference')) {
    return { year: y + 1, rule: `${month}月召开的全会或经济工作会议部署下一年工作，取${y + 1}年` };
  }
  return { year: y, rule: `未写明，取会议当年${y}年` };
}

function rankingSentences(meeting: Meeting): string[] {
  const review = meeting.review;
  const said = [review?.summary ?? '', ...(review?.highlights ?? []).flatMap((h) => [h.heading, ...h.paragraphs])].join('\n');
  const out: string[] = [];
  let group: { period?: string; parts: string[] } | undefined;
  const flush = () => {
    if (group) out.push(`${group.period ? `${group.period}，` : ''}${group.parts.join('，')}。`);
    group = undefined;
  };
  for (const r of meeting.rankings ?? []) {
    const ranked = r.rank ? `${r.subject.slice(-3)}${r.scope ?? ''}第${r.rank}` : undefined; // 改善率六区第1
    if ((r.text && said.includes(r.text)) || said.includes(r.subject) || (ranked && said.includes(ranked))) continue;
    if (r.text) {
      flush();
      // the period is part of the fact: "第三季度，全区经济运行逆势上扬，…跃居六区第1"
      out.push(`${r.period && !r.text.includes(r.period) ? `${r.period}，` : ''}${r.text}。`);
      continue;
    }
    const part = `${r.subject}${r.rank ? `位居${r.scope ?? ''}第${r.rank}` : ''}`;
    if (!group || group.period !== r.period) {
      flush();
      group = { period: r.period, parts: [] };
    }
    group.parts.push(part);
  }
  flush();
  return out;
}
