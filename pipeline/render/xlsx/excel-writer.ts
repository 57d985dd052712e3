/**
 * WorkbookSpec → .xlsx bytes. The only module that writes with exceljs (unmaintained; see
 * library-notes §1): swap the library here. After exceljs writes, the package is re-packed
 * with fixed timestamps (exceljs/JSZip stamp every entry with "now") and the workbook
 * structure protection exceljs cannot write is patched in.
 */
import ExcelJS from 'exceljs';
import { isFormula, type CellStyle, type ConditionalRule, type SheetSpec, type WorkbookSpec } from './spec.js';
import { repack } from '../../core/zip.js';

type Style = Partial<ExcelJS.Style>;

function toStyle(s: CellStyle | undefined, input: boolean): Style {
  const style: Style = {};
  if (s?.font) style.font = { name: s.font.name, size: s.font.size, bold: s.font.bold, color: s.font.color ? { argb: s.font.color } : undefined };
  if (s?.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } };
  if (s?.h || s?.v || s?.wrap) style.alignment = { horizontal: s.h, vertical: s.v, wrapText: s.wrap };
  if (s?.numFmt) style.numFmt = s.numFmt;
  if (s?.border) {
    const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
    style.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  style.protection = { locked: !input };
  return style;
}

function cfRule(rule: ConditionalRule, priority: number): ExcelJS.ConditionalFormattingRule {
  if (rule.kind === 'equals') {
    return {
      type: 'cellIs',
      operator: 'equal',
      priority,
      formulae: [`"${rule.text.replace(/"/g, '""')}"`],
      style: {
        fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: rule.fill } },
        font: rule.color ? { color: { argb: rule.color } } : undefined,
      },
    };
  }
  // exceljs needs explicit cfvo (and a colour) for data bars, or the file breaks in Excel.
  const bar: ExcelJS.DataBarRuleType & { color: Partial<ExcelJS.Color> } = {
    type: 'dataBar',
    priority,
    gradient: false,
    cfvo: [
      { type: 'num', value: rule.min },
      { type: 'num', value: rule.max },
    ],
    color: { argb: rule.color },
  };
  return bar;
}

async function writeSheet(wb: ExcelJS.Workbook, spec: SheetSpec): Promise<void> {
  const ws = wb.addWorksheet(spec.name, {
    state: spec.state,
    views: spec.freeze ? [{ state: 'frozen', xSplit: spec.freeze.columns, ySplit: spec.freeze.rows, showGridLines: spec.state === 'visible' }] : undefined,
    // Printed at 100 %: type stays the size it is set in (no shrinking to fit the width);
    // a wide sheet prints across two pages (print areas: the figures, then the words from the
    // header row down), columns and header repeated.
    pageSetup: spec.print
      ? {
          paperSize: 9,
          orientation: 'landscape',
          fitToPage: false,
          scale: 100,
          pageOrder: 'overThenDown',
          horizontalCentered: false,
          margins: { left: 0.3, right: 0.3, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
          printTitlesRow: `${spec.print.titleRows[0]}:${spec.print.titleRows[1]}`,
          ...(spec.print.titleColumns ? { printTitlesColumn: spec.print.titleColumns } : {}),
          ...(spec.print.areas?.length ? { printArea: spec.print.areas.join('&&') } : {}),
        }
      : undefined,
    headerFooter: spec.print ? { oddHeader: spec.print.header, oddFooter: spec.print.footer } : undefined,
  });
  spec.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width;
    if (c.hidden) column.hidden = true;
  });
  for (const h of spec.rowHeights) ws.getRow(h.row).height = h.height;
  for (const m of spec.merges) ws.mergeCells(m);
  for (const c of spec.cells) {
    const cell = ws.getCell(c.row, c.col);
    const v = c.value;
    // Strings are always written as strings (shared strings): text that starts with
    // = + - @ stays text, never a formula.
    if (isFormula(v)) cell.value = { formula: v.formula, result: v.result, date1904: false };
    else cell.value = v;
    cell.style = toStyle(c.style, c.input ?? false);
  }
  for (const v of spec.validations) {
    const cell = ws.getCell(v.ref);
    // What the person sees when they click the cell and when a value is refused.
    const messages = {
      allowBlank: true,
      showInputMessage: true,
      promptTitle: v.title,
      prompt: v.prompt,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: v.title,
      error: v.error,
    } as const;
    cell.dataValidation =
      v.kind === 'decimal'
        ? { type: 'decimal', operator: 'between', formulae: [v.min, v.max], ...messages }
        : v.kind === 'list'
          ? { type: 'list', formulae: [`"${v.items.join(',')}"`], ...messages }
          : { type: 'textLength', operator: 'lessThanOrEqual', formulae: [v.max], ...messages };
  }
  let priority = 1;
  for (const cf of spec.conditionalFormats) {
    ws.addConditionalFormatting({ ref: cf.ref, rules: cf.rules.map((r) => cfRule(r, priority++)) });
  }
  if (spec.autoFilter) ws.autoFilter = spec.autoFilter;
  if (spec.protect) {
    // No password: the protection guards against accidents; changes are detected by fingerprints.
    await ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      autoFilter: true,
      sort: true,
    });
  }
}

const STRUCTURE_PROTECTION = '<workbookProtection lockStructure="1"/>';

function patchWorkbookXml(xml: string): string {
  if (xml.includes('<workbookProtection')) return xml;
  // CT_Workbook order: fileVersion, fileSharing, workbookPr, workbookProtection, bookViews, sheets…
  const at = xml.search(/<bookViews|<sheets/);
  if (at < 0) return xml;
  return xml.slice(0, at) + STRUCTURE_PROTECTION + xml.slice(at);
}

/**
 * exceljs writes a sheet's print areas as one `_xlnm.Print_Area` name per range, rows
 * relative; Excel wants one name per sheet, ranges absolute and separated by commas
 * (duplicate names make it repair the file).
 */
export function oneNamePerPrintArea(xml: string): string {
  const re = /<definedName name="_xlnm\.Print_Area" localSheetId="(\d+)">([^<]*)<\/definedName>/g;
  const bySheet = new Map<string, string[]>();
  // exceljs writes $A1:$M5; rows must be absolute too ($A$1:$M$5), or the area moves with the cursor
  const absolute = (range: string) => range.replace(/\$([A-Z]+)(\d+)/g, '$$$1$$$2');
  for (const m of xml.matchAll(re)) bySheet.set(m[1]!, [...(bySheet.get(m[1]!) ?? []), absolute(m[2]!)]);
  if (bySheet.size === 0) return xml;
  const done = new Set<string>();
  return xml.replace(re, (_all, sheet: string) => {
    if (done.has(sheet)) return '';
    done.add(sheet);
    return `<definedName name="_xlnm.Print_Area" localSheetId="${sheet}">${bySheet.get(sheet)!.join(',')}</definedName>`;
  });
}

/** exceljs gives each data bar a random GUID (x14 twin rule); number them instead. */
export function stableGuids(xml: string, salt: number): string {
  const seen = new Map<string, string>();
  return xml.replace(/\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}/gi, (g) => {
    if (/^\{(B025F937|78C0D931)-/i.test(g)) return g; // fixed extension URIs
    let id = seen.get(g);
    if (!id) {
      const n = (salt * 4096 + seen.size + 1).toString(16).toUpperCase().padStart(12, '0');
      id = `{00000000-0000-4000-8000-${n}}`;
      seen.set(g, id);
    }
    return id;
  });
}

/** A manual page break after column `after` (exceljs writes row breaks only). */
export function withColumnBreak(xml: string, after: number): string {
  if (xml.includes('<colBreaks')) return xml;
  const breaks = `<colBreaks count="1" manualBreakCount="1"><brk id="${after}" max="1048575" man="1"/></colBreaks>`;
  // CT_Worksheet order: … headerFooter, rowBreaks, colBreaks, customProperties, … drawing, legacyDrawing, … extLst
  const at = xml.search(/<(customProperties|cellWatches|ignoredErrors|smartTags|drawing|legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)[ >/]|<\/worksheet>/);
  return at < 0 ? xml : xml.slice(0, at) + breaks + xml.slice(at);
}

/** Write a workbook spec to deterministic .xlsx bytes. */
export async function writeWorkbook(spec: WorkbookSpec): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = spec.creator;
  wb.lastModifiedBy = spec.creator;
  wb.title = spec.title;
  wb.subject = spec.subject;
  wb.created = spec.created;
  wb.modified = spec.created;
  wb.calcProperties.fullCalcOnLoad = false;
  for (const s of spec.sheets) await writeSheet(wb, s);
  // STORE: the re-pack below compresses every entry once (exceljs would deflate it first).
  const raw = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Partial<ExcelJS.XlsxWriteOptions>);
  const bytes = new Uint8Array(raw as ArrayBuffer);
  return repack(bytes, spec.created, (name, text) => {
    if (name === 'xl/workbook.xml') return oneNamePerPrintArea(spec.lockStructure ? patchWorkbookXml(text) : text);
    const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
    if (!sheet) return text;
    const n = Number(sheet[1]);
    const breakAfter = spec.sheets[n - 1]?.print?.breakAfterColumn;
    return stableGuids(breakAfter ? withColumnBreak(text, breakAfter) : text, n);
  });
}
