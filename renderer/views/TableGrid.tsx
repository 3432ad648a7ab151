/**
 * One table as an editable grid (ag-grid Community). The grid never holds figures itself: every
 * cell reads the workbook (grid/columns.ts), every edit goes to the session, and a change repaints
 * the grid. Excel habits: type to replace, Enter moves down, F2 edits, Delete clears, Ctrl+C /
 * Ctrl+V copy and paste blocks as TSV, Shift+click or Shift+arrows select a block.
 */
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import {
  AllCommunityModule,
  ModuleRegistry,
  themeBalham,
  type CellEditRequestEvent,
  type CellFocusedEvent,
  type CellMouseDownEvent,
  type ColDef,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import type { CellRef, Finding } from '../../shared/engine/findings';
import type { TableInfo } from '../../shared/engine/structure';
import { buildGridModel, type GridRow } from '../../shared/layout/gridModel';
import type { GridHandle } from '../actions';
import { columnDefs } from '../grid/columns';
import { useBlockSelection } from '../grid/useBlockSelection';
import { useClipboard } from '../grid/useClipboard';
import { useGridKeys } from '../grid/useGridKeys';
import type { Cursor } from '../model/cursor';
import type { Session } from '../model/session';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeBalham.withParams({
  fontFamily: ['"Microsoft YaHei"', '"Noto Sans CJK SC"', '"Noto Sans SC"', 'SimSun', 'sans-serif'],
  fontSize: 13,
  headerFontWeight: 600,
  wrapperBorderRadius: 0,
});

export interface FocusRequest {
  ref: CellRef;
  nonce: number;
}

interface Props {
  session: Session;
  table: TableInfo;
  findingsByCell: Map<string, Finding[]>;
  focusRequest: FocusRequest | null;
  /** Told where the cursor is (rows are inserted and deleted there), without re-rendering anything. */
  cursor: Cursor;
  handle?: Ref<GridHandle>;
}

/**
 * Whether a cursor move made with the keyboard should extend the selected block: Shift was down on
 * the last key press. Recorded on the window in the capture phase, before the grid handles the key,
 * and kept until the next key press because the grid may report the move after the key is released.
 * Mouse presses are handled with the grid's own mouse-down event, which carries the Shift state.
 */
const lastKey = { shift: false, fromMouse: false };
window.addEventListener('keydown', (e) => Object.assign(lastKey, { shift: e.shiftKey, fromMouse: false }), true);
window.addEventListener('mousedown', () => (lastKey.fromMouse = true), true);

const DEFAULT_COLUMN: ColDef<GridRow> = {
  sortable: false,
  suppressMovable: true,
  resizable: true,
  suppressHeaderMenuButton: true,
  wrapHeaderText: true,
  autoHeaderHeight: true,
};
const getRowId = (p: GetRowIdParams<GridRow>) => p.data.id;

export function TableGrid({ session, table, findingsByCell, focusRequest, cursor, handle }: Props) {
  const apiRef = useRef<GridApi<GridRow> | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const structureVersion = session.structureVersion;
  const model = useMemo(() => buildGridModel(table), [table, structureVersion]);
  // Read through a ref so that the column definitions stay stable while findings change.
  const findingsRef = useRef(findingsByCell);
  findingsRef.current = findingsByCell;
  const block = useBlockSelection(model, apiRef, rootRef);
  const { select, inRange, anchorRef } = block;
  const clipboard = useClipboard(session, model, apiRef, rootRef, block);
  useGridKeys(session, apiRef, rootRef, block);
  const defs = useMemo(() => columnDefs(model, session, findingsRef, inRange), [model, session, inRange]);

  useImperativeHandle(
    handle,
    (): GridHandle => ({
      copy: () => {
        const text = clipboard.copyText();
        if (text !== null) void navigator.clipboard.writeText(text);
      },
      paste: () => void navigator.clipboard.readText().then(clipboard.pasteText),
    }),
    [clipboard],
  );

  // Repaint on every change of figures, findings, display options or selection. Without `force`
  // the grid re-reads values and classes but leaves an open editor alone.
  useEffect(() => {
    apiRef.current?.refreshCells();
  }, [session.version, findingsByCell]);

  const applyFocus = useCallback(() => {
    const api = apiRef.current;
    if (!api || !focusRequest || focusRequest.ref.table !== table.id) return;
    const at = model.locate(focusRequest.ref);
    if (!at) return;
    api.ensureIndexVisible(at.rowIndex, 'middle');
    api.ensureColumnVisible(at.colId, 'middle');
    api.setFocusedCell(at.rowIndex, at.colId);
    select(at, at);
  }, [focusRequest, model, table.id, select]);
  useEffect(applyFocus, [applyFocus]);

  // Every prop handed to the grid keeps its identity between renders: a new object makes the grid
  // re-apply its options, which closes an editor the user is typing in.
  const pinnedTop = useMemo(() => (model.lanciRow ? [model.lanciRow] : undefined), [model]);
  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<GridRow>) => {
      const slot = event.data.slots[event.column.getColId()];
      const text = String(event.newValue ?? '');
      if (slot?.kind === 'amount') session.dispatch({ kind: 'setCells', edits: [{ ref: slot.ref, text }] });
      else if (slot?.kind === 'text' && slot.field !== undefined && event.data.row) session.dispatch({ kind: 'setRowText', table: table.id, key: event.data.row.key, field: slot.field, text });
    },
    [session, table.id],
  );
  const onCellMouseDown = useCallback(
    (e: CellMouseDownEvent<GridRow>) => {
      if (e.rowIndex === null || e.rowPinned) return;
      const at = { rowIndex: e.rowIndex, colId: e.column.getColId() };
      const shift = (e.event as MouseEvent | undefined)?.shiftKey === true;
      select(shift && anchorRef.current ? anchorRef.current : at, at);
    },
    [select, anchorRef],
  );
  const onCellFocused = useCallback(
    (e: CellFocusedEvent<GridRow>) => {
      if (e.rowIndex === null || e.rowPinned || typeof e.column !== 'object' || e.column === null) return;
      const row = model.rows[e.rowIndex];
      const colId = e.column.getColId();
      const slot = row?.slots[colId];
      cursor.set(row ? { table: table.id, row, colId, ref: slot?.kind === 'amount' ? slot.ref : null } : null);
      if (lastKey.fromMouse) return;
      const at = { rowIndex: e.rowIndex, colId };
      select(lastKey.shift && anchorRef.current ? anchorRef.current : at, at);
    },
    [model, cursor, table.id, select, anchorRef],
  );
  const onGridReady = useCallback((e: GridReadyEvent<GridRow>) => (apiRef.current = e.api), []);

  return (
    <div className="bd-grid" ref={rootRef}>
      <AgGridReact<GridRow>
        theme={theme}
        localeText={AG_GRID_LOCALE_CN}
        columnDefs={defs}
        rowData={model.rows}
        pinnedTopRowData={pinnedTop}
        getRowId={getRowId}
        defaultColDef={DEFAULT_COLUMN}
        readOnlyEdit
        onCellEditRequest={onCellEditRequest}
        enterNavigatesVertically
        enterNavigatesVerticallyAfterEdit
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={300}
        rowHeight={26}
        headerHeight={30}
        groupHeaderHeight={28}
        onGridReady={onGridReady}
        onFirstDataRendered={applyFocus}
        onCellFocused={onCellFocused}
        onCellMouseDown={onCellMouseDown}
      />
    </div>
  );
}
