/**
 * The view model: what derive computes from the typed model and every renderer, template
 * and later step reads. Types only; model/derive.ts builds it.
 */
import type { Bound, District, Meeting, Project, ResponsibleUnit } from '../model/schema.js';
import type { ChartSpec } from './chart.js';

export interface FigureView {
  name: string;
  value: number;
  unit: string;
  /** 674亿元 (with the prefix word if any: 累计2744亿元) */
  text: string;
  from?: number;
  fromText?: string;
  fromLabel?: string;
  /** 2.05倍 */
  times?: string;
  growthPct?: number;
  note?: string;
  /** The note as a presenter may read it out: empty when it is an editor's remark (原文为…). */
  spokenNote: string;
  series?: { label: string; value: number }[];
}

export interface TargetView {
  id: string;
  /** Responsible unit (lead) and supporting units, when the data names them. */
  leadId?: string;
  leadName: string;
  coIds: string[];
  coNames: string;
  name: string;
  measure: 'growth' | 'level' | 'ratio';
  value?: number;
  unit: string;
  bound?: Bound;
  sense: 'min' | 'max' | 'about' | 'reach';
  strive: boolean;
  annual: boolean;
  /** 增长7%左右 / 达到3.1% / 与经济增长基本同步 */
  text: string;
  previous?: number;
  quantitative: boolean;
}

export interface TaskView {
  id: string;
  /** 1-based running number over the whole meeting (序号). */
  no: number;
  areaNo: number;
  areaName: string;
  task: string;
  quantity?: number;
  unit: string;
  bound?: Bound;
  sense: 'min' | 'max' | 'about' | 'reach';
  strive: boolean;
  direction: 'up' | 'down';
  /** 1000亩以上 (empty for a qualitative task) */
  quantityText: string;
  /** quantityText is the seed's own wording (task.text), not built from the number. */
  worded: boolean;
  deadline?: string;
  deadlineCn: string;
  leadId?: string;
  leadName: string;
  coIds: string[];
  coNames: string;
  leader: string;
  note: string;
}

export interface AreaView {
  no: number;
  /** 一、 */
  numberLabel: string;
  name: string;
  summary?: string;
  tasks: TaskView[];
  /** Other sections of the meeting about this area (their heading is named in the area's name or summary). */
  sections: Meeting['sections'];
}

/** A review highlight with the headline figures its text states. */
export interface HighlightView {
  heading: string;
  paragraphs: string[];
  figures: FigureView[];
  /** The paragraphs' sentences that state none of `figures` (what the number cards do not say). */
  otherText: string;
}

export interface ProjectView extends Project {
  /** 21条, 30所, 54座 (the count's own unit, 个 when the data names none); empty without a count */
  countText: string;
  /** The note as a presenter may read it out: empty when it is an editor's remark. */
  spokenNote: string;
}

export interface UnitTasks {
  unit: ResponsibleUnit;
  /** Tasks this unit leads. */
  lead: TaskView[];
  /** Tasks this unit supports. */
  co: TaskView[];
}

export interface MeetingView {
  key: string;
  id: string;
  districtId: string;
  district: District;
  meeting: Meeting;
  kindLabel: string;
  title: string;
  shortTitle: string;
  body: string;
  date: string;
  dateCn: string;
  year: number;
  /** The year the ledgers, 完成时限 defaults and 序时进度 refer to (model/derive.ts planYearOf). */
  planYear: number;
  /** How planYear was found, in words (printed by `jianbao check`). */
  planYearRule: string;
  briefing: {
    name: string;
    issue: number;
    issueLabel: string;
    totalIssueLabel?: string;
    date: string;
    dateCn: string;
    office: string;
    secrecy?: string;
    internal: boolean;
    editorNote?: string;
    distribution: { bao: string[]; song: string[]; fa: string[] };
    copies?: number;
  };
  reviewPeriod?: string;
  figures: FigureView[];
  /** Highlights, each with the figures its paragraphs state (a figure goes to the first that does). */
  highlights: HighlightView[];
  /** Figures no highlight states. */
  looseFigures: FigureView[];
  /** Sections that belong to no area (see AreaView.sections). */
  otherSections: Meeting['sections'];
  targetsPeriod?: string;
  targetsYear?: number;
  targets: TargetView[];
  areas: AreaView[];
  tasks: TaskView[];
  projects: ProjectView[];
  projectGroups: { group: string; count: number; investment: number; unit: string }[];
  rankings: Meeting['rankings'];
  /**
   * The rankings as sentences for the review, leaving out those the review already says
   * (their text, or their subject, appears in the summary or a highlight); consecutive
   * rankings of one period share it: "2022年上半年，甲位居六区第1，乙位居六区第2".
   */
  rankingSentences: string[];
  units: UnitTasks[];
  /** status: task status counts per unit, present once ledger returns are ingested. */
  charts: { review?: ChartSpec; targets?: ChartSpec; projects?: ChartSpec; status?: ChartSpec; statusParts?: ChartSpec[]; overview?: ChartSpec; trend?: ChartSpec };
}
