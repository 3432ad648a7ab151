/**
 * The budget (预算) table set on the published 2025 budget of 焦作市人社局 (JZ25): every table
 * equation and cross-table rule of the budget rule set (shared/rules/budget.json) holds exactly
 * there, the table-level anomalies (the 年终结转结余 label clash, X15; the three figures 预算14表
 * states twice differently, PD4) are reported, and a printed figure changed anywhere is caught by
 * the rule that covers it.
 */
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../shared/engine/compile';
import type { Result } from '../../shared/engine/commands';
import { EditHistory } from '../../shared/engine/history';
import { Workbook } from '../../shared/engine/workbook';
import { parseRuleSet, type RuleSetSource } from '../../shared/rules/ruleset';
import budgetRules from '../../shared/rules/budget.json';
import { parseIndicator, quantitiesOf } from '../../shared/engine/textChecks';
import { loadSample } from '../support/fixtures';

const sample = loadSample('budget-2025-jiaozuo');

describe('the JZ25 budget sample', () => {
  const workbook = Workbook.open(sample);

  it('fills the fifteen tables, the 绩效目标 forms with their texts', () => {
    expect(workbook.problems).toEqual([]);
    expect(workbook.structure.tables.map((t) => t.template.code)).toEqual(
      Array.from({ length: 15 }, (_, i) => `预算${String(i + 1).padStart(2, '0')}表`),
    );
    // The form's upper part is rows too: its 预算情况 lines hold figures, its indicators text.
    const funds = workbook.structure.tableById
      .get('整体绩效目标表')!
      .rows.find((r) => r.name === '政府预算资金')!;
    expect(workbook.cell({ table: '整体绩效目标表', row: funds.key, column: 'amount' }).value).toBe(
      '58452.42',
    );
    expect(workbook.cell({ table: '整体绩效目标表', row: funds.key, column: 'level2' }).text).toBe(
      '资金来源：政府预算资金',
    );
    const project = workbook.structure.tableById
      .get('项目绩效目标表')!
      .rowByCode.get('410800250000000052808')!;
    expect(project.level).toBe('项目');
    expect(project.parent?.code).toBe('302101');
    expect(workbook.cell({ table: '项目绩效目标表', row: project.key, column: 'indicators' }).text).toContain(
      '享受公益性岗位补贴人员数量 ≥300人',
    );
    expect(workbook.cell({ table: '收入表', row: '302302', column: 'total' }).value).toBe('11741.81');
    expect(workbook.cell({ table: '基本支出经济分类表', row: '30216|50203', column: 'public' }).value).toBe(
      '17.69',
    );
    // 30201 办公费 stands twice in 06, with 50201 and with 50502.
    expect(
      workbook.structure.tableById.get('基本支出经济分类表')!.rows.filter((r) => r.code === '30201'),
    ).toHaveLength(2);
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
    expect(
      findings.filter((f) => !['PD4', 'PI2'].includes(f.ruleId)).map((f) => `${f.ruleId} ${f.severity}`),
    ).toEqual(['X15b warning']);
    const clash = sample.anomalies.filter((a) => a.table !== 'narrative');
    expect(clash).toMatchObject([{ table: '预算04表', rule: 'X15', printed: '5114.28' }]);
    expect(findings[0]!.expected).toBe(clash[0]!.printed);
    expect(findings[0]!.actual).toBe('0.00');
    expect(findings[0]!.message).toContain('此为提示性审核');
  });

  it('finds the three figures 年度履职目标 and 年度主要任务 of 预算14表 state differently (PD4)', () => {
    // The sample files them with the narrative's claims: "城镇新增就业5.5万人 ↔ … 城镇新增就业6万人".
    const expected = sample.anomalies
      .filter((a) => a.column?.startsWith('预算14表'))
      .map((a) => [a.printed, Number(a.expected).toString()])
      .sort();
    const pd4 = workbook.findings().filter((f) => f.ruleId === 'PD4');
    expect(pd4.map((f) => f.severity)).toEqual(['error', 'error', 'error']);
    expect(pd4.map((f) => [f.actual, f.expected]).sort()).toEqual(expected);
    expect(pd4.map((f) => f.message).join('\n')).toContain(
      '“年度履职目标”写城镇新增就业5.5万人，“深入开展全市就业再就业工作”写城镇新增就业6万人',
    );
  });

  it('asks about the "≤" rates of 预算15表 and leaves the rates where less is better alone', () => {
    const asked = workbook.findings().filter((f) => f.ruleId.startsWith('PI'));
    expect(asked.map((f) => f.cells[0]!.row)).toEqual([
      '机关事业单位养老保险基金缺口',
      '助保贷贴息',
      '党建工作经费',
    ]);
    expect(asked.every((f) => f.severity === 'warning')).toBe(true);
    expect(asked[1]!.message).toContain('指标“补助发放及时率”的指标值为“≤100%”');
    // 预算调整率 ≤10% and 公务活动安全事故发生率 ≤0次 are meant as upper bounds.
    expect(asked.map((f) => f.message).join()).not.toMatch(/预算调整率|事故发生率/u);
  });

  it('re-checks a form as its text is edited, and a text is kept as typed, not read as a figure', () => {
    const edited = Workbook.open(sample);
    const form = edited.structure.tableById.get('整体绩效目标表')!;
    const goal = {
      table: '整体绩效目标表',
      row: form.rows.find((r) =>
        edited.cell({ table: form.id, row: r.key, column: 'value' }).text?.includes('城镇新增就业5.5万人'),
      )!.key,
      column: 'value',
    };
    const text = edited.cell(goal).text!.replace('城镇新增就业5.5万人', '城镇新增就业6万人');
    const change = edited.set(goal, text);
    expect(change.removed.map((f) => f.ruleId)).toEqual(['PD4']);
    expect(edited.cell(goal)).toMatchObject({ text, value: null, invalidText: null });
    expect(edited.findings().filter((f) => f.ruleId === 'PD4')).toHaveLength(2);
    const rate = form.rows.find((r) => r.name === '预算执行率')!;
    const added = edited.set({ table: '整体绩效目标表', row: rate.key, column: 'value' }, '≤95%').added;
    expect(added.map((f) => [f.ruleId, f.severity])).toEqual([['PI1', 'warning']]);
    expect(
      edited.toReport().tables.find((t) => t.id === '整体绩效目标表')!.rows[rate.index]!.values.value,
    ).toBe('≤95%');
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
function withFigure(
  table: string,
  match: (row: Record<string, unknown>) => boolean,
  column: string,
  text: string,
) {
  const copy = structuredClone(sample);
  const row = copy.tables
    .find((t) => t.id === table)!
    .rows.find((r) => match(r as unknown as Record<string, unknown>))!;
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
    ['B3', '预算06表', byCode('30101'), 'public', '1.00'],
    ['X9', '预算12表', byName('综合业务经费'), 'total', '118.06'],
    ['X17', '预算07表', byName('公用经费项目'), 'total', '173.55'],
    ['X18', '预算07表', byName('合计'), 'sa', '342.41'],
    ['X20', '预算06表', byCode('30216'), 'total', '9999.00'],
    ['X22', '预算13表', byCode('30201'), 'total', '95.15'],
    ['PP1', '预算15表', byCode('410800250000000052808'), 'fund.total', '2818.01'],
    ['PP2', '预算15表', byCode('302101'), 'fund.gov', '6926.59'],
    ['X23', '预算12表', byName('市本级提前下达2025年就业补助资金'), 'total', '2818.01'],
  ])('%s: %s', (rule, table, match, column, text) => {
    const findings = Workbook.open(withFigure(table, match, column, text)).findings();
    const advisory = rule === 'B3';
    const caught = findings.filter((f) => f.ruleId === rule && (advisory || f.severity !== 'warning'));
    expect(caught.length, findings.map((f) => f.ruleId).join(' ')).toBeGreaterThan(0);
  });

  it.each([
    ['PD1', '部门预算总额', '58869.83'],
    ['PD2', '单位资金', '1.00'],
    ['PD3', '基本支出', '11758.10'],
  ])('%s: 预算14表 预算情况 %s', (rule, line, text) => {
    const copy = structuredClone(sample);
    const header = copy.tables.find((t) => t.id === '预算14表')!.header as {
      预算情况: Record<string, string>;
    };
    const key = Object.keys(header.预算情况).find((k) => k.endsWith(line))!;
    header.预算情况[key] = text;
    const findings = Workbook.open(copy).findings();
    expect(
      findings.filter((f) => f.ruleId === rule && f.severity === 'error').length,
      findings.map((f) => f.ruleId).join(' '),
    ).toBeGreaterThan(0);
  });
});

describe('what counts as 机关运行经费 is a setting of the report (X22)', () => {
  const x22 = (options?: Record<string, string[]>) =>
    Workbook.open({ ...sample, ...(options ? { options } : {}) })
      .findings()
      .filter((f) => f.ruleId === 'X22');

  it('by default leaves out 工会经费, 福利费 and 其他交通费用, as JZ25 does: 945.05 − 412.70 = 532.35', () => {
    expect(x22()).toEqual([]);
    expect(Workbook.open(sample).toReport().options).toEqual({
      运行经费不含的科目: ['30228', '30229', '30239'],
    });
  });

  it('is changed in an open report, undoably, with the figures untouched', () => {
    const workbook = Workbook.open(sample);
    const history = new EditHistory(workbook);
    const changeOf = (result: Result | null) =>
      result?.ok ? result.change : expect.fail(JSON.stringify(result));
    expect(
      changeOf(history.apply({ kind: 'setOption', key: '运行经费不含的科目', codes: [] })).added.map(
        (f) => f.ruleId,
      ),
    ).toEqual(['X22']);
    expect(workbook.cell({ table: '运行经费表', row: '合计', column: 'total' }).value).toBe('532.35');
    expect(changeOf(history.undo()).removed.map((f) => f.ruleId)).toEqual(['X22']);
    // Confirming the setting unchanged is no step: nothing to undo, nothing unsaved.
    history.apply({ kind: 'setOption', key: '运行经费不含的科目', codes: ['30228', '30229', '30239'] });
    expect(history.canUndo).toBe(false);
    expect(history.dirty).toBe(false);
    expect(workbook.reportOptions).toEqual({ 运行经费不含的科目: ['30228', '30229', '30239'] });
    expect(() => workbook.setOption('没有这项', [])).toThrow('报表模板没有“没有这项”这项设置');
  });

  it('counts the whole 公用经费 in a region whose setting leaves nothing out', () => {
    const found = x22({ 运行经费不含的科目: [] });
    expect(found.map((f) => [f.expected, f.actual])).toEqual([['945.05', '532.35']]);
    expect(Workbook.open({ ...sample, options: { 运行经费不含的科目: [] } }).toReport().options).toEqual({
      运行经费不含的科目: [],
    });
  });
});

describe('绩效 indicator values', () => {
  it('are taken apart into operator, figure and unit; qualitative values have no figure', () => {
    expect(parseIndicator('≥84454人')).toEqual({ op: '≥', value: '84454', unit: '人' });
    expect(parseIndicator('≤10%')).toEqual({ op: '≤', value: '10', unit: '%' });
    expect(parseIndicator('100%')).toEqual({ op: null, value: '100', unit: '%' });
    expect(parseIndicator('<30分钟')).toEqual({ op: '<', value: '30', unit: '分钟' });
    expect(parseIndicator('及时')).toEqual({ op: null, value: null, unit: '及时' });
    expect(parseIndicator('6000-24000元/年')).toEqual({ op: null, value: null, unit: '6000-24000元/年' });
  });

  it('find the quantities a text states, with what they count', () => {
    expect(
      quantitiesOf(
        '我局2025年度主要工作目标任务为：城镇新增就业5.5万人；新增高技能人才2.17万人；保险人数保持平稳增长。',
      ),
    ).toEqual([
      { subject: '城镇新增就业', figure: '5.5', unit: '万人' },
      { subject: '新增高技能人才', figure: '2.17', unit: '万人' },
    ]);
  });
});
