/**
 * The selected block of a grid (Shift+click, Shift+arrows, Ctrl+A), as index bounds so that
 * painting a cell asks four comparisons. It lives in refs, not React state, and is painted by
 * toggling a class on the rendered cells: asking the grid to refresh would close an editor the
 * user may already be typing in. Rows rendered later (when scrolling) get the class from the cell
 * class rule (see columns.ts).
 */
import type { GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef, type RefObject } from 'react';
import type { CellRef } from '../../shared/engine/findings';
import type { GridModel, GridRow } from '../../shared/layout/gridModel';

export interface Position {
  rowIndex: number;
  colId: string;
}

export interface Bounds {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

export interface BlockSelection {
  /** Columns in displayed order (columns cannot be moved, so this is the model's order). */
  columnOrder: string[];
  columnIndex: Map<string, number>;
  anchorRef: RefObject<Position | null>;
  select(anchor: Position, focus: Position): void;
  inRange(rowIndex: number, colId: string): boolean;
  /** The selected block, or the focused cell alone when nothing is selected. */
  bounds(): Bounds | null;
  /** The cells of the block, row by row; null where a cell holds no figure. */
  refs(): (CellRef | null)[][];
}

/** Up to this many rows a block's rows are looked up one by one. */
const SMALL_BLOCK_ROWS = 50;

export function useBlockSelection(
  model: GridModel,
  apiRef: RefObject<GridApi<GridRow> | null>,
  rootRef: RefObject<HTMLDivElement | null>,
): BlockSelection {
  const columnOrder = useMemo(() => model.columns.map((c) => c.colId), [model]);
  const columnIndex = useMemo(() => new Map(columnOrder.map((id, i) => [id, i])), [columnOrder]);
  const anchorRef = useRef<Position | null>(null);
  const boundsRef = useRef<Bounds | null>(null);

  // Marks the rendered cells of the block: the rows of a small block one by one (the cursor alone,
  // at every move), those of a large one as the grid has them on screen (a block of the whole table
  // has far more rows than are rendered).
  const mark = useCallback(() => {
    const root = rootRef.current;
    const b = boundsRef.current;
    if (!root) return;
    for (const el of root.querySelectorAll('.bd-in-range')) el.classList.remove('bd-in-range');
    if (!b) return;
    const rows =
      b.r1 - b.r0 < SMALL_BLOCK_ROWS
        ? Array.from({ length: b.r1 - b.r0 + 1 }, (_, i) =>
            root.querySelectorAll<HTMLElement>(`.ag-row[row-index="${b.r0 + i}"]`),
          ).flatMap((found) => [...found])
        : [...root.querySelectorAll<HTMLElement>('.ag-row[row-index]')].filter((row) => {
            const r = Number(row.getAttribute('row-index'));
            return r >= b.r0 && r <= b.r1;
          });
    const columns = new Set(columnOrder.slice(b.c0, b.c1 + 1));
    for (const row of rows)
      for (const el of row.querySelectorAll<HTMLElement>('[col-id]'))
        if (columns.has(el.getAttribute('col-id') ?? '')) el.classList.add('bd-in-range');
  }, [columnOrder, rootRef]);

  const select = useCallback(
    (anchor: Position, focus: Position) => {
      const [c0, c1] = [columnIndex.get(anchor.colId) ?? 0, columnIndex.get(focus.colId) ?? 0].sort(
        (a, b) => a - b,
      ) as [number, number];
      const [r0, r1] = [anchor.rowIndex, focus.rowIndex].sort((a, b) => a - b) as [number, number];
      anchorRef.current = anchor;
      boundsRef.current = { r0, r1, c0, c1 };
      mark();
    },
    [columnIndex, mark],
  );

  const inRange = useCallback(
    (rowIndex: number, colId: string): boolean => {
      const b = boundsRef.current;
      const c = columnIndex.get(colId) ?? -1;
      return b !== null && rowIndex >= b.r0 && rowIndex <= b.r1 && c >= b.c0 && c <= b.c1;
    },
    [columnIndex],
  );

  const bounds = useCallback((): Bounds | null => {
    const focused = apiRef.current?.getFocusedCell();
    if (!focused || focused.rowPinned) return null;
    const column = columnIndex.get(focused.column.getColId()) ?? 0;
    return boundsRef.current ?? { r0: focused.rowIndex, r1: focused.rowIndex, c0: column, c1: column };
  }, [apiRef, columnIndex]);

  const refs = useCallback((): (CellRef | null)[][] => {
    const b = bounds();
    if (!b) return [];
    const out: (CellRef | null)[][] = [];
    for (let ri = b.r0; ri <= b.r1; ri++) {
      const row = model.rows[ri];
      out.push(
        columnOrder.slice(b.c0, b.c1 + 1).map((colId) => {
          const slot = row?.slots[colId];
          return slot?.kind === 'amount' ? slot.ref : null;
        }),
      );
    }
    return out;
  }, [bounds, columnOrder, model]);

  // One object per table model, so that handlers built on it keep their identity between renders.
  return useMemo(
    () => ({ columnOrder, columnIndex, anchorRef, select, inRange, bounds, refs }),
    [columnOrder, columnIndex, select, inRange, bounds, refs],
  );
}
