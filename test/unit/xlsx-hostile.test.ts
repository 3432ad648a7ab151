/**
 * Hostile and broken .xlsx files (issue 14), generated here (test/support/hostile.ts): each is
 * refused with one Chinese message naming the file and what is wrong, or read correctly, and a
 * figure that cannot be read is flagged with its sheet and cell instead of becoming a number.
 */
import { describe, expect, it } from 'vitest';
import { readXlsx, XlsxError } from '../../shared/io/xlsx/readXlsx';
import { MAX_CELLS, MAX_EXPANDED_BYTES } from '../../shared/io/xlsx/limits';
import { checkJson } from '../support/check-json';
import { deflateRepeating, entriesOf, patchXlsx, replaceCell, zip, type ZipEntry } from '../support/hostile';
import { SAMPLES, sampleBytes } from '../support/variants/samples';

const sample = SAMPLES.find((s) => s.file === 'final-2024-gaoxin.xlsx')!;
const intact = sampleBytes(sample);
const INCOME_SHEET = 'xl/worksheets/sheet2.xml';
const SHEET_START = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_END = '</sheetData></worksheet>';

async function refusal(name: string, bytes: Uint8Array): Promise<string> {
  const started = performance.now();
  const error = await readXlsx(name, bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'refused').toBeInstanceOf(XlsxError);
  expect((error as Error).message).toContain(`无法打开“${name}”`);
  expect((error as Error).message, 'one line').not.toMatch(/\n/u);
  expect(performance.now() - started, 'refused within 10 s').toBeLessThan(10_000);
  return (error as Error).message;
}

/** The sample with one part replaced by a repeating deflate stream, its directory claiming `claimed` bytes. */
function withRepeatingPart(path: string, part: { data: Uint8Array; size: number }, claimed = part.size, prefix?: Uint8Array): Uint8Array {
  const entries = entriesOf(intact).map((e): ZipEntry => (e.name === path ? { name: path, data: part.data, size: claimed, crc: 0 } : e));
  return zip(entries, { prefix });
}

describe('archives that lie', () => {
  const spaces = ' '.repeat(30_000);
  const times = Math.ceil((MAX_EXPANDED_BYTES + 1) / spaces.length);
  const bomb = deflateRepeating(SHEET_START, spaces, times, SHEET_END);

  it('a zip bomb whose directory claims 1 KB is refused by the bytes actually inflated', async () => {
    expect(bomb.data.length, 'the file is small').toBeLessThan(5 * 1024 * 1024);
    const message = await refusal('炸弹.xlsx', withRepeatingPart(INCOME_SHEET, bomb, 1024));
    expect(message).toMatch(/压缩包展开后超过 200 MB（在展开“xl\/worksheets\/sheet2.xml”时）/u);
  });

  it('the same bomb behind 64 junk bytes is found and refused', async () => {
    const message = await refusal('前缀炸弹.xlsx', withRepeatingPart(INCOME_SHEET, bomb, 1024, new Uint8Array(64).fill(0x41)));
    expect(message).toMatch(/压缩包展开后超过 200 MB/u);
  });

  it('a whole file behind 64 junk bytes reads as the file', async () => {
    const read = await readXlsx('前缀.xlsx', zip(entriesOf(intact), { prefix: new Uint8Array(64).fill(0x41) }));
    const plain = await readXlsx('原文件.xlsx', intact);
    expect(read.report.tables).toEqual(plain.report.tables);
  });

  it('a ZIP64 archive (sizes and offsets in ZIP64 records) reads as the file', async () => {
    const read = await readXlsx('zip64.xlsx', zip(entriesOf(intact), { zip64: true }));
    const plain = await readXlsx('原文件.xlsx', intact);
    expect(read.report.tables).toEqual(plain.report.tables);
  });

  it('a truncated archive says so', async () => {
    const cut = entriesOf(intact).map((e) => (e.name === INCOME_SHEET ? { ...e, data: e.data.subarray(0, e.data.length >> 1) } : e));
    expect(await refusal('截断.xlsx', zip(cut))).toMatch(/“xl\/worksheets\/sheet2.xml”数据已损坏或不完整/u);
  });
});

describe('sheets far larger than a report', () => {
  it('a merge over the whole sheet (A7:XFD1048576) is refused naming the sheet and range', async () => {
    const bytes = patchXlsx(intact, { [INCOME_SHEET]: (xml) => xml.replace('<mergeCells count="14">', '<mergeCells count="15"><mergeCell ref="A41:XFD1048576"/>') });
    expect(bytes.length).toBeLessThan(40 * 1024);
    expect(await refusal('大合并.xlsx', bytes)).toMatch(/工作表“收入决算表”的合并区域 A41:XFD1048576 有 17,179,213,824 个单元格/u);
  });

  it('a merge a little past the used cells is clipped to them, not expanded', async () => {
    const bytes = patchXlsx(intact, { [INCOME_SHEET]: (xml) => xml.replace('<mergeCells count="14">', '<mergeCells count="15"><mergeCell ref="J1:Z300"/>') });
    const read = await readXlsx('小合并.xlsx', bytes);
    expect(read.report.tables).toEqual((await readXlsx('原文件.xlsx', intact)).report.tables);
  });

  it('a 450 MB sheet of tiny cells is refused by its size, in seconds', async () => {
    const row = `<row>${'<c><v>1</v></c>'.repeat(2_000)}</row>`;
    const sheet = deflateRepeating(SHEET_START, row, Math.ceil((450 * 1024 * 1024) / row.length), SHEET_END);
    expect(await refusal('小格子450.xlsx', withRepeatingPart(INCOME_SHEET, sheet))).toMatch(/展开后超过 200 MB/u);
  });

  it('a 40 MB sheet of tiny cells (under the size limit) is refused by its cell count', async () => {
    const row = `<row>${'<c><v>1</v></c>'.repeat(2_000)}</row>`;
    const sheet = deflateRepeating(SHEET_START, row, 1_400, SHEET_END);
    expect(sheet.size).toBeLessThan(MAX_EXPANDED_BYTES);
    expect(1_400 * 2_000).toBeGreaterThan(MAX_CELLS);
    expect(await refusal('小格子.xlsx', withRepeatingPart(INCOME_SHEET, sheet))).toMatch(/工作表“收入决算表”读到第 2,000,000 个单元格仍未读完，文件过大/u);
  });

  it('three million shared strings are refused', async () => {
    const strings = deflateRepeating('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', '<si><t>甲</t></si>', 3_000_000, '</sst>');
    expect(await refusal('字符串多.xlsx', withRepeatingPart('xl/sharedStrings.xml', strings))).toMatch(/共享字符串超过 2,000,000 个/u);
  });

  it('a shared string of ten million characters is refused', async () => {
    const strings = deflateRepeating('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>', '甲'.repeat(1_000), 10_000, '</t></si></sst>');
    expect(await refusal('字符串长.xlsx', withRepeatingPart('xl/sharedStrings.xml', strings))).toMatch(/共享字符串第 1 个超过 32767 个字符/u);
  });
});

describe('a sheet part missing from the archive', () => {
  it('is named as missing, and its table is missing, not a table of zeros', async () => {
    const bytes = patchXlsx(intact, { 'xl/worksheets/sheet5.xml': null });
    const { code, file, stderr } = await checkJson('缺表.xlsx', bytes);
    expect(stderr).toBe('');
    expect(code).toBeLessThan(2);
    expect(file!.unrecognized).toContainEqual({ sheet: '一般公共预算财政拨款支出决算表', reason: expect.stringMatching(/缺少这张工作表的内容（xl\/worksheets\/sheet5.xml）/u) });
    expect(file!.missingTables.map((t) => t.id)).toContain('公开05表');
    expect(file!.findings.filter((f) => f.cells.some((c) => c.table === '公开05表')), 'no finding rests on a figure of 05').toEqual([]);
    expect(file!.findings.filter((f) => f.location?.kind === 'table' && f.location.table === '公开05表').map((f) => f.ruleId)).toEqual(['V02']);
  });

  it('a file whose every sheet is missing is refused naming them', async () => {
    const gone = Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`xl/worksheets/sheet${n}.xml`, null]));
    expect(await refusal('空壳.xlsx', patchXlsx(intact, gone))).toMatch(/工作表“收入支出决算总表”：文件中缺少这张工作表的内容/u);
  });
});

describe('figures that must not be read as numbers', () => {
  // 收入决算表 C8 is 公开02表 208's 本年收入合计, 6461.3 in the sample.
  const DATE_STYLE = 15;
  const withDateStyle = (xml: string) =>
    xml.replace('<cellXfs count="15">', '<cellXfs count="16">').replace('</cellXfs>', '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs>');
  const cases = [
    { name: '“1,64” as text', cell: '<c r="C8" t="inlineStr"><is><t>1,64</t></is></c>', shown: '1,64', says: /逗号或空格只能用作千位分隔符/u },
    { name: '“1 64” as text', cell: '<c r="C8" t="inlineStr"><is><t>1 64</t></is></c>', shown: '1 64', says: /逗号或空格只能用作千位分隔符/u },
    { name: 'a hexadecimal <v>0x1</v>', cell: '<c r="C8"><v>0x1</v></c>', shown: '0x1', says: /数值“0x1”不是 Excel 保存数字的写法/u },
    { name: 'a shared formula without its master', cell: '<c r="C8"><f t="shared" si="7"/><v>6461.3</v></c>', shown: '6461.3', says: /共享公式（编号 7）找不到它的主公式/u },
    { name: 'a date-formatted 1.64', cell: `<c r="C8" s="${DATE_STYLE}"><v>1.64</v></c>`, shown: '1900-01-01', says: /日期格式（显示为 1900-01-01），其数值 1.64 不能当作金额/u },
    { name: 'a date-formatted 45291', cell: `<c r="C8" s="${DATE_STYLE}"><v>45291</v></c>`, shown: '2023-12-31', says: /日期格式（显示为 2023-12-31），其数值 45291 不能当作金额/u },
    { name: 'a formula whose cached result is #REF!', cell: '<c r="C8" t="e"><f>#REF!+1</f><v>#REF!</v></c>', shown: '#REF!', says: /公式的计算结果是错误值 #REF!/u },
  ];

  it.each(cases)('$name is flagged V01 naming sheet and cell', async ({ cell, shown, says }) => {
    const bytes = patchXlsx(intact, { [INCOME_SHEET]: (xml) => replaceCell(xml, 'C8', cell), 'xl/styles.xml': withDateStyle });
    const { file } = await checkJson('数字.xlsx', bytes);
    const flagged = file!.findings.filter((f) => f.ruleId === 'V01');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.actual).toBe(shown);
    expect(flagged[0]!.cells).toEqual([expect.objectContaining({ table: '公开02表', row: '208', value: shown })]);
    expect(flagged[0]!.message).toMatch(says);
    expect(flagged[0]!.message).toContain('工作表“收入决算表”C8');
  });

  it('a formula saved without its result is still reported as such', async () => {
    const bytes = patchXlsx(intact, { [INCOME_SHEET]: (xml) => replaceCell(xml, 'C8', '<c r="C8"><f>SUM(C9:C12)</f></c>') });
    const read = await readXlsx('未计算.xlsx', bytes);
    expect(read.problems).toContain('“收入决算表”C8：公式没有保存计算结果，请在 Excel 中重新计算并保存后再打开');
  });
});
