import { describe, expect, it } from 'vitest';
import { EditHistory } from '../../shared/engine/history';
import { Workbook } from '../../shared/engine/workbook';
import { loadSample } from '../support/fixtures';

const basic = (code: string) => ({ table: '公开05表', row: code, column: 'basic' });

function snapshot(workbook: Workbook) {
  return {
    report: workbook.toReport(),
    findings: workbook
      .findings()
      .map((f) => `${f.key} ${f.severity} ${f.message}`)
      .sort(),
  };
}

function open() {
  const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
  return { workbook, history: new EditHistory(workbook) };
}

describe('undo and redo across the workbook', () => {
  it('undoes a typed figure, its totals and its findings, and redoes it', () => {
    const { workbook, history } = open();
    const original = snapshot(workbook);
    history.apply({ kind: 'setCells', edits: [{ ref: basic('2080505'), text: '32.42' }] });
    const edited = snapshot(workbook);
    expect(edited).not.toEqual(original);
    history.undo();
    expect(snapshot(workbook)).toEqual(original);
    history.redo();
    expect(snapshot(workbook)).toEqual(edited);
  });

  it('undoes a whole paste as one step, including text that was not a number', () => {
    const { workbook, history } = open();
    const original = snapshot(workbook);
    history.apply({
      kind: 'setCells',
      edits: [
        { ref: basic('2080101'), text: '1' },
        { ref: basic('2080102'), text: 'abc' },
        { ref: { table: '公开05表', row: '2080102', column: 'subtotal' }, text: '9' },
      ],
    });
    expect(workbook.cell(basic('2080102')).invalidText).toBe('abc');
    history.undo();
    expect(snapshot(workbook)).toEqual(original);
    expect(history.canUndo).toBe(false);
  });

  it('records nothing for an edit that changes nothing, and a new edit clears redo', () => {
    const { history } = open();
    history.apply({ kind: 'setCells', edits: [{ ref: basic('2080101'), text: '58.78' }] });
    expect(history.canUndo).toBe(false);
    history.apply({ kind: 'setCells', edits: [{ ref: basic('2080101'), text: '1' }] });
    history.undo();
    expect(history.canRedo).toBe(true);
    history.apply({ kind: 'setCells', edits: [{ ref: basic('2080101'), text: '2' }] });
    expect(history.canRedo).toBe(false);
  });

  it('undoes adding a row with its new parents, and removing a row with its figures', () => {
    const { workbook, history } = open();
    const original = snapshot(workbook);
    history.apply({
      kind: 'addRow',
      table: '公开05表',
      code: '2130101',
      name: '行政运行',
      parentNames: { '213': '农林水支出', '21301': '农业农村' },
    });
    history.apply({
      kind: 'setCells',
      edits: [{ ref: { table: '公开05表', row: '2130101', column: 'project' }, text: '5' }],
    });
    history.undo();
    history.undo();
    expect(snapshot(workbook)).toEqual(original);

    history.apply({ kind: 'removeRow', table: '公开05表', code: '2080505' });
    expect(workbook.structure.tableById.get('公开05表')!.rowByCode.has('2080505')).toBe(false);
    history.undo();
    expect(snapshot(workbook)).toEqual(original);
  });

  it('undoes adopting the computed values: the printed figures come back, flagged as before', () => {
    const { workbook, history } = open();
    const original = snapshot(workbook);
    history.apply({ kind: 'adoptComputed' });
    expect(workbook.keptFigures()).toEqual([]);
    history.undo();
    expect(snapshot(workbook)).toEqual(original);
    history.redo();
    expect(workbook.keptFigures()).toEqual([]);
  });

  it('undoes removing a 款 with several 项 and their figures', () => {
    const { workbook, history } = open();
    const original = snapshot(workbook);
    history.apply({ kind: 'removeRow', table: '公开03表', code: '20801' });
    expect(workbook.structure.tableById.get('公开03表')!.rowByCode.has('2080103')).toBe(false);
    history.undo();
    expect(snapshot(workbook)).toEqual(original);
    history.redo();
    expect(workbook.structure.tableById.get('公开03表')!.rowByCode.has('20801')).toBe(false);
  });
});

describe('commands and what is unsaved', () => {
  it('knows the report is unsaved from its steps: typing a figure as it was is no step; undoing back to the save is saved', () => {
    const { history } = open();
    history.apply({ kind: 'setCells', edits: [{ ref: basic('2080101'), text: '58.78' }] });
    expect(history.dirty).toBe(false);
    history.apply({ kind: 'setCells', edits: [{ ref: basic('2080101'), text: '1' }] });
    expect(history.dirty).toBe(true);
    history.markSaved();
    expect(history.dirty).toBe(false);
    history.apply({ kind: 'setCells', edits: [{ ref: basic('2080101'), text: '2' }] });
    history.undo();
    expect(history.dirty).toBe(false);
    history.undo();
    expect(history.dirty).toBe(true);
  });

  it('gives a refusal as data, with its reason, and records nothing', () => {
    const { workbook, history } = open();
    const before = snapshot(workbook);
    const result = history.apply({ kind: 'setCells', edits: [{ ref: basic('2080101'), text: '30.481' }] });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('本报表金额精确到 0.01 万元') });
    expect(snapshot(workbook)).toEqual(before);
    expect(history.canUndo).toBe(false);
  });

  it('sets the year and department and converts the report to 元 exactly, undoably; back to 万元 only where the fen allow it', () => {
    const { workbook, history } = open();
    const before = snapshot(workbook);
    const classes = () => workbook.findings().map((f) => `${f.ruleId} ${f.severity}`);
    const classesIn万元 = classes();
    expect(history.apply({ kind: 'setMeta', meta: { year: 99999 } })).toMatchObject({
      ok: false,
      reason: '年度“99999”不对，应为 2000 至 2100 之间的年份',
    });
    history.apply({ kind: 'setMeta', meta: { unit: '元', department: '某局' } });
    expect(workbook).toMatchObject({ unit: '元', department: '某局' });
    expect(workbook.cell(basic('2080505')).value).toBe('324300.00');
    // 尾差 stay 尾差: the tails now come in 100-元 steps.
    expect(classes()).toEqual(classesIn万元);
    history.apply({ kind: 'setCells', edits: [{ ref: basic('2080101'), text: '12345.67' }] });
    expect(history.apply({ kind: 'setMeta', meta: { unit: '万元' } })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('不是 100 元的整数倍，不能精确换算为万元'),
    });
    history.undo();
    history.undo();
    expect(snapshot(workbook)).toEqual(before);
  });
});
