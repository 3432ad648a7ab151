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
  type CellContextMenuEvent,
  type CellFocusedEvent,
  type CellMouseDownEvent,
  type ColDef,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import {
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useSyncExternalStore,
  type CSSProperties,
  type Ref,
  type RefObject,
} from 'react';
import type { CellRef } from '../../shared/engine/findings';
import type { TableInfo } from '../../shared/engine/structure';
import { buildGridModel, type GridModel, type GridRow } from '../../shared/layout/gridModel';
import { insertLabel, type GridHandle } from '../actions';
import { columnDefs, type CommitTyped } from '../grid/columns';
import { rowsToRepaint } from '../grid/repaint';
import { fillDownEdits } from '../grid/fill';
import { useBlockSelection, type BlockSelection, type Position } from '../grid/useBlockSelection';
import { useClipboard } from '../grid/useClipboard';
import { useGridKeys } from '../grid/useGridKeys';
import type { Cursor } from '../model/cursor';
import type { Session } from '../model/session';

ModuleRegistry.registerModules([AllCommunityModule]);

/** The grid's measures at 100 %; zoomed, every one of them scales (columns too, in columns.ts). */
const FONT_PX = 13;
const SPACING_PX = 4;
const ROW_PX = 26;
const HEADER_PX = 30;

function themeAt(zoom: number) {
  return themeBalham.withParams({
    fontFamily: ['"Microsoft YaHei"', '"Noto Sans CJK SC"', '"Noto Sans SC"', 'SimSun', 'sans-serif'],
    fontSize: FONT_PX * zoom,
    spacing: SPACING_PX * zoom,
    headerFontWeight: 600,
    wrapperBorderRadius: 0,
  });
}

/** Where the window wants the cursor: a figure, or any grid cell (a name found by Ctrl+F). */
export type FocusRequest = ({ ref: CellRef } | { table: string; rowId: string; colId: string }) & {
  nonce: number;
  /** The keyboard stays where it is (the find box goes on searching with Enter). */
  keepKeyboard?: boolean;
};

const requestedTable = (request: FocusRequest) => ('ref' in request ? request.ref.table : request.table);

function locate(model: GridModel, request: FocusRequest): Position | null {
  if ('ref' in request) return model.locate(request.ref);
  const rowIndex = model.rows.findIndex((r) => r.id === request.rowId);
  return rowIndex < 0 ? null : { rowIndex, colId: request.colId };
}

interface Props {
  /** Shown; a hidden grid is kept for when its table is shown again. */
  active: boolean;
  session: Session;
  table: TableInfo;
  /** The report's version the window draws, when shown (a new one repaints the grid); hidden, null. */
  drawnVersion: number | null;
  focusRequest: FocusRequest | null;
  /** Told where the cursor is (rows are inserted and deleted there), without re-rendering anything. */
  cursor: Cursor;
  handle?: Ref<GridHandle>;
  /** A right click on a cell (the cursor is already there): the window shows its menu. */
  onContextMenu(x: number, y: number): void;
  /** The grid has painted its first rows. */
  onPainted(): void;
}

/**
 * Whether a cursor move made with the keyboard should extend the selected block: Shift was down on
 * the last key press. Recorded on the window in the capture phase, before the grid handles the key,
 * and kept until the next key press because the grid may report the move after the key is released.
 * Mouse presses are handled with the grid's own mouse-down event, which carries the Shift state.
 * `blockChosen`: the last key chose a block (Ctrl+A); the grid's report of an earlier move (a jump
 * such as Ctrl+Home is reported a moment later) must not shrink it back to one cell.
 */
const lastKey = { shift: false, fromMouse: false, blockChosen: false };
window.addEventListener(
  'keydown',
  (e) => Object.assign(lastKey, { shift: e.shiftKey, fromMouse: false, blockChosen: false }),
  true,
);
window.addEventListener(
  'mousedown',
  () => Object.assign(lastKey, { fromMouse: true, blockChosen: false }),
  true,
);

const DEFAULT_COLUMN: ColDef<GridRow> = {
  sortable: false,
  suppressMovable: true,
  resizable: true,
  suppressHeaderMenuButton: true,
  wrapHeaderText: true,
  autoHeaderHeight: true,
};
const getRowId = (p: GetRowIdParams<GridRow>) => p.data.id;

/** What an empty table says instead of the grid's 无显示行: what to do, or that nothing is to be done. */
function noRowsText(table: TableInfo): string {
  const text =
    table.listed || table.codeKeyed
      ? `本表还没有${table.listed ? '行' : '科目'}，点工具栏“${insertLabel(table)}”添加。`
      : '本表没有数据行。';
  return `<span class="bd-grid-empty">${text}</span>`;
}

/** A hidden grid keeps its props while others change, so edits elsewhere do not render it again. */
export const TableGrid = memo(function TableGrid({
  active,
  session,
  table,
  drawnVersion,
  focusRequest,
  cursor,
  handle,
  onContextMenu,
  onPainted,
}: Props) {
  const apiRef = useRef<GridApi<GridRow> | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const structureVersion = session.structureVersion;
  // The table is changed in place; structureVersion says that its rows changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const model = useMemo(() => buildGridModel(table), [table, structureVersion]);
  const block = useBlockSelection(model, apiRef, rootRef);
  const { select, inRange } = block;
  const clipboard = useClipboard(session, model, apiRef, rootRef, block);
  const moveTo = useCallback(
    (at: Position, align: 'middle' | null = null) => {
      const api = apiRef.current;
      if (!api) return;
      api.ensureIndexVisible(at.rowIndex, align);
      api.ensureColumnVisible(at.colId, align ?? 'auto');
      api.setFocusedCell(at.rowIndex, at.colId);
      select(at, at);
    },
    [select],
  );
  useGridKeys({ session, model, apiRef, rootRef, block, moveTo });
  const zoom = useGridZoom(session, rootRef);
  const theme = useMemo(() => themeAt(zoom), [zoom]);
  const commitTyped = useCommitTyped(session, table.id);
  const defs = useMemo(
    () => columnDefs(model, session, { inRange, commitTyped }, zoom),
    [model, session, inRange, commitTyped, zoom],
  );

  useGridHandle(handle, { session, model, apiRef, block, clipboard });

  useRepaint(active, session, table.id, model, apiRef, drawnVersion);

  const applyFocus = useCallback(() => {
    if (!focusRequest || requestedTable(focusRequest) !== table.id) return;
    const at = locate(model, focusRequest);
    if (!at) return;
    const keyboard = document.activeElement;
    moveTo(at, 'middle');
    if (focusRequest.keepKeyboard && keyboard instanceof HTMLElement) keyboard.focus();
  }, [focusRequest, model, table.id, moveTo]);
  useEffect(applyFocus, [applyFocus]);
  const onFirstDataRendered = useCallback(() => {
    applyFocus();
    onPainted();
  }, [applyFocus, onPainted]);

  // Every prop handed to the grid keeps its identity between renders: a new object makes the grid
  // re-apply its options, which closes an editor the user is typing in.
  const pinnedTop = useMemo(() => (model.lanciRow ? [model.lanciRow] : undefined), [model]);
  const { onCellMouseDown, onCellFocused, onCellContextMenu } = useSelectionEvents({
    model,
    table: table.id,
    cursor,
    block,
    moveTo,
    onContextMenu,
  });
  const onGridReady = useCallback((e: GridReadyEvent<GridRow>) => (apiRef.current = e.api), []);

  return (
    <div
      className={active ? 'bd-grid' : 'bd-grid-hidden'}
      data-table={table.id}
      ref={rootRef}
      style={{ '--bd-zoom': zoom } as CSSProperties}
    >
      <AgGridReact<GridRow>
        theme={theme}
        localeText={AG_GRID_LOCALE_CN}
        overlayNoRowsTemplate={noRowsText(table)}
        columnDefs={defs}
        rowData={model.rows}
        pinnedTopRowData={pinnedTop}
        getRowId={getRowId}
        defaultColDef={DEFAULT_COLUMN}
        enterNavigatesVertically
        enterNavigatesVerticallyAfterEdit
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={300}
        rowHeight={Math.round(ROW_PX * zoom)}
        headerHeight={Math.round(HEADER_PX * zoom)}
        onGridReady={onGridReady}
        onFirstDataRendered={onFirstDataRendered}
        onCellFocused={onCellFocused}
        onCellMouseDown={onCellMouseDown}
        preventDefaultOnContextMenu
        onCellContextMenu={onCellContextMenu}
      />
    </div>
  );
});

/**
 * Repaints the grid on every change of figures, findings, display options or selection: after an
 * edit the rows it touched, else all. Without `force` the grid re-reads values and classes but
 * leaves an open editor alone. A hidden grid is repainted when it is shown again.
 * An edit of cells is painted as soon as the key press's own handling is over, before the rest of
 * the window is drawn again (WorkbookView follows in a transition), so that it reaches the screen
 * in the key press's frame; anything else is painted once the window has rendered it.
 */
function useRepaint(
  active: boolean,
  session: Session,
  table: string,
  model: GridModel,
  apiRef: RefObject<GridApi<GridRow> | null>,
  drawnVersion: number | null,
) {
  const paintedVersion = useRef(-1);
  const repaint = useCallback(() => {
    const api = apiRef.current;
    const { version, lastChange } = session;
    if (!api || paintedVersion.current === version) return;
    const rows = rowsToRepaint(lastChange, version, paintedVersion.current, table, model);
    paintedVersion.current = version;
    if (rows === null) api.refreshCells();
    else if (rows.size > 0)
      api.refreshCells({ rowNodes: [...rows].flatMap((i) => api.getDisplayedRowAtIndex(i) ?? []) });
  }, [session, table, model, apiRef]);
  useEffect(() => {
    if (active) repaint();
  }, [active, repaint, drawnVersion]);
  useEffect(() => {
    if (!active) return;
    // Rows added or removed are painted by the render that rebuilds them, not before it.
    return session.subscribe(() => {
      if (session.lastChange?.version === session.version) queueMicrotask(repaint);
    });
  }, [active, session, repaint]);
}

const WHEEL_STEP = 50;

/** The grid's zoom, and Ctrl+wheel over the grid zooming it (rather than the whole page). */
function useGridZoom(session: Session, rootRef: RefObject<HTMLDivElement | null>): number {
  const zoom = useSyncExternalStore(session.subscribe, () => session.gridZoom);
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    // A wheel's notch is one step; a touchpad's pinch sends many small turns, summed to steps.
    let turned = 0;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey) return;
      e.preventDefault();
      turned += e.deltaY;
      if (Math.abs(turned) < WHEEL_STEP) return;
      session.zoomGrid(turned < 0 ? 1 : -1);
      turned = 0;
    };
    root.addEventListener('wheel', onWheel, { passive: false });
    return () => root.removeEventListener('wheel', onWheel);
  }, [session, rootRef]);
  return zoom;
}

/** What the toolbar, menu and context menu do to the grid: copy, paste, fill down, select the table. */
function useGridHandle(
  handle: Ref<GridHandle> | undefined,
  {
    session,
    model,
    apiRef,
    block,
    clipboard,
  }: {
    session: Session;
    model: GridModel;
    apiRef: RefObject<GridApi<GridRow> | null>;
    block: BlockSelection;
    clipboard: ReturnType<typeof useClipboard>;
  },
) {
  const { select, columnOrder } = block;
  useImperativeHandle(
    handle,
    (): GridHandle => ({
      copy: () => {
        const text = clipboard.copyText();
        if (text !== null) void navigator.clipboard.writeText(text);
      },
      paste: () => void navigator.clipboard.readText().then(clipboard.pasteText),
      fillDown: () => {
        const b = block.bounds();
        const edits = b ? fillDownEdits(session, model, columnOrder, b) : [];
        if (edits.length > 0) session.dispatch({ kind: 'setCells', edits });
      },
      selectAll: () => {
        if (model.rows.length === 0) return;
        select(
          { rowIndex: 0, colId: columnOrder[0]! },
          { rowIndex: model.rows.length - 1, colId: columnOrder.at(-1)! },
        );
        lastKey.blockChosen = true;
        // Rows the grid is still rendering after a jump (Ctrl+Home) take their class when refreshed.
        requestAnimationFrame(() => apiRef.current?.refreshCells());
      },
    }),
    [clipboard, block, session, model, columnOrder, select, apiRef],
  );
}

/**
 * The grid's mouse and focus events as the block selection and the cursor (formula bar, status
 * line) see them: Shift extends the block from its anchor; a right click outside it moves there.
 */
function useSelectionEvents({
  model,
  table,
  cursor,
  block,
  moveTo,
  onContextMenu,
}: {
  model: GridModel;
  table: string;
  cursor: Cursor;
  block: BlockSelection;
  moveTo: (at: Position) => void;
  onContextMenu: Props['onContextMenu'];
}) {
  const { select, anchorRef } = block;
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
      cursor.set(row ? { table: table, row, colId, ref: slot?.kind === 'amount' ? slot.ref : null } : null);
      if (lastKey.fromMouse || (lastKey.blockChosen && block.inRange(e.rowIndex, colId))) return;
      const at = { rowIndex: e.rowIndex, colId };
      select(lastKey.shift && anchorRef.current ? anchorRef.current : at, at);
    },
    [model, cursor, table, select, anchorRef, block],
  );
  const onCellContextMenu = useCallback(
    (e: CellContextMenuEvent<GridRow>) => {
      const mouse = e.event as MouseEvent | undefined;
      if (e.rowIndex === null || e.rowPinned || !mouse) return;
      const colId = e.column.getColId();
      // A right click outside the block moves the cursor there, as in Excel; inside, the block stays.
      if (!block.inRange(e.rowIndex, colId)) moveTo({ rowIndex: e.rowIndex, colId });
      onContextMenu(mouse.clientX, mouse.clientY);
    },
    [block, moveTo, onContextMenu],
  );
  return { onCellMouseDown, onCellFocused, onCellContextMenu };
}

/** A value typed into a cell, as the command that records it: a figure, or a row's text (项目名称 …). */
function useCommitTyped(session: Session, table: string): CommitTyped {
  return useCallback(
    (row, colId, text) => {
      const slot = row.slots[colId];
      if (slot?.kind === 'amount') session.dispatch({ kind: 'setCells', edits: [{ ref: slot.ref, text }] });
      else if (slot?.kind === 'text' && slot.field !== undefined && row.row)
        session.dispatch({ kind: 'setRowText', table, key: row.row.key, field: slot.field, text });
    },
    [session, table],
  );
}
