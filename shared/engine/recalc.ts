/**
 * Incremental recalculation over integer hundredths.
 *
 * Every cell shows one number. An input cell shows what was typed. A computed cell (合计, 小计,
 * roll-ups) shows its formula's result, unless the report the user opened printed another figure
 * there: that figure is kept and shown (DESIGN principle 3) and the rule that defines the cell
 * flags the difference. A kept figure gives way to the formula as soon as the user edits a figure
 * it depends on (the total follows the edit), when the formula reaches the same figure, or when
 * the user adopts the computed values.
 *
 * The dependency graph runs from cells to the instances and conditions that read them. Computing
 * instances are ranked topologically once; an edit re-evaluates only what depends on it, rank by
 * rank, and stops where a value does not change. A condition (若 … 则) is evaluated once per edit,
 * and its checks are revisited only when it flips. Cycles are found when ranking and reported.
 */
import type { Hundredths } from '../money/money';
import type { CompiledCondition, Instance, Operand } from './compile';

/** What the report holds for a cell: a number (null when blank) and, for unreadable text, the text. */
export interface Entry {
  value: Hundredths | null;
  invalidText?: string;
  reason?: string;
  /** The content of a text column's cell (value is then null: text counts as nothing in a sum). */
  text?: string;
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
  /** Computed cells that stopped keeping an imported figure, with that figure (for undo). */
  released: { cell: number; entry: Entry }[];
}

/** Adjacency lists packed into two arrays (compressed sparse rows): node → the ids that read it. */
class Adjacency {
  private readonly start: Int32Array;
  private readonly targets: Int32Array;

  constructor(nodeCount: number, edges: (add: (node: number, reader: number) => void) => void) {
    const counts = new Int32Array(nodeCount + 1);
    edges((node) => counts[node + 1]!++);
    for (let i = 0; i < nodeCount; i++) counts[i + 1]! += counts[i]!;
    this.start = counts;
    this.targets = new Int32Array(counts[nodeCount]!);
    const fill = counts.slice(0, nodeCount);
    edges((node, reader) => (this.targets[fill[node]!++] = reader));
  }

  forEach(node: number, visit: (reader: number) => void): void {
    for (let i = this.start[node]!, end = this.start[node + 1]!; i < end; i++) visit(this.targets[i]!);
  }
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
  /** Computing instances that lie on a cycle; their cells were turned into inputs. */
  readonly cycle: number[];

  private readonly readers: Adjacency;
  private readonly rank: Int32Array;
  private readonly buckets: number[][] = [];
  private readonly queued: Uint8Array;
  private released: { cell: number; entry: Entry }[] = [];

  /** Distinct conditions, each evaluated once per edit. */
  private readonly guards: CompiledCondition[] = [];
  private readonly guardOf: Int32Array;
  private readonly guardHolds: Uint8Array;
  private readonly guardReaders: Adjacency;
  private readonly guarded: Adjacency;

  constructor(
    cellCount: number,
    readonly instances: Instance[],
    private readonly roundingTolerance: boolean,
  ) {
    this.values = new Array<number>(cellCount).fill(0);
    this.entries = new Array<Entry | undefined>(cellCount);
    this.computed = new Array<number>(cellCount).fill(0);
    this.definedBy = new Int32Array(cellCount).fill(-1);
    this.rank = new Int32Array(instances.length);
    this.queued = new Uint8Array(instances.length);
    this.guardOf = new Int32Array(instances.length).fill(-1);
    const guardIds = new Map<CompiledCondition, number>();
    for (const inst of instances) {
      if (inst.target >= 0) this.definedBy[inst.target] = inst.id;
      if (inst.guard) {
        let id = guardIds.get(inst.guard);
        if (id === undefined) guardIds.set(inst.guard, (id = this.guards.push(inst.guard) - 1));
        this.guardOf[inst.id] = id;
      }
    }
    this.guardHolds = new Uint8Array(this.guards.length);
    this.readers = new Adjacency(cellCount, (add) => {
      for (const inst of instances) {
        for (const cell of inst.left.cells) add(cell, inst.id);
        for (const cell of inst.right.cells) add(cell, inst.id);
      }
    });
    this.guardReaders = new Adjacency(cellCount, (add) => this.guards.forEach((g, id) => conditionCells(g, (cell) => add(cell, id))));
    this.guarded = new Adjacency(this.guards.length, (add) => instances.forEach((inst) => inst.guard && add(this.guardOf[inst.id]!, inst.id)));
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
        this.values[cell] = entry.value ?? 0;
      }
    }
    for (const inst of this.instances) if (this.isComputing(inst)) this.enqueue(inst.id);
    this.drain(new Set(), new Set(), 'load');
    this.guards.forEach((g, id) => (this.guardHolds[id] = this.condition(g) ? 1 : 0));
    for (const inst of this.instances) this.evaluate(inst.id);
  }

  /** Sets the entries of input cells (a typed value, a paste) and recomputes once; totals above them follow. */
  setEntries(changes: { cell: number; entry: Entry }[], totalsFollow: boolean): RecalcResult {
    const cells = new Set<number>();
    for (const { cell, entry } of changes) {
      const before = this.entries[cell];
      this.entries[cell] = entry;
      if (before?.value === entry.value && before?.invalidText === entry.invalidText && before?.text === entry.text) continue;
      cells.add(cell);
      this.showValue(cell, entry.value ?? 0);
    }
    return this.finish(cells, totalsFollow);
  }

  /** Drops every kept figure so that each computed cell shows its formula's result. */
  adoptComputed(): RecalcResult {
    const cells = new Set<number>();
    for (let cell = 0; cell < this.entries.length; cell++) {
      const kept = this.entries[cell];
      if (this.definedBy[cell]! < 0 || kept === undefined) continue;
      this.release(cell, kept);
      cells.add(cell);
      this.showValue(cell, this.computed[cell]!);
    }
    return this.finish(cells);
  }

  /** Makes computed cells show given figures again (undoing a release): they are kept, as on opening. */
  keep(changes: { cell: number; entry: Entry }[]): RecalcResult {
    const cells = new Set<number>();
    for (const { cell, entry } of changes) {
      if (this.definedBy[cell]! < 0) continue;
      this.entries[cell] = entry;
      cells.add(cell);
      this.showValue(cell, entry.value ?? 0);
    }
    return this.finish(cells);
  }

  private release(cell: number, kept: Entry): void {
    this.entries[cell] = undefined;
    this.released.push({ cell, entry: kept });
  }

  isComputed(cell: number): boolean {
    return this.definedBy[cell]! >= 0;
  }

  private isComputing(inst: Instance): boolean {
    return inst.target >= 0 && this.definedBy[inst.target] === inst.id;
  }

  private showValue(cell: number, value: number): void {
    if (this.values[cell] === value) return;
    this.values[cell] = value;
    this.readers.forEach(cell, (id) => this.enqueue(id));
  }

  private finish(cells: Set<number>, totalsFollow = false): RecalcResult {
    const instances = new Set<number>();
    this.drain(cells, instances, totalsFollow ? 'edit' : 'restore');
    const guards = new Set<number>();
    for (const cell of cells) {
      this.readers.forEach(cell, (id) => instances.add(id));
      this.guardReaders.forEach(cell, (id) => guards.add(id));
    }
    for (const id of guards) {
      const holds = this.condition(this.guards[id]!) ? 1 : 0;
      if (holds === this.guardHolds[id]) continue;
      this.guardHolds[id] = holds;
      this.guarded.forEach(id, (inst) => instances.add(inst));
    }
    for (const id of instances) this.evaluate(id);
    const released = this.released;
    this.released = [];
    return { cells, instances, released };
  }

  private enqueue(id: number): void {
    if (this.queued[id] || !this.isComputing(this.instances[id]!)) return;
    this.queued[id] = 1;
    (this.buckets[this.rank[id]!] ??= []).push(id);
  }

  /**
   * Recomputes queued computing instances in rank order; each queues the readers of its cell.
   * A kept figure whose formula result moved gives way to it after a user's edit ('edit'); on
   * opening ('load') and when undo restores figures ('restore') it stays unless the two agree.
   */
  private drain(changedCells: Set<number>, touched: Set<number>, mode: 'load' | 'edit' | 'restore'): void {
    const loading = mode === 'load';
    for (let r = 0; r < this.buckets.length; r++) {
      const bucket = this.buckets[r];
      if (!bucket) continue;
      for (let i = 0; i < bucket.length; i++) {
        const inst = this.instances[bucket[i]!]!;
        this.queued[inst.id] = 0;
        touched.add(inst.id);
        const cell = inst.target;
        const result = this.sum(inst.right);
        if (!loading && result === this.computed[cell]) continue;
        this.computed[cell] = result;
        const kept = this.entries[cell];
        const agrees = kept !== undefined && kept.invalidText === undefined && (kept.value ?? 0) === result;
        if (kept && loading && agrees) this.entries[cell] = undefined;
        else if (kept && (agrees || mode === 'edit')) {
          this.release(cell, kept);
          changedCells.add(cell);
        }
        if (this.entries[cell] === undefined) {
          if (!loading && this.values[cell] !== result) changedCells.add(cell);
          this.showValue(cell, result);
        }
      }
      bucket.length = 0;
    }
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

  private condition(condition: CompiledCondition): boolean {
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
    const guard = this.guardOf[id]!;
    if (guard >= 0 && !this.guardHolds[guard]) {
      this.outcomes.delete(id);
      return;
    }
    if (inst.kind === 'structure') {
      if (inst.problems.length > 0) this.outcomes.set(id, { severity: inst.severity, left: 0, right: 0, tolerance: 0 });
      return;
    }
    const left = this.sum(inst.left);
    const right = this.sum(inst.right);
    if (compare(inst.op, left - right)) {
      this.outcomes.delete(id);
      return;
    }
    const k = Math.max(1, this.nonZero(inst.left)) + this.nonZero(inst.right);
    const tolerance = this.roundingTolerance ? Math.ceil(k / 2) - 1 : 0;
    const severity: Severity = inst.rule.advisory ? 'warning' : Math.abs(left - right) <= tolerance ? 'rounding' : 'error';
    this.outcomes.set(id, { severity, left, right, tolerance });
  }

  /** Kahn's algorithm over computing instances; what remains unranked lies on a cycle. */
  private rankInstances(): number[] {
    const computing = this.instances.filter((inst) => this.isComputing(inst));
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
    for (let i = 0; i < ready.length; i++) {
      const id = ready[i]!;
      for (const user of users[id] ?? []) {
        this.rank[user] = Math.max(this.rank[user]!, this.rank[id]! + 1);
        if (--pending[user]! === 0) ready.push(user);
      }
    }
    const stuck = computing.filter((inst) => pending[inst.id]! > 0).map((inst) => inst.id);
    for (const id of stuck) this.definedBy[this.instances[id]!.target] = -1;
    return stuck;
  }
}

function compare(op: string, diff: number): boolean {
  return op === '=' ? diff === 0 : op === '>=' ? diff >= 0 : diff <= 0;
}

function conditionCells(condition: CompiledCondition, visit: (cell: number) => void): void {
  if (condition.kind === 'compare') {
    condition.left.cells.forEach(visit);
    condition.right.cells.forEach(visit);
  } else if (condition.kind !== 'const') {
    for (const part of condition.parts) conditionCells(part, visit);
  }
}
