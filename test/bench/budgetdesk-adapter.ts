/**
 * Adapter between the benchmark (test/bench/run.ts) and the BudgetDesk engine.
 *
 * Contract the benchmark relies on:
 * - `load(report)` opens the report with every computed cell and every check current.
 * - `edit(state, ref, text)` sets one input cell as typed and returns when all totals and all
 *   checks depending on it are current (the engine defers nothing).
 * - `paste(state, edits)` does the same for a block of cells, in one recalculation.
 * - `read(state, ref)` returns the shown value; run.ts uses it after the timed loops to verify
 *   the 合计 rows of 02/03/05 against an exact integer shadow of the edits.
 *
 * `ref.row` is the classification code, null for the 合计 row.
 */
import { Workbook, type CellRef } from '../../shared/engine/workbook';
import type { ReportFile } from '../../shared/model/report';

export interface BenchRef {
  table: string;
  row: string | null;
  column: string;
}

export interface BenchEngine {
  load(report: ReportFile): unknown;
  edit(state: unknown, ref: BenchRef, text: string): void;
  paste(state: unknown, edits: { table: string; row: string | null; column: string; text: string }[]): void;
  read?(state: unknown, ref: BenchRef): string | null;
}

/** Message of an engine that is not wired; run.ts recognises it and reports "未接入". */
export const NOT_WIRED = 'engine not wired yet';

const cellRef = (ref: BenchRef): CellRef => ({
  table: ref.table,
  row: ref.row ?? '合计',
  column: ref.column,
});

export const budgetDeskEngine: BenchEngine = {
  load: (report) => Workbook.open(report),
  edit: (state, ref, text) => void (state as Workbook).set(cellRef(ref), text),
  paste: (state, edits) =>
    void (state as Workbook).setMany(edits.map((e) => ({ ref: cellRef(e), text: e.text }))),
  read: (state, ref) => (state as Workbook).cell(cellRef(ref)).value,
};
