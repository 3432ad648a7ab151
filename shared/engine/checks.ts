/**
 * Every source of findings is a checker: the table rules (审核公式), the cells whose text is not
 * an amount, the text rules of the 绩效 forms, the tables a set requires, and next the written
 * 情况说明. A checker reports its findings and the checks it could not run (未核对) in groups;
 * after an edit it re-checks only the groups the edit touched. One store holds them all.
 */
import type { Instance } from './compile';
import type { FindingWriter, Finding, NotChecked } from './findings';
import type { NarrativeHolder } from '../narrative/checker';
import type { Calculator } from './recalc';
import type { ParsedRuleSet } from '../rules/ruleset';
import type { ColumnInfo, RowInfo, Structure } from './structure';
import { TextChecker } from './textChecks';

/** What one group of a checker found: findings, and checks not run with why. */
export interface CheckerOutput {
  findings: Finding[];
  notChecked: NotChecked[];
}

/** Groups by name (a rule instance's by its number); a group is replaced whole whenever it is re-checked. */
export type CheckerGroups = ReadonlyMap<string | number, CheckerOutput>;

/** What a re-check that touched nothing returns. */
export const NO_GROUPS: CheckerGroups = new Map();

/**
 * The groups of `names`, each as `group` finds it. Built in one loop: an edit re-checks a few dozen
 * groups, and a typed figure should leave as little behind for the garbage collector as it can.
 */
export function groupsOf<K extends string | number>(
  names: Iterable<K>,
  group: (name: K) => CheckerOutput,
): CheckerGroups {
  const out = new Map<K, CheckerOutput>();
  for (const name of names) out.set(name, group(name));
  return out;
}

/** What a checker sees of the open report. */
export interface CheckContext {
  structure: Structure;
  calc: Calculator;
  instances: Instance[];
  writer: FindingWriter;
  ruleSet: ParsedRuleSet;
  /** Tables the template requires that the report does not have. */
  missingTables: readonly string[];
  /** The written 情况说明 and its 补充信息, when the report has them. */
  narrative: NarrativeHolder;
}

/** What an edit changed: cells whose figure, text or state changed, and rule instances to look at again. */
export interface CheckDelta {
  cells: ReadonlySet<number>;
  instances: ReadonlySet<number>;
}

export interface Checker {
  /** Everything, when the report is opened or its rows change. */
  checkAll(): CheckerGroups;
  /** The groups an edit touched. */
  recheck(delta: CheckDelta): CheckerGroups;
}

export type CheckerFactory = (context: CheckContext) => Checker;

const factories = new Map<string, CheckerFactory>();

/** Adds a kind of checker to every workbook opened from now on; returns what removes it again. */
export function registerChecker(kind: string, factory: CheckerFactory): () => void {
  if (factories.has(kind)) throw new Error(`审核器“${kind}”已经登记`);
  factories.set(kind, factory);
  return () => factories.delete(kind);
}

/** The checkers of a workbook, by kind. */
export function createCheckers(context: CheckContext): Map<string, Checker> {
  return new Map([...factories].map(([kind, factory]) => [kind, factory(context)]));
}

const NOTHING: CheckerOutput = { findings: [], notChecked: [] };

/** Holds the findings and 未核对 of every checker's groups. */
export class FindingsStore {
  /** By checker kind, then by group name. */
  private readonly groups = new Map<string, Map<string | number, CheckerOutput>>();

  /** Replaces the groups a checker reported; adds the findings they had and have now to `before` and `after`, for diffing. */
  put(kind: string, groups: CheckerGroups, before: Finding[] = [], after: Finding[] = []): void {
    let own = this.groups.get(kind);
    if (!own) this.groups.set(kind, (own = new Map()));
    for (const [name, output] of groups) {
      const old = own.get(name);
      if (old) for (const f of old.findings) before.push(f);
      for (const f of output.findings) after.push(f);
      if (output.findings.length + output.notChecked.length === 0) own.delete(name);
      else own.set(name, output);
    }
  }

  findings(): Finding[] {
    return [...this.outputs()].flatMap((g) => g.findings);
  }

  notChecked(): NotChecked[] {
    return [...this.outputs()].flatMap((g) => g.notChecked);
  }

  private *outputs(): Iterable<CheckerOutput> {
    for (const own of this.groups.values()) yield* own.values();
  }
}

// ── the built-in checkers ─────────────────────────────────────────────────────────────────

/** The table rules: one group per rule instance, re-checked when the engine says the instance may have changed. */
function ruleChecker({ calc, instances, writer }: CheckContext): Checker {
  const group = (id: number): CheckerOutput => {
    const outcome = calc.outcomes.get(id);
    const onCycle = calc.cycle.includes(id);
    const why = calc.unchecked.get(id);
    // Most checks an edit touches hold: they leave nothing behind.
    if (!outcome && !onCycle && !why) return NOTHING;
    const inst = instances[id]!;
    const findings = outcome ? writer.describe(inst, outcome) : [];
    if (onCycle) findings.push(writer.cycle(inst));
    return { findings, notChecked: why ? writer.notChecked(inst, why) : [] };
  };
  return {
    checkAll: () => groupsOf(instances.keys(), group),
    recheck: (delta) => groupsOf(delta.instances, group),
  };
}

const INVALID_RULE = { id: 'V01', title: '单元格内容不是有效金额' };

/** Cells whose text is not an amount: kept as typed, explained, one group per cell. */
function entryChecker({ calc, structure, writer }: CheckContext): Checker {
  const group = (cell: number): CheckerOutput => {
    const entry = calc.entries[cell];
    if (entry?.invalidText === undefined) return NOTHING;
    return {
      findings: [
        writer.invalidEntry(INVALID_RULE, structure.cells[cell]!, entry.invalidText, entry.reason ?? ''),
      ],
      notChecked: [],
    };
  };
  return {
    checkAll: () => groupsOf(calc.entries.keys(), group),
    recheck: (delta) => groupsOf(delta.cells, group),
  };
}

/** The text rules of the 绩效 forms: one group per table, re-checked when a text cell of it changes. */
function textRuleChecker({ calc, structure, ruleSet }: CheckContext): Checker {
  const text = (row: RowInfo, column: ColumnInfo) => {
    const cell = row.cells[column.index];
    return cell === undefined ? null : (calc.entries[cell]?.text ?? null);
  };
  const checker = new TextChecker(text);
  const group = (tableId: string): CheckerOutput => {
    const table = structure.tableById.get(tableId);
    return table ? { findings: checker.check(table, ruleSet.textRules), notChecked: [] } : NOTHING;
  };
  const textTables = (cells: Iterable<number>) => {
    const tables = new Set<string>();
    for (const id of cells) {
      const cell = structure.cells[id]!;
      if (cell.column.text) tables.add(cell.row.table.id);
    }
    return tables;
  };
  return {
    checkAll: () => groupsOf(new Set(ruleSet.textRules.map((r) => r.table)), group),
    recheck: (delta) => groupsOf(textTables(delta.cells), group),
  };
}

const MISSING_TABLE_RULE = { id: 'V02', title: '缺少公开表' };

/** The tables the set requires that the report does not have: known when it is opened. */
function coverageChecker({ writer, missingTables }: CheckContext): Checker {
  return {
    checkAll: () =>
      new Map([
        [
          'tables',
          {
            findings: missingTables.map((id) => writer.missingTable(MISSING_TABLE_RULE, id)),
            notChecked: [],
          },
        ],
      ]),
    recheck: () => NO_GROUPS,
  };
}

registerChecker('rules', ruleChecker);
registerChecker('entries', entryChecker);
registerChecker('text', textRuleChecker);
registerChecker('coverage', coverageChecker);
