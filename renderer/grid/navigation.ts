/**
 * Where the cursor goes on Ctrl+arrows, as in Excel and WPS: from a filled cell to the last filled
 * cell before a blank; from a blank (or the edge of a filled run) to the next filled cell; to the
 * edge of the table when there is none.
 */
import type { Position } from './useBlockSelection';

export type Direction = 'up' | 'down' | 'left' | 'right';

export const ARROWS: Record<string, Direction> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

export interface Extent {
  rows: number;
  columns: readonly string[];
  filled(rowIndex: number, colId: string): boolean;
}

/** One step in a direction, or null at the edge. */
export function step(at: Position, direction: Direction, extent: Extent): Position | null {
  const c = extent.columns.indexOf(at.colId);
  const [dr, dc] =
    direction === 'up' ? [-1, 0] : direction === 'down' ? [1, 0] : direction === 'left' ? [0, -1] : [0, 1];
  const r = at.rowIndex + dr;
  const column = extent.columns[c + dc];
  return r < 0 || r >= extent.rows || column === undefined ? null : { rowIndex: r, colId: column };
}

export function edgeOfData(at: Position, direction: Direction, extent: Extent): Position {
  let next = step(at, direction, extent);
  if (!next) return at;
  let current = at;
  if (extent.filled(current.rowIndex, current.colId) && extent.filled(next.rowIndex, next.colId)) {
    // Along a filled run to its last cell.
    while (next && extent.filled(next.rowIndex, next.colId))
      [current, next] = [next, step(next, direction, extent)];
    return current;
  }
  // Over blanks to the next filled cell, or to the edge.
  while (next && !extent.filled(next.rowIndex, next.colId))
    [current, next] = [next, step(next, direction, extent)];
  return next ?? current;
}
