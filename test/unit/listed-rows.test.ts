/**
 * Adding, removing and renaming rows of the listed budget tables: where a new row goes, that the
 * roll-up rules (I6, E5, P2) take it in at once, what is refused, and that every step undoes.
 */
import { describe, expect, it } from 'vitest';
import { EditHistory } from '../../shared/engine/history';
import { listedRowProblem, listedRowSeed, placeListedRow } from '../../shared/engine/listedRows';
import { Workbook } from '../../shared/engine/workbook';
import { loadSample } from '../support/fixtures';

const emptyBudget = () =>
  Workbook.create({
    kind: 'budget',
    year: 2025,
    department: '某市人社局',
    unit: '万元',
    template: 'budget-2025',
  });
const jz25 = () => Workbook.open(loadSample('budget-2025-jiaozuo'));

const keys = (workbook: Workbook, table: string) =>
  workbook.structure.tableById.get(table)!.rows.map((r) => r.key);
const value = (workbook: Workbook, table: string, row: string, column: string) =>
  workbook.cell({ table, row, column }).value;
const dept = { level: '部门', code: '302', name: '某市人社局' };

function snapshot(workbook: Workbook) {
  return {
    report: workbook.toReport(),
    findings: workbook
      .findings()
      .map((f) => `${f.key} ${f.severity} ${f.message}`)
      .sort(),
  };
}

describe('a new budget report is typed in row by row', () => {
  it('asks for the 部门 above the first 单位, and the 部门 and 合计 rows follow its figures (I6)', () => {
    const workbook = emptyBudget();
    expect(keys(workbook, '收入表')).toEqual(['合计']);
    expect(() =>
      workbook.addListedRow('收入表', { level: '单位', code: '302101', name: '某市人社局本级' }, null),
    ).toThrow(/还没有上级行（部门）/u);
    const change = workbook.addListedRow(
      '收入表',
      { level: '单位', code: '302101', name: '某市人社局本级' },
      null,
      [dept],
    );
    expect(change.tables).toEqual(['收入表']);
    expect(keys(workbook, '收入表')).toEqual(['合计', '302', '302101']);
    workbook.set({ table: '收入表', row: '302101', column: 'cur.gpb' }, '100');
    workbook.set({ table: '收入表', row: '302101', column: 'co.gpb' }, '20.5');
    for (const row of ['302101', '302', '合计'])
      expect(value(workbook, '收入表', row, 'total'), row).toBe('120.50');
    expect(value(workbook, '收入表', '302', 'cur.gpb')).toBe('100.00');

    // A second unit joins the same 部门 without being asked for it again.
    workbook.addListedRow('收入表', { level: '单位', code: '302202', name: '社会保险中心' }, '302101');
    workbook.set({ table: '收入表', row: '302202', column: 'cur.gpb' }, '1');
    expect(value(workbook, '收入表', '合计', 'total')).toBe('121.50');
  });

  it('adds a 项 to 支出表 under its 部门 and sums it into the 部门 and 合计 rows (E5)', () => {
    const workbook = emptyBudget();
    workbook.addListedRow('支出表', { level: '项', code: '208 01 01', name: '行政运行' }, null, [dept]);
    expect(keys(workbook, '支出表')).toEqual(['合计', '302', '2080101']);
    workbook.set({ table: '支出表', row: '2080101', column: 'basic.personnel.wages' }, '50');
    workbook.set({ table: '支出表', row: '2080101', column: 'project.operation' }, '7');
    expect(value(workbook, '支出表', '2080101', 'total')).toBe('57.00');
    expect(value(workbook, '支出表', '302', 'basic.total')).toBe('50.00');
    expect(value(workbook, '支出表', '合计', 'total')).toBe('57.00');
    // The cross-table check X4 now sees 支出表 57.00 against 收入表 0.
    expect(workbook.findings().some((f) => f.ruleId === 'X4' && f.severity === 'error')).toBe(true);
  });
});

describe('where a new row goes in the JZ25 budget', () => {
  it('puts a 单位 after the current unit, or at the end of the 部门 the cursor is on', () => {
    const workbook = jz25();
    const table = workbook.structure.tableById.get('收入表')!;
    expect(placeListedRow(table, '单位', table.rowByKey.get('302202')!).index).toBe(
      table.rowByKey.get('302203')!.index,
    );
    expect(placeListedRow(table, '单位', table.rowByKey.get('302')!)).toEqual({
      index: table.rows.length,
      parent: table.rowByKey.get('302'),
    });
    expect(placeListedRow(table, '单位', table.rowByKey.get('合计')!).parent?.key).toBe('302');
    // A new 部门 with the cursor on a unit comes after that 部门's whole block.
    expect(placeListedRow(table, '部门', table.rowByKey.get('302202')!)).toEqual({
      index: table.rows.length,
      parent: null,
    });
  });

  it('inserts a 项 right below the 项 the cursor is on, and the 部门 row and 合计 take it in', () => {
    const workbook = jz25();
    workbook.addListedRow('支出表', { level: '项', code: '2130101', name: '行政运行' }, '2080101');
    const rows = keys(workbook, '支出表');
    expect(rows[rows.indexOf('2080101') + 1]).toBe('2130101');
    workbook.set({ table: '支出表', row: '2130101', column: 'project.specific' }, '10');
    expect(value(workbook, '支出表', '302', 'total')).toBe('58879.82');
    expect(value(workbook, '支出表', '合计', 'project.specific')).toBe('46247.27');
  });

  it('adds a project with its 类型 and 项目单位; P2 sums it; a twin name gets its own key', () => {
    const workbook = jz25();
    const project = {
      level: '项目',
      name: '新项目',
      fields: { type: '特定目标类', unitName: '焦作技师学院' },
    };
    workbook.addListedRow('项目支出表', project, null);
    workbook.addListedRow('项目支出表', project, '新项目');
    expect(keys(workbook, '项目支出表').slice(-2)).toEqual(['新项目', '新项目#2']);
    const added = workbook.structure.tableById.get('项目支出表')!.rowByKey.get('新项目')!;
    expect(added.fields).toEqual({ type: '特定目标类', unitName: '焦作技师学院' });
    expect(added.parent?.level).toBe('部门');
    workbook.set({ table: '项目支出表', row: '新项目#2', column: 'cur.gpb' }, '3');
    expect(value(workbook, '项目支出表', '合计', 'total')).toBe('47114.73');
    expect(
      workbook
        .toReport()
        .tables.find((t) => t.id === '项目支出表')!
        .rows.at(-1),
    ).toMatchObject({ name: '新项目', level: '项目', fields: { type: '特定目标类' } });
  });

  it('keeps an economic row by its pair of codes', () => {
    const workbook = jz25();
    workbook.addListedRow(
      '基本支出经济分类表',
      {
        level: '款',
        code: '30199',
        name: '其他工资福利支出',
        fields: { govCode: '50199', govName: '其他工资福利支出' },
      },
      '30101|50101',
    );
    workbook.set({ table: '基本支出经济分类表', row: '30199|50199', column: 'personnel' }, '1');
    expect(value(workbook, '基本支出经济分类表', '合计', 'total')).toBe('11416.69');
  });
});

describe('what is refused', () => {
  const table = (name: string) => jz25().structure.tableById.get(name)!;

  it('checks codes against the level: digits of its length; project codes are free text', () => {
    expect(listedRowProblem(table('收入表'), { level: '单位', code: '30210', name: '某单位' })).toBe(
      '部门代码“30210”不对：单位的编码应为 6 位数字',
    );
    expect(listedRowProblem(table('收入表'), { level: '单位', code: '', name: '某单位' })).toBe(
      '请填写部门代码（单位为 6 位数字）',
    );
    expect(listedRowProblem(table('收入表'), { level: '单位', code: '302 101', name: '' })).toBe(
      '请填写部门名称',
    );
    expect(
      listedRowProblem(table('基本支出经济分类表'), {
        level: '款',
        code: '30101',
        name: '基本工资',
        fields: { govCode: '5010' },
      }),
    ).toMatch(/政府预算支出经济分类科目 科目编码“5010”不对/u);
    expect(listedRowProblem(table('项目支出表'), { level: '部门', code: '', name: '某局' })).toBe(
      '请填写部门代码（部门为 3 位数字）',
    );
    expect(
      listedRowProblem(table('项目支出表'), {
        level: '项目',
        code: '41080024000A0000005261',
        name: '某项目',
      }),
    ).toBeNull();
    expect(listedRowProblem(table('支出表'), { level: '类', code: '208', name: 'x' })).toBe(
      '预算03表没有“类”这一级',
    );
  });

  it('refuses to delete or rename the 合计 row, and to add rows to a fixed table', () => {
    const workbook = jz25();
    expect(() => workbook.removeListedRow('收入表', '合计')).toThrow(/合计行/u);
    expect(() => workbook.setRowText('收入表', '合计', 'name', '总计')).toThrow(/合计行/u);
    expect(() =>
      workbook.addListedRow('收支总表', { level: '单位', code: '302101', name: 'x' }, null),
    ).toThrow(/不是逐行列示的表/u);
    expect(() => workbook.setRowText('支出表', '2080101', 'code', '20801')).toThrow(/7 位数字/u);
  });
});

describe('removing and renaming rows', () => {
  it('removes a unit and the totals follow; removing the 部门 takes its units along', () => {
    const workbook = jz25();
    workbook.removeListedRow('收入表', '302302');
    expect(value(workbook, '收入表', '合计', 'total')).toBe('47128.01');
    workbook.removeListedRow('收入表', '302');
    expect(keys(workbook, '收入表')).toEqual(['合计']);
  });

  it('renames a project and changes its 类型 without touching its figures', () => {
    const workbook = jz25();
    const key = workbook.structure.tableById
      .get('项目支出表')!
      .rows.find((r) => r.name === '综合业务经费')!.key;
    workbook.setRowText('项目支出表', key, 'name', '综合业务经费（调整）');
    workbook.setRowText('项目支出表', key, 'type', '特定目标类');
    const row = workbook.structure.tableById.get('项目支出表')!.rowByKey.get(key)!;
    expect([row.name, row.fields?.type]).toEqual(['综合业务经费（调整）', '特定目标类']);
    expect(value(workbook, '项目支出表', key, 'total')).toBe('117.06');
  });
});

describe('undo and redo of row changes in listed tables', () => {
  it('undoes adding a unit with its 部门 and a typed figure, and redoes both', () => {
    const workbook = emptyBudget();
    const history = new EditHistory(workbook);
    const original = snapshot(workbook);
    history.apply({
      kind: 'addListedRow',
      table: '收入表',
      row: { level: '单位', code: '302101', name: '本级' },
      near: null,
      parents: [dept],
    });
    history.apply({
      kind: 'setCells',
      edits: [{ ref: { table: '收入表', row: '302101', column: 'cur.other' }, text: '5' }],
    });
    const edited = snapshot(workbook);
    history.undo();
    expect(value(workbook, '收入表', '302101', 'cur.other')).toBeNull();
    history.undo();
    expect(snapshot(workbook)).toEqual(original);
    history.redo();
    history.redo();
    expect(snapshot(workbook)).toEqual(edited);
    expect(value(workbook, '收入表', '合计', 'total')).toBe('5.00');
  });

  it('undoes removing a 部门 with all its units and their figures', () => {
    const workbook = jz25();
    const history = new EditHistory(workbook);
    const original = snapshot(workbook);
    history.apply({ kind: 'removeListedRow', table: '收入表', key: '302' });
    expect(keys(workbook, '收入表')).toEqual(['合计']);
    history.undo();
    expect(snapshot(workbook)).toEqual(original);
    history.redo();
    expect(keys(workbook, '收入表')).toEqual(['合计']);
  });

  it('undoes a renamed row, and records nothing for a name typed again unchanged', () => {
    const workbook = jz25();
    const history = new EditHistory(workbook);
    const original = snapshot(workbook);
    history.apply({
      kind: 'setRowText',
      table: '支出表',
      key: '2080101',
      field: 'name',
      text: '行政运行（本级）',
    });
    expect(workbook.structure.tableById.get('支出表')!.rowByKey.get('2080101')!.name).toBe(
      '行政运行（本级）',
    );
    history.undo();
    expect(snapshot(workbook)).toEqual(original);
    expect(history.canUndo).toBe(false);
    history.apply({ kind: 'setRowText', table: '支出表', key: '2080101', field: 'name', text: '行政运行' });
    expect(history.canUndo).toBe(false);
  });
});

describe('the key of a listed row', () => {
  it('is the same whether the row was read from a file or added in the program: code, else name, numbered when taken', () => {
    const workbook = jz25();
    const form = workbook.structure.tableById.get('整体绩效目标表')!;
    const named = form.rows.find((r) => r.code === null && r.name)!;
    expect(named.key).toBe(named.name);
    const again = listedRowSeed(
      form,
      { level: named.level!, code: null, name: named.name! },
      new Set(form.rows.map((r) => r.key)),
    );
    expect(again.key).toBe(`${named.name}#2`);
    const reopened = Workbook.open(workbook.toReport());
    expect(keys(reopened, '整体绩效目标表')).toEqual(keys(workbook, '整体绩效目标表'));
  });
});
