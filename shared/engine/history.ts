/**
 * Workbook-wide undo and redo (Ctrl+Z / Ctrl+Y). Each step is what the user did at once: one typed
 * cell, a whole paste, adopting the computed values, an added or removed row. Undoing replays the
 * inverse through the same engine calls, so totals and findings come back exactly as they were,
 * including the figures an opened file printed in its totals.
 */
import { findingsDiff, type Change, type Edit, type SetOptions, type Workbook } from './workbook';

interface CellStep {
  kind: 'cells';
  before: Edit[];
  after: Edit[];
  /** Printed figures of totals that the step made follow their formula. */
  released: Edit[];
}

interface AdoptStep {
  kind: 'adopt';
  released: Edit[];
}

interface RowsStep {
  kind: 'rows';
  table: string;
  /** Rows the step added (added: true) or removed (added: false). */
  rows: { code: string; name: string | null }[];
  /** Figures of the table before the step: typed inputs and totals' printed figures. */
  values: Edit[];
  kept: Edit[];
  added: boolean;
}

type Step = CellStep | AdoptStep | RowsStep;

export class EditHistory {
  private readonly done: Step[] = [];
  private readonly undone: Step[] = [];

  constructor(
    private readonly workbook: Workbook,
    private readonly limit = 500,
  ) {}

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Typed or pasted figures, as one step. Cells that did not change are not recorded. */
  edit(edits: Edit[], options: SetOptions = {}): Change {
    const before = edits.map((e) => this.workbook.inputText(e.ref));
    const change = this.workbook.setMany(edits, options);
    const skipped = new Set(change.skipped);
    const step: CellStep = { kind: 'cells', before: [], after: [], released: change.released };
    edits.forEach((e, i) => {
      const now = this.workbook.inputText(e.ref);
      if (skipped.has(e.ref) || now === before[i]) return;
      step.before.push({ ref: e.ref, text: before[i]! });
      step.after.push({ ref: e.ref, text: now });
    });
    if (step.before.length > 0) this.record(step);
    return change;
  }

  adoptComputed(): Change {
    const change = this.workbook.adoptComputed();
    if (change.released.length > 0) this.record({ kind: 'adopt', released: change.released });
    return change;
  }

  addRow(table: string, code: string, name: string, parentNames: Record<string, string> = {}): Change {
    const before = this.codes(table);
    const snapshot = this.figures(table);
    const change = this.workbook.addRow(table, code, name, parentNames);
    const rows = this.rowsOf(table).filter((r) => !before.has(r.code));
    this.record({ kind: 'rows', table, rows, ...snapshot, added: true });
    return change;
  }

  removeRow(table: string, code: string): Change {
    const before = this.rowsOf(table);
    const snapshot = this.figures(table);
    const change = this.workbook.removeRow(table, code);
    const after = this.codes(table);
    this.record({ kind: 'rows', table, rows: before.filter((r) => !after.has(r.code)), ...snapshot, added: false });
    return change;
  }

  undo(): Change | null {
    const step = this.done.pop();
    if (!step) return null;
    this.undone.push(step);
    return this.replay(step, true);
  }

  redo(): Change | null {
    const step = this.undone.pop();
    if (!step) return null;
    this.done.push(step);
    return this.replay(step, false);
  }

  private record(step: Step): void {
    this.done.push(step);
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
  }

  /** Runs the engine calls of a step forwards or backwards and reports them as one change. */
  private replay(step: Step, backwards: boolean): Change {
    const findingsBefore = this.workbook.findings();
    const changes = this.calls(step, backwards).map((call) => call());
    return {
      cells: changes.flatMap((c) => c.cells),
      ...findingsDiff(findingsBefore, this.workbook.findings()),
      skipped: [],
      tables: changes.flatMap((c) => c.tables),
      released: [],
    };
  }

  private calls(step: Step, backwards: boolean): (() => Change)[] {
    const wb = this.workbook;
    switch (step.kind) {
      case 'cells':
        return backwards ? [() => wb.setMany(step.before, { restoring: true }), () => wb.keepFigures(step.released)] : [() => wb.setMany(step.after)];
      case 'adopt':
        return backwards ? [() => wb.keepFigures(step.released)] : [() => wb.adoptComputed()];
      case 'rows': {
        const restore = [() => wb.setMany(step.values, { restoring: true }), () => wb.keepFigures(step.kept)];
        if (step.added === backwards) return [() => this.removeRows(step), ...(backwards ? restore.slice(1) : [])];
        return [() => this.addRows(step), ...(backwards ? restore : [])];
      }
    }
  }

  private addRows(step: RowsStep): Change {
    const names = Object.fromEntries(step.rows.map((r) => [r.code, r.name ?? '']));
    const deepestFirst = [...step.rows].sort((a, b) => b.code.length - a.code.length);
    for (const row of deepestFirst) {
      if (!this.codes(step.table).has(row.code)) this.workbook.addRow(step.table, row.code, row.name ?? '', names);
    }
    // replay() reports the findings; the table is redrawn whole.
    return { cells: [], added: [], removed: [], changed: [], skipped: [], tables: [step.table], released: [] };
  }

  private removeRows(step: RowsStep): Change {
    const top = [...step.rows].sort((a, b) => a.code.length - b.code.length)[0]!;
    return this.workbook.removeRow(step.table, top.code);
  }

  private figures(table: string): { values: Edit[]; kept: Edit[] } {
    return { values: this.inputsOf(table), kept: this.workbook.keptFigures(table) };
  }

  private codes(table: string): Set<string> {
    return new Set(this.rowsOf(table).map((r) => r.code));
  }

  private rowsOf(table: string): { code: string; name: string | null }[] {
    const info = this.workbook.structure.tableById.get(table)!;
    return info.rows.filter((r) => r.code !== null).map((r) => ({ code: r.code!, name: r.name }));
  }

  private inputsOf(table: string): Edit[] {
    const info = this.workbook.structure.tableById.get(table)!;
    const edits: Edit[] = [];
    for (const row of info.rows) {
      for (const column of info.columns) {
        const ref = { table, row: row.key, column: column.key };
        if (row.cells[column.index] === undefined || this.workbook.cell(ref).computed) continue;
        const text = this.workbook.inputText(ref);
        if (text !== '') edits.push({ ref, text });
      }
    }
    return edits;
  }
}
