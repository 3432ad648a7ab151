/**
 * Every change a user makes to a report is a Command, applied in one place: typing or pasting
 * figures, adopting the computed values, adding, removing or renaming rows, a regional setting,
 * the report's year, department or unit. Applying one gives either the change (cells and findings
 * that changed) with the command that undoes it, or a refusal with its reason in Chinese, as data.
 * A command that changes nothing (a figure typed again as it was, settings confirmed unchanged)
 * has no inverse: there is nothing to undo and the report is not unsaved.
 */
import type { AmountUnit } from '../money/money';
import { narrativeFromPlainText } from '../narrative/text';
import type { ListedRowInput } from './listedRows';
import type { RowSeed } from './structure';
import {
  findingsDiff,
  WorkbookError,
  type Change,
  type Edit,
  type ReportMeta,
  type Workbook,
} from './workbook';

export type Command =
  /** Figures typed or pasted (in `entryUnit` when it is not the report's); computed cells are skipped. */
  | { kind: 'setCells'; edits: Edit[]; entryUnit?: AmountUnit }
  /** Figures put back as they were, with totals' printed figures kept again (undo of setCells). */
  | { kind: 'restoreCells'; edits: Edit[]; kept: Edit[] }
  /** 采用计算值: every total shows its formula's result. */
  | { kind: 'adoptComputed' }
  /** Totals show these printed figures again (undo of adoptComputed). */
  | { kind: 'keepFigures'; figures: Edit[] }
  | { kind: 'addRow'; table: string; code: string; name: string; parentNames?: Record<string, string> }
  | { kind: 'removeRow'; table: string; code: string }
  | {
      kind: 'addListedRow';
      table: string;
      row: ListedRowInput;
      near: string | null;
      parents?: ListedRowInput[];
    }
  | { kind: 'removeListedRow'; table: string; key: string }
  | { kind: 'setRowText'; table: string; key: string; field: string; text: string }
  /** A table's rows and figures made these (undo of a row change). */
  | { kind: 'setRows'; table: string; rows: RowSeed[]; values: Edit[]; kept: Edit[] }
  | { kind: 'setOption'; key: string; codes: string[] }
  | { kind: 'setMeta'; meta: Partial<ReportMeta> }
  /**
   * The 情况说明 (plain text, one paragraph a line; null removes it), its 补充信息 and the user's
   * reasons; a part left out stays as it is.
   */
  | { kind: 'setNarrative'; narrative: NarrativeState };

/** What the workbook holds of its 情况说明, as the setNarrative command sets it. */
export interface NarrativeState {
  text?: string | null;
  supplementary?: Record<string, string>;
  reasons?: Record<string, string>;
}

export type Result = { ok: true; change: Change; inverse: Command | null } | { ok: false; reason: string };

const NOTHING: Change = {
  cells: [],
  added: [],
  removed: [],
  changed: [],
  skipped: [],
  tables: [],
  released: [],
};

/** Applies a command; a refusal of the workbook (WorkbookError) becomes a Result, anything else is a fault and is thrown. */
export function apply(workbook: Workbook, command: Command): Result {
  try {
    return { ok: true, ...run(workbook, command) };
  } catch (error) {
    if (error instanceof WorkbookError) return { ok: false, reason: error.message };
    throw error;
  }
}

function run(workbook: Workbook, command: Command): { change: Change; inverse: Command | null } {
  switch (command.kind) {
    case 'setCells':
      return setCells(workbook, command.edits, command.entryUnit);
    case 'restoreCells': {
      const inverse: Command = {
        kind: 'setCells',
        edits: command.edits.map((e) => ({ ref: e.ref, text: workbook.inputText(e.ref) })),
      };
      return {
        change: together(workbook, () => [
          workbook.setMany(command.edits, { restoring: true }),
          workbook.keepFigures(command.kept),
        ]),
        inverse,
      };
    }
    case 'adoptComputed': {
      const change = workbook.adoptComputed();
      return {
        change,
        inverse: change.released.length > 0 ? { kind: 'keepFigures', figures: change.released } : null,
      };
    }
    case 'keepFigures':
      return { change: workbook.keepFigures(command.figures), inverse: { kind: 'adoptComputed' } };
    case 'addRow':
      return rows(workbook, command.table, () =>
        workbook.addRow(command.table, command.code, command.name, command.parentNames),
      );
    case 'removeRow':
      return rows(workbook, command.table, () => workbook.removeRow(command.table, command.code));
    case 'addListedRow':
      return rows(workbook, command.table, () =>
        workbook.addListedRow(command.table, command.row, command.near, command.parents),
      );
    case 'removeListedRow':
      return rows(workbook, command.table, () => workbook.removeListedRow(command.table, command.key));
    case 'setRowText':
      return rows(workbook, command.table, () =>
        workbook.setRowText(command.table, command.key, command.field, command.text),
      );
    case 'setRows':
      return rows(workbook, command.table, () =>
        together(workbook, () => [
          workbook.restoreTableRows(command.table, command.rows),
          workbook.setMany(command.values, { restoring: true }),
          workbook.keepFigures(command.kept),
        ]),
      );
    case 'setOption':
      return setOption(workbook, command.key, command.codes);
    case 'setMeta':
      return setMeta(workbook, command.meta);
    case 'setNarrative':
      return setNarrative(workbook, command.narrative);
  }
}

/** Typed or pasted figures; only the cells that really changed are put back by the inverse. */
function setCells(
  workbook: Workbook,
  edits: Edit[],
  entryUnit?: AmountUnit,
): { change: Change; inverse: Command | null } {
  const before = edits.map((e) => workbook.inputText(e.ref));
  const change = workbook.setMany(edits, entryUnit ? { entryUnit } : {});
  const skipped = new Set(change.skipped);
  const undo = edits.flatMap((e, i) =>
    skipped.has(e.ref) || workbook.inputText(e.ref) === before[i] ? [] : [{ ref: e.ref, text: before[i]! }],
  );
  const changed = undo.length > 0 || change.released.length > 0;
  return { change, inverse: changed ? { kind: 'restoreCells', edits: undo, kept: change.released } : null };
}

/** A change of a table's rows, undone by putting its rows, its typed figures and its totals' printed figures back. */
function rows(
  workbook: Workbook,
  table: string,
  action: () => Change,
): { change: Change; inverse: Command | null } {
  const before = workbook.tableRows(table);
  const values = workbook.inputsOf(table);
  const kept = workbook.keptFigures(table);
  const change = action();
  const same = JSON.stringify(workbook.tableRows(table)) === JSON.stringify(before);
  return { change, inverse: same ? null : { kind: 'setRows', table, rows: before, values, kept } };
}

function setOption(
  workbook: Workbook,
  key: string,
  codes: string[],
): { change: Change; inverse: Command | null } {
  const before = [...(workbook.reportOptions[key] ?? [])];
  if (JSON.stringify(before) === JSON.stringify(codes)) return { change: NOTHING, inverse: null };
  return { change: workbook.setOption(key, codes), inverse: { kind: 'setOption', key, codes: before } };
}

function setMeta(workbook: Workbook, meta: Partial<ReportMeta>): { change: Change; inverse: Command | null } {
  const before: Partial<ReportMeta> = {};
  for (const key of Object.keys(meta) as (keyof ReportMeta)[])
    if (meta[key] !== workbook[key]) Object.assign(before, { [key]: workbook[key] });
  if (Object.keys(before).length === 0) return { change: NOTHING, inverse: null };
  return { change: workbook.setMeta(meta), inverse: { kind: 'setMeta', meta: before } };
}

/** A change of the 情况说明, undone by setting back what it changed (text, 补充信息, reasons). */
function setNarrative(
  workbook: Workbook,
  state: NarrativeState,
): { change: Change; inverse: Command | null } {
  // Text is compared as the checker holds it: blank lines and edge spaces do not count; no text removes it.
  const text = state.text === undefined ? undefined : state.text ? narrativeFromPlainText(state.text) : null;
  const next: NarrativeState = { ...state, ...(text !== undefined ? { text: text?.text || null } : {}) };
  const now: Required<NarrativeState> = {
    text: workbook.narrativeText?.text ?? null,
    supplementary: { ...workbook.supplementary },
    reasons: { ...workbook.reasons },
  };
  const before: NarrativeState = {};
  for (const key of ['text', 'supplementary', 'reasons'] as const)
    if (next[key] !== undefined && JSON.stringify(next[key]) !== JSON.stringify(now[key]))
      Object.assign(before, { [key]: now[key] });
  if (Object.keys(before).length === 0) return { change: NOTHING, inverse: null };
  if (next.reasons) workbook.setReasons(next.reasons);
  const findings = workbook.setNarrative(
    text === undefined ? workbook.narrativeText : text,
    next.supplementary,
  );
  return { change: { ...NOTHING, ...findings }, inverse: { kind: 'setNarrative', narrative: before } };
}

/** Several engine calls as one change, its findings diffed from before the first to after the last. */
function together(workbook: Workbook, calls: () => Change[]): Change {
  const before = workbook.findings();
  const changes = calls();
  return {
    cells: changes.flatMap((c) => c.cells),
    ...findingsDiff(before, workbook.findings()),
    skipped: changes.flatMap((c) => c.skipped),
    tables: [...new Set(changes.flatMap((c) => c.tables))],
    released: changes.flatMap((c) => c.released),
  };
}
