/**
 * Incremental recalculation over integer hundredths.
 *
 * Every cell shows one number. An input cell shows what was typed. A computed cell (合计, 小计,
 * roll-ups) shows its formula's result, unless the report the user opened printed another figure
 * there: that figure is kept and shown (DESIGN principle 3) and the rule that defines the cell
 * flags the difference, until the formula's result reaches the same figure or the user adopts
 * the computed values.
 *
 * The dependency graph runs from cells to the instances that read them. Computing instances are
 * ranked topologically once; an edit re-evaluates only what depends on it, rank by rank, and
 * stops where a value does not change. Cycles are found when ranking and left as plain checks.
 */
import type { Hundredths } from '../money/money';
import type { CompareInstance, CompiledCondition, Instance, Operand } from './compile';

/** What the report holds for a cell: a number (null when blank) and, for unreadable text, the text. */
export interface Entry {
  value: Hundredths | null;
  invalidText?: string;
  reason?: string;
}

export type Severity = 'error' | 'rounding' | 'warning';

export interface Outcome {
  severity: Severity;
  left: Hundredths;
  right: Hundredths;
  /** Allowed rounding tail for this instance, in hundredths. */
  tolerance: number;
}

export interface RecalcResult {
  /** Cells whose shown value or state changed. */
  cells: Set<number>;
  /** Instances whose outcome may have changed. */
  instances: Set<number>;
}

export interface CycleReport {
  instances: number[];
}

export class Calculator {
  /** Shown value of every cell, 0 for blank. */
  readonly values: number[];
  /** Inputs always have an entry; a computed cell has one only while it keeps an imported figure. */
  readonly entries: (Entry | undefined)[];
  /** Formula result of computed cells. */
  readonly computed: number[];
  /** Instance that computes the cell, or -1 for input cells. */
  readonly definedBy: Int32Array;
  readonly outcomes = new Map<number, Outcome>();
  readonly cycle: CycleReport | null;

  private readonly dependents: number[][];
  private readonly rank: Int32Array;
  private readonly buckets: number[][] = [];
  private readonly queuedAt: Int32Array;
  private epoch = 0;

  constructor(
    cellCount: number,
    readonly instances: Instance[],
    private readonly roundingTolerance: boolean,
  ) {
    this.values = new Array<number>(cellCount).fill(0);
    this.entries = new Array<Entry | undefined>(cellCount);
    this.computed = new Array<number>(cellCount).fill(0);
    this.definedBy = new Int32Array(cellCount).fill(-1);
    this.dependents = Array.from({ length: cellCount }, () => []);
    this.rank = new Int32Array(instances.length);
    this.queuedAt = new Int32Array(instances.length);
    for (const inst of instances) {
      if (inst.kind === 'compare' && inst.target >= 0) this.definedBy[inst.target] = inst.id;
      for (const cell of readCells(inst)) this.dependents[cell]!.push(inst.id);
    }
    this.cycle = this.rankInstances();
  }

  /** Loads the report's entries and computes everything once. */
  load(entries: (Entry | undefined)[]): void {
    for (let cell = 0; cell < entries.length; cell++) {
      const entry = entries[cell];
      if (this.definedBy[cell]! < 0) {
        this.entries[cell] = entry ?? { value: null };
        this.values[cell] = entry?.value ?? 0;
      } else if (entry && (entry.value !== null || entry.invalidText !== undefined)) {
        // Kept for now; dropped below if the formula gives the same figure.
        this.entries[cell] = entry;
      }
    }
    const all = new Set<number>();
    for (const inst of this.instances) {
      all.add(inst.id);
      if (this.isComputing(inst)) this.enqueue(inst.id);
    }
    this.drain(new Set(), all, true);
    for (const id of all) this.evaluate(id);
  }

  /** Sets the entries of input cells (a typed value, a paste) and recomputes once. */
  setEntries(changes: { cell: number; entry: Entry }[]): RecalcResult {
    const cells = new Set<number>();
    for (const { cell, entry } of changes) {
      const before = this.entries[cell];
      this.entries[cell] = entry;
      if (before?.value === entry.value && before?.invalidText === entry.invalidText) continue;
      cells.add(cell);
      this.changedValue(cell, entry.value ?? 0);
    }
    return this.finish(cells);
  }

  /** Drops every kept figure so that each computed cell shows its formula's result. */
  adoptComputed(): RecalcResult {
    const cells = new Set<number>();
    for (let cell = 0; cell < this.entries.length; cell++) {
      if (this.definedBy[cell]! < 0 || this.entries[cell] === undefined) continue;
      this.entries[cell] = undefined;
      cells.add(cell);
      this.changedValue(cell, this.computed[cell]!);
    }
    return this.finish(cells);
  }

  isComputed(cell: number): boolean {
    return this.definedBy[cell]! >= 0;
  }

  private isComputing(inst: Instance): inst is CompareInstance {
    return inst.kind === 'compare' && inst.target >= 0 && this.definedBy[inst.target] === inst.id;
  }

  private changedValue(cell: number, value: number): void {
    if (this.values[cell] === value) return;
    this.values[cell] = value;
    for (const id of this.dependents[cell]!) this.enqueue(id);
  }

  private finish(cells: Set<number>): RecalcResult {
    const instances = new Set<number>();
    for (const cell of cells) for (const id of this.dependents[cell]!) instances.add(id);
    this.drain(cells, instances, false);
    for (const id of instances) this.evaluate(id);
    return { cells, instances };
  }

  private enqueue(id: number): void {
    if (this.queuedAt[id] === this.epoch + 1) return;
    this.queuedAt[id] = this.epoch + 1;
    const r = this.rank[id]!;
    (this.buckets[r] ??= []).push(id);
  }

  /**
   * Recomputes queued instances in rank order. Computing instances update their cell and queue
   * its readers; checks are only collected, to be evaluated once all values are final.
   */
  private drain(changedCells: Set<number>, touched: Set<number>, loading: boolean): void {
    for (let r = 0; r < this.buckets.length; r++) {
      const bucket = this.buckets[r];
      if (!bucket) continue;
      for (let i = 0; i < bucket.length; i++) {
        const inst = this.instances[bucket[i]!]!;
        touched.add(inst.id);
        if (!this.isComputing(inst)) continue;
        const cell = inst.target;
        const result = this.sum(inst.right);
        const kept = this.entries[cell];
        const changed = loading || result !== this.computed[cell];
        this.computed[cell] = result;
        if (!changed) continue;
        if (kept && kept.invalidText === undefined && (kept.value ?? 0) === result) {
          // The imported figure agrees with the formula: from now on the cell follows it.
          this.entries[cell] = undefined;
          changedCells.add(cell);
        }
        if (this.entries[cell] === undefined) {
          if (this.values[cell] !== result) changedCells.add(cell);
          this.changedValue(cell, result);
        } else if (loading) {
          this.values[cell] = kept?.value ?? 0;
        }
      }
      bucket.length = 0;
    }
    this.epoch++;
  }

  sum(operand: Operand): number {
    let total = operand.constant;
    const { cells, signs } = operand;
    for (let i = 0; i < cells.length; i++) total += signs[i]! * this.values[cells[i]!]!;
    if (!Number.isSafeInteger(total)) throw new RangeError('金额超出可处理范围');
    return total;
  }

  private nonZero(operand: Operand): number {
    let n = 0;
    for (const cell of operand.cells) if (this.values[cell] !== 0) n++;
    return n;
  }

  condition(condition: CompiledCondition): boolean {
    switch (condition.kind) {
      case 'const':
        return condition.value;
      case 'and':
        return condition.parts.every((p) => this.condition(p));
      case 'or':
        return condition.parts.some((p) => this.condition(p));
      case 'compare':
        return compare(condition.op, this.sum(condition.left) - this.sum(condition.right));
    }
  }

  /**
   * Classifies one instance (DESIGN principle 4). The rounding tail allowed is
   * ceil(k/2) − 1 hundredths, where k counts the printed figures involved: the left side at least
   * once, plus every non-zero figure on the right (final-accounts spec §1, tol(n)). A figure
   * compared with one other figure therefore gets no tolerance at all.
   */
  private evaluate(id: number): void {
    const inst = this.instances[id]!;
    if (inst.kind !== 'compare') {
      const applies = inst.problems.length > 0 && (!inst.guard || this.condition(inst.guard));
      if (applies) this.outcomes.set(id, { severity: inst.severity, left: 0, right: 0, tolerance: 0 });
      else this.outcomes.delete(id);
      return;
    }
    const left = this.sum(inst.left);
    const right = this.sum(inst.right);
    if (compare(inst.op, left - right) || (inst.guard && !this.condition(inst.guard))) {
      this.outcomes.delete(id);
      return;
    }
    const k = Math.max(1, this.nonZero(inst.left)) + this.nonZero(inst.right);
    const tolerance = this.roundingTolerance ? Math.ceil(k / 2) - 1 : 0;
    const miss = Math.abs(left - right);
    const severity: Severity = inst.rule.advisory ? 'warning' : miss <= tolerance ? 'rounding' : 'error';
    this.outcomes.set(id, { severity, left, right, tolerance });
  }

  /** Kahn's algorithm over computing instances; what remains unranked lies on a cycle. */
  private rankInstances(): CycleReport | null {
    const computing = this.instances.filter((inst): inst is CompareInstance => this.isComputing(inst));
    const pending = new Int32Array(this.instances.length);
    const users: number[][] = [];
    for (const inst of computing) {
      for (const cell of inst.right.cells) {
        const producer = this.definedBy[cell]!;
        if (producer < 0) continue;
        pending[inst.id]!++;
        (users[producer] ??= []).push(inst.id);
      }
    }
    const ready = computing.filter((inst) => pending[inst.id] === 0).map((inst) => inst.id);
    for (const id of ready) this.rank[id] = 0;
    let maxRank = 0;
    for (let i = 0; i < ready.length; i++) {
      const id = ready[i]!;
      for (const user of users[id] ?? []) {
        this.rank[user] = Math.max(this.rank[user]!, this.rank[id]! + 1);
        maxRank = Math.max(maxRank, this.rank[user]!);
        if (--pending[user]! === 0) ready.push(user);
      }
    }
    // Checks run after every computed value is final.
    for (const inst of this.instances) if (!this.isComputing(inst)) this.rank[inst.id] = maxRank + 1;
    if (ready.length === computing.length) return null;
    const stuck = computing.filter((inst) => pending[inst.id]! > 0);
    for (const inst of stuck) {
      this.definedBy[inst.target] = -1;
      this.rank[inst.id] = maxRank + 1;
    }
    return { instances: stuck.map((inst) => inst.id) };
  }
}

function compare(op: string, diff: number): boolean {
  return op === '=' ? diff === 0 : op === '>=' ? diff >= 0 : diff <= 0;
}

function* readCells(inst: Instance): Generator<number> {
  if (inst.kind === 'compare') {
    yield* inst.left.cells;
    yield* inst.right.cells;
  }
  if (inst.guard) yield* conditionCells(inst.guard);
}

function* conditionCells(condition: CompiledCondition): Generator<number> {
  if (condition.kind === 'compare') {
    yield* condition.left.cells;
    yield* condition.right.cells;
  } else if (condition.kind !== 'const') {
    for (const part of condition.parts) yield* conditionCells(part);
  }
}
