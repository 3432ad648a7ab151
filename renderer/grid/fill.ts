/**
 * Ctrl+D as in Excel: the top row of the block is copied into the rows below it; a single cell
 * takes the figure of the cell above. Computed cells are left alone (they follow their parts).
 */
import type { Edit } from '../../shared/engine/workbook';
import type { GridModel } from '../../shared/layout/gridModel';
import { editText } from '../model/display';
import type { Session } from '../model/session';
import type { Bounds } from './useBlockSelection';

export function fillDownEdits(
  session: Session,
  model: GridModel,
  columnOrder: readonly string[],
  b: Bounds,
): Edit[] {
  const from = b.r0 === b.r1 ? b.r0 - 1 : b.r0;
  const edits: Edit[] = [];
  for (const colId of columnOrder.slice(b.c0, b.c1 + 1)) {
    const source = model.rows[from]?.slots[colId];
    if (source?.kind !== 'amount') continue;
    const text = editText(session.workbook.cell(source.ref), session.display);
    for (let r = from + 1; r <= b.r1; r++) {
      const slot = model.rows[r]?.slots[colId];
      if (slot?.kind === 'amount' && session.workbook.cellIfPresent(slot.ref)?.computed === false)
        edits.push({ ref: slot.ref, text });
    }
  }
  return edits;
}
