/**
 * Files that are not what they claim: each gets a clear Chinese message naming the file, and
 * nothing is opened.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsx, XlsxError } from '../../shared/io/xlsx/readXlsx';

async function refused(name: string, bytes: Uint8Array, why: RegExp): Promise<void> {
  const error = await readXlsx(name, bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(XlsxError);
  expect((error as Error).message).toContain(`“${name}”`);
  expect((error as Error).message).toMatch(why);
}

describe('bad .xlsx input', () => {
  it('a renamed text file', async () => {
    await refused('改了扩展名.xlsx', new TextEncoder().encode('部门决算\t1\t2'), /不是有效的 Excel/u);
  });

  it('a password-protected workbook (an encrypted OLE file, not a zip)', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await refused('有密码.xlsx', ole, /可能已损坏、加密/u);
  });

  it('a file of 100 MB', async () => {
    await refused('超大.xlsx', new Uint8Array(100 * 1024 * 1024), /100 MB，远大于报表文件/u);
  });

  it('a workbook with no table we know', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('工资表').getCell('A1').value = '2024年工资发放表';
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    await refused('工资表.xlsx', bytes, /中没有能识别的报表（工资表：没有找到能识别的表号、表名或表头/u);
  });
});
