/**
 * The progress report (督查通报): once ledger returns are ingested, every task with its
 * status, red items first, and a chart of status counts per unit — the same PDF engine
 * and page as the briefing, from the "progress.md" template. Before any return is
 * ingested there is nothing to report and no file is written.
 */
import { progressOf } from '../../model/progress.js';
import type { Renderer } from '../registry.js';
import { briefingAssets } from './assets.js';
import { briefingRenderer, renderBriefing } from './index.js';

export const reportRenderer: Renderer = {
  format: 'report',
  async render(ctx) {
    const progress = progressOf(ctx.view);
    if (!progress || progress.periods.length === 0) return [];
    const { doc } = ctx.doc('progress.md');
    const v = ctx.view;
    // The masthead of a 督查通报: its own name, the reporting month as the issue line.
    const view = {
      ...v,
      briefing: {
        ...v.briefing,
        name: `${v.district.shortName}督查通报`,
        issueLabel: progress.periodLabel,
        totalIssueLabel: undefined,
        date: progress.asOf,
        dateCn: progress.asOfCn,
        editorNote: undefined,
      },
    };
    const { pdf } = await renderBriefing({ view, doc, ...briefingAssets(ctx), source: 'progress.md' });
    return [{ name: 'progress.pdf', data: pdf }];
  },
  check: briefingRenderer.check,
};
