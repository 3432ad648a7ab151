import { describe, expect, it } from 'vitest';
import type { ReportFile } from '../../shared/model/report';
import { buildSubjectDictionary, subjectKindOf } from '../../shared/subjects/dictionary';
import { builtInCatalog, findTemplate } from '../../shared/templates/catalog';
import published from '../../shared/subjects/published.json';
import { loadSample } from '../support/fixtures';
import { publishedSubjects } from '../support/published-subjects';

const sample = (name: Parameters<typeof loadSample>[0]) => {
  const report = loadSample(name);
  return { template: findTemplate(builtInCatalog, report.kind, report.year, report.template), report };
};
const templates = builtInCatalog.templates.map((template) => ({ template }));

describe('the 科目 dictionary', () => {
  it('names the codes the templates list, without the printed ordinal, functional and economic apart', () => {
    const dictionary = buildSubjectDictionary(templates);
    expect(dictionary.name('functional', '201')).toBe('一般公共服务支出');
    expect(dictionary.name('economic', '30101')).toBe('基本工资');
    expect(dictionary.name('functional', '30101')).toBeNull();
  });

  it('grows with the samples: 项 of 决算 tables, budget 项 and economic codes with their 政府 codes', () => {
    const dictionary = buildSubjectDictionary([
      ...(['final-2024-gaoxin', 'final-2023-jiefang', 'budget-2025-jiaozuo'] as const).map(sample),
      ...templates,
    ]);
    expect(dictionary.name('functional', '2080101')).toBe('行政运行');
    // The 2024 sample has no 2080106; the 2023 one names it.
    expect(dictionary.name('functional', '2080106')).toBe('就业管理事务');
    expect(dictionary.name('functional', '2050302')).toBe('中等职业教育');
    expect(dictionary.name('economic', '50203')).toBe('培训费');
    // 302 is a 部门 in the budget sample and 商品和服务支出 in the economic classification: a 部门 is no 科目.
    expect(dictionary.name('economic', '302')).toBe('商品和服务支出');
    expect(dictionary.name('functional', '302')).toBeNull();
    // A code no source names has no name: none is made up.
    expect(dictionary.name('functional', '2089998')).toBeNull();
  });

  it('takes the open report first, and a row printing its name over a label standing for the code', () => {
    const { template } = sample('final-2024-gaoxin');
    const own: ReportFile = {
      kind: 'final',
      year: 2024,
      department: '某局',
      unit: '万元',
      tables: [{ id: '公开03表', rows: [{ code: '2080106', name: '自定义名称', values: {} }] }],
    };
    const dictionary = buildSubjectDictionary([{ template, report: own }, sample('final-2024-gaoxin')]);
    expect(dictionary.name('functional', '2080106')).toBe('自定义名称');
    expect(dictionary.name('functional', '208 01 06')).toBe('自定义名称');
  });

  it('tells a code column by its header', () => {
    expect(subjectKindOf('经济分类科目编码')).toBe('economic');
    expect(subjectKindOf('政府预算支出经济分类科目/科目编码')).toBe('economic');
    expect(subjectKindOf('功能分类科目编码')).toBe('functional');
    expect(subjectKindOf(undefined)).toBe('functional');
  });
});

describe('the names of the published documents (shared/subjects/published.json)', () => {
  it('are what the samples hold, so the window ships no sample files to know them (npm run subjects)', () => {
    expect(published).toEqual(publishedSubjects());
    const dictionary = buildSubjectDictionary([{ names: published }]);
    expect(dictionary.name('functional', '2080106')).toBe('就业管理事务');
    expect(dictionary.name('economic', '30101')).toBe('基本工资');
  });
});
