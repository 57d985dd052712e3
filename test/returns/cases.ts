/**
 * The bad-returns corpus: every way a returned ledger goes wrong that the office has seen
 * or can imagine, each built in code from freshly issued ledgers, with the exact report
 * `jianbao ingest` must print for it. Good cases (sorted rows, a LibreOffice re-save, a
 * chart added…) must merge; bad ones must be rejected with located problems and leave the
 * data folder byte for byte as it was.
 *
 * Report lines are `formatProblem` output with the case's returns folder removed and its
 * data folder written `{data}`. Row numbers are those of the fixture's ledgers:
 *   ledger-fgw.xlsx  重点任务 rows 4–5: t01 (1000亩, 0–10000), t05 (14个, 0–140); 配合事项 row 4: t04
 *   ledger-kjj.xlsx  重点任务 rows 4–5: t03 (65%, 0–650), t04 (no target); 配合事项 rows 4–5: t01, t06
 *   ledger.xlsx      主要预期目标 rows 4–7: gdp, invest, pm25, income; 重点任务 rows 4–9: t01–t06
 */
import { mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { listZip, writeZip } from '../../pipeline/core/zip.js';
import { convert, fillReturn, reorderRows, rowsById, type Fill } from '../support/xlsx.js';
import { caseDirs, centralEntryOffset, COL, deleteRow, DISTRICT_ID, MEETING_ID, OTHER_MEETING_ID, parts, pack, patchParts, withChart, type Issued } from './support.js';

export interface CaseContext {
  issued: Issued;
  dataDir: string;
  returnsDir: string;
  root: string;
  /** A path in the case's returns folder. */
  path(name: string): string;
  /** Fill a ledger as a unit would (exceljs, like a clerk's Excel) and save it in the returns folder. */
  fill(src: string, name: string, fills: Record<string, Fill>, opts?: Parameters<typeof fillReturn>[3]): Promise<string>;
  /** Write bytes into the returns folder. */
  write(name: string, bytes: Uint8Array | string): string;
}

export type ProgressYaml = { tasks?: Record<string, Record<string, unknown>>; targets?: Record<string, Record<string, unknown>> };

export interface ReturnCase {
  name: string;
  /** error: report.ok false; warning: ok with warnings; good: ok, no problems. */
  kind: 'error' | 'warning' | 'good';
  needs?: 'soffice';
  /** Change the case's data folder first (the data as the office has it now). */
  data?: (dataDir: string) => void;
  /** Returns ingested before the case (must merge cleanly). */
  prior?: (c: CaseContext) => Promise<string[]>;
  /** The returns given to ingest, in order. */
  build: (c: CaseContext) => Promise<string[]>;
  /** The exact report lines. */
  lines: string[];
  /** Whether the data folder changes (only good input may change it). */
  changes: boolean;
  /** Progress files written, relative to the data folder. */
  written?: string[];
  /** What the progress file holds afterwards (subset). */
  expectYaml?: { file: string; data: ProgressYaml };
  /** Per-file outcome, when the case has several files. */
  statuses?: ('merged' | 'unchanged' | 'rejected')[];
  /** Anything else to check afterwards (the progress files are read from `dataDir`). */
  check?: (dataDir: string) => void;
}

const JAN = `${DISTRICT_ID}/progress/${MEETING_ID}/2023-01.yaml`;
const at = (sheet: string, cell: string, f = 'bad.xlsx') => `${f} › ${sheet} › ${cell}`;
const T = '重点任务';
const LOCKED = '期望与下发时相同（此单元格已锁定）';
const FORMULA = '期望与下发时相同（此单元格已锁定，是公式，不要在上面粘贴数值）';
const CHECKSUM =
  'bad.xlsx › _jianbao › B8  校验值  期望隐藏工作表 _jianbao 与下发时相同（它记录台账属于哪个会议、单位和月份），实际为 内容与校验值不符（工作表被改过）  提示：请在新下发的台账中填写';
const NO_CHECKSUM = '没有校验值（被删除了，或台账是旧版 jianbao 下发的）  提示：请重新下发台账，在新台账中填写';

const fgw = (c: CaseContext) => c.issued.jan['ledger-fgw.xlsx']!;
const kjj = (c: CaseContext) => c.issued.jan['ledger-kjj.xlsx']!;
const master = (c: CaseContext) => c.issued.jan['ledger.xlsx']!;
const tasks = (wb: ExcelJS.Workbook) => wb.getWorksheet(T)!;
const meta = (wb: ExcelJS.Workbook) => wb.getWorksheet('_jianbao')!;
/** A filled fgw return (t01 = 120, t05 = 3), as bytes, to damage at the package level. */
const goodBytes = async (c: CaseContext) => readFileSync(await c.fill(fgw(c), 'good-src.xlsx', { 'task:t01': { actual: 120, progress: '完成收储120亩' }, 'task:t05': { actual: 3 } }));

export const CASES: ReturnCase[] = [
  // ------------------------------------------------------------ not a workbook at all
  {
    name: 'not a zip (a text file named .xlsx)',
    kind: 'error',
    build: async (c) => [c.write('bad.xlsx', '这不是工作簿，是一段文字。\n')],
    lines: ['bad.xlsx  期望 .xlsx 格式的工作簿（Excel 2007 以后的格式），实际为 不是 .xlsx 格式的文件（旧的 .xls、设了密码的工作簿，或改了扩展名的文件？）  提示：请在 Excel 或 WPS 中打开，去掉打开密码，“另存为”Excel 工作簿（*.xlsx）后再交'],
    changes: false,
  },
  {
    name: 'an old .xls or an encrypted workbook (OLE2 compound file)',
    kind: 'error',
    build: async (c) => [c.write('bad.xlsx', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4088)]))],
    lines: ['bad.xlsx  期望 .xlsx 格式的工作簿（Excel 2007 以后的格式），实际为 不是 .xlsx 格式的文件（旧的 .xls、设了密码的工作簿，或改了扩展名的文件？）  提示：请在 Excel 或 WPS 中打开，去掉打开密码，“另存为”Excel 工作簿（*.xlsx）后再交'],
    changes: false,
  },
  {
    name: 'an empty file',
    kind: 'error',
    build: async (c) => [c.write('bad.xlsx', '')],
    lines: ['bad.xlsx  期望 .xlsx 格式的工作簿（Excel 2007 以后的格式），实际为 空文件（0 字节）  提示：请在 Excel 或 WPS 中打开，去掉打开密码，“另存为”Excel 工作簿（*.xlsx）后再交'],
    changes: false,
  },
  {
    name: 'a truncated zip (half a download)',
    kind: 'error',
    build: async (c) => {
      const b = await goodBytes(c);
      return [c.write('bad.xlsx', b.subarray(0, b.length >> 1))];
    },
    lines: ['bad.xlsx  期望能读取的 .xlsx 工作簿，实际为 找不到压缩包的目录（文件不完整，例如没有下载完？）  提示：文件可能已损坏：请填报单位在 Excel 中打开、保存后重新发送'],
    changes: false,
  },
  {
    name: 'a zip that is not a workbook',
    kind: 'error',
    build: async (c) => [c.write('bad.xlsx', writeZip([{ name: '说明.txt', data: Buffer.from('台账见附件') }], new Date(Date.UTC(2023, 1, 3))))],
    lines: ['bad.xlsx  期望 .xlsx 格式的工作簿，实际为 不含工作簿的压缩包（没有 xl/workbook.xml）  提示：发来的可能不是台账：请填报单位发送收到的台账（.xlsx）'],
    changes: false,
  },
  {
    name: 'a Word document renamed .xlsx',
    kind: 'error',
    build: async (c) =>
      [c.write('bad.xlsx', pack([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]))],
    lines: ['bad.xlsx  期望 .xlsx 格式的工作簿，实际为 Word 文档（.docx），不是工作簿  提示：发来的可能不是台账：请填报单位发送收到的台账（.xlsx）'],
    changes: false,
  },
  {
    name: 'zip bomb: a small zip whose central directory claims 3 GB',
    kind: 'error',
    build: async (c) => {
      const z = pack(parts(await goodBytes(c)));
      z.writeUInt32LE(3_000_000_000, centralEntryOffset(z, 'xl/worksheets/sheet1.xml') + 24);
      return [c.write('bad.xlsx', z)];
    },
    lines: [/* sizes of the real parts + 3 000 000 000 */ 'bad.xlsx  期望解压后不超过 50 MB 的工作簿，实际为 解压后共 {total} 字节（上限 52428800 字节）'],
    changes: false,
  },
  {
    name: 'zip bomb: 60 MB of zeros in 60 KB',
    kind: 'error',
    build: async (c) => [c.write('bad.xlsx', pack([...parts(await goodBytes(c)), { name: 'xl/media/image1.png', data: Buffer.alloc(60 * 1024 * 1024) }]))],
    lines: ['bad.xlsx  期望解压后不超过 50 MB 的工作簿，实际为 解压后共 {total} 字节（上限 52428800 字节）'],
    changes: false,
  },
  {
    name: 'zip bomb under the size limit: 30 MB at 1000:1',
    kind: 'error',
    build: async (c) => [c.write('bad.xlsx', pack([...parts(await goodBytes(c)), { name: 'xl/media/image1.png', data: Buffer.alloc(30 * 1024 * 1024) }]))],
    lines: ['bad.xlsx  期望解压后不超过 50 MB 的工作簿，实际为 xl/media/image1.png 的压缩比为 {ratio}:1'],
    changes: false,
  },
  {
    name: 'a part that inflates beyond its declared size',
    kind: 'error',
    build: async (c) => {
      const z = pack([...parts(await goodBytes(c)), { name: 'xl/media/pad.bin', data: Buffer.alloc(2 * 1024 * 1024, 1) }]);
      const central = centralEntryOffset(z, 'xl/media/pad.bin');
      z.writeUInt32LE(1024, central + 24);
      z.writeUInt32LE(1024, z.readUInt32LE(central + 42) + 22); // the local header too
      return [c.write('bad.xlsx', z)];
    },
    lines: ['bad.xlsx  期望解压后不超过 50 MB 的工作簿，实际为 xl/media/pad.bin 解压后超出记录的大小'],
    changes: false,
  },
  {
    name: 'a damaged part (CRC mismatch)',
    kind: 'error',
    build: async (c) => {
      const z = pack(parts(await goodBytes(c)));
      const central = centralEntryOffset(z, 'xl/worksheets/sheet1.xml');
      z.writeUInt32LE((z.readUInt32LE(central + 16) ^ 0x5a5a5a5a) >>> 0, central + 16);
      return [c.write('bad.xlsx', z)];
    },
    lines: ['bad.xlsx  期望能读取的 .xlsx 工作簿，实际为 xl/worksheets/sheet1.xml 已损坏（CRC-32 校验值不符）  提示：文件可能已损坏：请填报单位在 Excel 中打开、保存后重新发送'],
    changes: false,
  },
  {
    name: 'a file over the byte limit (21 MB)',
    kind: 'error',
    build: async (c) => {
      const p = c.write('bad.xlsx', await goodBytes(c));
      truncateSync(p, 21 * 1024 * 1024); // sparse: nothing is written
      return [p];
    },
    lines: ['bad.xlsx  期望工作簿不超过 20 MB，实际为 22020096 字节'],
    changes: false,
  },
  {
    name: 'a folder and a missing file instead of workbooks',
    kind: 'error',
    build: async (c) => {
      mkdirSync(c.path('folder.xlsx'));
      return [c.path('folder.xlsx'), c.path('missing.xlsx')];
    },
    lines: ['folder.xlsx  期望一个可读取的文件，实际为 文件夹', 'missing.xlsx  期望一个可读取的文件，实际为 文件不存在'],
    changes: false,
    statuses: ['rejected', 'rejected'],
  },
  {
    name: 'more than 500 000 cells',
    kind: 'error',
    build: async (c) =>
      [
        c.write(
          'bad.xlsx',
          patchParts(await goodBytes(c), (n, t) => {
            if (n !== 'xl/worksheets/sheet1.xml') return t;
            let rows = '';
            for (let r = 100; r < 100 + 50_001; r++) rows += `<row r="${r}">${'ABCDEFGHIJ'.split('').map((l) => `<c r="${l}${r}"><v>1</v></c>`).join('')}</row>`;
            return t.replace('</sheetData>', `${rows}</sheetData>`);
          }),
        ),
      ],
    lines: ['bad.xlsx  期望工作簿不超过 500000 个单元格，实际为 xl/worksheets/sheet1.xml 中超过此数'],
    changes: false,
  },

  {
    name: 'more than 200 000 formats in styles.xml',
    kind: 'error',
    build: async (c) => {
      const xfs = Array.from({ length: 210_000 }, (_x, i) => `<xf numFmtId="${(i * 7919) % 200}" fontId="${i % 9}"/>`).join('');
      return [c.write('bad.xlsx', patchParts(await goodBytes(c), (n, t) => (n === 'xl/styles.xml' ? t.replace(/<cellXfs count="\d+">/, (m) => `${m}${xfs}`) : t)))];
    },
    lines: ['bad.xlsx  期望工作簿的格式（字体、填充、边框、数字格式）不超过 200000 种，实际为 xl/styles.xml 中超过此数'],
    changes: false,
  },

  // ------------------------------------------------------------ sheets
  {
    name: 'the data sheet renamed',
    kind: 'error',
    build: async (c) => [await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, { mutate: (wb) => void (tasks(wb).name = '重点任务（已填）') })],
    lines: ['bad.xlsx › 重点任务  期望有下发时的工作表“重点任务”，实际为 没有这个工作表（改了名或删除了？）  提示：请恢复原来的工作表名称，或在新下发的台账中填写'],
    changes: false,
  },
  {
    name: 'a data sheet deleted (master ledger without its targets)',
    kind: 'error',
    build: async (c) => [await c.fill(master(c), 'bad.xlsx', { 'task:t02': { actual: 3 } }, { mutate: (wb) => wb.removeWorksheet(wb.getWorksheet('主要预期目标')!.id) })],
    lines: ['bad.xlsx › 主要预期目标  期望有下发时的工作表“主要预期目标”，实际为 没有这个工作表（改了名或删除了？）  提示：请恢复原来的工作表名称，或在新下发的台账中填写'],
    changes: false,
  },
  {
    name: 'the hidden _jianbao sheet deleted',
    kind: 'error',
    build: async (c) => [await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, { mutate: (wb) => wb.removeWorksheet(meta(wb).id) })],
    lines: ['bad.xlsx › _jianbao  期望由 jianbao 下发的台账（含隐藏工作表 _jianbao），实际为 工作表 重点任务、配合事项、汇总  提示：请在下发的台账中填写，不要把内容复制到新建的工作簿'],
    changes: false,
  },
  {
    name: 'the hidden sheet edited: another unit typed in (kjj for fgw)',
    kind: 'error',
    build: async (c) => [await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, { mutate: (wb) => void (meta(wb).getCell('B4').value = 'kjj') })],
    lines: [CHECKSUM],
    changes: false,
  },
  {
    name: 'the hidden sheet edited: another period typed in (2023-03 for 2023-01)',
    kind: 'error',
    build: async (c) =>
      [
        await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, {
          mutate: (wb) => {
            meta(wb).getCell('B5').value = '2023-03';
            meta(wb).getCell('B6').value = '2023-03-31';
          },
        }),
      ],
    lines: [CHECKSUM],
    changes: false,
  },
  {
    name: 'the hidden sheet edited: the period without its as-of date',
    kind: 'error',
    build: async (c) => [await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, { mutate: (wb) => void (meta(wb).getCell('B5').value = '2023-03') })],
    lines: ['bad.xlsx › _jianbao › B6  期望截至日期 2023-03-31（2023-03 的台账），实际为 2023-01-31  提示：隐藏工作表 _jianbao 记录台账属于哪个会议、单位和月份，不能修改：请在新下发的台账中重新填写'],
    changes: false,
  },
  {
    name: 'the hidden sheet edited: fingerprints overwritten',
    kind: 'error',
    build: async (c) => [await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, { mutate: (wb) => void (meta(wb).getCell('E12').value = '已核对') })],
    lines: ['bad.xlsx › _jianbao › E12  期望第 12 行的校验数据，实际为 "已核对"  提示：隐藏工作表 _jianbao 记录台账属于哪个会议、单位和月份，不能修改：请在新下发的台账中重新填写'],
    changes: false,
  },
  {
    name: 'the hidden sheet edited: its checksum deleted (or a ledger issued before checksums)',
    kind: 'error',
    build: async (c) =>
      [
        await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, {
          mutate: (wb) => {
            meta(wb).getCell('A8').value = null;
            meta(wb).getCell('B8').value = null;
          },
        }),
      ],
    lines: [CHECKSUM.replace('内容与校验值不符（工作表被改过）  提示：请在新下发的台账中填写', NO_CHECKSUM)],
    changes: false,
  },
  {
    name: 'the hidden sheet edited: another unit typed in and the checksum deleted',
    kind: 'error',
    build: async (c) =>
      [
        await c.fill(fgw(c), 'bad.xlsx', { 'task:t05': { actual: 3 } }, {
          mutate: (wb) => {
            meta(wb).getCell('A8').value = null;
            meta(wb).getCell('B8').value = null;
            meta(wb).getCell('B4').value = 'kjj';
          },
        }),
      ],
    lines: [CHECKSUM.replace('内容与校验值不符（工作表被改过）  提示：请在新下发的台账中填写', NO_CHECKSUM)],
    changes: false,
  },

  // ------------------------------------------------------------ rows
  {
    name: 'rows sorted (good: rows are found by their hidden ids)',
    kind: 'good',
    build: async (c) =>
      [
        await c.fill(master(c), 'sorted.xlsx', { 'task:t01': { actual: 1 }, 'task:t03': { actual: 33, progress: '排序后填写' }, 'task:t06': { actual: 0.5 } }, {
          mutate: (wb) => reorderRows(tasks(wb), [9, 6, 4, 7, 5, 8]),
        }),
      ],
    lines: [],
    changes: true,
    written: [JAN],
    expectYaml: { file: JAN, data: { tasks: { t01: { actual: 1 }, t03: { actual: 33, progress: '排序后填写' }, t06: { actual: 0.5 } } } },
  },
  {
    name: 'a row deleted (warning: the other rows are taken)',
    kind: 'warning',
    build: async (c) =>
      [await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 }, 'task:t05': { actual: 3 } }, { mutate: (wb) => deleteRow(tasks(wb), rowsById(tasks(wb)).get('task:t05')!) })],
    lines: [`${at(T, 'T5')}  行标识  期望有下发时的行 task:t05（找不到：删除了？这一项未采用），实际为 没有这一行  （警告）`],
    changes: true,
    written: [JAN],
    expectYaml: { file: JAN, data: { tasks: { t01: { actual: 120 } } } },
  },
  {
    name: 'a row added',
    kind: 'error',
    build: async (c) =>
      [
        await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, {
          mutate: (wb) => {
            tasks(wb).getCell(7, COL.name).value = '自行增加的任务';
            tasks(wb).getCell(7, COL.actual).value = 5;
          },
        }),
      ],
    lines: [`${at(T, 'T7')}  行标识  期望是下发的行（行标识为空：不能增加行，只在下发的行中填写），实际为 空单元格`],
    changes: false,
  },
  {
    name: 'sixty rows added (the report stops at 50 problems per file)',
    kind: 'error',
    build: async (c) =>
      [
        await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, {
          mutate: (wb) => {
            for (let r = 7; r < 67; r++) tasks(wb).getCell(r, COL.name).value = `自行增加的任务${r}`;
          },
        }),
      ],
    lines: [
      ...Array.from({ length: 50 }, (_x, i) => `${at(T, `T${7 + i}`)}  行标识  期望是下发的行（行标识为空：是不是增加了行，或清空了行标识这一列？），实际为 空单元格`),
      'bad.xlsx › 重点任务  本文件还有 10 处问题未列出（最多列出 50 处：先改正这些，再检查一次）',
    ],
    changes: false,
  },
  {
    name: 'a row id altered',
    kind: 'error',
    build: async (c) => [await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, { mutate: (wb) => void (tasks(wb).getCell(5, COL.rowId).value = 'task:t99') })],
    lines: [
      `${at(T, 'T5')}  行标识  期望本工作表下发时的行标识，实际为 "task:t99"`,
      `${at(T, 'T5')}  行标识  期望有下发时的行 task:t05（找不到：删除了？这一项未采用），实际为 没有这一行  （警告）`,
    ],
    changes: false,
  },
  {
    name: 'a row copied over another (row id duplicated)',
    kind: 'error',
    build: async (c) =>
      [
        await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, {
          mutate: (wb) => {
            const ws = tasks(wb);
            for (let col = 1; col <= COL.rowId; col++) ws.getCell(5, col).value = ws.getCell(4, col).value;
          },
        }),
      ],
    lines: [
      `${at(T, 'T5')}  行标识  期望每个下发的行只出现一次（是不是复制了行？），实际为 "task:t01"`,
      `${at(T, 'T5')}  行标识  期望有下发时的行 task:t05（找不到：删除了？这一项未采用），实际为 没有这一行  （警告）`,
    ],
    changes: false,
  },
  {
    name: 'a value in the last row of the sheet (row 1048576)',
    kind: 'error',
    build: async (c) => [await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, { mutate: (wb) => void (tasks(wb).getCell(1_048_576, COL.progress).value = '最后一行') })],
    lines: [`${at(T, 'T1048576')}  行标识  期望是下发的行（行标识为空：不能增加行，只在下发的行中填写），实际为 空单元格`],
    changes: false,
  },

  // ------------------------------------------------------------ locked cells
  {
    name: 'locked cells edited: task text, target, deadline',
    kind: 'error',
    build: async (c) =>
      [
        await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, {
          mutate: (wb) => {
            const ws = tasks(wb);
            ws.getCell(4, COL.name).value = '完成土地收储（已调整）';
            ws.getCell(4, COL.target).value = 500;
            ws.getCell(5, COL.end).value = new Date(Date.UTC(2023, 11, 31));
          },
        }),
      ],
    lines: [
      `${at(T, 'C4')}  目标任务  ${LOCKED}，实际为 "完成土地收储（已调整）"`,
      `${at(T, 'D4')}  年度目标  ${LOCKED}，实际为 500`,
      `${at(T, 'G5')}  完成时限  ${LOCKED}，实际为 2023-12-31`,
    ],
    changes: false,
  },
  {
    name: 'a column inserted before 累计完成 (one problem for the layout, no row read)',
    kind: 'error',
    build: async (c) =>
      [
        await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, {
          mutate: (wb) => {
            const ws = tasks(wb);
            // as Excel does it: every cell from H (累计完成) on moves one column right (merges and titles stay)
            for (let r = 1; r <= ws.rowCount; r++) {
              for (let col = COL.rowId; col >= COL.actual; col--) {
                const from = ws.getCell(r, col);
                const to = ws.getCell(r, col + 1);
                if (from.isMerged) continue;
                to.value = from.value;
                to.style = { ...from.style };
              }
              if (r >= 3) ws.getCell(r, COL.actual).value = r === 3 ? '备用' : null;
            }
          },
        }),
      ],
    lines: [
      `${at(T, 'K2')}  截至日期  期望与下发时相同（此单元格已锁定，列和表头行都不能改动），实际为 "截至日期"`,
      `${at(T, 'H3')}  表头  期望各列与下发时相同，依次为 序号、类别、目标任务、年度目标、单位、责任单位、完成时限、累计完成、完成率、序时进度、快慢情况、自评进度、状态、进展情况、存在问题、下步打算、配合单位、牵头领导、备注、行标识，实际为 20 个列标题中有 13 个变了，从“累计完成”起  提示：表中插入、删除或移动了列：请在下发的格式中填写（不读取任何一行）`,
    ],
    changes: false,
  },
  {
    name: 'formulas replaced by their values (paste values over the sheet)',
    kind: 'error',
    build: async (c) =>
      [
        await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, {
          mutate: (wb) => {
            const ws = tasks(wb);
            for (let r = 4; r <= 5; r++) {
              for (const k of ['rate', 'schedule', 'status'] as const) {
                const cell = ws.getCell(r, COL[k]);
                cell.value = (cell.result as ExcelJS.CellValue) ?? null;
              }
            }
          },
        }),
      ],
    lines: [
      `${at(T, 'I4')}  完成率  ${FORMULA}，实际为 空值`,
      `${at(T, 'J4')}  序时进度  ${FORMULA}，实际为 0.08333333333333333`,
      `${at(T, 'M4')}  状态  ${FORMULA}，实际为 "未填报"`,
      `${at(T, 'I5')}  完成率  ${FORMULA}，实际为 空值`,
      `${at(T, 'J5')}  序时进度  ${FORMULA}，实际为 0.16666666666666666`,
      `${at(T, 'M5')}  状态  ${FORMULA}，实际为 "未填报"`,
    ],
    changes: false,
  },
  {
    name: 'the deadline retyped as text',
    kind: 'error',
    build: async (c) => [await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } }, { mutate: (wb) => void (tasks(wb).getCell(4, COL.end).value = '2023年12月31日') })],
    lines: [`${at(T, 'G4')}  完成时限  ${LOCKED}，实际为 "2023年12月31日"`],
    changes: false,
  },
  {
    name: 'the deadline kept as a bare date serial (good: its date format lost, the date unchanged)',
    kind: 'good',
    build: async (c) =>
      [
        await c.fill(fgw(c), 'serial.xlsx', { 'task:t05': { actual: 3 } }, {
          mutate: (wb) => {
            const cell = tasks(wb).getCell(5, COL.end);
            cell.value = 45107; // 2023-06-30
            cell.style = { ...cell.style, numFmt: 'General' };
          },
        }),
      ],
    lines: [],
    changes: true,
    written: [JAN],
    expectYaml: { file: JAN, data: { tasks: { t05: { actual: 3, unit: 'fgw' } } } },
  },

  // ------------------------------------------------------------ inputs
  {
    name: 'numbers as text: "120" stored as text, "１２０" full-width, "3个" with its unit',
    kind: 'error',
    build: async (c) => [await c.fill(master(c), 'bad.xlsx', { 'task:t01': { actual: '120' }, 'task:t03': { actual: '１２０' }, 'task:t05': { actual: '3个' } })],
    lines: [
      `${at(T, 'H4')}  累计完成  期望 0 到 10000 之间的数字（单位为亩，不写单位），实际为 "120"（以文本形式存储的数字）  提示：请改成数字：在 Excel 中选中单元格，点旁边的“!”，选“转换为数字”`,
      `${at(T, 'H6')}  累计完成  期望 0 到 650 之间的数字（单位为%，不写单位），实际为 "１２０"（全角数字或含空格）  提示：请用半角数字（切换输入法），写作 120`,
      `${at(T, 'H8')}  累计完成  期望 0 到 140 之间的数字（单位为个，不写单位），实际为 "3个"（数字带了单位或文字）  提示：只填数字，不带单位，例如 3`,
    ],
    changes: false,
  },
  {
    name: 'dates and words in a number cell',
    kind: 'error',
    build: async (c) => [await c.fill(master(c), 'bad.xlsx', { 'task:t01': { actual: new Date(Date.UTC(2023, 1, 1)) }, 'task:t05': { actual: '2023-02-01' }, 'task:t03': { actual: '已完成' } })],
    lines: [
      `${at(T, 'H4')}  累计完成  期望 0 到 10000 之间的数字（单位为亩，不写单位），实际为 日期 2023-02-01`,
      `${at(T, 'H6')}  累计完成  期望 0 到 650 之间的数字（单位为%，不写单位），实际为 "已完成"`,
      `${at(T, 'H8')}  累计完成  期望 0 到 140 之间的数字（单位为个，不写单位），实际为 "2023-02-01"（日期，不是数量）  提示：这一栏填累计完成的数量，不填日期`,
    ],
    changes: false,
  },
  {
    name: 'a negative and a too-large number',
    kind: 'error',
    build: async (c) => [await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: -5 }, 'task:t05': { actual: 1e6 } })],
    lines: [`${at(T, 'H4')}  累计完成  期望 0 到 10000 之间的数字，实际为 -5`, `${at(T, 'H5')}  累计完成  期望 0 到 140 之间的数字，实际为 1000000`],
    changes: false,
  },
  {
    name: 'over-long text (501 characters of 存在问题, 1001 of 进展情况)',
    kind: 'error',
    build: async (c) => [await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120, progress: '进'.repeat(1001), problems: '问'.repeat(501) } })],
    lines: [`${at(T, 'N4')}  进展情况  期望不超过 1000 个字，实际为 1001 个字  提示：请精简文字，详细材料另行报送`,
      `${at(T, 'O4')}  存在问题  期望不超过 500 个字，实际为 501 个字  提示：请精简文字，详细材料另行报送`,
    ],
    changes: false,
  },
  {
    name: 'a boolean, an error value and a formula without a result in number cells',
    kind: 'error',
    build: async (c) =>
      [
        await c.fill(master(c), 'bad.xlsx', {
          'task:t01': { actual: true },
          'task:t03': { actual: { error: '#DIV/0!' } as ExcelJS.CellErrorValue },
          'task:t05': { actual: { formula: 'D8/2' } as ExcelJS.CellFormulaValue },
        }),
      ],
    lines: [
      `${at(T, 'H4')}  累计完成  期望 0 到 10000 之间的数字（单位为亩，不写单位），实际为 true`,
      `${at(T, 'H6')}  累计完成  期望 0 到 650 之间的数字（单位为%，不写单位），实际为 错误值 #DIV/0!`,
      `${at(T, 'H8')}  累计完成  期望 0 到 140 之间的数字（单位为个，不写单位），实际为 公式 =D8/2`,
    ],
    changes: false,
  },

  // ------------------------------------------------------------ whose workbook
  {
    name: 'another meeting of the data folder (good: merged into that meeting)',
    kind: 'good',
    build: async (c) => [await c.fill(c.issued.other['ledger-fgw.xlsx']!, 'other.xlsx', { 'task:t01': { actual: 200 } })],
    lines: [],
    changes: true,
    written: [`${DISTRICT_ID}/progress/${OTHER_MEETING_ID}/2023-02.yaml`],
    expectYaml: { file: `${DISTRICT_ID}/progress/${OTHER_MEETING_ID}/2023-02.yaml`, data: { tasks: { t01: { actual: 200, unit: 'fgw' } } } },
  },
  {
    name: 'a meeting the data folder does not have',
    kind: 'error',
    data: (d) => rmSync(join(d, DISTRICT_ID, 'meetings', `${OTHER_MEETING_ID}.yaml`)),
    build: async (c) => [await c.fill(c.issued.other['ledger-fgw.xlsx']!, 'bad.xlsx', { 'task:t01': { actual: 200 } })],
    lines: [`bad.xlsx › _jianbao  会议  期望数据文件夹中有这个会议，实际为 testqu/${OTHER_MEETING_ID}（没有 {data}/testqu/meetings/${OTHER_MEETING_ID}.yaml）  提示：这份台账不是从本数据文件夹下发的？请检查 --data 指定的文件夹`],
    changes: false,
  },
  {
    name: 'a district the data folder does not have',
    kind: 'error',
    build: async (c) => [await c.fill(c.issued.foreign['ledger-fgw.xlsx']!, 'bad.xlsx', { 'task:t01': { actual: 200 } })],
    lines: ['bad.xlsx › _jianbao  区县  期望数据文件夹中有这个区县，实际为 otherqu/（没有 {data}/otherqu/district.yaml）  提示：这份台账不是从本数据文件夹下发的？请检查 --data 指定的文件夹'],
    changes: false,
  },
  {
    name: 'a unit district.yaml no longer has',
    kind: 'error',
    data: (d) => {
      for (const [file, from, to] of [
        [join(d, DISTRICT_ID, 'district.yaml'), 'id: ysj', 'id: yshj'],
        [join(d, DISTRICT_ID, 'meetings', `${MEETING_ID}.yaml`), /lead: ysj/g, 'lead: yshj'],
      ] as const) writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
    },
    build: async (c) => [await c.fill(c.issued.jan['ledger-ysj.xlsx']!, 'bad.xlsx', { 'task:t02': { actual: 3 } })],
    lines: ['bad.xlsx › _jianbao  单位  期望测试区的责任单位（district.yaml 中的 units），实际为 "ysj"'],
    changes: false,
  },
  {
    name: 'the meeting data is broken now (fix the data first)',
    kind: 'error',
    data: (d) => {
      const f = join(d, DISTRICT_ID, 'meetings', `${MEETING_ID}.yaml`);
      writeFileSync(f, readFileSync(f, 'utf8').replace('value: 7\n', 'value: 七\n'));
    },
    build: async (c) => [await c.fill(fgw(c), 'bad.xlsx', { 'task:t01': { actual: 120 } })],
    lines: [`bad.xlsx › _jianbao  会议  期望会议 ${MEETING_ID} 的数据无误（请先改正数据），实际为 {data}/testqu/meetings/${MEETING_ID}.yaml:15:14  targets.items[0].value  期望一个数字，实际为 "七"  提示：请用阿拉伯数字，写作 7`],
    changes: false,
  },
  {
    name: 'another period (good: a ledger issued for March lands in 2023-03.yaml)',
    kind: 'good',
    build: async (c) => [await c.fill(c.issued.march['ledger-fgw.xlsx']!, 'march.xlsx', { 'task:t01': { actual: 300 } })],
    lines: [],
    changes: true,
    written: [`${DISTRICT_ID}/progress/${MEETING_ID}/2023-03.yaml`],
    expectYaml: { file: `${DISTRICT_ID}/progress/${MEETING_ID}/2023-03.yaml`, data: { tasks: { t01: { actual: 300, unit: 'fgw' } } } },
  },

  // ------------------------------------------------------------ several returns
  {
    name: 'the same return twice (no change, no error)',
    kind: 'good',
    prior: async (c) => [await c.fill(fgw(c), 'fgw.xlsx', { 'task:t01': { actual: 120, progress: '进展' } })],
    build: async (c) => [c.path('fgw.xlsx'), c.path('fgw.xlsx')],
    lines: [],
    changes: false,
    written: [],
    statuses: ['unchanged', 'unchanged'],
  },
  {
    name: 'the master ledger and the lead unit return conflicting values for one row',
    kind: 'error',
    prior: async (c) => [await c.fill(fgw(c), 'fgw.xlsx', { 'task:t01': { actual: 100 } }, { modified: new Date(Date.UTC(2023, 1, 2)) })],
    build: async (c) => [await c.fill(master(c), 'master.xlsx', { 'task:t01': { actual: 90 } }, { modified: new Date(Date.UTC(2023, 1, 3)) })],
    lines: [
      `master.xlsx › 重点任务 › H4  累计完成  期望与区发展改革委已回填的数值一致（100），实际为 90  提示：已记录的数值保留；需要改动时请手工更正 {data}/${JAN}`,
    ],
    changes: false,
    statuses: ['unchanged'],
  },
  {
    name: 'an older return after a newer one',
    kind: 'error',
    prior: async (c) => [await c.fill(fgw(c), 'v2.xlsx', { 'task:t01': { actual: 150 } }, { modified: new Date(Date.UTC(2023, 1, 5)) })],
    build: async (c) => [await c.fill(fgw(c), 'v1.xlsx', { 'task:t01': { actual: 100 } }, { modified: new Date(Date.UTC(2023, 1, 2)) })],
    lines: [
      `v1.xlsx › 重点任务 › H4  累计完成  期望不早于已记录的回填（2023-02-05T00:00:00.000Z 回填：150），实际为 100  提示：这份回填较早，未采用；如果它才是对的，请手工更正 {data}/${JAN}`,
    ],
    changes: false,
    statuses: ['unchanged'],
  },

  {
    name: 'a save time in the future (warning: the ingest time is used, so later corrections still apply)',
    kind: 'warning',
    build: async (c) => [await c.fill(fgw(c), 'future.xlsx', { 'task:t01': { actual: 120 } }, { modified: new Date(Date.UTC(2099, 0, 1)) })],
    lines: ['future.xlsx  期望保存时间不晚于现在（电脑时钟不对？），实际为 2099-01-01T00:00:00.000Z  提示：改用本次合并的时间，以后的更正照常生效  （警告）'],
    changes: true,
    written: [JAN],
    expectYaml: { file: JAN, data: { tasks: { t01: { actual: 120, unit: 'fgw' } } } },
    check: (dataDir) => {
      const y = parse(readFileSync(join(dataDir, JAN), 'utf8')) as ProgressYaml;
      const returned = String(y.tasks!.t01!.returned);
      if (!(returned < '2099' && Date.parse(returned) <= Date.now())) throw new Error(`returned ${returned} should be the ingest time`);
    },
  },

  // ------------------------------------------------------------ other producers
  {
    // protection flags lost; a fraction, a zero, a status, a co-unit's 配合情况 (one
    // LibreOffice run saves both workbooks)
    name: 'a workbook saved again by LibreOffice (good)',
    kind: 'good',
    needs: 'soffice',
    build: async (c) => {
      const half = await c.fill(kjj(c), 'kjj-half.xlsx', { 'task:t01': { progress: '推进中' } }, { sheet: '配合事项' });
      const filled = await fillReturn(half, c.path('kjj.xlsx'), {
        'task:t03': { actual: 12.5, progress: '经LibreOffice保存' },
        'task:t04': { self: '滞后', progress: '方案修改中' },
      });
      const zero = await c.fill(fgw(c), 'fgw.xlsx', { 'task:t05': { actual: 0 } });
      const out = join(c.root, 'lo');
      await convert([filled, zero], 'xlsx', out);
      return [join(out, 'kjj.xlsx'), join(out, 'fgw.xlsx')];
    },
    lines: [],
    changes: true,
    written: [JAN],
    expectYaml: {
      file: JAN,
      data: {
        tasks: {
          t01: { support: { kjj: { text: '推进中' } } },
          t03: { actual: 12.5, progress: '经LibreOffice保存', unit: 'kjj' },
          t04: { self: '滞后', progress: '方案修改中' },
          t05: { actual: 0, unit: 'fgw' },
        },
      },
    },
  },
  {
    name: 'a chart added by Excel (good: drawings are not read)',
    kind: 'good',
    build: async (c) => [c.write('chart.xlsx', withChart(await goodBytes(c), 'xdr'))],
    lines: [],
    changes: true,
    written: [JAN],
    expectYaml: { file: JAN, data: { tasks: { t01: { actual: 120, progress: '完成收储120亩' }, t05: { actual: 3 } } } },
  },
  {
    name: 'a drawing exceljs crashes on (exceljs#2591: good, drawings are not read)',
    kind: 'good',
    build: async (c) => [c.write('drawing.xlsx', withChart(await goodBytes(c), ''))],
    lines: [],
    changes: true,
    written: [JAN],
    expectYaml: { file: JAN, data: { tasks: { t01: { actual: 120 }, t05: { actual: 3 } } } },
  },
  {
    name: 'a merge and a data validation over the whole sheet (good: they are not expanded)',
    kind: 'good',
    build: async (c) =>
      [
        c.write(
          'huge-ranges.xlsx',
          patchParts(await goodBytes(c), (n, t) =>
            n === 'xl/worksheets/sheet1.xml'
              ? t
                  .replace(/<mergeCells count="(\d+)">/, (_m, k: string) => `<mergeCells count="${Number(k) + 1}"><mergeCell ref="A100:XFD1048576"/>`)
                  .replace(/<dataValidations count="(\d+)">/, (_m, k: string) => `<dataValidations count="${Number(k) + 1}"><dataValidation type="whole" sqref="A100:XFD1048576"><formula1>0</formula1></dataValidation>`)
              : t,
          ),
        ),
      ],
    lines: [],
    changes: true,
    written: [JAN],
    expectYaml: { file: JAN, data: { tasks: { t01: { actual: 120 }, t05: { actual: 3 } } } },
  },
  {
    name: 'a row beyond the sheet grid (row 2000000: exceljs would index an array by it)',
    kind: 'error',
    build: async (c) =>
      [c.write('bad.xlsx', patchParts(await goodBytes(c), (n, t) => (n === 'xl/worksheets/sheet1.xml' ? t.replace('</sheetData>', '<row r="2000000"><c r="A2000000"><v>1</v></c></row></sheetData>') : t)))],
    lines: ['bad.xlsx  期望能读取的 .xlsx 工作簿，实际为 xl/worksheets/sheet1.xml：超出工作表范围的行号（2000000）  提示：文件可能已损坏：请填报单位在 Excel 中打开、保存后重新发送'],
    changes: false,
  },
  {
    name: 'a column range beyond the sheet grid',
    kind: 'error',
    build: async (c) => [c.write('bad.xlsx', patchParts(await goodBytes(c), (n, t) => (n === 'xl/worksheets/sheet1.xml' ? t.replace('<cols>', '<cols><col min="19" max="2000000000" width="3"/>') : t)))],
    lines: ['bad.xlsx  期望能读取的 .xlsx 工作簿，实际为 xl/worksheets/sheet1.xml：超出工作表范围的列（max="2000000000"）  提示：文件可能已损坏：请填报单位在 Excel 中打开、保存后重新发送'],
    changes: false,
  },
  {
    name: 'a sheet of unterminated tags (bait for quadratic-time scanning)',
    kind: 'error',
    build: async (c) => {
      let seed = 7;
      const letter = () => String.fromCharCode(97 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 26));
      const bait = Array.from({ length: 600_000 }, () => `<c ${letter()}${letter()}${letter()}`).join('');
      return [c.write('bad.xlsx', patchParts(await goodBytes(c), (n, t) => (n === 'xl/worksheets/sheet1.xml' ? t.replace('<sheetData>', `<sheetData>${bait}`) : t)))];
    },
    lines: ['bad.xlsx  期望能读取的 .xlsx 工作簿，实际为 xl/worksheets/sheet1.xml：长达 3600071 个字符的 <c> 标记  提示：文件可能已损坏：请填报单位在 Excel 中打开、保存后重新发送'],
    changes: false,
  },
  {
    name: 'a formula cell damaged (a shared formula without its master)',
    kind: 'error',
    build: async (c) =>
      [
        c.write(
          'bad.xlsx',
          patchParts(await goodBytes(c), (n, t) => (n === 'xl/worksheets/sheet1.xml' ? t.replace(/<c r="I4"([^>]*)><f>[^<]*<\/f>/, '<c r="I4"$1><f t="shared" si="7"/>') : t)),
        ),
      ],
    lines: [`${at(T, 'I4')}  完成率  ${FORMULA}，实际为 无法读取的值（公式损坏？）`],
    changes: false,
  },
];

/**
 * A few cases as the IT colleague reads them (`--lang en` / JIANBAO_LANG=en): the same
 * problems at the same cells, in English.
 */
export const EN_LINES: Record<string, string[]> = {
  'not a zip (a text file named .xlsx)': [
    'bad.xlsx  expected an .xlsx workbook (a zip package), found a file that is not a zip package (an old .xls, an encrypted or a renamed file?)  hint: open it in Excel or WPS, remove any password, and save it as an Excel workbook (*.xlsx)',
  ],
  'locked cells edited: task text, target, deadline': [
    `${at(T, 'C4')}  目标任务  expected the value as issued (this cell is locked), found "完成土地收储（已调整）"`,
    `${at(T, 'D4')}  年度目标  expected the value as issued (this cell is locked), found 500`,
    `${at(T, 'G5')}  完成时限  expected the value as issued (this cell is locked), found 2023-12-31`,
  ],
  'numbers as text: "120" stored as text, "１２０" full-width, "3个" with its unit': [
    `${at(T, 'H4')}  累计完成  expected a number between 0 and 10000 (in 亩, without the unit), found "120" (a number stored as text)  hint: make it a number: select the cell in Excel, click the "!" beside it and choose "Convert to Number"`,
    `${at(T, 'H6')}  累计完成  expected a number between 0 and 650 (in %, without the unit), found "１２０" (full-width digits or spaces)  hint: use half-width digits: write 120`,
    `${at(T, 'H8')}  累计完成  expected a number between 0 and 140 (in 个, without the unit), found "3个" (a number with a unit or words)  hint: write the number alone, e.g. 3`,
  ],
  'an older return after a newer one': [
    `v1.xlsx › 重点任务 › H4  累计完成  expected the value already recorded from a newer return of 2023-02-05T00:00:00.000Z (150), found 100  hint: this return is older and was not applied — correct {data}/${JAN} by hand if it is right`,
  ],
  'a save time in the future (warning: the ingest time is used, so later corrections still apply)': [
    "future.xlsx  expected a save time no later than now (was the computer's clock wrong?), found 2099-01-01T00:00:00.000Z  hint: the time of this ingest is used instead, so later corrections still apply  (warning)",
  ],
};

/** Fill the `{total}` / `{ratio}` placeholders of the bomb cases from the file itself. */
export function expandLines(lines: string[], file: string): string[] {
  if (!lines.some((l) => l.includes('{total}') || l.includes('{ratio}'))) return lines;
  const entries = listZip(readFileSync(file));
  const total = entries.reduce((s, e) => s + e.size, 0);
  const big = entries.find((e) => e.name === 'xl/media/image1.png');
  const ratio = big ? Math.round(big.size / big.compressedSize) : 0;
  return lines.map((l) => l.replace('{total}', String(total)).replace('{ratio}', String(ratio)));
}

/** The folders and helpers one case runs with (`name` keeps the folders of separate runs apart). */
export function caseContext(issued: Issued, c: ReturnCase, name: string): CaseContext {
  const dirs = caseDirs(issued, name);
  c.data?.(dirs.dataDir);
  const path = (file: string) => join(dirs.returnsDir, file);
  return {
    issued,
    ...dirs,
    path,
    fill: (src, file, fills, opts) => fillReturn(src, path(file), fills, opts),
    write: (file, bytes) => {
      writeFileSync(path(file), bytes);
      return path(file);
    },
  };
}
