/**
 * Workbook-wide undo and redo (Ctrl+Z / Ctrl+Y). Each step is what the user did at once: one typed
 * cell, a whole paste, adopting the computed values, an added or removed row. Undoing replays the
 * inverse through the same engine calls, so totals and findings come back exactly as they were,
 * including the figures an opened file printed in its totals.
 */
import { findingsDiff, type Change, type Edit, type ListedRowInput, type RowSeed, type SetOptions, type Workbook } from './workbook';

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

/** Rows added, removed or renamed in one table: undone by putting its rows and figures back. */
interface RowsStep {
  kind: 'rows';
  table: string;
  before: RowSeed[];
  after: RowSeed[];
  /** Figures of the table before the step: typed inputs and totals' printed figures. */
  values: Edit[];
  kept: Edit[];
}

/** A regional setting changed (运行经费不含的科目). */
interface OptionStep {
  kind: 'option';
  key: string;
  before: string[];
  after: string[];
}

type Step = CellStep | AdoptStep | RowsStep | OptionStep;

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
    return this.rows(table, () => this.workbook.addRow(table, code, name, parentNames));
  }

  removeRow(table: string, code: string): Change {
    return this.rows(table, () => this.workbook.removeRow(table, code));
  }

  addListedRow(table: string, row: ListedRowInput, near: string | null, parents: ListedRowInput[] = []): Change {
    return this.rows(table, () => this.workbook.addListedRow(table, row, near, parents));
  }

  removeListedRow(table: string, key: string): Change {
    return this.rows(table, () => this.workbook.removeListedRow(table, key));
  }

  setRowText(table: string, key: string, field: string, text: string): Change {
    return this.rows(table, () => this.workbook.setRowText(table, key, field, text));
  }

  setOption(key: string, codes: string[]): Change {
    const before = [...(this.workbook.reportOptions[key] ?? [])];
    const change = this.workbook.setOption(key, codes);
    if (JSON.stringify(before) !== JSON.stringify(codes)) this.record({ kind: 'option', key, before, after: [...codes] });
    return change;
  }

  /** Runs a change of a table's rows as one step, with what it takes to put them back. */
  private rows(table: string, action: () => Change): Change {
    const before = this.workbook.tableRows(table);
    const values = this.inputsOf(table);
    const kept = this.workbook.keptFigures(table);
    const change = action();
    const after = this.workbook.tableRows(table);
    if (JSON.stringify(after) !== JSON.stringify(before)) this.record({ kind: 'rows', table, before, after, values, kept });
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
      case 'rows':
        if (!backwards) return [() => wb.restoreTableRows(step.table, step.after)];
        return [() => wb.restoreTableRows(step.table, step.before), () => wb.setMany(step.values, { restoring: true }), () => wb.keepFigures(step.kept)];
      case 'option':
        return [() => wb.setOption(step.key, backwards ? step.before : step.after)];
    }
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
