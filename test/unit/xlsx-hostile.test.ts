/**
 * Hostile and broken .xlsx files (issue 14), generated at test time (test/support/hostile-cases.ts):
 * each is refused with one Chinese message naming the file and what is wrong, or read correctly,
 * and a figure that cannot be read is flagged with its sheet and cell instead of becoming a number.
 */
import { describe, expect, it } from 'vitest';
import { readXlsx, XlsxError } from '../../shared/io/xlsx/readXlsx';
import { MAX_CELLS, MAX_EXPANDED_BYTES } from '../../shared/io/xlsx/limits';
import { checkJson } from '../support/check-json';
import * as hostile from '../support/hostile-cases';

const { intact } = hostile;

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

const tablesOf = async (bytes: Uint8Array) => (await readXlsx('文件.xlsx', bytes)).report.tables;

// Inflating and parsing hundreds of megabytes takes a few seconds on a busy machine: more than vitest's default 5 s.
const HEAVY = { timeout: 30_000 };

describe('archives that lie', HEAVY, () => {
  it('a zip bomb whose directory claims 1 KB is refused by the bytes actually inflated', async () => {
    const bytes = hostile.lyingBomb();
    expect(bytes.length, 'the file is small').toBeLessThan(5 * 1024 * 1024);
    expect(await refusal('炸弹.xlsx', bytes)).toMatch(
      /压缩包展开后超过 200 MB（在展开“xl\/worksheets\/sheet2.xml”时）/u,
    );
  });

  it('the same bomb behind 64 junk bytes is found and refused', async () => {
    expect(await refusal('前缀炸弹.xlsx', hostile.prefixedBomb())).toMatch(/压缩包展开后超过 200 MB/u);
  });

  it('a whole file behind 64 junk bytes reads as the file', async () => {
    expect(await tablesOf(hostile.prefixed())).toEqual(await tablesOf(intact));
  });

  it('a ZIP64 archive (sizes and offsets in ZIP64 records) reads as the file', async () => {
    expect(await tablesOf(hostile.zip64())).toEqual(await tablesOf(intact));
  });

  it('a truncated entry says so', async () => {
    expect(await refusal('截断.xlsx', hostile.truncated())).toMatch(
      /“xl\/worksheets\/sheet2.xml”数据已损坏或不完整/u,
    );
  });

  it('the checker exits 2 with one line naming the file', async () => {
    const { code, stderr } = await checkJson('炸弹.xlsx', hostile.lyingBomb());
    expect(code).toBe(2);
    expect(stderr).toMatch(/^无法打开“炸弹.xlsx”：压缩包展开后超过 200 MB[^\n]*\n$/u);
  });
});

describe('sheets far larger than a report', HEAVY, () => {
  it('a merge over the whole sheet (A41:XFD1048576, a 30 KB file) is refused naming the sheet and range', async () => {
    const bytes = hostile.withMerge('A41:XFD1048576');
    expect(bytes.length).toBeLessThan(40 * 1024);
    expect(await refusal('大合并.xlsx', bytes)).toMatch(
      /工作表“收入决算表”的合并区域 A41:XFD1048576 有 17,179,213,824 个单元格/u,
    );
  });

  it('a merge a little past the used cells is clipped to them, not expanded', async () => {
    expect(await tablesOf(hostile.withMerge('J1:Z300'))).toEqual(await tablesOf(intact));
  });

  it('a 450 MB sheet of tiny cells is refused by its size, in seconds', async () => {
    const rows = Math.ceil((450 * 1024 * 1024) / hostile.TINY_CELLS_ROW_BYTES);
    expect(await refusal('小格子450.xlsx', hostile.tinyCells(rows))).toMatch(/展开后超过 200 MB/u);
  });

  it('a 40 MB sheet of tiny cells (under the size limit) is refused by its cell count', async () => {
    expect(1_400 * hostile.TINY_CELLS_ROW_BYTES).toBeLessThan(MAX_EXPANDED_BYTES);
    expect(1_400 * 2_000).toBeGreaterThan(MAX_CELLS);
    expect(await refusal('小格子.xlsx', hostile.tinyCells(1_400))).toMatch(
      /工作表“收入决算表”读到第 2,000,000 个单元格仍未读完，文件过大/u,
    );
  });

  it('three million shared strings are refused', async () => {
    expect(await refusal('字符串多.xlsx', hostile.manySharedStrings(3_000_000))).toMatch(
      /共享字符串超过 2,000,000 个/u,
    );
  });

  it('a shared string of ten million characters is refused', async () => {
    expect(await refusal('字符串长.xlsx', hostile.longSharedString(10_000))).toMatch(
      /共享字符串第 1 个超过 32767 个字符/u,
    );
  });
});

describe('a sheet part missing from the archive', () => {
  it('is named as missing, and its table is missing, not a table of zeros', async () => {
    const { code, file, stderr } = await checkJson(
      '缺表.xlsx',
      hostile.withoutParts('xl/worksheets/sheet5.xml'),
    );
    expect(stderr).toBe('');
    expect(code).toBeLessThan(2);
    expect(file!.unrecognized).toContainEqual({
      sheet: '一般公共预算财政拨款支出决算表',
      reason: expect.stringMatching(/缺少这张工作表的内容（xl\/worksheets\/sheet5.xml）/u),
    });
    expect(file!.missingTables.map((t) => t.id)).toContain('公开05表');
    expect(
      file!.findings.filter((f) => f.cells.some((c) => c.table === '公开05表')),
      'no finding rests on a figure of 05',
    ).toEqual([]);
    expect(
      file!.findings
        .filter((f) => f.location?.kind === 'table' && f.location.table === '公开05表')
        .map((f) => f.ruleId),
    ).toEqual(['V02']);
  });

  it('a file whose every sheet is missing is refused naming them', async () => {
    const all = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `xl/worksheets/sheet${n}.xml`);
    expect(await refusal('空壳.xlsx', hostile.withoutParts(...all))).toMatch(
      /工作表“收入支出决算总表”：文件中缺少这张工作表的内容/u,
    );
  });
});

describe('figures that must not be read as numbers', () => {
  it.each(hostile.WRONG_FIGURES)(
    '$name is flagged V01 naming sheet and cell',
    async ({ cell, shown, says }) => {
      const { file } = await checkJson('数字.xlsx', hostile.withIncomeC8(cell));
      const flagged = file!.findings.filter((f) => f.ruleId === 'V01');
      expect(flagged).toHaveLength(1);
      expect(flagged[0]!.actual).toBe(shown);
      expect(flagged[0]!.cells).toEqual([
        expect.objectContaining({ table: '公开02表', row: '208', value: shown }),
      ]);
      expect(flagged[0]!.message).toMatch(says);
      expect(flagged[0]!.message).toContain('（工作表“收入决算表”C8）');
    },
  );

  it('a formula saved without its result is still reported as such', async () => {
    const read = await readXlsx('未计算.xlsx', hostile.withIncomeC8('<c r="C8"><f>SUM(C9:C12)</f></c>'));
    expect(read.problems).toContain(
      '“收入决算表”C8：公式没有保存计算结果，请在 Excel 中重新计算并保存后再打开',
    );
  });
});
