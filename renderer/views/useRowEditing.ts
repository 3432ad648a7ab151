/**
 * Inserting and deleting rows of the active table at the cursor: 科目 of code-keyed tables, rows
 * of the listed budget tables. Deleting a row with rows under it asks first.
 */
import { useCallback } from 'react';
import type { CellRef } from '../../shared/engine/findings';
import { blockOf } from '../../shared/engine/listedRows';
import type { RowInfo, TableInfo } from '../../shared/engine/structure';
import { tableCode } from '../../shared/model/template';
import type { Cursor } from '../model/cursor';
import type { Session } from '../model/session';
import { subjectDictionary } from '../model/subjects';
import type { AddRequest } from './AddRowDialog';

export function useRowEditing(
  session: Session,
  active: TableInfo,
  cursor: Cursor,
  focus: (ref: CellRef) => void,
) {
  const { workbook } = session;

  /** The row under the cursor as the table now stands (rows are rebuilt when rows change). */
  const rowAtCursor = (): RowInfo | null => {
    const at = cursor.get();
    const key = at?.table === active.id ? at.row.row?.key : undefined;
    return (key !== undefined && active.rowByKey.get(key)) || null;
  };

  const deleteRow = () => {
    const row = rowAtCursor();
    if (active.codeKeyed) {
      if (!row?.code) session.say('请先点选要删除的科目所在的行');
      else if (window.confirm(`删除 ${active.id} 的科目 ${row.code} ${row.name ?? ''} 及其下级？`))
        session.dispatch({ kind: 'removeRow', table: active.id, code: row.code });
      return;
    }
    if (!row) return session.say('请先点选要删除的行');
    if (row.level === '合计') return session.say('合计行由程序计算，不能删除');
    const under = blockOf(active, row).length - 1;
    const label = [row.code, row.name].filter(Boolean).join(' ');
    if (under === 0 || window.confirm(`删除 ${tableCode(active.template)} 的“${label}”及其下 ${under} 行？`))
      session.dispatch({ kind: 'removeListedRow', table: active.id, key: row.key });
  };

  /**
   * Adds the row the dialog asks for; the cursor then goes to the first figure of a new listed row.
   * A refusal is said in the dialog only, so that it goes with the dialog's next change.
   */
  const addRow = (request: AddRequest, near: RowInfo | null): string | null => {
    if (request.kind === 'code') {
      const added = session.dispatch({
        kind: 'addRow',
        table: active.id,
        code: request.code,
        name: request.name,
        parentNames: request.parentNames,
      });
      return added ? null : (session.takeMessage() ?? '未能插入');
    }
    const before = new Set(active.rows.map((r) => r.key));
    if (
      !session.dispatch({
        kind: 'addListedRow',
        table: active.id,
        row: request.row,
        near: near?.key ?? null,
        parents: request.parents,
      })
    )
      return session.takeMessage() ?? '未能插入';
    const added = workbook.structure.tableById
      .get(active.id)!
      .rows.filter((r) => !before.has(r.key))
      .at(-1);
    const column =
      added &&
      active.columns.find(
        (c) =>
          added.cells[c.index] !== undefined &&
          !workbook.cell({ table: active.id, row: added.key, column: c.key }).computed,
      );
    if (added && column) focus({ table: active.id, row: added.key, column: column.key });
    return null;
  };

  /** A 部门 row the dialog must add too is the report's 部门: as another table lists it, else by the report's name. */
  const parentDefault = (level: string) => {
    for (const table of workbook.structure.tables) {
      const row = table.listed ? table.rows.find((r) => r.level === level) : undefined;
      if (row) return { code: row.code ?? '', name: row.name ?? '' };
    }
    return { code: '', name: workbook.department };
  };

  /** The 科目 dictionary with the report as it is now. */
  const loadSubjects = useCallback(async () => subjectDictionary(workbook), [workbook]);

  return { rowAtCursor, deleteRow, addRow, parentDefault, loadSubjects };
}
