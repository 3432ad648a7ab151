/**
 * What the tables do not hold comes from 补充信息 (上年 totals, 年初预算 …): with the figures the
 * publications imply (final-accounts.md §3(e)) the growth figures are checked against them, a wrong
 * one is an error, and an edit in a table re-checks the text.
 */
import { describe, expect, it } from 'vitest';
import { narrativeFindings, openWithNarrative } from '../support/narrative';
import { S24, S24_PUBLISHED } from '../support/supplementary';

const S23 = {
  上年收支总计: '1676.93',
  上年财政拨款收支总计: '1676.93',
  上年一般公共预算财政拨款支出: '1676.93',
  年初预算: '12691.32',
  机关运行经费: '15.92',
  上年机关运行经费: '27.23',
};

describe('补充信息', () => {
  it('S24 with the prior-year figures its text implies: the same findings, fewer figures left unchecked', () => {
    const without = openWithNarrative('final-2024-gaoxin');
    const withInputs = openWithNarrative('final-2024-gaoxin', undefined, S24);
    expect(narrativeFindings(withInputs).map((f) => f.ruleId)).toEqual(
      narrativeFindings(without).map((f) => f.ruleId),
    );
    const unchecked = (w: typeof without) =>
      w.narrativeReport!.figures.filter((f) => f.status === 'notChecked').length;
    expect(unchecked(without) - unchecked(withInputs)).toBe(7);
  });

  it('S23 with its prior-year figures: the 增加/减少 amounts hold', () => {
    const findings = narrativeFindings(openWithNarrative('final-2023-jiefang', undefined, S23));
    expect(findings.filter((f) => ['E01', 'E04', 'E05', 'E07', 'E16'].includes(f.ruleId))).toEqual([]);
  });

  it('a prior-year figure that does not fit the 增加额 is an error; one that reverses the direction says so', () => {
    const wrong = narrativeFindings(
      openWithNarrative('final-2024-gaoxin', undefined, { ...S24, 上年收支总计: '5272.36' }),
    );
    expect(wrong.filter((f) => f.ruleId === 'E01').map((f) => [f.severity, f.printed, f.expected])).toEqual([
      ['error', '1294.00万元', '1249.00万元'],
    ]);
    const reversed = narrativeFindings(
      openWithNarrative('final-2024-gaoxin', undefined, { ...S24, 上年收支总计: '7000.00' }),
    );
    expect(reversed.some((f) => f.ruleId === 'N03' && f.severity === 'error' && f.printed === '增加')).toBe(
      true,
    );
  });

  it('each 项’s 年初预算, when given, is checked against its item; a wrong one is an error', () => {
    const right = narrativeFindings(openWithNarrative('final-2024-gaoxin', undefined, S24_PUBLISHED));
    expect(right.map((f) => f.ruleId)).toEqual(['E09', 'E10']);
    const wrong = narrativeFindings(
      openWithNarrative('final-2024-gaoxin', undefined, {
        ...S24_PUBLISHED,
        '项年初预算[2080103]': '415.38',
      }),
    );
    expect(wrong.filter((f) => f.ruleId === 'E08').map((f) => [f.severity, f.printed, f.expected])).toEqual([
      ['error', '451.38万元', '415.38万元'],
    ]);
  });

  it('an unfilled field leaves its figure 未核对 naming the field', () => {
    const workbook = openWithNarrative('final-2024-gaoxin');
    const reasons = workbook
      .notChecked()
      .filter((n) => n.ruleId === 'E01')
      .map((n) => n.reason);
    expect(reasons).toEqual([
      '“一”中“收、支总计各增加1294.00万元”：公开表中没有这个数，补充信息“上年度收、支总计”未填写',
    ]);
  });
});

describe('live', () => {
  it('an edit in a table re-checks the text: 05 行政运行 changed makes item 1 of 五（三） wrong, and right again', () => {
    const workbook = openWithNarrative('final-2024-gaoxin');
    const ref = { table: '公开05表', row: '2080101', column: 'basic' };
    const before = workbook.inputText(ref);
    const change = workbook.set(ref, '50.00');
    expect(
      change.added
        .filter((f) => f.location.kind === 'narrative')
        .map((f) => `${f.ruleId} ${f.printed} ${f.expected}`),
    ).toContain('E08 58.78万元 50.00万元');
    // Undo as the window does it: the figure back, and the totals that showed printed figures keep them again.
    workbook.set(ref, before, { restoring: true });
    workbook.keepFigures(change.released);
    expect(narrativeFindings(workbook).map((f) => f.ruleId)).toEqual(['E09', 'E10']);
  });
});
