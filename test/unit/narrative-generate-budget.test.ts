/**
 * The 预算 情况说明 generated from the tables and 补充信息 in the wording of the budget set: on the
 * 2025 焦作 sample it gives the published text's figures, section by section and figure by figure,
 * but for the three the publication itself gets wrong (budget.md §7 a–c), and the checker finds no
 * error in it.
 */
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import type { SupplementaryValues } from '../../shared/model/report';
import { narrativeSetFor } from '../../shared/narrative/definitions';
import { generateForWorkbook } from '../../shared/narrative/generate';
import { narrativeFromPlainText } from '../../shared/narrative/text';
import { loadSample } from '../support/fixtures';
import { compareFigures, narrativeFindings, narrativeText } from '../support/narrative';
import { B25_PUBLISHED, B25_REASONS } from '../support/supplementary';

const set = narrativeSetFor(['budget-2025'])!;

function generated(supplementary: SupplementaryValues, reasons: Record<string, string> = B25_REASONS) {
  const workbook = Workbook.open(loadSample('budget-2025-jiaozuo'));
  workbook.setNarrative(null, supplementary);
  workbook.setReasons(reasons);
  const text = generateForWorkbook(workbook)!.text;
  workbook.setNarrative(narrativeFromPlainText(text));
  return { workbook, text };
}

describe('generating the 2025 焦作 预算 情况说明', () => {
  it('gives 80 of the 83 published figures: not the three the publication prints for the wrong cells', () => {
    const { text } = generated(B25_PUBLISHED);
    const result = compareFigures(set, narrativeText('budget-2025-jiaozuo'), text);
    const total = [...result.values()].reduce((a, r) => a + r.total, 0);
    const missing = [...result].filter(([, r]) => r.missing.length > 0).map(([id, r]) => [id, r.missing]);
    const extra = [...result].filter(([, r]) => r.extra.length > 0).map(([id, r]) => [id, r.extra]);
    expect(total).toBe(83);
    // 二 prints 收入总计 as 收入合计, 收入表's 一般公共预算 (with 上年结转) as the year's income and the
    // 政府性基金 上年结转 as its income (budget.md §7 a–c): the text says the 01 cells its words name.
    expect(missing).toEqual([['二', ['58869.82万元', '53952.42万元', '4500万元']]]);
    expect(extra).toEqual([['二', ['53755.54万元', '53338.14万元', '0万元']]]);
  });

  it('the generated text, checked against the tables, has no finding; the published one has its three', () => {
    const { workbook } = generated(B25_PUBLISHED);
    expect(narrativeFindings(workbook).map((f) => f.message)).toEqual([]);
    const published = Workbook.open(loadSample('budget-2025-jiaozuo'));
    published.setNarrative(narrativeFromPlainText(narrativeText('budget-2025-jiaozuo')), B25_PUBLISHED);
    expect(
      narrativeFindings(published)
        .filter((f) => f.location.kind === 'narrative' && f.location.section === '二')
        .map((f) => f.printed),
    ).toEqual(['58869.82万元', '53952.42万元', '4500万元']);
  });

  it('names each 类 of a table that lists only 项, in code order, with its 项 summed (其他支出 0 too)', () => {
    const { text } = generated(B25_PUBLISHED);
    expect(text).toContain(
      '其中支出主要用于以下方面：教育支出5600.09万元，占10.38%；社会保障和就业支出47193.65万元，占87.47%；卫生健康支出464.57万元，占0.86%；住房保障支出694.11万元，占1.29%；其他支出0.00万元，占0.00%。',
    );
    expect(text).toContain('项目支出47111.73万元，涉及项目48个。');
  });

  it('六 names each 06 款 once, in the order the table first lists it, as the publication does', () => {
    const { text } = generated(B25_PUBLISHED);
    const published = narrativeText('budget-2025-jiaozuo')
      .split('\n')
      .find((line) => line.startsWith('六、'))!;
    expect(text).toContain(`\n${published.slice(published.indexOf('2025年'))}\n`);
  });

  it('without 补充信息, what it would give is a placeholder the checker reports, and nothing is an error', () => {
    const { workbook, text } = generated({}, {});
    expect(text).toContain(
      '收、支总计各【请填写补充信息“上年收、支总计”】【请填写补充信息“上年收、支总计”】万元',
    );
    expect(text).toContain('主要是：【请填写补充信息“部门负责管理的专项转移支付项目”】；');
    const findings = narrativeFindings(workbook);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.some((f) => f.ruleId === 'N02' && f.printed === '【请填写')).toBe(true);
  });

  it('an item equal to last year’s budget is 持平; a prior of 0 gives the change without a rate', () => {
    const { text } = generated({ ...B25_PUBLISHED, 上年公务接待费预算: '18.82' });
    expect(text).toContain(
      '（三）公务接待费18.82万元，主要用于按规定开支的各类公务接待（含外宾接待）支出，与上年预算数持平，无增减变动，',
    );
    expect(text).toContain('政府性基金收支预算增加4500.00万元，主要原因：');
  });
});
