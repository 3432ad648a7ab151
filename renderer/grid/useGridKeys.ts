/**
 * Keys the grid handles its own way, caught before ag-grid sees them. Delete clears every typed
 * figure of the block (ag-grid would open an editor on the focused cell alone).
 */
import type { GridApi } from 'ag-grid-community';
import { useEffect, type RefObject } from 'react';
import type { CellRef } from '../../shared/engine/findings';
import type { GridRow } from '../../shared/layout/gridModel';
import type { Session } from '../model/session';
import type { BlockSelection } from './useBlockSelection';

export function useGridKeys(session: Session, apiRef: RefObject<GridApi<GridRow> | null>, rootRef: RefObject<HTMLDivElement | null>, block: BlockSelection): void {
  const { refs } = block;
  useEffect(() => {
    const root = rootRef.current;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Delete' || (apiRef.current?.getEditingCells().length ?? 0) > 0) return;
      event.preventDefault();
      event.stopPropagation();
      const edits = refs()
        .flat()
        .filter((ref): ref is CellRef => ref !== null && !session.workbook.cell(ref).computed)
        .map((ref) => ({ ref, text: '' }));
      if (edits.length > 0) session.dispatch({ kind: 'setCells', edits });
    };
    root?.addEventListener('keydown', onKey, true);
    return () => root?.removeEventListener('keydown', onKey, true);
  }, [apiRef, rootRef, refs, session]);
}
