/**
 * The hostile and broken files of issue 14, built from the 2024 sample (final-2024-gaoxin.xlsx) by
 * the generators of ./hostile: what the tests check and the benchmark (test/bench/hostile-bench.ts)
 * measures are the same files.
 */
import { MAX_EXPANDED_BYTES } from '../../shared/io/xlsx/limits';
import { deflateRepeating, entriesOf, patchXlsx, replaceCell, zip, type ZipEntry } from './hostile';
import { SAMPLES, sampleBytes } from './variants/samples';

export const intact = sampleBytes(SAMPLES.find((s) => s.file === 'final-2024-gaoxin.xlsx')!);
/** The sample's 收入决算表 (公开02表); its C8 is 208's 本年收入合计, 6461.3. */
export const INCOME_SHEET = 'xl/worksheets/sheet2.xml';
const SHEET_START =
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_END = '</sheetData></worksheet>';
const SST_START = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
const JUNK = new Uint8Array(64).fill(0x41);
const TINY_CELLS_ROW = `<row>${'<c><v>1</v></c>'.repeat(2_000)}</row>`;

/** The sample with one part replaced by a repeating deflate stream, its directory claiming `claimed` bytes. */
function withRepeatingPart(
  path: string,
  part: { data: Uint8Array; size: number },
  claimed = part.size,
  prefix?: Uint8Array,
): Uint8Array {
  const entries = entriesOf(intact).map((e): ZipEntry =>
    e.name === path ? { name: path, data: part.data, size: claimed, crc: 0 } : e,
  );
  return zip(entries, { prefix });
}

/** A sheet of spaces just past the expanded-size limit, a few megabytes packed. */
const bomb = () =>
  deflateRepeating(SHEET_START, ' '.repeat(30_000), Math.ceil((MAX_EXPANDED_BYTES + 1) / 30_000), SHEET_END);

export const lyingBomb = () => withRepeatingPart(INCOME_SHEET, bomb(), 1024);
export const prefixedBomb = () => withRepeatingPart(INCOME_SHEET, bomb(), 1024, JUNK);
export const prefixed = () => zip(entriesOf(intact), { prefix: JUNK });
export const zip64 = () => zip(entriesOf(intact), { zip64: true });
export const truncated = () =>
  zip(
    entriesOf(intact).map((e) =>
      e.name === INCOME_SHEET ? { ...e, data: e.data.subarray(0, e.data.length >> 1) } : e,
    ),
  );

/** A merge added to the income sheet. */
export const withMerge = (ref: string) =>
  patchXlsx(intact, {
    [INCOME_SHEET]: (xml) =>
      xml.replace('<mergeCells count="14">', `<mergeCells count="15"><mergeCell ref="${ref}"/>`),
  });

/** A sheet of `rows` rows of 2,000 one-digit cells (30 KB of XML a row). */
export const tinyCells = (rows: number) =>
  withRepeatingPart(INCOME_SHEET, deflateRepeating(SHEET_START, TINY_CELLS_ROW, rows, SHEET_END));
export const TINY_CELLS_ROW_BYTES = TINY_CELLS_ROW.length;

export const manySharedStrings = (count: number) =>
  withRepeatingPart(
    'xl/sharedStrings.xml',
    deflateRepeating(SST_START, '<si><t>甲</t></si>', count, '</sst>'),
  );
export const longSharedString = (thousands: number) =>
  withRepeatingPart(
    'xl/sharedStrings.xml',
    deflateRepeating(`${SST_START}<si><t>`, '甲'.repeat(1_000), thousands, '</t></si></sst>'),
  );

export const withoutParts = (...paths: string[]) =>
  patchXlsx(intact, Object.fromEntries(paths.map((p) => [p, null])));

/** Style 15, added to the sample's 15 cell styles: number format 14, a date. */
export const DATE_STYLE = 15;
const withDateStyle = (xml: string) =>
  xml
    .replace('<cellXfs count="15">', '<cellXfs count="16">')
    .replace(
      '</cellXfs>',
      '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs>',
    );

/** The sample with the income sheet's C8 written as `cell` (the whole <c> element), and a date style to use. */
export const withIncomeC8 = (cell: string) =>
  patchXlsx(intact, {
    [INCOME_SHEET]: (xml) => replaceCell(xml, 'C8', cell),
    'xl/styles.xml': withDateStyle,
  });

/** Figures that must be flagged, never read as a number: C8 as written, what the cell shows, what the message says. */
export const WRONG_FIGURES = [
  {
    name: '“1,64” as text',
    cell: '<c r="C8" t="inlineStr"><is><t>1,64</t></is></c>',
    shown: '1,64',
    says: /逗号或空格只能用作千位分隔符/u,
  },
  {
    name: '“1 64” as text',
    cell: '<c r="C8" t="inlineStr"><is><t>1 64</t></is></c>',
    shown: '1 64',
    says: /逗号或空格只能用作千位分隔符/u,
  },
  {
    name: 'a hexadecimal <v>0x1</v>',
    cell: '<c r="C8"><v>0x1</v></c>',
    shown: '0x1',
    says: /数值“0x1”不是 Excel 保存数字的写法/u,
  },
  {
    name: 'a shared formula without its master',
    cell: '<c r="C8"><f t="shared" si="7"/><v>6461.3</v></c>',
    shown: '6461.3',
    says: /共享公式（编号 7）找不到它的主公式/u,
  },
  {
    name: 'a date-formatted 1.64',
    cell: `<c r="C8" s="${DATE_STYLE}"><v>1.64</v></c>`,
    shown: '1900-01-01',
    says: /日期格式（显示为 1900-01-01），其数值 1.64 不能当作金额/u,
  },
  {
    name: 'a date-formatted 45291',
    cell: `<c r="C8" s="${DATE_STYLE}"><v>45291</v></c>`,
    shown: '2023-12-31',
    says: /日期格式（显示为 2023-12-31），其数值 45291 不能当作金额/u,
  },
  {
    name: 'a formula whose cached result is #REF!',
    cell: '<c r="C8" t="e"><f>#REF!+1</f><v>#REF!</v></c>',
    shown: '#REF!',
    says: /公式的计算结果是错误值 #REF!/u,
  },
];

/** Every hostile file, by the name it is checked under, for the benchmark. */
export const HOSTILE_FILES: { file: string; build: () => Uint8Array }[] = [
  { file: '大合并-A41-XFD1048576.xlsx', build: () => withMerge('A41:XFD1048576') },
  { file: '炸弹-目录谎报1KB.xlsx', build: lyingBomb },
  { file: '炸弹-前有64字节.xlsx', build: prefixedBomb },
  { file: '完整-前有64字节.xlsx', build: prefixed },
  { file: '完整-zip64.xlsx', build: zip64 },
  { file: '截断.xlsx', build: truncated },
  {
    file: '小格子-450MB.xlsx',
    build: () => tinyCells(Math.ceil((450 * 1024 * 1024) / TINY_CELLS_ROW_BYTES)),
  },
  { file: '小格子-40MB.xlsx', build: () => tinyCells(1_400) },
  { file: '共享字符串-300万个.xlsx', build: () => manySharedStrings(3_000_000) },
  { file: '共享字符串-1000万字.xlsx', build: () => longSharedString(10_000) },
  { file: '缺工作表sheet5.xlsx', build: () => withoutParts('xl/worksheets/sheet5.xml') },
  ...WRONG_FIGURES.map((f, i) => ({ file: `金额-${i + 1}.xlsx`, build: () => withIncomeC8(f.cell) })),
];
