/**
 * Cities number and title their budget tables differently, and some print 元. A template of
 * another numbering (test/fixtures/templates/budget-2025-other-city.json: 三公 as 07, the tables
 * after it shifted, "…总体情况表" titles, amounts in 元) is added from data alone, and a file laid
 * out that way is recognised as it on import and checked like the published one.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import { readXlsx } from '../../shared/io/xlsx/readXlsx';
import type { TableSetTemplate } from '../../shared/model/template';
import { tableCode } from '../../shared/model/template';
import { parseAmount, toDecimalString } from '../../shared/money/money';
import { buildCatalog, builtInCatalog, builtInFiles, type Catalog } from '../../shared/templates/catalog';
import { loadSample } from '../support/fixtures';

const fixture = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url)));
// The other city's template is data alone: the JZ25 set it extends, and what differs.
const catalog: Catalog = buildCatalog(
  {
    ...builtInFiles.templates,
    'other-city.json': JSON.parse(fixture('templates/budget-2025-other-city.json').toString('utf8')),
  },
  builtInFiles.rules,
);
const otherCity = catalog.templates.find((t) => t.id === 'budget-2025-other-city')!;
const builtInBudget = builtInCatalog.templates.find((t) => t.id === 'budget-2025')!;

/** An amount in 元 from one in 万元, exactly (the decimal point moved in its text). */
function inYuan(value: number): number {
  const parsed = parseAmount(String(value));
  if (!parsed.ok || parsed.value === null) throw new Error(`not an amount: ${value}`);
  return Number(toDecimalString(parsed.value * 10_000));
}

/** The JZ25 workbook as the other city would publish it: its numbers, its titles, 元. */
async function otherCityFile(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(fixture('xlsx/budget-2025-jiaozuo.xlsx') as unknown as ArrayBuffer);
  const byCode = new Map(
    builtInBudget.tables.map((t) => [tableCode(t), otherCity.tables.find((o) => o.id === t.id)!]),
  );
  const titles = new Map(
    builtInBudget.tables.map((t) => [t.title, otherCity.tables.find((o) => o.id === t.id)!.title]),
  );
  for (const sheet of book.worksheets) {
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        // A merged cell's other parts write through to its first one: change that once.
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const value = cell.value;
        if (typeof value === 'number') cell.value = inYuan(value);
        if (typeof value !== 'string') return;
        const table = byCode.get(value);
        const title = /^(\d{4}年)(.*)$/u.exec(value);
        if (table) cell.value = tableCode(table);
        else if (title && titles.has(title[2]!)) cell.value = `${title[1]}${titles.get(title[2]!)}`;
        else cell.value = value.replace('单位：万元', '单位：元').replace('（万元）', '（元）');
      }),
    );
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('a budget template of another numbering, in 元', () => {
  it('is a valid template made of data alone, numbered unlike JZ25', () => {
    expect(() =>
      Workbook.open(
        { kind: 'budget', year: 2025, department: '', unit: '元', template: otherCity.id, tables: [] },
        catalog,
      ),
    ).not.toThrow();
    const code = (template: TableSetTemplate, id: string) =>
      tableCode(template.tables.find((t) => t.id === id)!);
    expect([code(otherCity, '三公经费表'), code(builtInBudget, '三公经费表')]).toEqual([
      '部门预算07表',
      '预算09表',
    ]);
  });

  it('recognises a file laid out that way as that template, every sheet as its table', async () => {
    const imported = await readXlsx('另一城市.xlsx', await otherCityFile(), catalog);
    expect(imported.report).toMatchObject({ template: otherCity.id, unit: '元', kind: 'budget', year: 2025 });
    expect(imported.unrecognized).toEqual([]);
    expect(imported.problems).toEqual([]);
    // The sheet printed as 部门预算07表 is the 三公 table (JZ25's 07 is 基本支出明细表).
    expect(imported.tables.find((t) => t.sheet === '2025年一般公共预算“三公”经费预算表')!.table).toBe(
      '三公经费表',
    );
    expect(imported.tables.map((t) => t.table).sort()).toEqual(otherCity.tables.map((t) => t.id).sort());
  });

  it('holds the published figures in 元 and finds what the 万元 document has, with no rounding tail', async () => {
    const imported = Workbook.open(
      (await readXlsx('另一城市.xlsx', await otherCityFile(), catalog)).report,
      catalog,
    );
    expect(imported.problems).toEqual([]);
    expect(imported.cell({ table: '收支总表', row: '收入总计', column: 'incomeAmount' }).value).toBe(
      '588698200.00',
    );
    const published = Workbook.open(loadSample('budget-2025-jiaozuo'));
    const found = (w: Workbook) => w.findings().map((f) => `${f.ruleId} ${f.severity}`);
    expect(found(imported)).toEqual(found(published));
  });

  it('leaves the JZ25 file to the template whose numbers it prints', async () => {
    const imported = await readXlsx(
      'jz25.xlsx',
      new Uint8Array(fixture('xlsx/budget-2025-jiaozuo.xlsx')),
      catalog,
    );
    expect(imported.report.template).toBe('budget-2025');
  });
});
