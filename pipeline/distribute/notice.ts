/**
 * The instruction note in each bundle (填报说明 for a unit with a ledger, 分送说明 for any
 * other recipient): templates/default/notice.md.hbs → the intermediate form → the
 * briefing PDF renderer, with the masthead naming the note and "随…第X期印发" instead of
 * the briefing's name and issue, and no 报尾.
 */
import { JianbaoError } from '../errors.js';
import type { MeetingView, TaskView } from '../core/view.js';
import { progressOf } from '../model/progress.js';
import { escapeDeep } from '../render/doc/escape.js';
import { templateDoc } from '../render/doc/index.js';
import { cnDate } from '../core/format.js';
import { renderBriefing } from '../render/pdf/index.js';
import type { FontSet } from '../render/pdf/fonts.js';
import type { Theme } from '../render/pdf/theme.js';
import type { TemplateSet } from '../render/template.js';
import type { CopyAssignment } from './plan.js';

/** Ledgers are returned by this day of the month after the period they report. */
export const RETURN_DAY = 5;

export interface NoticeData {
  ledger: boolean;
  /** Masthead name: 填报说明 / 分送说明. */
  title: string;
  recipient: string;
  category: string;
  serial: string;
  copies?: number;
  internal: boolean;
  ledgerFile?: string;
  leadCount: number;
  coCount: number;
  leadTasks: Pick<TaskView, 'no' | 'task' | 'quantityText' | 'deadlineCn'>[];
  actualHeader: string;
  returnDay: number;
  returnBy: string;
  returnTo: string;
}

/** YYYY-MM → the RETURN_DAY of the following month, YYYY-MM-DD. */
export function returnDate(period: string, day = RETURN_DAY): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return `${ny}-${String(nm).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function noticeData(view: MeetingView, a: CopyAssignment, ledgerFile: string | undefined): NoticeData {
  const unit = a.unitId ? view.units.find((u) => u.unit.id === a.unitId) : undefined;
  const hasLedger = !!(unit && ledgerFile);
  const progress = progressOf(view);
  const period = progress?.period ?? view.briefing.date.slice(0, 7);
  return {
    ledger: hasLedger,
    title: hasLedger ? '填报说明' : '分送说明',
    recipient: a.recipient,
    category: a.category,
    serial: a.serial,
    copies: view.briefing.copies,
    internal: view.briefing.internal,
    ledgerFile: hasLedger ? ledgerFile : undefined,
    leadCount: unit?.lead.length ?? 0,
    coCount: unit?.co.length ?? 0,
    leadTasks: (unit?.lead ?? []).map((t) => ({ no: t.no, task: t.task, quantityText: t.quantityText, deadlineCn: t.deadlineCn })),
    actualHeader: progress?.actualHeader ?? '累计完成',
    returnDay: RETURN_DAY,
    returnBy: cnDate(returnDate(period)),
    returnTo: view.briefing.office,
  };
}

export interface NoticeRenderer {
  /** The note's intermediate-form text (for tests and for a plain-text fallback). */
  text(view: MeetingView, notice: NoticeData): string;
  /** The note as PDF, and the characters its fonts could not show. */
  pdf(view: MeetingView, notice: NoticeData): Promise<{ pdf: Uint8Array; missing: string[] }>;
}

export function noticeRenderer(opts: { templates: TemplateSet; root: string; theme: Theme; fonts: FontSet }): NoticeRenderer {
  const text = (view: MeetingView, notice: NoticeData) => opts.templates.render('notice.md', view.districtId, escapeDeep({ ...view, notice }));
  return {
    text,
    async pdf(view, notice) {
      const { doc } = templateDoc(opts.templates, 'notice.md', view.districtId, { ...view, notice });
      const b = view.briefing;
      const noticeView: MeetingView = {
        ...view,
        briefing: {
          ...b,
          name: notice.title,
          issueLabel: `随${b.name}${b.issueLabel}印发`,
          totalIssueLabel: undefined,
          editorNote: undefined,
          distribution: { bao: [], song: [], fa: [] },
          copies: undefined,
        },
      };
      const { pdf, missingGlyphs } = await renderBriefing({ view: noticeView, doc, source: 'notice.md', theme: opts.theme, fonts: opts.fonts });
      return { pdf, missing: [...new Set(missingGlyphs.map((g) => g.char))] };
    },
  };
}
