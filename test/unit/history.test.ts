import { describe, expect, it } from 'vitest';
import { EditHistory } from '../../shared/engine/history';
import { Workbook } from '../../shared/engine/workbook';
import { loadSample } from '../support/fixtures';

const basic = (code: string) => ({ table: '公开05表', row: code, column: 'basic' });

function snapshot(workbook: Workbook) {
  return { report: workbook.toReport(), findings: workbook.findings().map((f) => `${f.key} ${f.severity} ${f.message}`).sort() };
}

function open() {
  const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
  return { workbook, history: new EditHistory(workbook) };
}

describe('undo and redo across the workbook', () => {
  it('undoes a typed figure, its totals and its findings, and redoes it', () => {
    const { workbook, history } = open();
    const original = snapshot(workbook);
    history.edit([{ ref: basic('2080505'), text: '32.42' }]);
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
    history.edit([
      { ref: basic('2080101'), text: '1' },
      { ref: basic('2080102'), text: 'abc' },
      { ref: { table: '公开05表', row: '2080102', column: 'subtotal' }, text: '9' },
    ]);
    expect(workbook.cell(basic('2080102')).invalidText).toBe('abc');
    history.undo();
    expect(snapshot(workbook)).toEqual(original);
    expect(history.canUndo).toBe(false);
  });

  it('records nothing for an edit that changes nothing, and a new edit clears redo', () => {
    const { history } = open();
    history.edit([{ ref: basic('2080101'), text: '58.78' }]);
    expect(history.canUndo).toBe(false);
    history.edit([{ ref: basic('2080101'), text: '1' }]);
    history.undo();
    expect(history.canRedo).toBe(true);
    history.edit([{ ref: basic('2080101'), text: '2' }]);
    expect(history.canRedo).toBe(false);
  });

  it('undoes adding a row with its new parents, and removing a row with its figures', () => {
    const { workbook, history } = open();
    const original = snapshot(workbook);
    history.addRow('公开05表', '2130101', '行政运行', { '213': '农林水支出', '21301': '农业农村' });
    history.edit([{ ref: { table: '公开05表', row: '2130101', column: 'project' }, text: '5' }]);
    history.undo();
    history.undo();
    expect(snapshot(workbook)).toEqual(original);

    history.removeRow('公开05表', '2080505');
    expect(workbook.structure.tableById.get('公开05表')!.rowByCode.has('2080505')).toBe(false);
    history.undo();
    expect(snapshot(workbook)).toEqual(original);
  });

  it('undoes adopting the computed values: the printed figures come back, flagged as before', () => {
    const { workbook, history } = open();
    const original = snapshot(workbook);
    history.adoptComputed();
    expect(workbook.keptFigures()).toEqual([]);
    history.undo();
    expect(snapshot(workbook)).toEqual(original);
    history.redo();
    expect(workbook.keptFigures()).toEqual([]);
  });

  it('undoes removing a 款 with several 项 and their figures', () => {
    const { workbook, history } = open();
    const original = snapshot(workbook);
    history.removeRow('公开03表', '20801');
    expect(workbook.structure.tableById.get('公开03表')!.rowByCode.has('2080103')).toBe(false);
    history.undo();
    expect(snapshot(workbook)).toEqual(original);
    history.redo();
    expect(workbook.structure.tableById.get('公开03表')!.rowByCode.has('20801')).toBe(false);
  });
});
