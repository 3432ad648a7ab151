/**
 * After an edit the 情况说明 is checked again only when the edit changed a figure the text was
 * checked against; whatever is edited, what it then says is what a full check of the report says.
 */
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import { openWithNarrative } from '../support/narrative';

const said = (workbook: Workbook) =>
  workbook
    .findings()
    .filter((f) => f.location.kind === 'narrative')
    .map((f) => `${f.key} ${f.severity} ${f.message}`)
    .sort();

const withText = () => openWithNarrative('final-2023-jiefang');

/** Every input cell of a table, as references. */
function inputs(workbook: Workbook, table: string) {
  const t = workbook.structure.tableById.get(table)!;
  return t.rows.flatMap((row) =>
    t.columns.flatMap((column) => {
      const ref = { table, row: row.key, column: column.key };
      const id = row.cells[column.index];
      return id !== undefined && !workbook.cell(ref).computed ? [ref] : [];
    }),
  );
}

describe('the 情况说明 re-checked after an edit', () => {
  it('says after any edit what a full check says', () => {
    const workbook = withText();
    const cells = [
      ...inputs(workbook, '公开05表'),
      ...inputs(workbook, '公开01表'),
      ...inputs(workbook, '公开07表'),
    ];
    expect(cells.length).toBeGreaterThan(20);
    for (const ref of cells) {
      const before = workbook.cell(ref).value ?? '0';
      workbook.set(ref, (Number(before) + 1.5).toFixed(2));
      const fresh = Workbook.open(workbook.toReport());
      expect(said(workbook), `${ref.table} ${ref.row} ${ref.column}`).toEqual(said(fresh));
    }
  });

  it('is left as it was by an edit of a figure it does not read, and checked again after one it does', () => {
    const workbook = withText();
    const report = () => workbook.narrativeReport;
    const first = report();
    // The 2023 text names no 上级补助收入: no figure of that column of 02 is read.
    const unread = inputs(workbook, '公开02表').find((ref) => ref.column === 'superiorSubsidy')!;
    workbook.set(unread, '1.00');
    expect(report()).toBe(first);
    const read = { table: '公开05表', row: '2080101', column: 'basic' };
    workbook.set(read, (Number(workbook.cell(read).value) + 1).toFixed(2));
    expect(report()).not.toBe(first);
  });
});
