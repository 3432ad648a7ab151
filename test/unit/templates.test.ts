/**
 * Templates are data: the built-in years, a region's variant added from data alone, and the
 * checks that catch a broken data file before it is used.
 */
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import type { ReportFile } from '../../shared/model/report';
import type { TableSetTemplate } from '../../shared/model/template';
import type { RuleSetSource } from '../../shared/rules/ruleset';
import { builtInCatalog, findTemplate } from '../../shared/templates/catalog';
import { TemplateError, validateTemplate } from '../../shared/templates/validate';
import final2024 from '../../shared/templates/final-2024.json';
import finalAccountsRules from '../../shared/rules/final-accounts.json';
import { loadSample } from '../support/fixtures';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('built-in templates', () => {
  it('are valid; the final-accounts sets hold the nine tables, the budget set the fifteen tables of the catalogue in the spec', () => {
    for (const template of builtInCatalog.templates) expect(() => validateTemplate(template)).not.toThrow();
    for (const template of builtInCatalog.templates.filter((t) => t.kind === 'final')) {
      // Shanghai prints 三公 seventh; its tables keep the ids of their meaning.
      expect(template.tables.map((t) => t.id).sort()).toEqual([
        '公开01表',
        '公开02表',
        '公开03表',
        '公开04表',
        '公开05表',
        '公开06表',
        '公开07表',
        '公开08表',
        '公开09表',
      ]);
    }
    const budget = builtInCatalog.templates.find((t) => t.kind === 'budget')!;
    expect(budget.tables.map((t) => t.kind)).toEqual([
      'summary',
      'income',
      'expenditure',
      'fiscal-summary',
      'gpb-expenditure',
      'gpb-basic-econ',
      'basic-detail',
      'econ-summary',
      'three-public',
      'gf-expenditure',
      'soe-expenditure',
      'projects',
      'running-costs',
      'perf-dept',
      'perf-projects',
    ]);
  });

  it('differ between 2023 and 2024 exactly where the published tables do', () => {
    const [t23, t24] = ['final-2023', 'final-2024'].map((id) => findTemplate(builtInCatalog, 'final', 0, id));
    const row = (t: TableSetTemplate | undefined, table: string, role: string) =>
      t!.tables.find((x) => x.id === table)!.rows!.find((r) => r.role === role)!;
    expect([row(t23, '公开01表', '支出总计').hangci, row(t24, '公开01表', '支出总计').hangci]).toEqual([
      62, 60,
    ]);
    expect([
      row(t23, '公开01表', '社会保障和就业支出').hangci,
      row(t24, '公开01表', '社会保障和就业支出').hangci,
    ]).toEqual([39, 38]);
    expect([
      row(t23, '公开01表', '附属单位上缴收入').label,
      row(t24, '公开01表', '附属单位上缴收入').label,
    ]).toEqual(['七、附属部门上缴收入', '七、附属单位上缴收入']);
    expect(t23!.tables[0]!.columns[0]!.label).toBe('决算数');
    expect(t24!.tables[0]!.columns[0]!.label).toBe('金额');
    expect(t23!.tables[8]!.title).toBe('财政拨款“三公”经费支出决算表');
  });

  it('are chosen by the report year: the newest one not after it', () => {
    expect(findTemplate(builtInCatalog, 'final', 2023).id).toBe('final-2023');
    expect(findTemplate(builtInCatalog, 'final', 2025).id).toBe('final-2024');
    expect(() => findTemplate(builtInCatalog, 'final', 2022)).toThrow('没有适用于 2022 年度决算的报表模板');
  });
});

describe('a new variant from data alone', () => {
  /**
   * A region that numbers 公开01表 without spare lines, calls 本年收入合计 "收入合计", and adds one
   * check of its own. Only JSON changes; no code.
   */
  function regionVariant(): { template: TableSetTemplate; rules: RuleSetSource } {
    const template = clone(final2024) as TableSetTemplate;
    template.id = 'final-2024-region';
    template.name = '某地区决算公开表';
    const t01 = template.tables[0]!;
    t01.rows = t01.rows!.filter((r) => !r.spare);
    t01.rows.forEach((r, i) => (r.hangci = i + 1));
    t01.rows.find((r) => r.role === '本年收入合计')!.label = '收入合计';
    const rules = clone(finalAccountsRules) as RuleSetSource;
    rules.id = 'region-rules';
    rules.rules.push({
      id: 'R01',
      title: '（地区）“三公”经费决算不超过预算',
      formulas: ['公开09表 每行：栏7 <= 栏1'],
    });
    template.rules = rules.id;
    return { template, rules };
  }

  function regionReport(): ReportFile {
    const report = clone(loadSample('final-2024-gaoxin')) as ReportFile;
    report.template = 'final-2024-region';
    const t01 = report.tables[0]!;
    // The region's file numbers rows its own way: match by label only.
    t01.rows = t01.rows
      .filter((r) => r.name !== null)
      .map(({ hangci: _h, ...row }) => ({
        ...row,
        name: row.name === '本年收入合计' ? '收入合计' : row.name,
      }));
    const t09 = report.tables[8]!.rows[0]!;
    t09.values.finalTotal = '12.00';
    t09.values.finalReception = '12.00';
    return report;
  }

  it('opens a report, places every figure and runs the shared and the regional rules', () => {
    const { template, rules } = regionVariant();
    const workbook = Workbook.open(regionReport(), {
      templates: [...builtInCatalog.templates, template],
      ruleSets: [rules],
    });
    expect(workbook.template.id).toBe('final-2024-region');
    expect(workbook.problems).toEqual([]);
    const findings = workbook.findings();
    const regional = findings.find((f) => f.ruleId === 'R01')!;
    expect(regional.severity).toBe('error');
    expect(regional.message).toContain('12.00');
    // The real 2024 errors are still found, at the region's own 行次 (numbered without spare lines: 行51 becomes 行33).
    const d05 = findings.find((f) => f.ruleId === 'D05')!;
    expect(d05.cells[0]).toMatchObject({ hangci: 33, row: '二十一、国有资本经营预算支出', value: '0.90' });
    expect(workbook.cell({ table: '公开01表', row: '本年收入合计', column: 'incomeAmount' }).value).toBe(
      '6521.36',
    );
  });
});

describe('a broken template file', () => {
  it('is rejected with every problem named', () => {
    const template = clone(final2024) as TableSetTemplate;
    const t01 = template.tables[0]!;
    t01.rows![1]!.role = t01.rows![0]!.role;
    delete t01.rows![2]!.side;
    template.tables[4]!.columns[1]!.key = 'subtotal';
    try {
      validateTemplate(template);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      const message = (error as Error).message;
      expect(message).toContain('公开01表：行名称“一般公共预算财政拨款收入”重复');
      expect(message).toContain('缺少 side');
      expect(message).toContain('公开05表：栏目键“subtotal”重复');
    }
  });
});
