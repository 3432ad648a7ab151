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
    ['{"tables":[{"id":"公开01表","rows":[{}]}],"kind":"final","year":2024,"unit":"万元"}', '公开01表 第 1 行缺少 values'],
  ])('names the file and the problem for %s', (content, why) => {
    expect(() => readReportJson('单位报表.json', bytes(content))).toThrow(ReportFileError);
    expect(() => readReportJson('单位报表.json', bytes(content))).toThrow(`无法打开“单位报表.json”：`);
    expect(() => readReportJson('单位报表.json', bytes(content))).toThrow(why);
  });

  it('rejects text that is not UTF-8', () => {
    expect(() => readReportJson('x.json', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toThrow('不是 BudgetDesk 报表');
  });
});
