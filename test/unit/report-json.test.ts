import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import { readReportJson, ReportFileError, writeReportJson } from '../../shared/io/reportJson';
import { loadSample } from '../support/fixtures';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the report file', () => {
  it('round-trips a report through save and open', () => {
    const workbook = Workbook.open(loadSample('final-2023-jiefang'));
    workbook.set({ table: '公开05表', row: '2080101', column: 'basic' }, '12.5');
    const reopened = Workbook.open(readReportJson('a.json', writeReportJson(workbook.toReport())));
    expect(reopened.toReport()).toEqual(workbook.toReport());
    expect(reopened.findings().map((f) => f.key)).toEqual(workbook.findings().map((f) => f.key));
  });

  it.each([
    ['PK\u0003\u0004 binary', '不是 BudgetDesk 报表（JSON）格式'],
    ['{"kind":"final"}', '缺少 tables'],
    ['{"tables":[],"kind":"x","year":2024,"unit":"万元"}', '决算还是预算'],
    ['{"tables":[],"kind":"final","unit":"万元"}', '缺少年度'],
    ['{"tables":[],"kind":"final","year":2024,"unit":"千元"}', '金额单位'],
    [
      '{"tables":[{"id":"公开01表","rows":[{}]}],"kind":"final","year":2024,"unit":"万元"}',
      '第 1 张表（公开01表）第 1 行缺少 values',
    ],
  ])('names the file and the problem for %s', (content, why) => {
    expect(() => readReportJson('单位报表.json', bytes(content))).toThrow(ReportFileError);
    expect(() => readReportJson('单位报表.json', bytes(content))).toThrow(`无法打开“单位报表.json”：`);
    expect(() => readReportJson('单位报表.json', bytes(content))).toThrow(why);
  });

  const report = (table: string, year = '2024') =>
    `{"kind":"final","year":${year},"unit":"万元","tables":[${table}]}`;
  const withValue = (value: string) =>
    report(
      `{"id":"公开01表","rows":[{"role":"r1","values":{"c1":"1.00"}}]},{"id":"公开02表","rows":[{"code":"201","values":{"total":"5.00"}},{"code":"208","values":{"total":${value}}}]}`,
    );

  it.each([
    ['a number', '1234.5', '数 1234.5'],
    ['an object', '{"amount":"1.00"}', '对象'],
    ['a list', '["1.00"]', '列表'],
    ['true', 'true', '是/否值 true'],
  ])('a figure given as %s names the table, row and column', (_, value, what) => {
    expect(() => readReportJson('单位报表.json', bytes(withValue(value)))).toThrow(
      `无法打开“单位报表.json”：第 2 张表（公开02表）第 2 行的金额“total”应为文本形式的数字（如 "12.50"）或 null，文件中是${what}`,
    );
  });

  it.each(['1e308', '99999', '1948', '2024.5', '"2024"', '-1'])('refuses the year %s', (year) => {
    expect(() => readReportJson('单位报表.json', bytes(report('', year)))).toThrow(
      /年度（year）应为 1949 至 2100 之间的整数，文件中是/u,
    );
  });

  it('names a code given as a number by its field', () => {
    expect(() =>
      readReportJson('单位报表.json', bytes(report('{"id":"公开02表","rows":[{"code":201,"values":{}}]}'))),
    ).toThrow('tables[0].rows[0].code 应为文字或null');
  });

  it('takes the years 1949 and 2100, and a year not yet known (null)', () => {
    for (const year of ['1949', '2100', 'null'])
      expect(readReportJson('单位报表.json', bytes(report('', year))).year).toBe(JSON.parse(year));
  });

  it('rejects text that is not UTF-8', () => {
    expect(() => readReportJson('x.json', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toThrow(
      '不是 BudgetDesk 报表',
    );
  });
});
