/**
 * The ledger renderer (目标任务台账): `ledger.xlsx` with every row, plus one
 * `ledger-<unitId>.xlsx` per responsible unit that leads or co-owns tasks.
 *
 * Progress is read from the view (attach it with `applyProgress`); without it the ledger
 * is issued blank for the briefing month with the default thresholds.
 */
import { applyProgress, progressOf, type ProgressedView } from '../../model/progress.js';
import type { MeetingView } from '../../core/view.js';
import type { OutputFile, RenderContext, Renderer } from '../registry.js';
import { renderError } from '../../errors.js';
import { msg } from '../../messages/index.js';
import { writeWorkbook } from './excel-writer.js';
import { ledgerSpec } from './ledger.js';

export { readWorkbook, type ReadWorkbook, type ReadSheet, WorkbookReadError } from './excel-reader.js';
export { checkZip, unzipChecked, ZipError } from '../../core/zip.js';
export { parseMeta, metaIntact, metaDigest, CHECKSUM_ROW, type LedgerMeta, type MetaRow } from './meta.js';
export { fingerprintRow, canonical, type ReadValue } from './fingerprint.js';
export { COLUMNS, SHEET, SHEET_NAMES, LOCKED_KEYS, INPUT_KEYS, LEDGER_FORMAT, col, type ColumnKey, type InputKey } from './columns.js';
export { fixedCellPositions, ledgerSpec } from './ledger.js';

function progressed(view: MeetingView): ProgressedView {
  const p = progressOf(view);
  return p ? { ...view, progress: p } : applyProgress(view, []);
}

/** All ledger files of a meeting (empty when it has neither targets nor tasks). */
export async function renderLedgers(view: MeetingView): Promise<OutputFile[]> {
  const pv = progressed(view);
  const out: OutputFile[] = [];
  const master = ledgerSpec(pv);
  if (!master) return out;
  out.push({ name: 'ledger.xlsx', data: await writeWorkbook(master) });
  // One workbook per unit that leads or supports any target, task or project.
  for (const unit of pv.district.units) {
    const spec = ledgerSpec(pv, { unit });
    if (spec) out.push({ name: `ledger-${unit.id}.xlsx`, data: await writeWorkbook(spec) });
  }
  return out;
}

export const ledgerRenderer: Renderer = {
  format: 'ledger',
  async render(ctx: RenderContext): Promise<OutputFile[]> {
    try {
      return await renderLedgers(ctx.view);
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : String(cause);
      throw renderError(`output/${ctx.view.key}/ledger.xlsx`, msg('output.ledgerWrite', { detail }), cause);
    }
  },
};
