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

/** Groups by name; a group is replaced whole whenever it is re-checked. */
export type CheckerGroups = Map<string, CheckerOutput>;

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
  private readonly groups = new Map<string, CheckerOutput>();

  /** Replaces the groups a checker reported (group names are prefixed with its kind); returns the findings before and after, for diffing. */
  put(kind: string, groups: CheckerGroups): { before: Finding[]; after: Finding[] } {
    const before: Finding[] = [];
    const after: Finding[] = [];
    for (const [name, output] of groups) {
      const key = `${kind}:${name}`;
      before.push(...(this.groups.get(key) ?? NOTHING).findings);
      after.push(...output.findings);
      if (output.findings.length + output.notChecked.length === 0) this.groups.delete(key);
      else this.groups.set(key, output);
    }
    return { before, after };
  }

  findings(): Finding[] {
    return [...this.groups.values()].flatMap((g) => g.findings);
  }

  notChecked(): NotChecked[] {
    return [...this.groups.values()].flatMap((g) => g.notChecked);
  }
}

// ── the built-in checkers ─────────────────────────────────────────────────────────────────

/** The table rules: one group per rule instance, re-checked when the engine says the instance may have changed. */
function ruleChecker({ calc, instances, writer }: CheckContext): Checker {
  const group = (id: number): CheckerOutput => {
    const inst = instances[id]!;
    const outcome = calc.outcomes.get(id);
    const findings = outcome ? writer.describe(inst, outcome) : [];
    if (calc.cycle.includes(id)) findings.push(writer.cycle(inst));
    const why = calc.unchecked.get(id);
    return { findings, notChecked: why ? writer.notChecked(inst, why) : [] };
  };
  const groups = (ids: Iterable<number>) => new Map([...ids].map((id) => [String(id), group(id)]));
  return {
    checkAll: () => groups(instances.keys()),
    recheck: (delta) => groups(delta.instances),
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
  const groups = (cells: Iterable<number>) => new Map([...cells].map((cell) => [String(cell), group(cell)]));
  return {
    checkAll: () => groups(calc.entries.keys()),
    recheck: (delta) => groups(delta.cells),
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
  const groups = (tables: Iterable<string>) => new Map([...new Set(tables)].map((id) => [id, group(id)]));
  return {
    checkAll: () => groups(ruleSet.textRules.map((r) => r.table)),
    recheck: (delta) =>
      groups(
        [...delta.cells]
          .map((c) => structure.cells[c]!)
          .filter((c) => c.column.text)
          .map((c) => c.row.table.id),
      ),
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
    recheck: () => new Map(),
  };
}

registerChecker('rules', ruleChecker);
registerChecker('entries', entryChecker);
registerChecker('text', textRuleChecker);
registerChecker('coverage', coverageChecker);
