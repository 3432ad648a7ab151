/**
 * The keyboard of a grid as in Excel and WPS, caught before ag-grid sees the keys:
 * - while typing a figure, the arrows commit it and move (after F2 or a double-click, ← and → move
 *   within the text instead); Tab / Shift+Tab commit and move right / left without opening the
 *   next cell's editor; Enter / Shift+Enter commit and move down / up;
 * - Ctrl+arrows go to the edge of the data, Ctrl+Home / Ctrl+End to the first / last cell;
 * - Delete clears every typed figure of the block (ag-grid would clear the focused cell alone);
 * - typing into a computed cell says why it cannot be typed into and what it is computed from.
 */
import type { GridApi } from 'ag-grid-community';
import { useEffect, useRef, type RefObject } from 'react';
import type { CellRef } from '../../shared/engine/findings';
import type { GridModel, GridRow } from '../../shared/layout/gridModel';
import { computedMessage } from '../model/explain';
import { useLatest } from '../model/useLatest';
import type { Session } from '../model/session';
import { ARROWS, edgeOfData, step, type Extent } from './navigation';
import type { BlockSelection, Position } from './useBlockSelection';

export interface GridKeysContext {
  session: Session;
  model: GridModel;
  apiRef: RefObject<GridApi<GridRow> | null>;
  rootRef: RefObject<HTMLDivElement | null>;
  block: BlockSelection;
  /** Moves the cursor to a cell and scrolls it into view. */
  moveTo(at: Position): void;
}

function extentOf({ session, model, block }: GridKeysContext): Extent {
  return {
    rows: model.rows.length,
    columns: block.columnOrder,
    filled: (rowIndex, colId) => {
      const slot = model.rows[rowIndex]?.slots[colId];
      if (slot?.kind === 'text') return slot.text !== '';
      return slot !== undefined && session.workbook.cellIfPresent(slot.ref)?.value != null;
    },
  };
}

/** Where a key moves the cursor from `at`, or null when the key is not a move. */
function target(event: KeyboardEvent, at: Position, ctx: GridKeysContext): Position | null {
  const extent = extentOf(ctx);
  const ctrl = event.ctrlKey || event.metaKey;
  const direction = ARROWS[event.key];
  if (direction) return ctrl ? edgeOfData(at, direction, extent) : (step(at, direction, extent) ?? at);
  if (event.key === 'Tab') return step(at, event.shiftKey ? 'left' : 'right', extent) ?? at;
  if (event.key === 'Enter') return step(at, event.shiftKey ? 'up' : 'down', extent) ?? at;
  if (ctrl && event.key === 'Home') return { rowIndex: 0, colId: extent.columns[0]! };
  if (ctrl && event.key === 'End') return { rowIndex: extent.rows - 1, colId: extent.columns.at(-1)! };
  return null;
}

function clearBlock({ session, block }: GridKeysContext): void {
  const edits = block
    .refs()
    .flat()
    .filter((ref): ref is CellRef => ref !== null && !session.workbook.cell(ref).computed)
    .map((ref) => ({ ref, text: '' }));
  if (edits.length > 0) session.dispatch({ kind: 'setCells', edits });
}

export function useGridKeys(ctx: GridKeysContext): void {
  const current = useLatest(ctx);
  /** The open editor was started by typing (← → then commit and move) rather than by F2 or a double-click. */
  const typing = useRef(false);

  useEffect(() => {
    const root = ctx.rootRef.current;
    const onKey = (event: KeyboardEvent) => {
      const now = current.current;
      const api = now.apiRef.current;
      const focused = api?.getFocusedCell();
      if (!api || !focused || focused.rowPinned) return;
      const at = { rowIndex: focused.rowIndex, colId: focused.column.getColId() };
      const editing = api.getEditingCells().length > 0;
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      if (!editing) typing.current = plain && event.key.length === 1;
      if (event.shiftKey && ARROWS[event.key] && !editing) return; // Shift+arrows extend the block: the grid moves, the selection follows.
      if (editing && !typing.current && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) return;
      if (editing && ARROWS[event.key] && (event.ctrlKey || event.metaKey)) return;
      const next = target(event, at, now);
      if (next || (!editing && event.key === 'Delete')) {
        event.preventDefault();
        event.stopPropagation();
        if (editing) api.stopEditing();
        if (next) now.moveTo(next);
        else clearBlock(now);
        return;
      }
      const slot = now.model.rows[at.rowIndex]?.slots[at.colId];
      if (
        !editing &&
        plain &&
        event.key.length === 1 &&
        slot?.kind === 'amount' &&
        now.session.workbook.cellIfPresent(slot.ref)?.computed
      ) {
        now.session.say(computedMessage(now.session.workbook.explain(slot.ref)), true);
      }
    };
    const onDoubleClick = () => (typing.current = false);
    root?.addEventListener('keydown', onKey, true);
    root?.addEventListener('dblclick', onDoubleClick, true);
    return () => {
      root?.removeEventListener('keydown', onKey, true);
      root?.removeEventListener('dblclick', onDoubleClick, true);
    };
  }, [ctx.rootRef, current]);
}
