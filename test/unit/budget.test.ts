/**
 * The budget (预算) table set on the published 2025 budget of 焦作市人社局 (JZ25): every table
 * equation and cross-table rule of shared/domain/budget.md that the tables carry holds exactly
 * there, the one table-level anomaly (the 年终结转结余 label clash, X15) is reported, and a printed
 * figure changed anywhere is caught by the rule that covers it.
 */
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../shared/engine/compile';
import { Workbook } from '../../shared/engine/workbook';
import { parseRuleSet, type RuleSetSource } from '../../shared/rules/ruleset';
import budgetRules from '../../shared/rules/budget.json';
import { loadSample } from '../support/fixtures';

const sample = loadSample('budget-2025-jiaozuo');

describe('the JZ25 budget sample', () => {
  const workbook = Workbook.open(sample);

  it('fills the thirteen tables with figures (the two 绩效目标 forms are not modelled yet)', () => {
    expect(workbook.problems.map((p) => p.table)).toEqual(['预算14表', '预算15表']);
    expect(workbook.structure.tables.map((t) => t.template.code)).toEqual(Array.from({ length: 13 }, (_, i) => `预算${String(i + 1).padStart(2, '0')}表`));
    expect(workbook.cell({ table: '收入表', row: '302302', column: 'total' }).value).toBe('11741.81');
    expect(workbook.cell({ table: '基本支出经济分类表', row: '30216|50203', column: 'public' }).value).toBe('17.69');
    // 30201 办公费 stands twice in 06, with 50201 and with 50502.
    expect(workbook.structure.tableById.get('基本支出经济分类表')!.rows.filter((r) => r.code === '30201')).toHaveLength(2);
  });

  it('binds every rule of the budget rule set to the tables', () => {
    const instances = compileRules(workbook.structure, parseRuleSet(budgetRules as RuleSetSource)).instances;
    const bound = new Set(instances.map((i) => i.rule.id));
    expect((budgetRules as RuleSetSource).rules.map((r) => r.id).filter((id) => !bound.has(id))).toEqual([]);
    // X2 sums the 项 rows of each class: 205 教育 = 1,203.83 + 20.06 + 4,648.60.
    expect(instances.filter((i) => i.rule.id === 'X2').length).toBe(30);
  });

  it('finds every table equation holding exactly, and the 年终结转结余 label clash of X15', () => {
    const findings = workbook.findings();
    expect(findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['X15b warning']);
    const clash = sample.anomalies.filter((a) => a.table !== 'narrative');
    expect(clash).toMatchObject([{ table: '预算04表', rule: 'X15', printed: '5114.28' }]);
    expect(findings[0]!.expected).toBe(clash[0]!.printed);
    expect(findings[0]!.actual).toBe('0.00');
    expect(findings[0]!.message).toContain('此为提示性审核');
  });

  it('computes the totals the document prints', () => {
    const value = (table: string, row: string, column: string) => workbook.cell({ table, row, column }).value;
    expect(value('收支总表', '收入总计', 'incomeAmount')).toBe('58869.82');
    expect(value('支出表', '合计', 'basic.total')).toBe('11758.09');
    expect(value('财政拨款收支表', '支出合计', 'gpb')).toBe('53952.42');
    expect(value('三公经费表', '三公经费', 'total')).toBe('64.42');
    expect(workbook.keptFigures()).toEqual([]);
  });
});

/** A copy of the sample with one printed figure changed. */
function withFigure(table: string, match: (row: Record<string, unknown>) => boolean, column: string, text: string) {
  const copy = structuredClone(sample);
  const row = copy.tables.find((t) => t.id === table)!.rows.find((r) => match(r as unknown as Record<string, unknown>))!;
  row.values[column] = text;
  return copy;
}

const byCode = (code: string) => (r: Record<string, unknown>) => r.code === code;
const byName = (name: string) => (r: Record<string, unknown>) => r.name === name;

describe('a changed printed figure is caught by the rule that covers it', () => {
  it.each([
    ['S1', '预算01表', byCode('in.current_total'), 'amount', '53755.55'],
    ['S3', '预算01表', byCode('in.grand_total'), 'amount', '58869.83'],
    ['I1', '预算02表', byCode('302205'), 'total', '3350.17'],
    ['I2', '预算02表', byCode('302206'), 'cur.total', '344.65'],
    ['I6', '预算02表', byCode('302'), 'co.gf', '4500.01'],
    ['E1', '预算03表', byCode('2050302'), 'total', '1203.84'],
    ['E3', '预算03表', byCode('2080101'), 'basic.personnel', '1.00'],
    ['E5', '预算03表', byName('合计'), 'project.specific', '46237.28'],
    ['F4', '预算04表', byCode('out.210'), 'total', '609.58'],
    ['F7', '预算04表', byCode('out.total'), 'gpb.fiscal', '53288.22'],
    ['G1', '预算05表', byCode('2080199'), 'total', '9.99'],
    ['G5', '预算10表', byCode('302'), 'project.specific', '4500.01'],
    ['B1', '预算06表', byCode('30101'), 'total', '1164.04'],
    ['B2', '预算06表', byName('合计'), 'public', '945.06'],
    ['D1', '预算07表', byName('公用经费项目'), 'total', '172.56'],
    ['C1', '预算08表', byCode('30101'), 'total', '1164.04'],
    ['T1', '预算09表', byName('合计'), 'total', '64.43'],
    ['P1', '预算12表', byName('中等职业教育国家助学金（中央）上年结转'), 'total', '14.29'],
    ['R2', '预算13表', byName('合计'), 'total', '532.36'],
  ])('%s: %s', (rule, table, match, column, text) => {
    const findings = Workbook.open(withFigure(table, match, column, text)).findings();
    expect(findings.filter((f) => f.ruleId === rule && f.severity !== 'warning').length, findings.map((f) => f.ruleId).join(' ')).toBeGreaterThan(0);
  });
});
