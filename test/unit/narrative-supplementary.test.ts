/**
 * 补充信息 as data: each field's unit and sign say what a value may be (validated with a Chinese
 * message per field), the report file keeps the text and the values exactly, and next year's
 * fields are taken from last year's report where it holds them.
 */
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import { readReportJson, writeReportJson } from '../../shared/io/reportJson';
import { narrativeSetFor, type NarrativeSet } from '../../shared/narrative/definitions';
import { carryOver } from '../../shared/narrative/carry';
import { validateSupplementary } from '../../shared/narrative/supplementary';
import { narrativeFromPlainText } from '../../shared/narrative/text';
import { loadSample } from '../support/fixtures';
import { narrativeFindings, narrativeText, openWithNarrative } from '../support/narrative';
import { S24 } from '../support/supplementary';

const finalSet = narrativeSetFor(['final-2024'])!;

describe('validateSupplementary', () => {
  it('says per field what is wrong: not a number, too many decimals for 万元, negative, a count not whole', () => {
    expect(
      validateSupplementary(finalSet, {
        上年收支总计: '五千',
        年初预算: '5644.165',
        机关运行经费: '-3.00',
        出国团组: '2.5',
        来访人数: '3',
      }),
    ).toEqual({
      上年收支总计: '“上年度收、支总计”应填数字，“五千”不是数字',
      年初预算:
        '“一般公共预算财政拨款支出年初预算”最多两位小数（以万元计，精确到 0.01 万元），“5644.165”有 3 位小数',
      机关运行经费: '“机关运行经费支出”不能为负数（填的是“-3.00”）',
      出国团组: '“因公出国（境）团组数”是个数，应为整数，“2.5”不是整数',
      来访人数: '补充信息中没有“来访人数”这一项',
    });
  });

  it('takes right values and leaves unfilled ones alone', () => {
    expect(
      validateSupplementary(finalSet, { ...S24, 出国人次: '0', 购置车辆: '12', 外宾接待费: '' }),
    ).toEqual({});
  });

  it('checks a per-项 field under its row key, naming the row', () => {
    expect(
      validateSupplementary(finalSet, { '项年初预算[2080101]': '56.92', '项年初预算[2080102]': 'x' }),
    ).toEqual({
      '项年初预算[2080102]':
        '“各项（项级科目）一般公共预算财政拨款支出年初预算”（2080102）应填数字，“x”不是数字',
    });
  });

  it('a field that may be negative takes a negative amount; a percentage takes two decimals', () => {
    const set: NarrativeSet = {
      ...finalSet,
      supplementary: [
        { key: '结余', label: '年末结余', unit: '万元', negative: true },
        { key: '比例', label: '完成比例', unit: '%' },
      ],
    };
    expect(validateSupplementary(set, { 结余: '-12.50', 比例: '99.5' })).toEqual({});
    expect(validateSupplementary(set, { 比例: '99.505' })).toEqual({
      比例: '“完成比例”最多两位小数（以%计，精确到 0.01%），“99.505”有 3 位小数',
    });
  });
});

describe('the report file keeps the 情况说明', () => {
  const saved = () => {
    const workbook = openWithNarrative('final-2024-gaoxin', undefined, S24);
    return {
      workbook,
      reopened: Workbook.open(readReportJson('a.json', writeReportJson(workbook.toReport()))),
    };
  };

  it('saves and opens the text and the 补充信息 exactly, and the reopened text is checked the same', () => {
    const { workbook, reopened } = saved();
    expect(reopened.narrativeText?.text).toBe(
      narrativeFromPlainText(narrativeText('final-2024-gaoxin')).text,
    );
    expect(reopened.supplementary).toEqual(S24);
    expect(narrativeFindings(reopened).map((f) => f.key)).toEqual(
      narrativeFindings(workbook).map((f) => f.key),
    );
    expect(reopened.toReport()).toEqual(workbook.toReport());
  });

  it('keeps the 补充信息 when a text is read in without it (as the checker does with --narrative)', () => {
    const { reopened } = saved();
    reopened.setNarrative(narrativeFromPlainText('第三部分\n一、收入支出决算总体情况说明'));
    expect(reopened.supplementary).toEqual(S24);
  });

  it('a file without them (older files, the samples with their own narrative fields) opens without a text', () => {
    const sample = loadSample('final-2024-gaoxin');
    const workbook = Workbook.open(readReportJson('s.json', writeReportJson(sample)));
    expect(workbook.narrativeText).toBeNull();
    expect(workbook.supplementary).toEqual({});
    expect(workbook.toReport().narrative).toBeUndefined();
  });

  it('refuses a text or a 补充信息 value that is not text, saying which', () => {
    const report = {
      ...loadSample('final-2024-gaoxin'),
      narrative: { supplementary: { 年初预算: 5644.16 } },
    };
    expect(() => readReportJson('s.json', new TextEncoder().encode(JSON.stringify(report)))).toThrow(
      '无法打开“s.json”：补充信息“年初预算”应为文字（如 "12.50"），文件中是数 5644.16',
    );
    const textAsList = { ...loadSample('final-2024-gaoxin'), narrative: { text: ['一、'] } };
    expect(() => readReportJson('s.json', new TextEncoder().encode(JSON.stringify(textAsList)))).toThrow(
      '无法打开“s.json”：情况说明的文字（narrative.text）格式不对，文件中是列表',
    );
  });
});

describe('carryOver', () => {
  it('takes last year’s totals from its tables and last year’s 机关运行经费 from its 补充信息', () => {
    const lastYear = openWithNarrative('final-2024-gaoxin', undefined, S24);
    expect(carryOver(lastYear, finalSet)).toEqual({
      values: {
        上年收支总计: '6521.36',
        上年财政拨款收支总计: '6521.36',
        上年一般公共预算财政拨款支出: '6519.14',
        上年机关运行经费: '58.75',
      },
      missing: [],
    });
  });

  it('reads last year’s report file as well, and names what it does not hold instead of taking 0', () => {
    const report = loadSample('final-2024-gaoxin');
    const without05 = { ...report, tables: report.tables.filter((t) => t.id !== '公开05表') };
    const { values, missing } = carryOver(without05, finalSet);
    expect(values).toEqual({ 上年收支总计: '6521.36', 上年财政拨款收支总计: '6521.36' });
    expect(missing.map((m) => m.key)).toEqual(['上年一般公共预算财政拨款支出', '上年机关运行经费']);
    expect(missing[0]!.reason).toMatch(/^上年报表中.*公开05表/u);
    expect(missing[1]!.reason).toBe('上年报表的补充信息“机关运行经费支出”未填写');
  });
});
