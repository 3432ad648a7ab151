/**
 * The grid's column definitions for one table. The grid never holds figures itself: every cell
 * reads the workbook through these definitions, so a change needs only a repaint.
 */
import type { CellClassParams, ColDef, ColGroupDef, ITooltipParams } from 'ag-grid-community';
import { cellKey, SEVERITY_LABEL, type Finding } from '../../shared/engine/findings';
import type { CellState } from '../../shared/engine/workbook';
import type { GridColumn, GridModel, GridRow, Slot } from '../../shared/layout/gridModel';
import { editText, findingMessage, shownAmount, shownText } from '../model/display';
import type { Session } from '../model/session';

type Def = ColDef<GridRow> | ColGroupDef<GridRow>;

const SEVERITY_ORDER = ['error', 'rounding', 'warning'] as const;

function worst(findings: Finding[] | undefined): Finding['severity'] | null {
  if (!findings?.length) return null;
  return SEVERITY_ORDER.find((s) => findings.some((f) => f.severity === s)) ?? null;
}

export const slotOf = (row: GridRow | undefined, colId: string): Slot | undefined => row?.slots[colId];

/** Nests leaf columns under their header groups, merging neighbours of the same group as printed. */
function nest(columns: GridColumn[], depth: number, leaf: (c: GridColumn) => ColDef<GridRow>): Def[] {
  const out: Def[] = [];
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
    while (j < columns.length && columns[j]!.header.length - 1 > depth && columns[j]!.header[depth] === group)
      j++;
    out.push({
      headerName: group,
      marryChildren: true,
      wrapHeaderText: true,
      autoHeaderHeight: true,
      children: nest(columns.slice(i, j), depth + 1, leaf),
    });
    i = j;
  }
  return out;
}

/**
 * Cell states and worst severities, cached per workbook version: a repaint asks for each cell a
 * dozen times (value, format, classes). The findings are the session's as they are now, so that a
 * grid kept hidden colours the few rows it builds as the shown one would.
 */
class CellReader {
  private version = -1;
  private states = new Map<Slot, CellState | null>();
  private severities = new Map<Slot, Finding['severity'] | null>();

  constructor(private readonly session: Session) {}

  private fresh(): void {
    if (this.version === this.session.version) return;
    this.version = this.session.version;
    this.states = new Map();
    this.severities = new Map();
  }

  /** The figure behind a grid cell, or null for text cells and rows that are gone. */
  state(data: GridRow | undefined, colId: string): CellState | null {
    const slot = slotOf(data, colId);
    if (slot?.kind !== 'amount') return null;
    this.fresh();
    let state = this.states.get(slot);
    if (state === undefined) this.states.set(slot, (state = this.session.workbook.cellIfPresent(slot.ref)));
    return state;
  }

  severity(data: GridRow | undefined, colId: string): Finding['severity'] | null {
    const slot = slotOf(data, colId);
    if (slot?.kind !== 'amount') return null;
    this.fresh();
    let severity = this.severities.get(slot);
    if (severity === undefined)
      this.severities.set(slot, (severity = worst(this.session.findingsByCell().get(cellKey(slot.ref)))));
    return severity;
  }

  text(data: GridRow | undefined, colId: string, show: (cell: CellState) => string): string {
    const slot = slotOf(data, colId);
    if (slot?.kind === 'text') return slot.text;
    const cell = this.state(data, colId);
    return cell ? show(cell) : '';
  }

  /** What the tooltip of a figure says: its findings, and why it is computed, kept or unknown. */
  tooltip(data: GridRow | undefined, column: GridColumn): string | undefined {
    const slot = slotOf(data, column.colId);
    const cell = this.state(data, column.colId);
    if (slot?.kind !== 'amount' || !cell) return undefined;
    const display = this.session.display;
    const lines = (this.session.findingsByCell().get(cellKey(slot.ref)) ?? []).map(
      (f) => `【${SEVERITY_LABEL[f.severity]} ${f.ruleId}】${f.title}\n${findingMessage(f, display)}`,
    );
    // A typed sentence (a 绩效 form's 指标值) is read in full here.
    if (column.prose && cell.text !== null) lines.unshift(cell.text);
    if (cell.unknownReason !== null) lines.push(`未核对：${cell.unknownReason}。用到这个数的审核暂不进行。`);
    if (cell.kept)
      lines.push(
        `此合计为文件所列数 ${shownAmount(cell.value ?? '0.00', display)}，按公式应为 ${shownAmount(cell.computedValue!, display)}。`,
      );
    else if (cell.computed) lines.push('由公式计算，不能直接输入。');
    return lines.length > 0 ? lines.join('\n\n') : undefined;
  }
}

type InRange = (rowIndex: number, colId: string) => boolean;
/** Records what was typed into a cell as a command on the workbook. */
export type CommitTyped = (row: GridRow, colId: string, text: string) => void;

/** What the column definitions read and call besides the workbook. */
interface Hooks {
  inRange: InRange;
  commitTyped: CommitTyped;
}

/**
 * The grid hands a typed value to its column's setter while it closes the editor, in the same task
 * as the key press; its edit-request event would come a timer (and often a frame) later. The
 * setter answers "unchanged": the grid holds no figures, and every cell reads the workbook again.
 */
function typedValueSetter(colId: string, commit: CommitTyped): ColDef<GridRow>['valueSetter'] {
  return (p) => {
    commit(p.data, colId, String(p.newValue ?? ''));
    return false;
  };
}

function amountDef(
  column: GridColumn,
  reader: CellReader,
  session: Session,
  { inRange, commitTyped }: Hooks,
  zoom: number,
): ColDef<GridRow> {
  const state = (p: CellClassParams<GridRow>) => reader.state(p.data, column.colId);
  const severity = (p: CellClassParams<GridRow>) => reader.severity(p.data, column.colId);
  return {
    colId: column.colId,
    headerName: column.header[column.header.length - 1],
    width: Math.round(column.width * zoom),
    pinned: column.pinned ? 'left' : undefined,
    // Figures line up on the right; a text column (绩效 指标值) reads from the left.
    ...(column.prose ? {} : { type: 'rightAligned' }),
    // The value is what an editor starts from (plain digits in the shown unit); the formatter shows it.
    valueGetter: (p) => reader.text(p.data, column.colId, (cell) => editText(cell, session.display)),
    valueFormatter: (p) => reader.text(p.data, column.colId, (cell) => shownText(cell, session.display)),
    editable: (p) => p.node.rowPinned == null && reader.state(p.data, column.colId)?.computed === false,
    valueSetter: typedValueSetter(column.colId, commitTyped),
    cellClassRules: {
      'bd-computed': (p) => state(p)?.computed === true,
      'bd-kept': (p) => state(p)?.kept === true,
      'bd-invalid': (p) => (state(p)?.invalidText ?? null) !== null,
      'bd-unknown': (p) => (state(p)?.unknownReason ?? null) !== null,
      'bd-error': (p) => severity(p) === 'error',
      'bd-rounding': (p) => severity(p) === 'rounding',
      'bd-warning': (p) => severity(p) === 'warning',
      'bd-lanci': (p) => p.node.rowPinned === 'top',
      'bd-in-range': (p) =>
        p.node.rowPinned == null && p.rowIndex !== null && inRange(p.rowIndex, column.colId),
      'bd-no-cell': (p) => p.node.rowPinned == null && slotOf(p.data, column.colId) === undefined,
    },
    tooltipValueGetter: (p: ITooltipParams<GridRow>) => reader.tooltip(p.data, column),
  };
}

function textDef(column: GridColumn, { inRange, commitTyped }: Hooks, zoom: number): ColDef<GridRow> {
  return {
    colId: column.colId,
    headerName: column.header[column.header.length - 1],
    width: Math.round(column.width * zoom),
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
    valueSetter: typedValueSetter(column.colId, commitTyped),
    tooltipValueGetter: (p: ITooltipParams<GridRow>) =>
      typeof p.value === 'string' && p.value.length > 12 ? p.value : undefined,
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
    cellClassRules: {
      'bd-in-range': (p: CellClassParams<GridRow>) =>
        p.node.rowPinned == null && p.rowIndex !== null && inRange(p.rowIndex, column.colId),
    },
  };
}

/** The column definitions of a table's grid; findings are read from the session when a cell is painted, so that the definitions stay stable while they change. */
export function columnDefs(
  model: GridModel,
  session: Session,
  hooks: Hooks,
  /** The grid's zoom (1 at 100 %): columns widen with the font. */
  zoom: number,
): Def[] {
  const reader = new CellReader(session);
  // A leaf with fewer header levels than its neighbours spans the rows below its group, as printed.
  return nest(model.columns, 0, (c) =>
    c.kind === 'amount' ? amountDef(c, reader, session, hooks, zoom) : textDef(c, hooks, zoom),
  );
}
