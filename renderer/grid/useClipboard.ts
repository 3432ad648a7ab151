/**
 * Clipboard of a grid: a block copied from Excel/WPS (TSV) lands from the focused cell; a copied
 * block is TSV. Ctrl+C / Ctrl+V arrive as the document's copy and paste events; the right-click
 * menu's 复制 / 粘贴 go through the asynchronous clipboard with the same text.
 */
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, type RefObject } from 'react';
import { formatTsv, parseTsv } from '../../shared/io/tsv';
import type { GridModel, GridRow } from '../../shared/layout/gridModel';
import { editText } from '../model/display';
import type { Session } from '../model/session';
import type { BlockSelection } from './useBlockSelection';

export interface Clipboard {
  /** The selected block as TSV, or null when the cursor is not on the table. */
  copyText(): string | null;
  /** Puts a TSV block into the table from the focused cell, as one undoable step. */
  pasteText(text: string): void;
}

export function useClipboard(
  session: Session,
  model: GridModel,
  apiRef: RefObject<GridApi<GridRow> | null>,
  rootRef: RefObject<HTMLDivElement | null>,
  block: BlockSelection,
): Clipboard {
  const { columnOrder, select, refs } = block;

  const pasteText = useCallback(
    (text: string) => {
      const focused = apiRef.current?.getFocusedCell();
      if (!focused || focused.rowPinned) return;
      const rows = parseTsv(text);
      const start = columnOrder.indexOf(focused.column.getColId());
      const edits = rows.flatMap((cells, i) =>
        cells.flatMap((cellText, j) => {
          const slot = model.rows[focused.rowIndex + i]?.slots[columnOrder[start + j] ?? ''];
          return slot?.kind === 'amount' ? [{ ref: slot.ref, text: cellText }] : [];
        }),
      );
      if (edits.length > 0) session.dispatch({ kind: 'setCells', edits });
      const last = {
        rowIndex: Math.min(focused.rowIndex + rows.length - 1, model.rows.length - 1),
        colId: columnOrder[Math.min(start + (rows[0]?.length ?? 1) - 1, columnOrder.length - 1)]!,
      };
      select({ rowIndex: focused.rowIndex, colId: focused.column.getColId() }, last);
    },
    [apiRef, columnOrder, model, session, select],
  );

  const copyText = useCallback((): string | null => {
    const cells = refs();
    if (cells.length === 0) return null;
    return formatTsv(
      cells.map((row) =>
        row.map((ref) => (ref ? editText(session.workbook.cell(ref), session.display) : '')),
      ),
    );
  }, [refs, session]);

  useEffect(() => {
    const editing = () => (apiRef.current?.getEditingCells().length ?? 0) > 0;
    // Only the grid holding the keyboard answers (the grids of other tables stay alive, hidden).
    const gridHasFocus = () =>
      rootRef.current?.contains(document.activeElement) === true && apiRef.current?.getFocusedCell() != null;
    const onPaste = (event: ClipboardEvent) => {
      const focused = apiRef.current?.getFocusedCell();
      if (!focused || focused.rowPinned || editing() || !gridHasFocus()) return;
      event.preventDefault();
      pasteText(event.clipboardData?.getData('text/plain') ?? '');
    };
    const onCopy = (event: ClipboardEvent) => {
      if (editing() || !gridHasFocus()) return;
      const text = copyText();
      if (text === null) return;
      event.preventDefault();
      event.clipboardData?.setData('text/plain', text);
    };
    document.addEventListener('paste', onPaste);
    document.addEventListener('copy', onCopy);
    return () => {
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('copy', onCopy);
    };
  }, [apiRef, rootRef, pasteText, copyText]);

  return { copyText, pasteText };
}
