/**
 * The rule language: readable formulas, errors that point at the character, exact evaluation,
 * the 尾差 classification and cycles that are reported instead of looped.
 */
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../shared/engine/compile';
import { Workbook } from '../../shared/engine/workbook';
import { loadSample } from '../support/fixtures';
import type { ReportFile } from '../../shared/model/report';
import type { TableSetTemplate } from '../../shared/model/template';
import { parseRuleSet, RuleSetError, type RuleSetSource } from '../../shared/rules/ruleset';
import { parseFormula, RuleSyntaxError } from '../../shared/rules/syntax';
import finalAccountsRules from '../../shared/rules/final-accounts.json';

/** A two-table set small enough to reason about by hand. */
const demoTemplate: TableSetTemplate = {
  id: 'demo',
  kind: 'final',
  year: 2030,
  name: '演示表',
  unit: '万元',
  rules: 'demo-rules',
  tables: [
    {
      id: '甲表',
      title: '汇总',
      layout: 'single-row',
      columns: ['合计', '一', '二', '三', '四', '五'].map((label, i) => ({
        key: `c${i}`,
        label,
        lanci: i + 1,
      })),
      rows: [{ role: '数据', label: null }],
    },
    {
      id: '乙表',
      title: '明细',
      layout: 'code-keyed',
      codeScheme: { levels: ['类', '款'], lengths: [3, 5], totalRole: '合计' },
      columns: [{ key: 'amount', label: '金额', lanci: 1 }],
    },
  ],
};

function demo(
  rules: RuleSetSource['rules'],
  values: Record<string, string>,
  unit: '万元' | '元' = '万元',
): Workbook {
  const report: ReportFile = {
    kind: 'final',
    year: 2030,
    department: '演示单位',
    unit,
    template: 'demo',
    tables: [
      // Every column is in the file: those not given are blank, not absent.
      {
        id: '甲表',
        rows: [
          {
            values: {
              ...Object.fromEntries(demoTemplate.tables[0]!.columns.map((c) => [c.key, null])),
              ...values,
            },
          },
        ],
      },
      {
        id: '乙表',
        rows: [
          { code: '201', name: '类', values: { amount: '5.00' } },
          { code: '20101', name: '款', values: { amount: '5.00' } },
        ],
      },
    ],
  };
  return Workbook.open(report, {
    templates: [demoTemplate],
    ruleSets: [{ id: 'demo-rules', name: '演示', rules }],
  });
}

describe('parsing', () => {
  it('reads the formulas of the 决算 rule set', () => {
    const parsed = parseRuleSet(finalAccountsRules as RuleSetSource);
    expect(parsed.rules.map((r) => r.id)).toEqual([
      'A01',
      'A02',
      'A03',
      'A04',
      'A05',
      'A06',
      'A07',
      'A08',
      'A09',
      'A10',
      'A11',
      'B01',
      'B02',
      'B03',
      'B04',
      'B05',
      'C01',
      'C02',
      'C03',
      'C04',
      'C05',
      'C06',
      'C07',
      'C08',
      'C09',
      'C10',
      'C11',
      'C12',
      'C13',
      'C14',
      'D01',
      'D02',
      'D03',
      'D04',
      'D05',
      'D06',
      'D07',
      'D08',
      'D09',
      'D10',
      'D11',
      'D12',
      'D13',
      'D14',
      'D15',
      'D16',
    ]);
  });

  it('builds a tree with scope, condition and both sides', () => {
    const formula = parseFormula(
      '公开03表 每行：若 只有财政拨款 则 基本支出 = 公开05表[同码].基本支出 + 公开07表[同码].基本支出',
    );
    expect(formula.scope).toMatchObject({ tables: ['公开03表'], rows: { tag: null } });
    expect(formula.condition).toMatchObject({ kind: 'named', name: '只有财政拨款' });
    expect(formula.body).toMatchObject({
      kind: 'compare',
      op: '=',
      left: { kind: 'ref', head: '基本支出' },
      right: { kind: 'binary', op: '+', left: { head: '公开05表', row: '同码', column: '基本支出' } },
    });
  });

  it('accepts full-width punctuation and ≥ ≤', () => {
    expect(parseFormula('公开01表:[本年支出合计] ≥ 公开04表[本年支出合计].合计').body).toMatchObject({
      op: '>=',
    });
    expect(parseFormula('甲表 每行：栏1 ≤ 栏2 － 栏3').body).toMatchObject({ op: '<=', right: { op: '-' } });
  });

  it.each([
    ['公开05表 每行：小计 = 基本支出 +', 20, '公式不完整'],
    ['公开05表 每行：小计 基本支出', 12, '比较符号'],
    ['公开05表 每行 小计 = 基本支出', 9, '范围之后应为“：”'],
    ['公开05表：[合计.小计 = 1', 9, '缺少“]”'],
    ['公开05表：12a = 1', 6, '不是数字也不是名称'],
    ['公开05表：[合计].小计 > 1', 14, '请用“>=”'],
  ])('points at the error in %s', (source, offset, message) => {
    try {
      parseFormula(source);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleSyntaxError);
      const syntax = error as RuleSyntaxError;
      expect(syntax.message).toContain(message);
      expect(syntax.offset).toBe(offset);
      expect(syntax.pointer().split('\n')[1]!.endsWith('^')).toBe(true);
    }
  });

  it('names the rule and formula of a syntax error in a rule set', () => {
    const source: RuleSetSource = {
      id: 'x',
      name: 'x',
      rules: [{ id: 'Z9', title: 't', formulas: ['甲表：栏1 = 1', '甲表：栏1 = = 1'] }],
    };
    expect(() => parseRuleSet(source)).toThrow(RuleSetError);
    expect(() => parseRuleSet(source)).toThrow(/规则 Z9 第 2 条公式第 9 个字符/u);
  });
});

describe('binding to a template', () => {
  it.each([
    ['甲表 每行：栏1 = 栏9', '没有名为“栏9”的栏目'],
    ['丙表：[合计] = 1', '模板中没有“丙表”'],
    ['乙表：[总数] = 1', '乙表没有名为“总数”的行或标签'],
    ['乙表：[合计] = [类]', '指多行，只能用在 求和(…) 中'],
    ['乙表：[合计] = [本行]', '只能用在“每行”或“每个…”的范围中'],
    ['乙表 每个项：[本行] = 1', '乙表没有标签为“项”的行'],
    ['甲表 每行：若 未定义 则 栏1 = 1', '没有定义名为“未定义”的条件'],
  ])('explains %s', (formula, message) => {
    expect(() => demo([{ id: 'Z1', title: 't', formulas: [formula] }], {})).toThrow(message);
  });
});

describe('evaluation and 尾差', () => {
  const sumRule = [
    { id: 'S1', title: '合计 = 各项之和', formulas: ['甲表 每行：栏1 = 栏2 + 栏3 + 栏4 + 栏5 + 栏6'] },
  ];

  function outcome(values: Record<string, string>, unit: '万元' | '元' = '万元') {
    const findings = demo(sumRule, values, unit).findings();
    return findings.length === 0 ? 'pass' : findings[0]!.severity;
  }

  it('passes an exact sum', () => {
    expect(outcome({ c0: '0.06', c1: '0.01', c2: '0.02', c3: '0.03' })).toBe('pass');
  });

  it('allows no tail against a single figure: a figure printed twice must be identical', () => {
    expect(outcome({ c0: '32.42', c1: '32.43' })).toBe('error');
  });

  it('allows 0.01 for two or three non-zero addends, 0.02 for four or five', () => {
    expect(outcome({ c0: '1.01', c1: '0.50', c2: '0.50' })).toBe('rounding');
    expect(outcome({ c0: '1.02', c1: '0.50', c2: '0.50' })).toBe('error');
    expect(outcome({ c0: '1.03', c1: '0.25', c2: '0.25', c3: '0.25' })).toBe('error');
    expect(outcome({ c0: '1.02', c1: '0.25', c2: '0.25', c3: '0.25', c4: '0.25' })).toBe('rounding');
    expect(outcome({ c0: '1.03', c1: '0.25', c2: '0.25', c3: '0.25', c4: '0.25' })).toBe('error');
  });

  it('counts only non-zero addends', () => {
    expect(outcome({ c0: '1.01', c1: '1.00', c2: '0.00', c3: '', c4: '0', c5: '-' })).toBe('error');
  });

  it('judges the tail in the step the figures are printed to: 0.01 元 in a 元 report printed to the fen', () => {
    expect(outcome({ c0: '1.01', c1: '0.50', c2: '0.50' }, '元')).toBe('rounding');
    expect(outcome({ c0: '1.02', c1: '0.50', c2: '0.50' }, '元')).toBe('error');
  });

  it('classifies a ≥ shortfall and flags advisory rules as warnings', () => {
    const workbook = demo(
      [
        { id: 'G1', title: '不小于', formulas: ['甲表 每行：栏1 >= 栏2'] },
        { id: 'H1', title: '提示', advisory: true, formulas: ['甲表 每行：栏3 = 栏4'] },
      ],
      { c0: '1.00', c1: '2.00', c2: '5.00', c3: '9.00' },
    );
    expect(workbook.findings().map((f) => [f.ruleId, f.severity, f.diff])).toEqual([
      ['G1', 'error', '-1.00'],
      ['H1', 'warning', '-4.00'],
    ]);
  });

  it('applies a rule only while its condition holds', () => {
    const rules = [
      { id: 'K1', title: '条件', formulas: ['甲表 每行：若 栏6 = 0 且 (栏5 = 0 或 栏4 = 1) 则 栏1 = 栏2'] },
    ];
    expect(demo(rules, { c0: '1.00', c1: '2.00' }).findings()).toHaveLength(1);
    const workbook = demo(rules, { c0: '1.00', c1: '2.00', c5: '3.00' });
    expect(workbook.findings()).toHaveLength(0);
    const change = workbook.set({ table: '甲表', row: '数据', column: 'c5' }, '');
    expect(change.added.map((f) => f.ruleId)).toEqual(['K1']);
  });

  it('computes cells defined by a computing rule, with constants and subtraction', () => {
    const workbook = demo(
      [{ id: 'P1', title: '计算', compute: true, formulas: ['甲表 每行：栏1 = 栏2 - 栏3 + 1.5'] }],
      { c1: '10.00', c2: '4.00' },
    );
    // The file leaves the total blank, which is a printed 0 kept until the computed figure is adopted.
    expect(workbook.cell({ table: '甲表', row: '数据', column: 'c0' })).toMatchObject({
      value: null,
      computedValue: '7.50',
      kept: true,
    });
    workbook.adoptComputed();
    expect(workbook.cell({ table: '甲表', row: '数据', column: 'c0' })).toMatchObject({
      value: '7.50',
      computed: true,
    });
  });

  it('reports a cycle of computing rules instead of looping', () => {
    const workbook = demo(
      [
        { id: 'Y1', title: '甲', compute: true, formulas: ['甲表 每行：栏1 = 栏2 + 1'] },
        { id: 'Y2', title: '乙', compute: true, formulas: ['甲表 每行：栏2 = 栏1 + 1'] },
      ],
      { c0: '1.00', c1: '2.00' },
    );
    const cycles = workbook.findings().filter((f) => f.message.includes('循环'));
    expect(cycles.map((f) => f.ruleId).sort()).toEqual(['Y1', 'Y2']);
    // Both cells became ordinary inputs: they can be typed into, and the checks still run.
    expect(() => workbook.set({ table: '甲表', row: '数据', column: 'c0' }, '3')).not.toThrow();
  });
});

describe('an expression outside any rule', () => {
  it('binds to the cells it names and adds them up', () => {
    const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
    const operand = compileExpression(workbook.structure, '公开05表[合计].小计 - 公开05表[合计].基本支出');
    expect(operand.cells).toHaveLength(2);
    expect(operand.signs).toEqual([1, -1]);
    expect(() => compileExpression(workbook.structure, '公开05表[合计].小计 +')).toThrow();
  });
});
