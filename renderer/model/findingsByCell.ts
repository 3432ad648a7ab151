/** The findings by the cell each colours in the grid. */
import { cellKey, type CellRef, type Finding } from '../../shared/engine/findings';

/** The cell a finding colours in the grid: the first it names. */
export const cellColouredBy = (f: Finding): CellRef | null => f.cells[0]?.ref ?? null;

export function findingsByCell(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const ref = cellColouredBy(f);
    if (!ref) continue;
    const key = cellKey(ref);
    const own = map.get(key);
    if (own) own.push(f);
    else map.set(key, [f]);
  }
  return map;
}
