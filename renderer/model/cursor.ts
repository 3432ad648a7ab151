/**
 * Where the cursor of the active grid is: the grid row and the cell under it. Kept outside React
 * state so that moving the cursor re-renders only what shows it (the formula bar), never the
 * window or the grid while the user types.
 */
import type { CellRef } from '../../shared/engine/findings';
import type { GridRow } from '../../shared/layout/gridModel';

export interface CursorAt {
  table: string;
  row: GridRow;
  colId: string;
  /** The figure under the cursor, or null on a text cell (code, name). */
  ref: CellRef | null;
}

export class Cursor {
  private at: CursorAt | null = null;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (): CursorAt | null => this.at;

  set(at: CursorAt | null): void {
    if (at?.row === this.at?.row && at?.colId === this.at?.colId && at?.table === this.at?.table) return;
    this.at = at;
    for (const listener of this.listeners) listener();
  }
}
