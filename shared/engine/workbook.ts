/**
 * An open report: the one object the window, the command-line checker and the tests talk to.
 * Load a report, set cells, add or remove rows (科目 of code-keyed tables, rows of the listed
 * budget tables), and get back exactly which cells and which findings changed.
 */
import { parseAmount, toDecimalString, type AmountUnit, type Hundredths } from '../money/money';
import { declaredPrecision, precisionOf, type Precision } from './precision';
import type { ReportFile, ReportRow, ReportTable } from '../model/report';
import { tableCode, type TableSetTemplate } from '../model/template';
import { parseRuleSet, type ParsedRuleSet } from '../rules/ruleset';
import { builtInCatalog, findRuleSet, findTemplate, type Catalog } from '../templates/catalog';
import { validateTemplate } from '../templates/validate';
import type { MetaSources, SupplementaryValues, UnplacedFigure } from '../model/report';
import { createCheckers, FindingsStore, type Checker, type CheckDelta } from './checks';
import { compileRules, type Instance } from './compile';
import {
  cellKey,
  findingChanged,
  FindingWriter,
  refOfCell,
  type CellRef,
  type Finding,
  type NotChecked,
} from './findings';
import { explainCell, type CellExplanation } from './explain';
import { Calculator, isUnknownEntry, type Entry, type RecalcResult } from './recalc';
import {
  blockOf,
  depthOf,
  listedRowProblem,
  listedRowSeed,
  placeListedRow,
  type ListedRowInput,
} from './listedRows';
import {
  buildStructure,
  codeSeed,
  findCell,
  listedSeed,
  placeReport,
  templateTableOf,
  type CellInfo,
  type CellOrigin,
  type PlacementProblem,
  type RowInfo,
  type RowSeed,
  type Structure,
  type TableInfo,
} from './structure';
import type { NarrativeHolder } from '../narrative/checker';
import type { NarrativeReport } from '../narrative/check';
import { TableAmounts } from '../narrative/amounts';
import { tableLookup, type TableLookup } from '../narrative/enumerations';
import { copySupplementary } from '../narrative/supplementary';
import { narrativeFromPlainText, type NarrativeText } from '../narrative/text';
// The 情况说明 checker registers itself as one more checker kind.
import '../narrative/checker';

export type { CellRef, Finding, NotChecked } from './findings';
export type { ListedRowInput } from './listedRows';
export type { CellExplanation, CellSource, RuleReading } from './explain';
export type { RowSeed } from './structure';

export interface CellState {
  ref: CellRef;
  /** The figure shown, as a canonical decimal string; null when blank or unreadable. */
  value: string | null;
  /** Text that is not a number, kept as typed. */
  invalidText: string | null;
  /** The content of a text column's cell (value is then null). */
  text: string | null;
  invalidReason: string | null;
  /** Computed by a rule (合计, 小计, roll-up): read-only. */
  computed: boolean;
  /** For computed cells: the formula's result (differs from `value` while an imported figure is kept); null when it reads an unknown figure. */
  computedValue: string | null;
  /** A computed cell showing the figure the opened file printed, which differs from the formula. */
  kept: boolean;
  /** Why the figure is not known (the file does not have it, or a figure its formula reads), or null. */
  unknownReason: string | null;
}

export interface Edit {
  ref: CellRef;
  text: string;
}

export interface SetOptions {
  /** Unit the figures are typed in, when it is not the report's (元 typed into a 万元 report). */
  entryUnit?: AmountUnit;
  /**
   * Undo puts figures back: totals that still show a printed figure keep it. Otherwise (typing,
   * pasting) a total whose parts change follows them.
   */
  restoring?: boolean;
}

export interface Change {
  /** Cells whose shown value or state changed. */
  cells: CellRef[];
  added: Finding[];
  removed: Finding[];
  changed: Finding[];
  /** Cells left alone because they are computed (a paste skips them). */
  skipped: CellRef[];
  /** Tables whose rows changed (a row added or removed): redraw them whole. */
  tables: string[];
  /** Computed cells that stopped keeping the figure the file printed, with that figure (undo restores it). */
  released: Edit[];
}

export class WorkbookError extends Error {
  override name = 'WorkbookError';
}

interface State {
  structure: Structure;
  instances: Instance[];
  calc: Calculator;
  writer: FindingWriter;
  checkers: Map<string, Checker>;
  store: FindingsStore;
}

/** What a report says about itself: its year, department and unit. */
export interface ReportMeta {
  year: number | null;
  department: string;
  unit: AmountUnit | null;
}

/** A cell of the opened file a figure was read from, and the figure's text as read (null: blank there). */
export interface FileCell extends CellOrigin {
  text: string | null;
}

/** What the opened file says beyond its tables: where its year, department and unit came from, and what could not be placed. */
export interface Provenance {
  sources: MetaSources;
  unplaced: UnplacedFigure[];
  /**
   * Where each figure read from a spreadsheet sits in it, by cell key: saving writes back there
   * without reading the file a second time, and the formula bar names it while the figure is
   * still the one read. Kept by key, so that rows added or removed around a cell leave its place as it was.
   */
  origins: ReadonlyMap<string, FileCell>;
}

export class Workbook {
  private state!: State;
  /** The user's reasons (主要原因是……) the generated 情况说明 holds, by the wording's reason key. */
  private userReasons: Record<string, string> = {};
  /** The 情况说明 checked with the tables; kept across rebuilds of the state. */
  private readonly narrative: NarrativeHolder = {
    text: null,
    supplementary: {},
    report: null,
    meta: () => ({ year: this.meta.year, unit: this.meta.unit, options: this.options }),
  };

  private constructor(
    readonly template: TableSetTemplate,
    private readonly ruleSet: ParsedRuleSet,
    readonly kind: ReportFile['kind'],
    private meta: ReportMeta,
    /** Rows or values of the opened report that had no place in the template. */
    readonly problems: PlacementProblem[],
    /** The opened file leaves zeros blank (as the 2023 解放区 document does) rather than printing 0.00 (as the 2024 高新区 one does). */
    readonly zerosBlank: boolean,
    /** The report's settings that differ by region (see ReportOptionTemplate), codes by option key. */
    private options: Record<string, string[]>,
    /** Tables the template requires that the report does not have. */
    readonly missingTables: readonly string[],
    readonly provenance: Provenance,
    /** Digits the figures are held to, and the printed step in which 尾差 is judged. */
    private held: Precision,
  ) {}

  /** The report's year, or null while the file has not said (the window asks). */
  get year(): number | null {
    return this.meta.year;
  }

  get department(): string {
    return this.meta.department;
  }

  /** The unit the figures are in, or null while the file has not said. */
  get unit(): AmountUnit | null {
    return this.meta.unit;
  }

  get precision(): Precision {
    return this.held;
  }

  /**
   * Opens a report read from a file: whatever it does not have (a table, a row, a column) is
   * absent, never a zero, and the checks that need it are not run (未核对).
   */
  static open(report: ReportFile, catalog: Catalog = builtInCatalog): Workbook {
    return Workbook.load(report, catalog, false);
  }

  /** A report started in the program: every table of the template, every cell blank until typed. */
  static create(
    meta: Pick<ReportFile, 'kind' | 'year' | 'department' | 'unit' | 'template' | 'decimals'>,
    catalog: Catalog = builtInCatalog,
  ): Workbook {
    return Workbook.load({ ...meta, tables: [] }, catalog, true);
  }

  private static load(report: ReportFile, catalog: Catalog, complete: boolean): Workbook {
    const template = findTemplate(catalog, report.kind, report.year, report.template);
    validateTemplate(template);
    const ruleSet = parseRuleSet(findRuleSet(catalog, template.rules));
    const placed = placeReport(template, report.tables, { complete });
    const options = Object.fromEntries(
      (template.options ?? []).map((o) => [o.key, report.options?.[o.key] ?? o.codes]),
    );
    const present = new Set(
      placed.structure.tables
        .filter((t) => report.tables.some((r) => templateTableOf(template, r)?.id === t.id))
        .map((t) => t.id),
    );
    const missing = complete
      ? []
      : template.tables.filter((t) => !t.optional && !present.has(t.id)).map((t) => t.id);
    const origins = new Map<string, FileCell>();
    const provenance = {
      sources: report.sources ?? {},
      unplaced: [...(report.unplaced ?? []), ...placed.unplaced],
      origins,
    };
    const precision = complete
      ? declaredPrecision(report.decimals ?? template.decimals ?? 2)
      : precisionOf(printedFigures(placed.texts, report.unit), report.unit, report.decimals);
    const meta = { year: report.year, department: report.department, unit: report.unit };
    const workbook = new Workbook(
      template,
      ruleSet,
      report.kind,
      meta,
      placed.problems,
      leavesZerosBlank(placed.texts),
      options,
      missing,
      provenance,
      precision,
    );
    const cells = placed.structure.cells;
    const entries = Array.from(placed.texts, (text, cell): Entry | undefined => {
      const absent = placed.absent[cell];
      if (absent !== undefined) return { value: null, absent };
      const notAmount = placed.notAmounts[cell];
      if (notAmount !== undefined) return { value: null, invalidText: text ?? '', reason: notAmount };
      return text === undefined
        ? undefined
        : text === null
          ? { value: null }
          : workbook.parse(cells[cell]!, text);
    });
    placed.origins.forEach((origin, cell) => {
      const entry = entries[cell];
      const text = typeof placed.texts[cell] === 'string' && entry ? entryText(entry) : null;
      if (origin) origins.set(cellKey(refIn(placed.structure, cell)), { ...origin, text });
    });
    workbook.state = workbook.buildState(placed.structure, entries);
    const { text, supplementary, reasons } = report.narrative ?? {};
    if (text !== undefined || supplementary !== undefined)
      workbook.setNarrative(text === undefined ? null : narrativeFromPlainText(text), supplementary ?? {});
    if (reasons) workbook.setReasons(reasons);
    return workbook;
  }

  /** What typed text means in a cell: a figure (typed in `entryUnit`), or text in a text column. */
  /**
   * What text means in a cell: a figure (typed in `entryUnit`), or text in a text column. A figure
   * the report cannot hold exactly is kept as text and flagged, unless `typed`: then it is refused.
   */
  private parse(cell: CellInfo, text: string, entryUnit?: AmountUnit, typed = false): Entry {
    if (cell.column.text) return { value: null, text };
    const { decimals } = this.precision;
    // Without a unit (the file does not say) figures are taken as printed: there is nothing to convert from.
    const result = parseAmount(
      text,
      this.unit === null
        ? { decimals }
        : { reportUnit: this.unit, entryUnit: entryUnit ?? this.unit, decimals },
    );
    if (result.ok) return { value: result.value };
    if (typed && result.tooPrecise) throw new WorkbookError(result.reason);
    return { value: null, invalidText: text, reason: result.reason };
  }

  private buildState(structure: Structure, entries: (Entry | undefined)[]): State {
    const { instances } = compileRules(structure, this.ruleSet, this.options);
    const incomplete = new Set(structure.tables.filter((t) => t.rowsGap !== null).map((t) => t.index));
    const calc = new Calculator(structure.cells.length, instances, this.precision.step, incomplete);
    calc.load(entries);
    const writer = new FindingWriter(structure, calc, this.unit ?? '', this.provenance.origins);
    const checkers = createCheckers({
      structure,
      calc,
      instances,
      writer,
      ruleSet: this.ruleSet,
      missingTables: this.missingTables,
      narrative: this.narrative,
    });
    const store = new FindingsStore();
    for (const [kind, checker] of checkers) store.put(kind, checker.checkAll());
    return { structure, instances, calc, writer, checkers, store };
  }

  // ── reading ────────────────────────────────────────────────────────────────────────────

  get structure(): Structure {
    return this.state.structure;
  }

  cellId(ref: CellRef): number {
    const id = findCell(this.state.structure, ref.table, ref.row, ref.column);
    if (id === undefined)
      throw new WorkbookError(`${ref.table}中没有单元格（行“${ref.row}”，栏“${ref.column}”）`);
    return id;
  }

  cell(ref: CellRef): CellState {
    return this.describeCell(ref, this.cellId(ref));
  }

  /** The cell, or null when its row is gone (a view still showing rows that were just removed). */
  cellIfPresent(ref: CellRef): CellState | null {
    const id = findCell(this.state.structure, ref.table, ref.row, ref.column);
    return id === undefined ? null : this.describeCell(ref, id);
  }

  private describeCell(ref: CellRef, id: number): CellState {
    const { calc } = this.state;
    const entry = calc.entries[id];
    const computed = calc.isComputed(id);
    const blank = entry !== undefined && entry.value === null;
    return {
      ref,
      value: blank ? null : toDecimalString(calc.values[id]!),
      invalidText: entry?.invalidText ?? null,
      text: entry?.text ?? null,
      invalidReason: entry?.reason ?? null,
      computed,
      // A formula that reads a figure the file does not have has no result to show.
      computedValue: computed && calc.computedCause[id]! < 0 ? toDecimalString(calc.computed[id]!) : null,
      kept: computed && entry !== undefined && !isUnknownEntry(entry) && calc.computedCause[id]! < 0,
      unknownReason: calc.unknown[id] ? this.state.writer.uncheckedReason({ cell: calc.cause[id]! }) : null,
    };
  }

  /** Where the cell's figure comes from and every rule that reads it, with its state (the formula bar). */
  explain(ref: CellRef): CellExplanation {
    const { structure, calc, instances, writer } = this.state;
    return explainCell(
      {
        structure,
        calc,
        instances,
        writer,
        read: this.provenance.origins,
        inputText: (r) => this.inputText(r),
      },
      this.cellId(ref),
      ref,
      cellKey(ref),
    );
  }

  /** The text that recreates an input cell as it is now (for undo): as typed, canonical, or ''. */
  inputText(ref: CellRef): string {
    const entry = this.state.calc.entries[this.cellId(ref)];
    return entry === undefined ? '' : entryText(entry);
  }

  /** Every current finding, in table order, then row order, then rule; the narrative's after the tables. */
  findings(): Finding[] {
    return this.ordered(this.state.store.findings());
  }

  /**
   * What of a table the file does not have, in Chinese: why its rows may be incomplete, and the
   * reasons its absent figures are absent (each once).
   */
  unreadOf(tableId: string): string[] {
    const table = this.tableOf(tableId);
    const { calc } = this.state;
    const reasons = new Set<string>(table.rowsGap ? [table.rowsGap] : []);
    for (const row of table.rows)
      for (const cell of row.cells)
        if (cell !== undefined && calc.entries[cell]?.absent) reasons.add(calc.entries[cell].absent);
    return [...reasons];
  }

  /** Every check not run (未核对), with why, in the same order. */
  notChecked(): NotChecked[] {
    return this.ordered(this.state.store.notChecked());
  }

  private ordered<T extends { key: string; location: Finding['location'] }>(items: T[]): T[] {
    const { structure } = this.state;
    const rank = (item: T) => {
      const where = item.location;
      const tableId =
        where.kind === 'cell'
          ? where.ref.table
          : where.kind === 'row' || where.kind === 'table'
            ? where.table
            : null;
      const table = tableId === null ? undefined : structure.tableById.get(tableId);
      if (!table)
        return where.kind === 'narrative' ? 1e12 + where.start : where.kind === 'document' ? -1 : 1e12;
      const rowKey = where.kind === 'cell' ? where.ref.row : where.kind === 'row' ? where.row : null;
      return table.index * 1_000_000 + (rowKey === null ? 0 : (table.rowByKey.get(rowKey)?.index ?? 0));
    };
    const ranked = items.map((item) => ({ item, rank: rank(item) }));
    ranked.sort(
      (a, b) => a.rank - b.rank || (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0),
    );
    return ranked.map((r) => r.item);
  }

  /**
   * Sets the written 情况说明 (null removes it) and the 补充信息 it needs (amounts as decimal strings
   * in 万元, counts as whole numbers, by the field keys of the template's narrative set; left out:
   * the 补充信息 already held stays, as when a text is read from a Word file); the text is checked
   * at once and again after every edit of a figure.
   */
  setNarrative(
    text: NarrativeText | null,
    supplementary?: SupplementaryValues,
  ): Pick<Change, 'added' | 'removed' | 'changed'> {
    this.narrative.text = text;
    if (supplementary) this.narrative.supplementary = copySupplementary(supplementary);
    const { checkers, store } = this.state;
    const checker = checkers.get('narrative');
    if (!checker) return { added: [], removed: [], changed: [] };
    const before: Finding[] = [];
    const after: Finding[] = [];
    store.put('narrative', checker.checkAll(), before, after);
    return findingsDiff(before, after);
  }

  /** The 情况说明 set, or null. */
  get narrativeText(): NarrativeText | null {
    return this.narrative.text;
  }

  /** The 补充信息 as typed, by field key (a list field as its entries). */
  get supplementary(): Readonly<SupplementaryValues> {
    return this.narrative.supplementary;
  }

  /** The user's reasons for the generated 情况说明, by the wording's reason key, as typed. */
  get reasons(): Readonly<Record<string, string>> {
    return this.userReasons;
  }

  setReasons(reasons: Record<string, string>): void {
    this.userReasons = { ...reasons };
  }

  /** The tables as the 情况说明 reads them: amounts by expression (in 万元) and code-keyed rows. */
  narrativeSource(): { amounts: TableAmounts; tables: TableLookup } {
    const { structure, calc, writer } = this.state;
    return {
      amounts: new TableAmounts(structure, calc, writer, this.unit, this.options),
      tables: tableLookup(structure),
    };
  }

  /** The last check of the 情况说明: its sections and every figure with what it was read as; null without a text. */
  get narrativeReport(): NarrativeReport | null {
    return this.narrative.report;
  }

  // ── editing ────────────────────────────────────────────────────────────────────────────

  /** Types text into one cell, as a user does; `entryUnit` when the figure is typed in another unit. */
  set(ref: CellRef, text: string, options: SetOptions = {}): Change {
    const change = this.setMany([{ ref, text }], options);
    if (change.skipped.length > 0)
      throw new WorkbookError('这个单元格由公式计算，不能直接输入；请修改组成它的数字');
    return change;
  }

  /**
   * Sets many cells at once (a paste): one recalculation, one change. Computed cells are skipped.
   * A figure the report cannot hold exactly (more decimals than it keeps) refuses the whole edit.
   */
  setMany(edits: Edit[], options: SetOptions = {}): Change {
    const { calc } = this.state;
    const skipped: CellRef[] = [];
    const changes: { cell: number; entry: Entry }[] = [];
    for (const { ref, text } of edits) {
      const cell = this.cellId(ref);
      if (calc.isComputed(cell)) skipped.push(ref);
      else
        changes.push({
          cell,
          entry:
            text.trim() === ''
              ? { value: null }
              : this.parse(this.state.structure.cells[cell]!, text, options.entryUnit, !options.restoring),
        });
    }
    return { ...this.collect(calc.setEntries(changes, !options.restoring)), skipped };
  }

  /** "采用计算值": every computed cell drops the figure the file printed and shows its formula's result. */
  adoptComputed(): Change {
    return this.collect(this.state.calc.adoptComputed());
  }

  /** Computed cells show these figures again, kept as if the file had printed them (undo of a release). */
  keepFigures(figures: Edit[]): Change {
    const entries = figures.map(({ ref, text }) => {
      const cell = this.cellId(ref);
      return { cell, entry: this.parse(this.state.structure.cells[cell]!, text) };
    });
    return this.collect(this.state.calc.keep(entries));
  }

  /** The figures computed cells keep now, as printed by the opened file. */
  keptFigures(tableId?: string): Edit[] {
    const { calc, structure } = this.state;
    const kept: Edit[] = [];
    for (const cell of structure.cells) {
      const entry = calc.entries[cell.id];
      if (!calc.isComputed(cell.id) || entry === undefined || (tableId && cell.row.table.id !== tableId))
        continue;
      kept.push({ ref: this.refOf(cell.id), text: entryText(entry) });
    }
    return kept;
  }

  /**
   * Adds a row to a code-keyed table. Missing 款/类 above it are created too, with the names given
   * in `parentNames` (code → name); a missing name is an error, never an invented one.
   */
  addRow(tableId: string, code: string, name: string, parentNames: Record<string, string> = {}): Change {
    const table = this.codeKeyedTable(tableId);
    const scheme = table.template.codeScheme!;
    const depth = scheme.lengths.indexOf(code.length);
    if (code === '') throw new WorkbookError('请填写科目编码');
    if (!/^\d+$/u.test(code)) throw new WorkbookError(`科目编码 ${code} 只能由数字组成`);
    if (depth < 0)
      throw new WorkbookError(`科目编码 ${code} 的位数不对，应为 ${scheme.lengths.join('/')} 位`);
    if (name.trim() === '') throw new WorkbookError(`请填写科目 ${code} 的名称`);
    if (table.rowByCode.has(code)) throw new WorkbookError(`${tableId}已有科目 ${code}`);
    const added: RowSeed[] = [codeSeed(table.template, code, name)];
    const unnamed: string[] = [];
    for (const length of scheme.lengths.slice(0, depth)) {
      const parentCode = code.slice(0, length);
      if (table.rowByCode.has(parentCode)) continue;
      const parentName = parentNames[parentCode];
      if (parentName) added.push(codeSeed(table.template, parentCode, parentName));
      else unnamed.push(parentCode);
    }
    if (unnamed.length > 0)
      throw new WorkbookError(`${tableId}还没有上级科目 ${unnamed.join('、')}，请提供其名称`);
    return this.restructure(tableId, (seeds) => [...seeds, ...added]);
  }

  /** Removes a row with everything under it, and any 款/类 left with nothing under them. */
  removeRow(tableId: string, code: string): Change {
    const table = this.codeKeyedTable(tableId);
    let row = table.rowByCode.get(code);
    if (!row) throw new WorkbookError(`${tableId}没有科目 ${code}`);
    while (row.parent && row.parent.children.length === 1) row = row.parent;
    const top = row.code!;
    return this.restructure(tableId, (seeds) => seeds.filter((s) => !s.key.startsWith(top)));
  }

  private codeKeyedTable(tableId: string): TableInfo {
    const table = this.tableOf(tableId);
    if (!table.codeKeyed) throw new WorkbookError(`${tableId}的行是固定的，不能增删`);
    return table;
  }

  /**
   * Adds a row to a listed table below the group of the row `near` (a row key; null for the end),
   * see placeListedRow. A row that would have no row above it (a 单位 in a table without its 部门
   * row yet) needs `parents`, one row of each level above it, inserted first: totals sum a row's
   * 下级, so a row without its 部门 would be left out of them.
   */
  addListedRow(
    tableId: string,
    row: ListedRowInput,
    near: string | null,
    parents: ListedRowInput[] = [],
  ): Change {
    const table = this.listedTable(tableId);
    const depth = depthOf(table, row.level);
    const place = placeListedRow(table, row.level, near === null ? null : (table.rowByKey.get(near) ?? null));
    const above = place.parent === null && depth > 0 ? table.template.listScheme!.levels.slice(0, depth) : [];
    if (above.some((level, i) => parents[i]?.level !== level.name)) {
      throw new WorkbookError(
        `${tableCode(table.template)}这里还没有上级行（${above.map((l) => l.name).join('、')}），请一并填写`,
      );
    }
    const rows = [...parents.slice(0, above.length), row];
    for (const input of rows) {
      const problem = listedRowProblem(table, input);
      if (problem) throw new WorkbookError(problem);
    }
    const taken = new Set(table.rows.map((r) => r.key));
    const seeds = rows.map((input) => {
      const seed = listedRowSeed(table, input, taken);
      taken.add(seed.key);
      return seed;
    });
    return this.restructure(tableId, (all) => [
      ...all.slice(0, place.index),
      ...seeds,
      ...all.slice(place.index),
    ]);
  }

  /** Removes a row of a listed table with the rows under it (a 部门 with its 单位). */
  removeListedRow(tableId: string, key: string): Change {
    const table = this.listedTable(tableId);
    const row = this.listedRow(table, key);
    const gone = new Set(blockOf(table, row).map((r) => r.key));
    return this.restructure(tableId, (all) => all.filter((s) => !gone.has(s.key)));
  }

  /** Changes one text field (code, name, 类型 …) of a row of a listed table, checked as when adding it. */
  setRowText(tableId: string, key: string, field: string, text: string): Change {
    const table = this.listedTable(tableId);
    const row = this.listedRow(table, key);
    const input: ListedRowInput = {
      level: row.level!,
      code: row.code,
      name: row.name ?? '',
      fields: { ...row.fields },
    };
    if (field === 'code') input.code = text;
    else if (field === 'name') input.name = text;
    else if (table.template.listScheme!.fields.some((f) => f.key === field)) input.fields![field] = text;
    else throw new WorkbookError(`${tableCode(table.template)}没有“${field}”栏`);
    const problem = listedRowProblem(table, input);
    if (problem) throw new WorkbookError(problem);
    const seed = { ...listedRowSeed(table, input, new Set()), key };
    if (
      seed.code === row.code &&
      seed.name === row.name &&
      JSON.stringify(seed.fields) === JSON.stringify(row.fields)
    )
      return this.unchanged();
    return this.restructure(tableId, (all) => all.map((s) => (s.key === key ? seed : s)));
  }

  /** The typed figures of a table as they are now (input cells with something in them), to put them back later (undo). */
  inputsOf(tableId: string): Edit[] {
    const table = this.tableOf(tableId);
    const edits: Edit[] = [];
    for (const row of table.rows) {
      for (const column of table.columns) {
        const cell = row.cells[column.index];
        if (cell === undefined || this.state.calc.isComputed(cell)) continue;
        const entry = this.state.calc.entries[cell];
        const text = entry === undefined ? '' : entryText(entry);
        if (text !== '') edits.push({ ref: { table: tableId, row: row.key, column: column.key }, text });
      }
    }
    return edits;
  }

  /** The rows of a code-keyed or listed table as they are now, to put them back later (undo). */
  tableRows(tableId: string): RowSeed[] {
    return this.seedsOf(this.tableOf(tableId));
  }

  /** Makes a table's rows these (undo and redo of adding, removing or renaming rows); figures of rows that stay are kept. */
  restoreTableRows(tableId: string, rows: RowSeed[]): Change {
    return this.restructure(tableId, () => rows);
  }

  private tableOf(tableId: string): TableInfo {
    const table = this.state.structure.tableById.get(tableId);
    if (!table) throw new WorkbookError(`没有“${tableId}”`);
    return table;
  }

  private listedTable(tableId: string): TableInfo {
    const table = this.tableOf(tableId);
    if (!table.listed)
      throw new WorkbookError(`${tableCode(table.template)}不是逐行列示的表，不能这样增删行`);
    return table;
  }

  /** A row of a listed table other than its 合计, which the table always has. */
  private listedRow(table: TableInfo, key: string): RowInfo {
    const row = table.rowByKey.get(key);
    if (!row) throw new WorkbookError(`${tableCode(table.template)}没有这一行（${key}）`);
    if (depthOf(table, row.level) < 0) throw new WorkbookError('合计行由程序计算，不能删除或改名');
    return row;
  }

  /** Rows as seeds: a code-keyed table's 科目 (its 合计 is added again when built), a listed table's rows as they stand. */
  private seedsOf(table: TableInfo): RowSeed[] {
    if (table.listed) return table.rows.map(listedSeed);
    return table.rows.filter((r) => r.code !== null).map((r) => codeSeed(table.template, r.code!, r.name));
  }

  /** The report's settings that differ by region (see ReportOptionTemplate), codes by option key. */
  get reportOptions(): Readonly<Record<string, readonly string[]>> {
    return this.options;
  }

  /** Changes a regional setting (what counts as 运行经费): the rules are bound again, the figures stay. */
  setOption(key: string, codes: string[]): Change {
    if (!Object.hasOwn(this.options, key)) throw new WorkbookError(`报表模板没有“${key}”这项设置`);
    this.options = { ...this.options, [key]: [...codes] };
    return this.restructure(null, (seeds) => seeds);
  }

  /**
   * Changes what the report says about itself. A year must be one (2000–2100). A unit the file
   * did not say only names the figures; changing a known unit converts every figure exactly
   * (万元 → 元 multiplies by 10000; 元 → 万元 only where every figure is whole hundreds of 元).
   */
  setMeta(changes: Partial<ReportMeta>): Change {
    const next = {
      ...this.meta,
      ...changes,
      department: (changes.department ?? this.meta.department).trim(),
    };
    const wrongYear = next.year === null ? null : yearProblem(next.year);
    if (wrongYear) throw new WorkbookError(wrongYear);
    const converting = this.meta.unit !== null && next.unit !== null && next.unit !== this.meta.unit;
    const entries = converting
      ? this.convertedEntries(this.meta.unit!, next.unit!)
      : [...this.state.calc.entries];
    if (converting) {
      const factor = next.unit === '元' ? 10_000 : 1 / 10_000;
      this.held = { decimals: 2, step: Math.max(1, this.held.step * factor) };
    }
    this.meta = next;
    return this.rebuild(this.state.structure, entries, null);
  }

  /** Every figure of the report in another unit, exactly; a figure that cannot be is refused, naming its cell. */
  private convertedEntries(from: AmountUnit, to: AmountUnit): (Entry | undefined)[] {
    const { calc } = this.state;
    return calc.entries.map((entry, cell) => {
      if (!entry || entry.value === null) return entry;
      if (to === '元') return { ...entry, value: entry.value * 10_000 };
      if (entry.value % 10_000 !== 0) {
        throw new WorkbookError(
          `${this.state.writer.placeOf(cell)} 为 ${toDecimalString(entry.value)} ${from}，不是 100 元的整数倍，不能精确换算为${to}；报表单位未改`,
        );
      }
      return { ...entry, value: entry.value / 10_000 };
    });
  }

  /** Rebuilds the structure with one table's rows edited (or none: `tableId` null), keeping every figure. */
  private restructure(tableId: string | null, edit: (seeds: RowSeed[]) => RowSeed[]): Change {
    const old = this.state;
    const given = new Map<string, RowSeed[]>();
    for (const table of old.structure.tables) {
      if (!table.listed && !table.codeKeyed) continue;
      const seeds = this.seedsOf(table);
      given.set(table.id, table.id === tableId ? edit(seeds) : seeds);
    }
    const gaps = new Map(
      old.structure.tables.filter((t) => t.rowsGap !== null).map((t) => [t.id, t.rowsGap!]),
    );
    const structure = buildStructure(this.template, given, gaps);
    const entries = structure.cells.map((cell) => {
      const before = findCell(old.structure, cell.row.table.id, cell.row.key, cell.column.key);
      return before === undefined ? undefined : old.calc.entries[before];
    });
    return this.rebuild(structure, entries, tableId);
  }

  /**
   * Computes everything again over a structure with these entries (`tableId`: the table whose rows
   * changed, or null); the change is what differs from before.
   */
  private rebuild(structure: Structure, entries: (Entry | undefined)[], tableId: string | null): Change {
    const old = this.state;
    this.state = this.buildState(structure, entries);
    // A total that showed the figure the file printed follows its parts once a part is added or
    // removed, as after typing (deleting a 款 updates its 类 and everything above it).
    const moved = structure.cells.filter((c) => {
      if (tableId === null) return false;
      const before = findCell(old.structure, c.row.table.id, c.row.key, c.column.key);
      return (
        before !== undefined &&
        old.calc.isComputed(before) &&
        old.calc.computed[before] !== this.state.calc.computed[c.id]
      );
    });
    const { released } = this.collect(this.state.calc.giveWay(moved.map((c) => c.id)));
    const cells = structure.cells
      .filter((c) => {
        const before = findCell(old.structure, c.row.table.id, c.row.key, c.column.key);
        return before === undefined || old.calc.values[before] !== this.state.calc.values[c.id];
      })
      .map((c) => this.refOf(c.id));
    return {
      cells,
      ...findingsDiff(old.store.findings(), this.state.store.findings()),
      skipped: [],
      tables: tableId ? [tableId] : [],
      released,
    };
  }

  private unchanged(): Change {
    return { cells: [], added: [], removed: [], changed: [], skipped: [], tables: [], released: [] };
  }

  // ── findings bookkeeping ───────────────────────────────────────────────────────────────

  private refOf(cell: number): CellRef {
    return refIn(this.state.structure, cell);
  }

  /** After the engine recalculated: every checker re-checks what the change touched. */
  private collect({ cells, instances, released }: RecalcResult): Change {
    const { checkers, store } = this.state;
    const delta: CheckDelta = { cells, instances };
    const before: Finding[] = [];
    const after: Finding[] = [];
    for (const [kind, checker] of checkers) store.put(kind, checker.recheck(delta), before, after);
    const releasedFigures = released.map(({ cell, entry }) => ({
      ref: this.refOf(cell),
      text: entryText(entry),
    }));
    return {
      cells: [...cells].map((c) => this.refOf(c)),
      ...findingsDiff(before, after),
      skipped: [],
      tables: [],
      released: releasedFigures,
    };
  }

  // ── writing ────────────────────────────────────────────────────────────────────────────

  /** The report as decimal strings, ready to save: typed text, kept figures and computed values. */
  /**
   * The report as decimal strings, ready to save: typed text, kept figures and computed values.
   * What the opened file did not have stays out (a figure not given, a row or table not given, with
   * the reasons of incomplete tables), so that the saved report still says it is not there.
   */
  toReport(): ReportFile {
    const { calc, structure } = this.state;
    const absent = (cell: number) => calc.entries[cell]?.absent !== undefined;
    const text = (cell: number): string | null => {
      const entry = calc.entries[cell];
      return entry === undefined ? toDecimalString(calc.computed[cell]!) : entryText(entry) || null;
    };
    const { sources, unplaced, origins } = this.provenance;
    const sheetOf = (table: TableInfo) =>
      table.rows
        .flatMap((r) =>
          table.columns.map(
            (c) => origins.get(cellKey({ table: table.id, row: r.key, column: c.key }))?.sheet,
          ),
        )
        .find(Boolean);
    const rowOut = (row: RowInfo, sheet: string | undefined): ReportRow => {
      const values: Record<string, string | null> = {};
      const read: Record<string, string> = {};
      for (const column of row.table.columns) {
        const cell = row.cells[column.index];
        if (cell === undefined || absent(cell)) continue;
        values[column.key] = text(cell);
        const origin = origins.get(cellKey({ table: row.table.id, row: row.key, column: column.key }));
        if (origin && origin.sheet === sheet) read[column.key] = origin.address;
      }
      // Where the figures were read from travels with them (an autosave snapshot too), so that saving still writes back there.
      const placed = Object.keys(read).length > 0 ? { origins: read } : {};
      if (row.table.listed)
        return {
          code: row.code,
          name: row.name,
          level: row.level,
          ...(row.fields ? { fields: { ...row.fields } } : {}),
          values,
          ...placed,
        };
      return row.table.codeKeyed
        ? { code: row.code, name: row.name, values, ...placed }
        : { role: row.key, name: row.name, side: row.side, hangci: row.hangci, values, ...placed };
    };
    const given = (row: RowInfo) =>
      !row.spare &&
      (row.table.codeKeyed || row.table.listed || row.cells.some((c) => c !== undefined && !absent(c)));
    const tableOut = (table: TableInfo): ReportTable => {
      const sheet = sheetOf(table);
      return {
        id: table.id,
        ...(sheet ? { sheet } : {}),
        rows: table.rows.filter(given).map((row) => rowOut(row, sheet)),
        ...(table.rowsGap !== null ? { gaps: [{ reason: table.rowsGap }] } : {}),
      };
    };
    // A table the file did not have, and that nothing has been typed into since, stays out.
    const untouched = (table: TableInfo) =>
      this.missingTables.includes(table.id) &&
      table.rows.every((r) => r.cells.every((c) => c === undefined || absent(c)));
    return {
      kind: this.kind,
      year: this.year,
      department: this.department,
      unit: this.unit,
      decimals: this.precision.decimals,
      template: this.template.id,
      ...(Object.keys(this.options).length > 0 ? { options: structuredClone(this.options) } : {}),
      tables: structure.tables.filter((t) => !untouched(t)).map(tableOut),
      ...(Object.keys(sources).length > 0 ? { sources: { ...sources } } : {}),
      ...(unplaced.length > 0 ? { unplaced: unplaced.map((u) => ({ ...u })) } : {}),
      ...this.narrativeOut(),
    };
  }

  /** The 情况说明, 补充信息 and reasons for the report file, when there is any. */
  private narrativeOut(): Pick<ReportFile, 'narrative'> {
    const { text, supplementary } = this.narrative;
    const hasFields = Object.keys(supplementary).length > 0;
    const hasReasons = Object.keys(this.userReasons).length > 0;
    if (!text && !hasFields && !hasReasons) return {};
    return {
      narrative: {
        ...(text ? { text: text.text } : {}),
        ...(hasFields ? { supplementary: copySupplementary(supplementary) } : {}),
        ...(hasReasons ? { reasons: { ...this.userReasons } } : {}),
      },
    };
  }
}

/** What is wrong with a report's year (a whole year 2000–2100), in Chinese, or null. */
export function yearProblem(year: number): string | null {
  return Number.isInteger(year) && year >= 2000 && year <= 2100
    ? null
    : `年度“${Number.isNaN(year) ? '' : year}”不对，应为 2000 至 2100 之间的年份`;
}

function refIn(structure: Structure, cell: number): CellRef {
  return refOfCell(structure.cells[cell]!);
}

/** The figures a file prints, as amounts (what its precision is told from); text that is not one is left out. */
function printedFigures(texts: (string | null | undefined)[], unit: AmountUnit | null): Hundredths[] {
  const figures: Hundredths[] = [];
  for (const text of texts) {
    if (!text) continue;
    // Read with fen allowed, so that a figure with fen shows the report is not in whole 元.
    const parsed = parseAmount(text, { reportUnit: unit });
    if (parsed.ok && parsed.value !== null) figures.push(parsed.value);
  }
  return figures;
}

/** Whether a file's cells are more often blank than a printed zero: how it wants zeros shown. */
function leavesZerosBlank(texts: (string | null | undefined)[]): boolean {
  let blank = 0;
  let zero = 0;
  for (const text of texts) {
    if (text === undefined) continue;
    if (text === null || text.trim() === '') blank++;
    else if (/^[-+]?0*(\.0*)?$/u.test(text.trim())) zero++;
  }
  // A report started in the program has nothing to go by: zeros blank, as most documents print them.
  return blank + zero === 0 || blank > zero;
}

function entryText(entry: Entry): string {
  if (entry.invalidText !== undefined) return entry.invalidText;
  if (entry.text !== undefined) return entry.text;
  return entry.value === null ? '' : toDecimalString(entry.value);
}

/** Which findings appeared, disappeared or changed their figures or class between two lists. */
export function findingsDiff(
  before: Iterable<Finding>,
  after: Iterable<Finding>,
): Pick<Change, 'added' | 'removed' | 'changed'> {
  const old = new Map<string, Finding>();
  for (const f of before) old.set(f.key, f);
  const added: Finding[] = [];
  const changed: Finding[] = [];
  for (const f of after) {
    const previous = old.get(f.key);
    old.delete(f.key);
    if (!previous) added.push(f);
    else if (findingChanged(previous, f)) changed.push(f);
  }
  return { added, removed: [...old.values()], changed };
}
