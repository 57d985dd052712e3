/**
 * The year-end review (年度目标完成情况): from the plan year's last period, each target,
 * task and project 完成 / 未完成 with its figures, and each unit's completion for the
 * 考核 — a ranking or grades (config/ledger.yaml review.assess).
 */
import { pct2 } from './evaluate.js';
import type { LedgerConfig } from './config.js';
import type { Status, StatusCounts } from '../../core/status.js';

/** What the review shows of each item (taken from an evaluated row, a LedgerRowView). */
export interface ReviewedFields {
  kindLabel: string;
  no: number;
  name: string;
  leadName: string;
  targetText: string;
  figures: string;
}

/** What the review needs of an evaluated row. */
interface ReviewedRow extends ReviewedFields {
  status: Status;
}

/** What the review needs of a unit's figures (a UnitProgress). */
interface ReviewedUnit {
  unitName: string;
  counts: StatusCounts;
  total: number;
}

export interface ReviewItem extends ReviewedFields {
  done: boolean;
  /** 完成 / 未完成 */
  result: string;
}

export interface ReviewUnit {
  unitName: string;
  total: number;
  done: number;
  /** 完成率 of the unit's items, percent with two decimals. */
  rate: number;
  rateText: string;
  /** 1-based, ties share a rank (ranking). */
  rank?: number;
  /** 好 / 较好 … (grades). */
  grade?: string;
  /** rank or grade as shown. */
  assessment: string;
}

export interface AnnualReview {
  year: number;
  /** `2023年目标任务完成情况` */
  title: string;
  items: ReviewItem[];
  total: number;
  done: number;
  undone: number;
  rateText: string;
  units: ReviewUnit[];
  assess: 'ranking' | 'grades';
  /** `排名` / `等次` */
  assessHeader: string;
}

export function annualReview(all: ReviewedRow[], byUnit: ReviewedUnit[], config: LedgerConfig, year: number): AnnualReview {
  const items = all.map(({ kindLabel, no, name, leadName, targetText, figures, status }): ReviewItem => {
    const done = status === 'done';
    // an item nobody reported says so, rather than an empty cell
    return { kindLabel, no, name, leadName, targetText, figures: figures || (status === 'missing' ? '未填报' : ''), done, result: done ? '完成' : '未完成' };
  });
  const done = items.filter((i) => i.done).length;
  const assess = config.review.assess;
  const grades = [...config.review.grades].sort((a, b) => b.min - a.min);
  const units = byUnit
    .filter((u) => u.total > 0)
    .map((u) => {
      const rate = pct2(u.counts.done / u.total);
      return { unitName: u.unitName, total: u.total, done: u.counts.done, rate, rateText: `${rate.toFixed(2)}%` } as ReviewUnit;
    })
    .sort((a, b) => b.rate - a.rate || b.done - a.done || a.unitName.localeCompare(b.unitName, 'zh'));
  units.forEach((u, i) => {
    if (assess === 'ranking') {
      const prev = units[i - 1];
      u.rank = prev && prev.rate === u.rate ? prev.rank : i + 1;
      u.assessment = `第${u.rank}名`;
    } else {
      u.grade = grades.find((g) => u.rate >= g.min)?.label ?? grades.at(-1)!.label;
      u.assessment = u.grade;
    }
  });
  return {
    year,
    title: `${year}年目标任务完成情况`,
    items,
    total: items.length,
    done,
    undone: items.length - done,
    rateText: items.length ? `${pct2(done / items.length).toFixed(2)}%` : '',
    units,
    assess,
    assessHeader: assess === 'ranking' ? '排名' : '等次',
  };
}
