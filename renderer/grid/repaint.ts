/**
 * What a grid repaints after a change of the workbook. An edit changes a few cells and findings:
 * repainting only their rows spares the work between the key press and its painted totals (the
 * grid re-evaluates a dozen class rules for every cell it refreshes). Anything else repaints every row.
 */
import type { CellRef } from '../../shared/engine/findings';
import type { Change } from '../../shared/engine/workbook';
import type { GridModel } from '../../shared/layout/gridModel';
import { cellColouredBy } from '../model/findingsByCell';

/** The rows of `table` (by index in the grid) whose cells or findings `change` touched. */
function rowsTouched(change: Change, table: string, model: GridModel): Set<number> {
  const rows = new Set<number>();
  const add = (ref: CellRef | null) => {
    if (ref?.table !== table) return;
    const at = model.locate(ref);
    if (at) rows.add(at.rowIndex);
  };
  for (const ref of change.cells) add(ref);
  for (const list of [change.added, change.removed, change.changed])
    for (const f of list) add(cellColouredBy(f));
  return rows;
}

/**
 * The rows to repaint now, or null for all: only when the grid painted the version just before
 * and the one change since was to some cells (lastChange), are they all it needs.
 */
export function rowsToRepaint(
  lastChange: { version: number; change: Change } | null,
  version: number,
  paintedVersion: number,
  table: string,
  model: GridModel,
): Set<number> | null {
  if (paintedVersion !== version - 1 || lastChange?.version !== version) return null;
  return rowsTouched(lastChange.change, table, model);
}
