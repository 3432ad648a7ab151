/**
 * One table as an editable grid (ag-grid Community). The grid never holds figures itself: every
 * cell reads the workbook, every edit goes to the session, and a change repaints the grid.
 * Excel habits: type to replace, Enter moves down, F2 edits, Delete clears, Ctrl+C / Ctrl+V copy
 * and paste blocks as TSV, Shift+click or Shift+arrows select a block.
 */
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import {
  AllCommunityModule,
  ModuleRegistry,
  themeBalham,
  type CellClassParams,
  type CellEditRequestEvent,
  type CellFocusedEvent,
  type CellMouseDownEvent,
  type GetRowIdParams,
  type GridReadyEvent,
  type ColDef,
  type ColGroupDef,
  type GridApi,
  type ITooltipParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { cellKey, SEVERITY_LABEL, type CellRef, type Finding } from '../../shared/engine/findings';
import type { CellState } from '../../shared/engine/workbook';
import type { TableInfo } from '../../shared/engine/structure';
import { parseTsv, formatTsv } from '../../shared/io/tsv';
import { editText, findingMessage, shownAmount, shownText } from '../model/display';
import { buildGridModel, type GridColumn, type GridRow, type Slot } from '../../shared/layout/gridModel';
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
  /** The grid row under the cursor, where rows are inserted and deleted; told without re-rendering anything. */
  onCurrentRow(row: GridRow | null): void;
}

interface Position {
  rowIndex: number;
  colId: string;
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

export { cellKey };

const SEVERITY_ORDER = ['error', 'rounding', 'warning'] as const;

function worst(findings: Finding[] | undefined): Finding['severity'] | null {
  if (!findings?.length) return null;
  return SEVERITY_ORDER.find((s) => findings.some((f) => f.severity === s)) ?? null;
}

/** Nests leaf columns under their header groups, merging neighbours of the same group as printed. */
function nest(columns: GridColumn[], depth: number, leaf: (c: GridColumn) => ColDef<GridRow>): (ColDef<GridRow> | ColGroupDef<GridRow>)[] {
  const out: (ColDef<GridRow> | ColGroupDef<GridRow>)[] = [];
  let i = 0;
  while (i < columns.length) {
    const column = columns[i]!;
    if (column.header.length - 1 <= depth) {
      out.push(leaf(column));
      i++;
      continue;
    }
    const group = column.header[depth]!;
    let j = i;
    while (j < columns.length && columns[j]!.header.length - 1 > depth && columns[j]!.header[depth] === group) j++;
    out.push({ headerName: group, marryChildren: true, wrapHeaderText: true, autoHeaderHeight: true, children: nest(columns.slice(i, j), depth + 1, leaf) });
    i = j;
  }
  return out;
}

export function TableGrid({ session, table, findingsByCell, focusRequest, onCurrentRow }: Props) {
  const apiRef = useRef<GridApi<GridRow> | null>(null);
  const structureVersion = session.structureVersion;
  const model = useMemo(() => buildGridModel(table), [table, structureVersion]);
  // Read through a ref so that the column definitions stay stable while findings change.
  const findingsRef = useRef(findingsByCell);
  findingsRef.current = findingsByCell;

  const slotOf = useCallback((row: GridRow | undefined, colId: string): Slot | undefined => row?.slots[colId], []);

  // Columns cannot be moved, so the displayed order is the model's (pinned columns come first there).
  const columnOrder = useMemo(() => model.columns.map((c) => c.colId), [model]);
  const columnIndex = useMemo(() => new Map(columnOrder.map((id, i) => [id, i])), [columnOrder]);
  /**
   * The selected block, as index bounds so that painting a cell asks four comparisons. It lives in
   * refs, not React state, and is painted by toggling a class on the rendered cells: asking the grid
   * to refresh would close an editor the user may already be typing in. Rows rendered later (when
   * scrolling) get the class from the cell class rule.
   */
  const gridRef = useRef<HTMLDivElement>(null);
  const anchorRef = useRef<Position | null>(null);
  const boundsRef = useRef<{ r0: number; r1: number; c0: number; c1: number } | null>(null);
  const selectBlock = useCallback(
    (anchor: Position, focus: Position) => {
      const [c0, c1] = [columnIndex.get(anchor.colId) ?? 0, columnIndex.get(focus.colId) ?? 0].sort((a, b) => a - b);
      const [r0, r1] = [anchor.rowIndex, focus.rowIndex].sort((a, b) => a - b);
      anchorRef.current = anchor;
      boundsRef.current = { r0: r0!, r1: r1!, c0: c0!, c1: c1! };
      const root = gridRef.current;
      if (!root) return;
      for (const el of root.querySelectorAll('.bd-in-range')) el.classList.remove('bd-in-range');
      for (let r = r0!; r <= r1!; r++) {
        for (const colId of columnOrder.slice(c0!, c1! + 1)) {
          for (const el of root.querySelectorAll(`.ag-row[row-index="${r}"] [col-id="${CSS.escape(colId)}"]`)) el.classList.add('bd-in-range');
        }
      }
    },
    [columnIndex, columnOrder],
  );
  const inRange = useCallback(
    (rowIndex: number, colId: string): boolean => {
      const b = boundsRef.current;
      const c = columnIndex.get(colId) ?? -1;
      return b !== null && rowIndex >= b.r0 && rowIndex <= b.r1 && c >= b.c0 && c <= b.c1;
    },
    [columnIndex],
  );

  const columnDefs = useMemo(() => {
    /**
     * The figure behind a grid cell, or null for text cells and rows that are gone. A repaint asks
     * for each cell a dozen times (value, format, classes), so states are cached per version.
     */
    const cache = { version: -1, findings: findingsRef.current, states: new Map<Slot, CellState | null>(), severities: new Map<Slot, Finding['severity'] | null>() };
    const fresh = () => {
      if (cache.version === session.version && cache.findings === findingsRef.current) return;
      Object.assign(cache, { version: session.version, findings: findingsRef.current, states: new Map(), severities: new Map() });
    };
    const stateAt = (data: GridRow | undefined, colId: string): CellState | null => {
      const slot = slotOf(data, colId);
      if (slot?.kind !== 'amount') return null;
      fresh();
      let state = cache.states.get(slot);
      if (state === undefined) cache.states.set(slot, (state = session.workbook.cellIfPresent(slot.ref)));
      return state;
    };
    const severityAt = (p: CellClassParams<GridRow>, colId: string) => {
      const slot = slotOf(p.data, colId);
      if (slot?.kind !== 'amount') return null;
      fresh();
      let severity = cache.severities.get(slot);
      if (severity === undefined) cache.severities.set(slot, (severity = worst(findingsRef.current.get(cellKey(slot.ref)))));
      return severity;
    };
    const textAt = (data: GridRow | undefined, colId: string, show: (cell: CellState) => string): string => {
      const slot = slotOf(data, colId);
      if (slot?.kind === 'text') return slot.text;
      const cell = stateAt(data, colId);
      return cell ? show(cell) : '';
    };
    const amountDef = (column: GridColumn): ColDef<GridRow> => ({
      colId: column.colId,
      headerName: column.header[column.header.length - 1],
      width: column.width,
      // Figures line up on the right; a text column (绩效 指标值) reads from the left.
      ...(column.prose ? {} : { type: 'rightAligned' }),
      // The value is what an editor starts from (plain digits in the shown unit); the formatter shows it.
      valueGetter: (p) => textAt(p.data, column.colId, (cell) => editText(cell, session.display)),
      valueFormatter: (p) => textAt(p.data, column.colId, (cell) => shownText(cell, session.display)),
      editable: (p) => p.node.rowPinned == null && stateAt(p.data, column.colId)?.computed === false,
      cellClassRules: {
        'bd-computed': (p: CellClassParams<GridRow>) => stateAt(p.data, column.colId)?.computed === true,
        'bd-kept': (p: CellClassParams<GridRow>) => stateAt(p.data, column.colId)?.kept === true,
        'bd-invalid': (p: CellClassParams<GridRow>) => (stateAt(p.data, column.colId)?.invalidText ?? null) !== null,
        'bd-unknown': (p: CellClassParams<GridRow>) => (stateAt(p.data, column.colId)?.unknownReason ?? null) !== null,
        'bd-error': (p: CellClassParams<GridRow>) => severityAt(p, column.colId) === 'error',
        'bd-rounding': (p: CellClassParams<GridRow>) => severityAt(p, column.colId) === 'rounding',
        'bd-warning': (p: CellClassParams<GridRow>) => severityAt(p, column.colId) === 'warning',
        'bd-lanci': (p: CellClassParams<GridRow>) => p.node.rowPinned === 'top',
        'bd-in-range': (p: CellClassParams<GridRow>) => p.node.rowPinned == null && p.rowIndex !== null && inRange(p.rowIndex, column.colId),
        'bd-no-cell': (p: CellClassParams<GridRow>) => p.node.rowPinned == null && slotOf(p.data, column.colId) === undefined,
      },
      tooltipValueGetter: (p: ITooltipParams<GridRow>) => {
        const slot = slotOf(p.data, column.colId);
        const cell = stateAt(p.data, column.colId);
        if (slot?.kind !== 'amount' || !cell) return undefined;
        const display = session.display;
        const lines = (findingsRef.current.get(cellKey(slot.ref)) ?? []).map((f) => `【${SEVERITY_LABEL[f.severity]} ${f.ruleId}】${f.title}\n${findingMessage(f, display)}`);
        // A typed sentence (a 绩效 form's 指标值) is read in full here.
        if (column.prose && cell.text !== null) lines.unshift(cell.text);
        if (cell.unknownReason !== null) lines.push(`未核对：${cell.unknownReason}。用到这个数的审核暂不进行。`);
        if (cell.kept) lines.push(`此合计为文件所列数 ${shownAmount(cell.value ?? '0.00', display)}，按公式应为 ${shownAmount(cell.computedValue!, display)}。`);
        else if (cell.computed) lines.push('由公式计算，不能直接输入。');
        return lines.length > 0 ? lines.join('\n\n') : undefined;
      },
    });
    const textDef = (column: GridColumn): ColDef<GridRow> => ({
      colId: column.colId,
      headerName: column.header[column.header.length - 1],
      width: column.width,
      pinned: column.pinned ? 'left' : undefined,
      valueGetter: (p) => {
        const slot = slotOf(p.data, column.colId);
        return slot?.kind === 'text' ? slot.text : '';
      },
      // The text fields of a listed row (code, name, 类型 …) are typed over like figures.
      editable: (p) => {
        const slot = slotOf(p.data, column.colId);
        return p.node.rowPinned == null && slot?.kind === 'text' && slot.field !== undefined;
      },
      tooltipValueGetter: (p: ITooltipParams<GridRow>) => (typeof p.value === 'string' && p.value.length > 12 ? p.value : undefined),
      cellClass: (p) => {
        const slot = slotOf(p.data, column.colId);
        const level = slot?.kind === 'text' ? slot.level : null;
        return [
          column.colId.endsWith('hangci') ? 'bd-center' : '',
          level ? `bd-level bd-level-${level}` : '',
          column.code ? 'bd-code' : '',
          p.node.rowPinned === 'top' ? 'bd-lanci' : '',
        ].join(' ');
      },
      cellClassRules: { 'bd-in-range': (p: CellClassParams<GridRow>) => p.node.rowPinned == null && p.rowIndex !== null && inRange(p.rowIndex, column.colId) },
    });
    // A leaf with fewer header levels than its neighbours spans the rows below its group, as printed.
    return nest(model.columns, 0, (c) => (c.kind === 'amount' ? amountDef(c) : textDef(c)));
  }, [model, session, slotOf, inRange]);

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
    selectBlock(at, at);
  }, [focusRequest, model, table.id, selectBlock]);
  useEffect(applyFocus, [applyFocus]);

  /** The cells of the selected block (or the focused cell), row by row; null where a cell holds no figure. */
  const rangeRefs = useCallback((): (CellRef | null)[][] => {
    const focused = apiRef.current?.getFocusedCell();
    if (!focused || focused.rowPinned) return [];
    const focusedColumn = columnIndex.get(focused.column.getColId()) ?? 0;
    const b = boundsRef.current ?? { r0: focused.rowIndex, r1: focused.rowIndex, c0: focusedColumn, c1: focusedColumn };
    const refs: (CellRef | null)[][] = [];
    for (let ri = b.r0; ri <= b.r1; ri++) {
      const row = model.rows[ri];
      refs.push(
        columnOrder.slice(b.c0, b.c1 + 1).map((colId) => {
          const slot = row?.slots[colId];
          return slot?.kind === 'amount' ? slot.ref : null;
        }),
      );
    }
    return refs;
  }, [columnOrder, columnIndex, model]);

  // Clipboard: a block from Excel/WPS lands from the focused cell; a copied block is TSV.
  useEffect(() => {
    const editing = () => (apiRef.current?.getEditingCells().length ?? 0) > 0;
    const gridHasFocus = () => document.activeElement?.closest('.bd-grid') !== null && apiRef.current?.getFocusedCell() != null;
    const onPaste = (event: ClipboardEvent) => {
      const api = apiRef.current;
      const focused = api?.getFocusedCell();
      if (!api || !focused || focused.rowPinned || editing() || !gridHasFocus()) return;
      event.preventDefault();
      const block = parseTsv(event.clipboardData?.getData('text/plain') ?? '');
      const order = columnOrder;
      const start = order.indexOf(focused.column.getColId());
      const edits = block.flatMap((cells, i) =>
        cells.flatMap((text, j) => {
          const slot = model.rows[focused.rowIndex + i]?.slots[order[start + j] ?? ''];
          return slot?.kind === 'amount' ? [{ ref: slot.ref, text }] : [];
        }),
      );
      if (edits.length > 0) session.dispatch({ kind: 'setCells', edits });
      const last = { rowIndex: Math.min(focused.rowIndex + block.length - 1, model.rows.length - 1), colId: order[Math.min(start + (block[0]?.length ?? 1) - 1, order.length - 1)]! };
      selectBlock({ rowIndex: focused.rowIndex, colId: focused.column.getColId() }, last);
    };
    const onCopy = (event: ClipboardEvent) => {
      if (editing() || !gridHasFocus()) return;
      const refs = rangeRefs();
      if (refs.length === 0) return;
      event.preventDefault();
      const text = formatTsv(refs.map((row) => row.map((ref) => (ref ? editText(session.workbook.cell(ref), session.display) : ''))));
      event.clipboardData?.setData('text/plain', text);
    };
    document.addEventListener('paste', onPaste);
    document.addEventListener('copy', onCopy);
    return () => {
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('copy', onCopy);
    };
  }, [model, session, columnOrder, rangeRefs, selectBlock]);

  // Delete clears every typed figure of the block. Caught before the grid sees the key, which would
  // otherwise open an editor on the focused cell alone.
  useEffect(() => {
    const root = gridRef.current;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Delete' || (apiRef.current?.getEditingCells().length ?? 0) > 0) return;
      event.preventDefault();
      event.stopPropagation();
      const edits = rangeRefs().flat().filter((ref): ref is CellRef => ref !== null && !session.workbook.cell(ref).computed).map((ref) => ({ ref, text: '' }));
      if (edits.length > 0) session.dispatch({ kind: 'setCells', edits });
    };
    root?.addEventListener('keydown', onKey, true);
    return () => root?.removeEventListener('keydown', onKey, true);
  }, [rangeRefs, session]);

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
      selectBlock(shift && anchorRef.current ? anchorRef.current : at, at);
    },
    [selectBlock],
  );
  const onCellFocused = useCallback(
    (e: CellFocusedEvent<GridRow>) => {
      if (e.rowIndex === null || e.rowPinned || typeof e.column !== 'object' || e.column === null) return;
      onCurrentRow(model.rows[e.rowIndex] ?? null);
      if (lastKey.fromMouse) return;
      const at = { rowIndex: e.rowIndex, colId: e.column.getColId() };
      selectBlock(lastKey.shift && anchorRef.current ? anchorRef.current : at, at);
    },
    [model, onCurrentRow, selectBlock],
  );
  const onGridReady = useCallback((e: GridReadyEvent<GridRow>) => (apiRef.current = e.api), []);

  return (
    <div className="bd-grid" ref={gridRef}>
      <AgGridReact<GridRow>
        theme={theme}
        localeText={AG_GRID_LOCALE_CN}
        columnDefs={columnDefs}
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
