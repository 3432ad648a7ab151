/**
 * The catalog: table sets and rule sets found by listing their folders, variants written as
 * `extends` plus what differs, and every template checked against its schema with Chinese
 * messages naming the field.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog, builtInCatalog, builtInFiles, findTemplate } from '../../shared/templates/catalog';

const base = builtInFiles.templates['./final-2024.json'] as Record<string, unknown>;
const withFile = (name: string, data: unknown) =>
  buildCatalog({ ...builtInFiles.templates, [name]: data }, builtInFiles.rules);

describe('the catalog', () => {
  it('holds every template and rule set file of its folders', () => {
    expect(Object.keys(builtInFiles.templates).length).toBe(builtInCatalog.templates.length);
    expect(builtInCatalog.templates.map((t) => t.id)).toEqual(
      expect.arrayContaining(['final-2023', 'final-2024', 'budget-2025']),
    );
    expect(builtInCatalog.ruleSets.map((r) => r.id)).toEqual(
      expect.arrayContaining(['final-accounts', 'budget']),
    );
  });

  it('resolves a variant from its parent and what differs: fields replaced, null removes, tables merged by id and ordered', () => {
    const catalog = withFile('variant.json', {
      id: 'final-2024-x',
      extends: 'final-2024',
      name: '某地决算',
      tableNumbers: null,
      tables: [{ id: '公开09表', title: '财政拨款“三公”经费支出决算表' }],
      removeTables: ['公开08表'],
    });
    const variant = catalog.templates.find((t) => t.id === 'final-2024-x')!;
    const parent = catalog.templates.find((t) => t.id === 'final-2024')!;
    expect(variant).toMatchObject({ name: '某地决算', kind: 'final', year: 2024, extends: 'final-2024' });
    expect(variant.tableNumbers).toBeUndefined();
    expect(variant.tables.map((t) => t.id)).toEqual(
      parent.tables.map((t) => t.id).filter((id) => id !== '公开08表'),
    );
    const table09 = variant.tables.find((t) => t.id === '公开09表')!;
    expect(table09.title).toBe('财政拨款“三公”经费支出决算表');
    expect(table09.columns).toEqual(parent.tables.find((t) => t.id === '公开09表')!.columns);
    // A variant is never taken by default: a report that names no template gets the base set.
    expect(findTemplate(catalog, 'final', 2024).id).toBe('final-2024');
  });

  it('says which file is wrong: a missing parent, a loop, a table order that leaves tables out', () => {
    expect(() => withFile('a.json', { id: 'a', extends: 'nowhere' })).toThrow(
      '模板文件“a.json”继承的“nowhere”不存在',
    );
    expect(() =>
      buildCatalog(
        { 'a.json': { id: 'a', extends: 'b' }, 'b.json': { id: 'b', extends: 'a' } },
        builtInFiles.rules,
      ),
    ).toThrow(/继承关系形成循环/u);
    expect(() => withFile('c.json', { id: 'c', extends: 'final-2024', tableOrder: ['公开01表'] })).toThrow(
      /tableOrder 没有列出：公开02表/u,
    );
  });

  it('checks every template against its schema, naming the field in Chinese', () => {
    const broken = {
      ...base,
      id: 'broken',
      tables: [
        {
          ...(base.tables as object[])[0],
          layout: 'sideways',
          columns: [{ key: 'x', label: 3, lanci: null }],
        },
      ],
    };
    let message = '';
    try {
      withFile('broken.json', broken);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('报表模板“broken”有误');
    expect(message).toContain('tables[0].layout 的值不在允许的范围内');
    expect(message).toContain('tables[0].columns[0].label 应为文字');
    expect(() => withFile('year.json', { ...base, id: 'year', year: 1e308 })).toThrow(
      /year 超出允许的范围|year 应为整数/u,
    );
    expect(() => withFile('extra.json', { ...base, id: 'extra', colour: 'red' })).toThrow(
      '有不认识的字段“colour”',
    );
  });
});
