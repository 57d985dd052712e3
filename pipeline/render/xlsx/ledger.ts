/**
 * Ledger layout: a ProgressedView → WorkbookSpec (plain data). One master workbook with
 * every row, and one per responsible unit with only the rows it leads or co-owns.
 */
import type { ResponsibleUnit } from '../../model/schema.js';
import { type LedgerConfig, type LedgerRowView, type ProgressedView, type ProgressView } from '../../model/progress.js';
import { SELF_STATUS, STATUS_LABEL, STATUS_REPORT_ORDER, statusArgb, statusInkArgb, type Status } from '../../core/status.js';
import { COLORS, COLUMNS, col, FIRST_PAGE_LAST, LEDGER_FORMAT, LOCKED_KEYS, REPEAT_COLUMNS, SHEET, SHEET_NAMES, type ColumnKey } from './columns.js';
import { fingerprintRow, type ValueKind } from './fingerprint.js';
import { gapFormula, rateFormula, scheduleFormula, statusFormula } from './formulas.js';
import { metaSheet, type MetaRow } from './meta.js';
import { addr, colLetter, type CellSpec, type CellStyle, type SheetSpec, type SpecValue, type ValidationSpec, type WorkbookSpec } from './spec.js';

const FONT = '宋体';
const DATE_FMT = 'yyyy"年"m"月"d"日"';
/** 完成时限 in its narrow column. */
const SHORT_DATE_FMT = 'yyyy.m.d';
const border = true;

const STYLE = {
  title: { font: { bold: true, size: 16, name: '黑体' }, h: 'center', v: 'middle' },
  info: { font: { size: 10, name: FONT }, h: 'left', v: 'middle', wrap: true },
  infoLabel: { font: { size: 10, name: FONT, bold: true }, h: 'right', v: 'middle' },
  infoDate: { font: { size: 10, name: FONT }, h: 'left', v: 'middle', numFmt: DATE_FMT },
  header: { font: { bold: true, size: 10, name: '黑体' }, fill: COLORS.header, h: 'center', v: 'middle', wrap: true, border },
  text: { font: { size: 10, name: FONT }, v: 'middle', wrap: true, border, numFmt: '@' },
  center: { font: { size: 10, name: FONT }, h: 'center', v: 'middle', wrap: true, border },
  number: { font: { size: 10, name: FONT }, h: 'right', v: 'middle', border, numFmt: 'General' },
  percent: { font: { size: 10, name: FONT }, h: 'right', v: 'middle', border, numFmt: '0.00%' },
  locked: { font: { size: 10, name: FONT }, v: 'middle', wrap: true, border, fill: COLORS.locked, numFmt: '@' },
  date: { font: { size: 10, name: FONT }, h: 'center', v: 'middle', border, numFmt: SHORT_DATE_FMT },
  inputNumber: { font: { size: 10, name: FONT }, h: 'right', v: 'middle', border, fill: COLORS.input, numFmt: 'General' },
  inputText: { font: { size: 10, name: FONT }, v: 'middle', wrap: true, border, fill: COLORS.input, numFmt: '@' },
  status: { font: { size: 10, name: FONT, bold: true }, h: 'center', v: 'middle', border },
} satisfies Record<string, CellStyle>;

/** Display width of text in Excel column units at 10 pt (CJK ≈ 2, Latin ≈ 1, generous). */
function textUnits(s: string): number {
  let u = 0;
  for (const ch of s) u += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return u;
}

/** Wrapped lines of `text` in a column of `width` units. */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  return text.split(/\r?\n/).reduce((n, para) => n + Math.max(1, Math.ceil(textUnits(para) / usable)), 0);
}

/** Row height (points) fitting every wrapped cell; LibreOffice does not auto-fit on load. */
function rowHeight(cells: CellSpec[], minLines = 1): number {
  let lines = minLines;
  for (const c of cells) {
    if (typeof c.value !== 'string' || !c.style?.wrap) continue;
    const width = COLUMNS[c.col - 1]?.width ?? 10;
    lines = Math.max(lines, wrappedLines(c.value, width));
  }
  return Math.min(409, Math.round(lines * 13.5 + 5));
}

function isoDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** Header/footer text: `&` is a control character there. */
function hfText(s: string): string {
  return s.replace(/&/g, '&&');
}

export interface LedgerScope {
  /** The unit a per-unit workbook is issued to; absent for the master ledger. */
  unit?: ResponsibleUnit;
}

/**
 * What a sheet asks for: `lead` rows take the figures (累计完成 or 自评进度) and the words;
 * `support` rows (a unit's 配合事项) take only 配合情况, in the 进展情况 column.
 */
type Role = 'lead' | 'support';

interface DataSheetResult {
  sheet: SheetSpec;
  metaRows: MetaRow[];
  /** Rows 4..last */
  lastRow: number;
}

function dataSheet(view: ProgressedView, name: string, title: string, rows: LedgerRowView[], scope: LedgerScope, role: Role = 'lead'): DataSheetResult {
  const p = view.progress;
  const cfg = p.config;
  const cells: CellSpec[] = [];
  const lastCol = COLUMNS.length - 1; // visible columns (row id is hidden)
  const last = SHEET.firstDataRow + rows.length - 1;
  const put = (row: number, key: ColumnKey, value: SpecValue, style: CellStyle, input = false) =>
    cells.push({ row, col: col(key), value, style, input });

  cells.push({ row: SHEET.titleRow, col: 1, value: title, style: STYLE.title });
  const who = scope.unit ? `填报单位：${scope.unit.name}（盖章）` : '汇总：全部责任单位（督查室）';
  cells.push({ row: SHEET.infoRow, col: 1, value: `${who}　　会议：${view.shortTitle}`, style: STYLE.info });
  cells.push({ row: SHEET.infoRow, col: SHEET.startCell.col - 1, value: '统计起始', style: STYLE.infoLabel });
  cells.push({ row: SHEET.startCell.row, col: SHEET.startCell.col, value: isoDate(p.start), style: STYLE.infoDate });
  cells.push({ row: SHEET.infoRow, col: SHEET.asOfCell.col - 1, value: '截至日期', style: STYLE.infoLabel });
  cells.push({ row: SHEET.asOfCell.row, col: SHEET.asOfCell.col, value: isoDate(p.asOf), style: STYLE.infoDate });
  cells.push({
    row: SHEET.infoRow,
    col: col('progress'),
    value:
      role === 'support'
        ? '说明：本表为本单位配合的事项，只填黄色底纹的“配合情况”；数字由牵头单位填报。其余单元格已锁定，请勿改动、增删行列。'
        : '说明：黄色底纹为填报栏。有量化目标的填累计完成（只填数字，不带单位）；无量化目标的在“自评进度”下拉选择。其余单元格已锁定，请勿改动、增删行列。',
    style: STYLE.info,
  });
  for (const c of COLUMNS) {
    const header = c.key === 'actual' ? p.actualHeader : c.key === 'progress' && role === 'support' ? '配合情况' : c.header;
    cells.push({ row: SHEET.headerRow, col: col(c.key), value: header, style: STYLE.header });
  }

  const validations: ValidationSpec[] = [];
  const metaRows: MetaRow[] = [];
  const heights: { row: number; height: number }[] = [];
  rows.forEach((row, i) => {
    const r = SHEET.firstDataRow + i;
    const lead = role === 'lead';
    const numeric = row.mode !== 'none';
    const rate = lead ? rateFormula(row, r) : undefined;
    const gap = lead ? gapFormula(row, r) : undefined;
    put(r, 'no', row.no, STYLE.center);
    put(r, 'category', row.category, STYLE.text);
    put(r, 'name', row.name, STYLE.text);
    put(r, 'target', row.target ?? null, STYLE.number);
    put(r, 'unit', row.unit, { ...STYLE.center, numFmt: '@' });
    put(r, 'lead', row.leadName, STYLE.text);
    put(r, 'co', row.coNames, STYLE.text);
    put(r, 'end', isoDate(row.end), STYLE.date);
    if (lead && numeric) put(r, 'actual', row.inputs.actual ?? null, STYLE.inputNumber, true);
    else put(r, 'actual', null, { ...STYLE.locked, numFmt: 'General' });
    put(r, 'rate', rate ? { formula: rate, result: row.rate ?? '' } : null, STYLE.percent);
    put(r, 'schedule', lead ? { formula: scheduleFormula(r), result: row.schedule } : null, STYLE.percent);
    put(r, 'gap', gap ? { formula: gap, result: row.gap } : null, { ...STYLE.center, numFmt: '@' });
    if (lead && !numeric) put(r, 'self', row.inputs.self ?? null, { ...STYLE.inputText, h: 'center' }, true);
    else put(r, 'self', null, STYLE.locked);
    put(r, 'status', lead ? { formula: statusFormula(row, r, cfg), result: STATUS_LABEL[row.status] } : null, STYLE.status);
    const mine = scope.unit ? row.support.find((s) => s.unitId === scope.unit!.id)?.text : undefined;
    put(r, 'progress', (lead ? row.inputs.progress : mine) ?? null, STYLE.inputText, true);
    if (lead) {
      put(r, 'problems', row.inputs.problems ?? null, STYLE.inputText, true);
      put(r, 'nextSteps', row.inputs.nextSteps ?? null, STYLE.inputText, true);
    } else {
      put(r, 'problems', null, STYLE.locked);
      put(r, 'nextSteps', null, STYLE.locked);
    }
    put(r, 'leader', row.leader, { ...STYLE.center, numFmt: '@' });
    put(r, 'note', row.note, STYLE.text);
    put(r, 'rowId', row.rowId, STYLE.text);
    validations.push(...rowValidations(row, r, p, cfg, role));
    const rowCells = cells.filter((c) => c.row === r);
    heights.push({ row: r, height: rowHeight(rowCells.filter((c) => c.col !== col('rowId')), 2) });
    const byKey = new Map(rowCells.map((c) => [c.col, c.value]));
    metaRows.push({
      sheet: name,
      rowId: row.rowId,
      line: r,
      fingerprint: fingerprintRow(
        LOCKED_KEYS.map((key) => ({ key, value: byKey.get(col(key)) ?? null, kind: kindOf(key) })),
        r,
      ),
    });
  });
  metaRows.unshift({ sheet: name, rowId: '#sheet', line: SHEET.headerRow, fingerprint: fingerprintRow(fixedCells(cells), SHEET.headerRow) });

  const statusRef = `${colLetter(col('status'))}${SHEET.firstDataRow}:${colLetter(col('status'))}${last}`;
  const rateRef = `${colLetter(col('rate'))}${SHEET.firstDataRow}:${colLetter(col('rate'))}${last}`;
  const sheet: SheetSpec = {
    name,
    state: 'visible',
    columns: COLUMNS.map((c) => ({ width: c.width, hidden: c.hidden })),
    rowHeights: [
      { row: SHEET.titleRow, height: 32 },
      { row: SHEET.infoRow, height: 30 },
      { row: SHEET.headerRow, height: rowHeight(cells.filter((c) => c.row === SHEET.headerRow), 2) },
      ...heights,
    ],
    cells,
    merges: [
      `A${SHEET.titleRow}:${colLetter(col(FIRST_PAGE_LAST))}${SHEET.titleRow}`,
      `A${SHEET.infoRow}:${colLetter(SHEET.startCell.col - 2)}${SHEET.infoRow}`,
      `${colLetter(SHEET.startCell.col)}${SHEET.infoRow}:${colLetter(SHEET.startCell.col + 1)}${SHEET.infoRow}`,
      `${colLetter(SHEET.asOfCell.col)}${SHEET.infoRow}:${colLetter(SHEET.asOfCell.col + 1)}${SHEET.infoRow}`,
      `${colLetter(col('progress'))}${SHEET.infoRow}:${colLetter(lastCol)}${SHEET.infoRow}`,
    ],
    validations,
    conditionalFormats:
      rows.length === 0
        ? []
        : [
            {
              ref: statusRef,
              rules: STATUS_REPORT_ORDER.map((s) => ({ kind: 'equals' as const, text: STATUS_LABEL[s], fill: statusArgb(s), color: statusInkArgb(s) })),
            },
            { ref: rateRef, rules: [{ kind: 'dataBar', min: 0, max: 1, color: COLORS.bar }] },
          ],
    freeze: { columns: col('name'), rows: SHEET.headerRow },
    print: {
      titleRows: [SHEET.headerRow, SHEET.headerRow],
      titleColumns: REPEAT_COLUMNS,
      breakAfterColumn: col(FIRST_PAGE_LAST),
      // The figures (title and info rows included) across the first page; the words from the
      // header row down: page 2 repeats 序号、类别、目标任务 and the header, never a cut of the title.
      areas: [
        `A${SHEET.titleRow}:${colLetter(col(FIRST_PAGE_LAST))}${Math.max(last, SHEET.headerRow)}`,
        `${colLetter(col(FIRST_PAGE_LAST) + 1)}${SHEET.headerRow}:${colLetter(lastCol)}${Math.max(last, SHEET.headerRow)}`,
      ],
      header: `&C&"-,Bold"${hfText(view.title)}`,
      footer: `&L${hfText(scope.unit?.name ?? view.district.office)}&C第 &P 页，共 &N 页&R${hfText(p.periodLabel)}`,
    },
    autoFilter: `A${SHEET.headerRow}:${colLetter(COLUMNS.length)}${Math.max(last, SHEET.firstDataRow)}`,
    protect: true,
  };
  return { sheet, metaRows, lastRow: last };
}

function kindOf(key: ColumnKey): ValueKind {
  return COLUMNS.find((c) => c.key === key)!.kind;
}

/** The fixed cells of a data sheet that are fingerprinted as a whole (`#sheet`). */
export function fixedCellPositions(): { key: string; row: number; col: number; kind: ValueKind }[] {
  return [
    { key: 'title', row: SHEET.titleRow, col: 1, kind: 'text' },
    { key: 'start', row: SHEET.startCell.row, col: SHEET.startCell.col, kind: 'date' },
    { key: 'asOf', row: SHEET.asOfCell.row, col: SHEET.asOfCell.col, kind: 'date' },
    ...COLUMNS.map((c) => ({ key: `h:${c.key}`, row: SHEET.headerRow, col: col(c.key), kind: 'text' as const })),
  ];
}

function fixedCells(cells: CellSpec[]): { key: string; value: SpecValue; kind: ValueKind }[] {
  return fixedCellPositions().map((f) => ({
    key: f.key,
    kind: f.kind,
    value: cells.find((c) => c.row === f.row && c.col === f.col)?.value ?? null,
  }));
}

function fmt(n: number): string {
  return String(Number(n.toPrecision(10)));
}

function rowValidations(row: LedgerRowView, r: number, p: ProgressView, cfg: LedgerConfig, role: Role): ValidationSpec[] {
  const text = (key: 'progress' | 'problems' | 'nextSteps', title: string, what: string): ValidationSpec => ({
    ref: addr(r, col(key)),
    kind: 'textLength',
    max: cfg.limits[key],
    title,
    prompt: `${what}，不超过${cfg.limits[key]}字。`,
    error: `${title}不能超过${cfg.limits[key]}字。`,
  });
  if (role === 'support') return [text('progress', '配合情况', `请填写本单位配合${row.leadName || '牵头单位'}的工作情况`)];
  const out: ValidationSpec[] = [];
  if (row.mode === 'none') {
    out.push({
      ref: addr(r, col('self')),
      kind: 'list',
      items: SELF_STATUS,
      title: '自评进度',
      prompt: '本项无量化目标：请从下拉列表选择 已完成、按序时推进、滞后 或 未启动，并在进展情况中简要说明。',
      error: '请从下拉列表选择：已完成、按序时推进、滞后、未启动。',
    });
  } else {
    const rate = row.mode === 'rate' || (row.kind === 'target' && row.unit === '%');
    const unit = row.unit ? `（${row.unit}）` : '';
    const hint = rate ? '增速、比率填百分数的数值，如6.5表示6.5%。' : '只填数字，不带单位。';
    out.push({
      ref: addr(r, col('actual')),
      kind: 'decimal',
      min: row.min,
      max: row.max,
      title: '累计完成',
      prompt: `请填写${p.actualHeader}${unit}。${hint}年度目标：${row.targetText}。`.slice(0, 250),
      error: `请输入${fmt(row.min)}至${fmt(row.max)}之间的数字。`,
    });
  }
  out.push(
    text('progress', '进展情况', '请简要填写截至本期的工作进展'),
    text('problems', '存在问题', '请填写存在的问题及原因，没有可填“无”'),
    text('nextSteps', '下步打算', '请填写下步工作措施'),
  );
  return out;
}

interface Part {
  name: string;
  rows: LedgerRowView[];
  last: number;
}

function summarySheet(view: ProgressedView, title: string, parts: Part[], units: { name: string; rows: LedgerRowView[] }[]): SheetSpec {
  const p = view.progress;
  const cells: CellSpec[] = [];
  const statuses = STATUS_REPORT_ORDER;
  const headerStyle = (s: Status | undefined): CellStyle =>
    s === undefined ? STYLE.header : { ...STYLE.header, fill: statusArgb(s), font: { ...STYLE.header.font, color: statusInkArgb(s) } };
  const counts = (rows: LedgerRowView[], s: Status) => rows.filter((r) => r.status === s).length;
  const range = (sheet: string, key: ColumnKey, last: number) => `'${sheet}'!$${colLetter(col(key))}$${SHEET.firstDataRow}:$${colLetter(col(key))}$${last}`;
  const lastCol = 2 + statuses.length;
  const bold = { ...STYLE.number, font: { ...STYLE.number.font, bold: true } };

  cells.push({ row: 1, col: 1, value: title, style: STYLE.title });
  cells.push({ row: 2, col: 1, value: `截至日期：${p.asOfCn}　　序时进度：${p.scheduleText}（${p.months}/12）　　会议：${view.shortTitle}`, style: STYLE.info });
  const header = (row: number, first: string) => {
    cells.push({ row, col: 1, value: first, style: headerStyle(undefined) });
    cells.push({ row, col: 2, value: '项数', style: headerStyle(undefined) });
    statuses.forEach((s, i) => cells.push({ row, col: 3 + i, value: STATUS_LABEL[s], style: headerStyle(s) }));
  };
  const totalRow = (row: number, first: number, last: number, rows: LedgerRowView[]) => {
    cells.push({ row, col: 1, value: '合计', style: { ...STYLE.text, font: { ...STYLE.text.font, bold: true } } });
    for (let c = 2; c <= lastCol; c++) {
      const L = colLetter(c);
      const result = c === 2 ? rows.length : counts(rows, statuses[c - 3]!);
      cells.push({ row, col: c, value: { formula: `SUM(${L}${first}:${L}${last})`, result }, style: bold });
    }
  };
  header(3, '类别');
  let row = 4;
  for (const part of parts) {
    cells.push({ row, col: 1, value: part.name, style: STYLE.text });
    cells.push({ row, col: 2, value: { formula: `COUNTA(${range(part.name, 'rowId', part.last)})`, result: part.rows.length }, style: STYLE.number });
    statuses.forEach((s, i) =>
      cells.push({
        row,
        col: 3 + i,
        value: { formula: `COUNTIF(${range(part.name, 'status', part.last)},${colLetter(3 + i)}$3)`, result: counts(part.rows, s) },
        style: STYLE.number,
      }),
    );
    row++;
  }
  totalRow(row, 4, row - 1, parts.flatMap((x) => x.rows));
  row += 2;

  const leadParts = parts.filter((x) => x.name !== SHEET_NAMES.support);
  if (units.length > 0 && leadParts.length > 0) {
    const unitHeader = row;
    header(unitHeader, '责任单位（牵头）');
    row++;
    const firstUnit = row;
    for (const u of units) {
      // The unit name is data: as a bare COUNTIF criterion, "<…", ">…", "=…" would be
      // operators and * ? ~ wildcards. "=" + the name with its wildcards escaped matches
      // the name as plain text; an empty name (no lead unit) matches empty cells.
      const isUnit = u.name === '' ? '""' : `"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE($A${row},"~","~~"),"*","~*"),"?","~?")`;
      const sum = (f: (x: Part) => string) => leadParts.map(f).join('+');
      cells.push({ row, col: 1, value: u.name === '' ? '督查室（未明确牵头单位）' : u.name, style: STYLE.text });
      cells.push({ row, col: 2, value: { formula: sum((x) => `COUNTIF(${range(x.name, 'lead', x.last)},${isUnit})`), result: u.rows.length }, style: STYLE.number });
      statuses.forEach((s, i) =>
        cells.push({
          row,
          col: 3 + i,
          value: {
            formula: sum((x) => `COUNTIFS(${range(x.name, 'lead', x.last)},${isUnit},${range(x.name, 'status', x.last)},${colLetter(3 + i)}$${unitHeader})`),
            result: counts(u.rows, s),
          },
          style: STYLE.number,
        }),
      );
      row++;
    }
    totalRow(row, firstUnit, row - 1, units.flatMap((u) => u.rows));
  }
  return {
    name: SHEET_NAMES.summary,
    state: 'visible',
    columns: [{ width: 30 }, { width: 8 }, ...statuses.map(() => ({ width: 9 }))],
    rowHeights: [{ row: 1, height: 32 }, { row: 2, height: 30 }],
    cells,
    merges: [`A1:${colLetter(lastCol)}1`, `A2:${colLetter(lastCol)}2`],
    validations: [],
    conditionalFormats: [],
    freeze: { columns: 1, rows: 3 },
    print: {
      titleRows: [3, 3],
      header: `&C&"-,Bold"${hfText(view.title)}`,
      footer: `&C第 &P 页，共 &N 页&R${hfText(p.periodLabel)}`,
    },
    protect: true,
  };
}

/** The workbook spec of the master ledger (no unit) or of one unit's ledger. */
export function ledgerSpec(view: ProgressedView, scope: LedgerScope = {}): WorkbookSpec | undefined {
  const p = view.progress;
  const d = view.district;
  const unitId = scope.unit?.id;
  const leads = (rows: LedgerRowView[]) => (unitId ? rows.filter((r) => r.leadId === unitId) : rows);
  const targets = leads(p.targets);
  const tasks = leads(p.tasks);
  const projects = leads(p.projects);
  const support = unitId ? p.all.filter((r) => r.leadId !== unitId && r.coIds.includes(unitId)) : [];
  if (targets.length + tasks.length + projects.length + support.length === 0) return undefined;

  const suffix = scope.unit ? `（${scope.unit.name}）` : '';
  const sheets: SheetSpec[] = [];
  const metaRows: MetaRow[] = [];
  const parts: Part[] = [];
  const add = (name: string, title: string, rows: LedgerRowView[], role: Role = 'lead') => {
    if (rows.length === 0) return;
    const t = dataSheet(view, name, title, rows, scope, role);
    sheets.push(t.sheet);
    metaRows.push(...t.metaRows);
    parts.push({ name, rows, last: t.lastRow });
  };
  const head = `${d.shortName}${p.year}年`;
  add(SHEET_NAMES.targets, `${head}主要预期目标完成情况表（${p.periodLabel}）${suffix}`, targets);
  add(SHEET_NAMES.tasks, `${head}重点任务推进情况表（${p.periodLabel}）${suffix}`, tasks);
  add(SHEET_NAMES.projects, `${head}重点项目推进情况表（${p.periodLabel}）${suffix}`, projects);
  add(SHEET_NAMES.support, `${head}配合事项推进情况表（${p.periodLabel}）${suffix}`, support, 'support');
  const leadRows = [...targets, ...tasks, ...projects];
  const leadUnits = [...d.units.map((u) => ({ name: u.name, id: u.id as string | undefined })), { name: '', id: undefined }]
    .map((u) => ({ name: u.name, rows: leadRows.filter((r) => r.leadId === u.id) }))
    .filter((u) => u.rows.length > 0);
  sheets.push(summarySheet(view, `${head}目标任务推进情况汇总（${p.periodLabel}）${suffix}`, parts, leadUnits));
  sheets.push(
    metaSheet({
      format: LEDGER_FORMAT,
      meeting: view.id,
      district: view.districtId,
      unit: unitId ?? '',
      period: p.period,
      asOf: p.asOf,
      issuedAt: p.issuedAt,
      rows: metaRows,
    }),
  );
  return {
    created: new Date(p.issuedAt),
    creator: d.office,
    title: `${head}目标任务台账${suffix}`,
    subject: view.title,
    sheets,
    lockStructure: true,
  };
}
