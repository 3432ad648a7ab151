/**
 * Another region's 决算 set: Shanghai 2024 (上海市普陀区财政局), read from the .xlsx of its
 * publication. No table numbers, 决算数 for 金额, codes in 类/款/项 pieces, 05's 合计 last, 三公 as
 * the seventh table with its 预算数/决算数 interleaved, 国有资本经营 with income and carry-over.
 * Its own template (shared/templates/final-2024-shanghai.json) is data only: final-2024 plus what
 * differs. Every finding below was recomputed by hand from the publication's figures.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../electron/cli/check';

const path = 'test/fixtures/xlsx/final-2024-shanghai.xlsx';
const bytes = readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)));

async function check() {
  let stdout = '';
  const code = await runCheck(['--json', path], {
    readFile: () => bytes,
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
  });
  return { code, file: JSON.parse(stdout).files[0] };
}

describe('the Shanghai 2024 publication', () => {
  it('is read as the Shanghai template: nine tables, each on its sheet, its department, 2024, 万元, nothing unread', async () => {
    const { file } = await check();
    expect(file.template).toMatchObject({
      id: 'final-2024-shanghai',
      title: '部门决算公开表（上海 2024年度格式）',
    });
    expect(file.template.why).toMatch(/^9 张工作表中识别出 9 张表（按表名 9 张）/u);
    expect(file).toMatchObject({
      kind: 'final',
      year: 2024,
      department: '上海市普陀区财政局',
      unit: '万元',
      missingTables: [],
      unrecognized: [],
      notChecked: [],
      unplaced: [],
    });
    expect(file.yearSource).toBe('文件名“final-2024-shanghai.xlsx”');
    expect(file.tables.map((t: { id: string; sheet: string }) => `${t.id} ${t.sheet}`)).toEqual([
      '公开01表 收入支出决算总表',
      '公开02表 收入决算表',
      '公开03表 支出决算表',
      '公开04表 财政拨款收入支出决算总表',
      '公开05表 一般公共预算财政拨款支出决算表',
      '公开06表 一般公共预算财政拨款基本支出决算表',
      '公开09表 财政拨款“三公”经费支出决算表',
      '公开07表 政府性基金预算财政拨款收入支出决算表',
      '公开08表 国有资本经营预算财政拨款收入支出决算表',
    ]);
  });

  it('has exactly the inconsistencies its own figures show', async () => {
    const { code, file } = await check();
    expect(code).toBe(1);
    const found = file.findings.map(
      (f: {
        ruleId: string;
        severity: string;
        cells: { table: string; row: string; column: string }[];
        actual: string;
        expected: string;
      }) =>
        [
          f.ruleId,
          f.severity,
          `${f.cells[0]!.table} ${f.cells[0]!.row} ${f.cells[0]!.column}`,
          f.actual,
          f.expected,
        ].join(' '),
    );
    expect(found).toEqual([
      // 01 and 04 print 社会保障和就业支出 326.71; 02, 03 and 05 print 208 as 326.72 = 20805 = 84.65 + 160.75 + 80.38 + 0.94.
      // One figure printed in two places must be identical: errors, both.
      'D05 error 公开01表 八、社会保障和就业支出 决算数 326.71 326.72',
      // The 合计 lines print 2946.25 / 2940.05, the 类 add up to 2112.86 + 326.72 + 60.99 + 445.69 = 2946.26
      // (2106.66 + … = 2940.06): a cent of rounding over four classes.
      'B03 rounding 公开02表 合计 财政拨款收入 2940.05 2940.06',
      'B03 rounding 公开02表 合计 本年收入合计 2946.25 2946.26',
      // 基本支出 1503.52 + 326.72 + 60.99 + 445.69 = 2336.92 against 2336.91.
      'B03 rounding 公开03表 合计 基本支出 2336.91 2336.92',
      'B03 rounding 公开03表 合计 本年支出合计 2940.05 2940.06',
      'D07 error 公开04表 八、社会保障和就业支出 一般公共预算财政拨款 326.71 326.72',
      'B03 rounding 公开05表 合计 基本支出 2336.91 2336.92',
      'B03 rounding 公开05表 合计 合计 2940.05 2940.06',
      // 301's 款 add up to 262.33 + 1238.58 + 160.75 + 80.38 + 60.99 + 1.61 + 187.19 + 91.03 = 2082.86 against 2082.85;
      // 302's to 171.09 against 171.07 (twelve 款, so ±0.06 is within the tail).
      'B05 rounding 公开06表 301 决算数 2082.85 2082.86',
      'B05 rounding 公开06表 302 决算数 171.07 171.09',
    ]);
  });
});
