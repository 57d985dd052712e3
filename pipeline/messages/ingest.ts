/**
 * Messages of `jianbao ingest`: reading a returned workbook (its zip package, the workbook
 * reader, the hidden sheet), checking its sheets and cells, merging, writing progress files.
 * Each problem reads `文件 › 工作表 › 单元格  栏目  期望…，实际为…  提示：…`.
 */
import { m } from './define.js';

type Q = { value: string };
type Part = { part: string };

export const INGEST = {
  // ---- the zip package (core/zip.ts): what was found
  'zip.notZip': m('不是压缩包', 'not a zip archive'),
  'zip.noDirectory': m('找不到压缩包的目录（文件不完整，例如没有下载完？）', 'no zip end-of-central-directory record (truncated file?)'),
  'zip.zip64': m('ZIP64 格式的压缩包（不接受）', 'ZIP64 archives are not accepted'),
  'zip.entries': m<{ n: number }>((p) => `${p.n} 个条目`, (p) => `${p.n} entries`),
  'zip.directoryRange': m('压缩包目录超出文件范围（文件已损坏）', 'central directory out of range'),
  'zip.badEntry': m('压缩包目录中有损坏的条目', 'bad central directory entry'),
  'zip.zip64Entry': m('ZIP64 格式的条目（不接受）', 'ZIP64 entries are not accepted'),
  'zip.encrypted': m('加密的条目（工作簿设置了打开密码？）', 'encrypted zip entries are not accepted'),
  'zip.method': m<{ n: number }>((p) => `不支持的压缩方式 ${p.n}`, (p) => `compression method ${p.n} is not supported`),
  'zip.badHeader': m<Part>((p) => `${p.part} 的文件头已损坏`, (p) => `bad local header for ${p.part}`),
  'zip.pastEnd': m<Part>((p) => `${p.part} 超出文件末尾（文件不完整？）`, (p) => `entry ${p.part} runs past the end of the file`),
  'zip.entryTooLarge': m<Part>((p) => `${p.part} 超过允许的大小`, (p) => `${p.part} is larger than allowed`),
  'zip.sizeMismatch': m<Part & { size: number; declared: number }>(
    (p) => `${p.part} 解压后为 ${p.size} 字节，与记录的 ${p.declared} 字节不符`,
    (p) => `${p.part} inflates to ${p.size} bytes, not the declared ${p.declared}`,
  ),
  'zip.inflatesBeyond': m<Part>((p) => `${p.part} 解压后超出记录的大小`, (p) => `${p.part} inflates beyond its declared size`),
  'zip.cannotInflate': m<Part & { detail: string }>((p) => `${p.part} 无法解压（已损坏）`, (p) => `${p.part}: ${p.detail}`),
  'zip.total': m<{ total: number; max: number }>((p) => `解压后共 ${p.total} 字节（上限 ${p.max} 字节）`, (p) => `${p.total} bytes uncompressed (limit ${p.max})`),
  'zip.ratio': m<Part & { ratio: number }>((p) => `${p.part} 的压缩比为 ${p.ratio}:1`, (p) => `${p.part} compresses ${p.ratio}:1`),
  'zip.crc': m<Part>((p) => `${p.part} 已损坏（CRC-32 校验值不符）`, (p) => `${p.part} is damaged (its CRC-32 does not match)`),

  // ---- the workbook reader (render/xlsx/excel-reader.ts)
  'xlsx.expectedXlsx': m('期望 .xlsx 格式的工作簿（Excel 2007 以后的格式）', 'expected an .xlsx workbook (a zip package)'),
  'xlsx.expectedWorkbook': m('期望 .xlsx 格式的工作簿', 'expected an .xlsx workbook'),
  'xlsx.expectedReadable': m('期望能读取的 .xlsx 工作簿', 'expected a readable .xlsx workbook'),
  'xlsx.emptyFile': m('空文件（0 字节）', 'an empty file (0 bytes)'),
  'xlsx.notZip': m('不是 .xlsx 格式的文件（旧的 .xls、设了密码的工作簿，或改了扩展名的文件？）', 'a file that is not a zip package (an old .xls, an encrypted or a renamed file?)'),
  'xlsx.notZipHint': m(
    '请在 Excel 或 WPS 中打开，去掉打开密码，“另存为”Excel 工作簿（*.xlsx）后再交',
    'open it in Excel or WPS, remove any password, and save it as an Excel workbook (*.xlsx)',
  ),
  'xlsx.damagedHint': m('文件可能已损坏：请填报单位在 Excel 中打开、保存后重新发送', 'the file may be damaged: ask the unit to open it in Excel, save it and send it again'),
  'xlsx.word': m('Word 文档（.docx），不是工作簿', 'a Word document (.docx), not a workbook'),
  'xlsx.powerpoint': m('PowerPoint 文件（.pptx），不是工作簿', 'a PowerPoint file (.pptx), not a workbook'),
  'xlsx.ods': m('OpenDocument 表格（.ods？）', 'an OpenDocument file (.ods?)'),
  'xlsx.xlsb': m('二进制工作簿（.xlsb）', 'a binary workbook (.xlsb)'),
  'xlsx.saveAsXlsx': m('请“另存为”Excel 工作簿（*.xlsx）', 'save it as an Excel workbook (*.xlsx)'),
  'xlsx.wrongFileHint': m('发来的可能不是台账：请填报单位发送收到的台账（.xlsx）', 'this may not be the ledger: ask the unit to send the ledger it received (.xlsx)'),
  'xlsx.noWorkbookPart': m('不含工作簿的压缩包（没有 xl/workbook.xml）', 'a zip package without a workbook (no xl/workbook.xml)'),
  'xlsx.tooLargeUncompressed': m<{ mb: number }>((p) => `期望解压后不超过 ${p.mb} MB 的工作簿`, (p) => `expected a workbook of at most ${p.mb} MB uncompressed`),
  'xlsx.tooManyCells': m<{ max: number }>((p) => `期望工作簿不超过 ${p.max} 个单元格`, (p) => `expected a workbook of at most ${p.max} cells`),
  'xlsx.moreIn': m<Part>((p) => `${p.part} 中超过此数`, (p) => `more in ${p.part}`),
  'xlsx.moreStringsIn': m<Part>((p) => `${p.part} 中的共享字符串超过此数`, (p) => `more shared strings in ${p.part}`),
  'xlsx.tooManyStyles': m<{ max: number }>(
    (p) => `期望工作簿的格式（字体、填充、边框、数字格式）不超过 ${p.max} 种`,
    (p) => `expected a workbook of at most ${p.max} formats (fonts, fills, borders, number formats)`,
  ),
  'xlsx.partTwice': m<Part>((p) => `损坏的压缩包（${p.part} 出现两次）`, (p) => `a damaged zip package (${p.part} appears twice)`),
  'xlsx.longTag': m<Part & { tag: string; n: number }>((p) => `${p.part}：长达 ${p.n} 个字符的 <${p.tag}> 标记`, (p) => `${p.part}: a <${p.tag}> tag of ${p.n} characters`),
  'xlsx.rowOutside': m<Part & Q>((p) => `${p.part}：超出工作表范围的行号（${p.value}）`, (p) => `${p.part}: a row number outside the sheet (${p.value})`),
  'xlsx.cellOutside': m<Part & Q>((p) => `${p.part}：超出工作表范围的单元格（${p.value}）`, (p) => `${p.part}: a cell reference outside the sheet (${p.value})`),
  'xlsx.columnOutside': m<Part & Q>((p) => `${p.part}：超出工作表范围的列（${p.value}）`, (p) => `${p.part}: a column range outside the sheet (${p.value})`),
  'xlsx.partsMismatch': m('损坏或不支持的工作簿（各部分对不上）', 'a damaged or unsupported workbook (its parts do not fit together)'),
  'xlsx.damaged': m<{ detail: string }>(() => '损坏或不支持的工作簿', (p) => `a damaged or unsupported workbook (${p.detail})`),

  // ---- the hidden sheet (render/xlsx/meta.ts, ingest/check.ts readMeta)
  'meta.key': m<{ key: string; row: number }>((p) => `期望第 ${p.row} 行是“${p.key}”`, (p) => `expected the key "${p.key}" in row ${p.row}`),
  'meta.format': m<Q>((p) => `期望台账格式 ${p.value}`, (p) => `expected format ${p.value}`),
  'meta.meeting': m('期望会议 id', 'expected a meeting id'),
  'meta.district': m('期望区县 id', 'expected a district id'),
  'meta.unit': m('期望单位 id', 'expected a unit id'),
  'meta.period': m('期望写作 YYYY-MM 的月份', 'expected a period YYYY-MM'),
  'meta.asOf': m('期望写作 YYYY-MM-DD 的日期', 'expected a date YYYY-MM-DD'),
  'meta.issuedAt': m('期望下发时间', 'expected an ISO timestamp'),
  'meta.fingerprints': m<{ row: number }>((p) => `期望第 ${p.row} 行的校验数据`, (p) => `expected the fingerprints of row ${p.row}`),
  'meta.rowId': m<{ row: number }>((p) => `期望第 ${p.row} 行有行标识`, (p) => `expected a row id in row ${p.row}`),
  'meta.rowNumber': m<{ row: number }>((p) => `期望第 ${p.row} 行有行号`, (p) => `expected a row number in row ${p.row}`),
  'meta.hash': m<{ row: number }>((p) => `期望第 ${p.row} 行有校验值`, (p) => `expected a hash in row ${p.row}`),
  'meta.hint': m(
    '隐藏工作表 _jianbao 记录台账属于哪个会议、单位和月份，不能修改：请在新下发的台账中重新填写',
    'the hidden sheet _jianbao records which meeting, unit and period the ledger is for and must not be edited: fill in a freshly issued ledger',
  ),
  'meta.missing': m<{ sheet: string }>(
    (p) => `期望由 jianbao 下发的台账（含隐藏工作表 ${p.sheet}）`,
    (p) => `expected a ledger workbook issued by jianbao (with its hidden sheet ${p.sheet})`,
  ),
  'meta.sheets': m<{ list: string }>((p) => `工作表 ${p.list}`, (p) => `sheets ${p.list}`),
  'meta.noSheets': m('没有工作表', 'no sheets'),
  'meta.missingHint': m('请在下发的台账中填写，不要把内容复制到新建的工作簿', 'fill in the issued ledger; do not copy its contents into a new workbook'),
  'meta.asOfDate': m<{ asOf: string; period: string }>((p) => `期望截至日期 ${p.asOf}（${p.period} 的台账）`, (p) => `expected the as-of date ${p.asOf} of period ${p.period}`),

  // ---- how a cell's value is shown (ingest/check.ts)
  'cell.formula': m<Q>((p) => `公式 =${p.value}`, (p) => `a formula =${p.value}`),
  'cell.unreadable': m('无法读取的值（公式损坏？）', 'a value this tool cannot read (a damaged formula?)'),
  'cell.error': m<Q>((p) => `错误值 ${p.value}`, (p) => `an error ${p.value}`),
  'cell.date': m<Q>((p) => `日期 ${p.value}`, (p) => `a date ${p.value}`),
  'cell.empty': m('空单元格', 'an empty cell'),
  'cell.numberAsText': m<Q>((p) => `${p.value}（以文本形式存储的数字）`, (p) => `${p.value} (a number stored as text)`),
  'cell.numberAsTextHint': m(
    '请改成数字：在 Excel 中选中单元格，点旁边的“!”，选“转换为数字”',
    'make it a number: select the cell in Excel, click the "!" beside it and choose "Convert to Number"',
  ),
  'cell.dateNotAmount': m<Q>((p) => `${p.value}（日期，不是数量）`, (p) => `${p.value} (a date, not an amount)`),
  'cell.dateNotAmountHint': m('这一栏填累计完成的数量，不填日期', 'this column takes the amount completed so far, not a date'),
  'cell.fullWidth': m<Q>((p) => `${p.value}（全角数字或含空格）`, (p) => `${p.value} (full-width digits or spaces)`),
  'cell.fullWidthHint': m<Q>((p) => `请用半角数字（切换输入法），写作 ${p.value}`, (p) => `use half-width digits: write ${p.value}`),
  'cell.withUnit': m<Q>((p) => `${p.value}（数字带了单位或文字）`, (p) => `${p.value} (a number with a unit or words)`),
  'cell.withUnitHint': m<Q>((p) => `只填数字，不带单位，例如 ${p.value}`, (p) => `write the number alone, e.g. ${p.value}`),
  'cell.control': m<{ code: string }>((p) => `控制字符 U+${p.code}`, (p) => `a control character U+${p.code}`),
  'cell.controlHint': m(
    '多半是从 Word 或 PDF 粘贴来的：请重新输入这段文字，或用“选择性粘贴”粘贴为纯文本',
    'pasted from Word or a PDF? retype the text or paste it as plain text',
  ),

  // ---- the sheets and rows (ingest/check.ts)
  'sheet.missing': m<{ sheet: string }>((p) => `期望有下发时的工作表“${p.sheet}”`, (p) => `expected the sheet ${p.sheet} as issued`),
  'sheet.missingFound': m('没有这个工作表（改了名或删除了？）', 'no such sheet (renamed or deleted?)'),
  'sheet.missingHint': m('请恢复原来的工作表名称，或在新下发的台账中填写', 'give the sheet its issued name back, or fill in a freshly issued ledger'),
  'sheet.fixedCell': m('期望与下发时相同（此单元格已锁定，列和表头行都不能改动）', 'expected the value as issued (this cell is locked; columns and header rows must not change)'),
  'sheet.title': m('标题', 'title'),
  'sheet.asOf': m('截至日期', 'as of'),
  'sheet.from': m('统计起始', 'from'),
  'sheet.header': m('表头', 'header'),
  'sheet.columns': m<{ list: string }>((p) => `期望各列与下发时相同，依次为 ${p.list}`, (p) => `expected the columns as issued, in order ${p.list}`),
  'sheet.columnsFound': m<{ n: number; total: number; first: string }>(
    (p) => `${p.total} 个列标题中有 ${p.n} 个变了，从“${p.first}”起`,
    (p) => `${p.n} of ${p.total} column headers changed, from ${p.first} on`,
  ),
  'sheet.columnsHint': m('表中插入、删除或移动了列：请在下发的格式中填写（不读取任何一行）', 'a column was inserted, deleted or moved: fill in the issued layout (no row was read)'),
  'row.added': m('期望是下发的行（行标识为空：不能增加行，只在下发的行中填写）', 'expected the hidden row id of an issued row (rows cannot be added; fill in the issued rows only)'),
  'row.idCleared': m('期望是下发的行（行标识为空：是不是增加了行，或清空了行标识这一列？）', 'expected the hidden row id of an issued row (was a row added or the row id column cleared?)'),
  'row.unknownId': m('期望本工作表下发时的行标识', 'expected a row id issued in this sheet'),
  'row.twice': m('期望每个下发的行只出现一次（是不是复制了行？）', 'expected each issued row once (was a row copied?)'),
  'row.locked': m('期望与下发时相同（此单元格已锁定）', 'expected the value as issued (this cell is locked)'),
  'row.lockedFormula': m('期望与下发时相同（此单元格已锁定，是公式，不要在上面粘贴数值）', 'expected the value as issued (this cell is locked: it holds a formula, do not paste values over it)'),
  'row.kind.target': m('目标', 'target'),
  'row.kind.task': m('任务', 'task'),
  'row.kind.project': m('项目', 'project'),
  'row.gone': m<{ kind: string; meeting: string }>(
    (p) => `期望会议 ${p.meeting} 中的${p.kind}（数据中已没有这一项）`,
    (p) => `expected a ${p.kind} of meeting ${p.meeting} (it is no longer in the data)`,
  ),
  'row.reassigned': m<{ kind: string; unit: string; support: boolean }>(
    (p) => `期望由 ${p.unit} ${p.support ? '配合' : '牵头'}的${p.kind}（台账下发后数据中改了分工；本行内容未采用）`,
    (p) => `expected a ${p.kind} ${p.support ? 'supported' : 'led'} by unit ${p.unit} (the data has reassigned it since the ledger was issued; nothing was taken from this row)`,
  ),
  'row.ignored': m<{ why: string }>((p) => `期望此单元格为空（${p.why}）；填写的内容未采用`, (p) => `expected this cell blank (${p.why}); it was not taken`),
  'row.ignoredSupport': m('配合单位只填配合情况，数字由牵头单位填报', 'a supporting unit reports 配合情况 only; the lead unit reports the figures'),
  'row.ignoredNoTarget': m('本项没有量化目标：请选择自评进度', 'this item has no numeric target: choose 自评进度 instead'),
  'row.ignoredTarget': m('本项有量化目标：状态由累计完成算出', 'this item has a numeric target: its status comes from 累计完成'),
  'row.text': m('期望文字', 'expected text'),
  'row.maxChars': m<{ n: number }>((p) => `期望不超过 ${p.n} 个字`, (p) => `expected at most ${p.n} characters`),
  'row.chars': m<{ n: number }>((p) => `${p.n} 个字`, (p) => `${p.n} characters`),
  'row.maxCharsHint': m('请精简文字，详细材料另行报送', 'shorten the text; send longer material separately'),
  'row.oneOf': m<{ list: string }>((p) => `期望以下之一：${p.list}`, (p) => `expected one of ${p.list}`),
  'row.choose': m<{ list: string }>((p) => `期望以下之一：${p.list}（从下拉列表中选择）`, (p) => `expected one of ${p.list} (choose from the list)`),
  'row.number': m<{ min: string; max: string }>((p) => `期望 ${p.min} 到 ${p.max} 之间的数字`, (p) => `expected a number between ${p.min} and ${p.max}`),
  'row.numberIn': m<{ min: string; max: string; unit: string }>(
    (p) => `期望 ${p.min} 到 ${p.max} 之间的数字（单位为${p.unit}，不写单位）`,
    (p) => `expected a number between ${p.min} and ${p.max} (in ${p.unit}, without the unit)`,
  ),
  'row.chooseSelf': m<{ list: string }>(
    (p) => `期望选择自评进度（${p.list}）：本项没有量化目标，未选择前按“未填报”统计`,
    (p) => `expected a choice of 自评进度 (${p.list}) for an item without a numeric target; until one is chosen it counts as 未填报`,
  ),
  'row.missing': m<Q>((p) => `期望有下发时的行 ${p.value}（找不到：删除了？这一项未采用）`, (p) => `expected the issued row ${p.value} (it is missing: deleted? nothing was taken for it)`),
  'row.noSuchRow': m('没有这一行', 'no such row'),

  // ---- the file and its meeting (ingest/index.ts)
  'ingest.readable': m('期望一个可读取的文件', 'expected a readable file'),
  'ingest.folder': m('文件夹', 'a folder'),
  'ingest.notRegular': m('不是普通文件', 'not a regular file'),
  'ingest.noFile': m('文件不存在', 'no such file'),
  'ingest.readError': m('读取时出错', 'an error while reading'),
  'ingest.tooBig': m<{ mb: number }>((p) => `期望工作簿不超过 ${p.mb} MB`, (p) => `expected a workbook of at most ${p.mb} MB`),
  'ingest.bytes': m<{ n: number }>((p) => `${p.n} 字节`, (p) => `${p.n} bytes`),
  'ingest.field.district': m('区县', 'district'),
  'ingest.field.meeting': m('会议', 'meeting'),
  'ingest.field.period': m('月份', 'period'),
  'ingest.field.unit': m('单位', 'unit'),
  'ingest.field.checksum': m('校验值', 'checksum'),
  'ingest.unknownDistrict': m('期望数据文件夹中有这个区县', 'expected a district known in the data folder'),
  'ingest.unknownMeeting': m('期望数据文件夹中有这个会议', 'expected a meeting known in the data folder'),
  'ingest.noSuchFile': m<{ id: string; path: string }>((p) => `${p.id}（没有 ${p.path}）`, (p) => `${p.id} (no ${p.path})`),
  'ingest.unknownHint': m('这份台账不是从本数据文件夹下发的？请检查 --data 指定的文件夹', 'was this ledger issued from another data folder? check the folder given with --data'),
  'ingest.meetingInvalid': m<{ meeting: string }>((p) => `期望会议 ${p.meeting} 的数据无误（请先改正数据）`, (p) => `expected valid data for meeting ${p.meeting} (fix the data first)`),
  'ingest.planYear': m<{ year: number; rule: string }>(
    (p) => `期望会议计划年度 ${p.year} 年内某月的台账（${p.rule}）`,
    (p) => `expected a ledger for a month of the meeting's plan year ${p.year} (${p.rule})`,
  ),
  'ingest.unit': m<{ district: string }>((p) => `期望${p.district}的责任单位（district.yaml 中的 units）`, (p) => `expected a responsible unit of ${p.district} (district.yaml units)`),
  'ingest.checksum': m<{ sheet: string }>(
    (p) => `期望隐藏工作表 ${p.sheet} 与下发时相同（它记录台账属于哪个会议、单位和月份）`,
    (p) => `expected the hidden sheet ${p.sheet} as issued (it records which meeting, unit and period the ledger is for; fill in a freshly issued ledger instead)`,
  ),
  'ingest.noChecksum': m('没有校验值（被删除了，或台账是旧版 jianbao 下发的）', 'no checksum (deleted, or the ledger was issued by an older jianbao: issue it again)'),
  'ingest.noChecksumHint': m('请重新下发台账，在新台账中填写', 'issue the ledger again and fill in the new one'),
  'ingest.checksumMismatch': m('内容与校验值不符（工作表被改过）', 'contents that no longer match the checksum (the sheet was edited)'),
  'ingest.checksumHint': m('请在新下发的台账中填写', 'fill in a freshly issued ledger'),
  'ingest.futureSave': m('期望保存时间不晚于现在（电脑时钟不对？）', "expected a save time no later than now (was the computer's clock wrong?)"),
  'ingest.futureSaveHint': m('改用本次合并的时间，以后的更正照常生效', 'the time of this ingest is used instead, so later corrections still apply'),
  'ingest.internal': m(
    '期望本程序能检查的工作簿（其中的内容均未采用；请把这个文件交给技术人员）',
    'expected a workbook this tool can check (nothing from it was used; please report this file)',
  ),
  'ingest.internalFound': m<{ detail: string }>((p) => `程序内部错误：${p.detail}`, (p) => `an internal error: ${p.detail}`),
  'ingest.why': m<{ field: string; why: string }>((p) => `${p.field}：${p.why}`, (p) => `${p.field}: ${p.why}`),
  'ingest.masterLedger': m('督查室（汇总表）', 'the office (master ledger)'),

  // ---- merging (ingest/merge.ts)
  'merge.newerSupport': m<{ date: string; old: string }>(
    (p) => `期望不早于已记录的配合情况（${p.date} 回填：${p.old}）`,
    (p) => `expected the 配合情况 already recorded from a newer return of ${p.date} (${p.old})`,
  ),
  'merge.newer': m<{ date: string; old: string }>(
    (p) => `期望不早于已记录的回填（${p.date} 回填：${p.old}）`,
    (p) => `expected the value already recorded from a newer return of ${p.date} (${p.old})`,
  ),
  'merge.olderHint': m<{ file: string }>(
    (p) => `这份回填较早，未采用；如果它才是对的，请手工更正 ${p.file}`,
    (p) => `this return is older and was not applied — correct ${p.file} by hand if it is right`,
  ),
  'merge.otherUnit': m<{ who: string; old: string }>(
    (p) => `期望与${p.who}已回填的数值一致（${p.old}）`,
    (p) => `expected the values of ${p.who}, who already returned this row (${p.old})`,
  ),
  'merge.otherUnitHint': m<{ file: string }>(
    (p) => `已记录的数值保留；需要改动时请手工更正 ${p.file}`,
    (p) => `the recorded values stay until ${p.file} is corrected by hand`,
  ),
  'merge.blank': m('空', 'blank'),

  // ---- writing (ingest/store.ts)
  'store.write': m('期望能写入进度文件', 'expected to write the progress file'),
  'store.diskFull': m('磁盘已满（请腾出空间后再运行 ingest；未做任何改动）', 'the disk is full (free some space and run ingest again; nothing was changed)'),
  'store.readOnly': m('文件夹不可写（未做任何改动）', 'the folder is not writable (nothing was changed)'),
  'store.writeError': m<{ detail: string }>((p) => `写入时出错（${p.detail}；未做任何改动）`, (p) => `an error while writing (${p.detail}; nothing was changed)`),
  'store.locked': m('期望没有另一个 ingest 正在处理这些进度文件（请等它结束）', 'expected no other ingest to be running on these progress files (wait for it to finish)'),
  'store.lockHolder': m<{ pid: number; host: string; since: string }>(
    (p) => `进程 ${p.pid}（${p.host}）自 ${p.since} 起持有的锁`,
    (p) => `a lock held by process ${p.pid} on ${p.host} since ${p.since}`,
  ),
  'store.lockUnknown': m('持有者不明的锁（如果没有 ingest 在运行，请删除这个文件）', 'a lock of an unknown holder (delete the file if no ingest is running)'),

  // ---- progress files read back (load/progress.ts)
  'progress.strayFolder': m('期望此文件夹中只有 YYYY-MM.yaml 进度文件（这个文件夹不会被读取）', 'expected only progress files YYYY-MM.yaml in this folder (this folder is ignored)'),
  'progress.strayFile': m('期望进度文件名为 YYYY-MM.yaml，例如 2023-06.yaml（这个文件不会被读取）', 'expected a progress file named YYYY-MM.yaml, e.g. 2023-06.yaml (this file is ignored)'),
  'progress.fileMismatch': m<{ meeting: string; district: string; period: string }>(
    (p) => `期望会议 ${p.meeting}、区县 ${p.district}、月份 ${p.period}（与文件名和所在文件夹一致）`,
    (p) => `expected meeting ${p.meeting}, district ${p.district}, period ${p.period} (as the file name and folder say)`,
  ),
  'progress.planYear': m<{ year: number; rule: string }>(
    (p) => `期望会议计划年度 ${p.year} 年内的月份（${p.rule}）；本文件未使用`,
    (p) => `expected a month of the meeting's plan year ${p.year} (${p.rule}); this file is not used`,
  ),
  'progress.gone': m<{ kind: string; meeting: string }>(
    (p) => `期望会议 ${p.meeting} 中的${p.kind}（会议数据中已没有这一项；其数值不显示）`,
    (p) => `expected a ${p.kind} of meeting ${p.meeting} (it is no longer in the meeting data; its values are not shown)`,
  ),
  'progress.notSupporting': m<{ kind: string }>(
    (p) => `期望本${p.kind}的配合单位（会议数据中的 co:）；其配合情况不显示`,
    (p) => `expected a supporting unit of this ${p.kind} (co: in the meeting data); its 配合情况 is not shown`,
  ),
} as const;
