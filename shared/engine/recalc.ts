/**
 * Incremental recalculation over integer hundredths.
 *
 * Every cell shows one number. An input cell shows what was typed. A computed cell (合计, 小计,
 * roll-ups) shows its formula's result, unless the report the user opened printed another figure
 * there: that figure is kept and shown (a document is never silently corrected) and the rule that defines the cell
 * flags the difference. A kept figure gives way to the formula as soon as the user edits a figure
 * it depends on (the total follows the edit), when the formula reaches the same figure, or when
 * the user adopts the computed values.
 *
 * The dependency graph runs from cells to the instances and conditions that read them. Computing
 * instances are ranked topologically once; an edit re-evaluates only what depends on it, rank by
 * rank, and stops where a value does not change. A condition (若 … 则) is evaluated once per edit,
 * and its checks are revisited only when it flips. Cycles are found when ranking and reported.
 *
 * A figure the report does not have (its table, row or column is not in the file) or cannot read
 * (text in an amount cell) is unknown, never a zero. A total computed from an unknown figure is
 * unknown too, unless the file printed the total itself. An instance that needs an unknown figure,
 * or the rows of a table whose rows the file did not all give, is not evaluated: it is unchecked,
 * with the cell or table that is the cause.
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
  /** The report does not have this figure (its table, row or column is not in the file): why. */
  absent?: string;
}

/** Why an instance was not evaluated: an unknown figure (the cell whose own entry is the cause), or a table whose rows are incomplete. */
export type Unchecked = { cell: number } | { table: number };

/** Whether an entry leaves its cell's figure unknown: not in the report, or text that is not an amount. */
export function isUnknownEntry(entry: Entry | undefined): boolean {
  return entry !== undefined && (entry.absent !== undefined || entry.invalidText !== undefined);
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
  /** Shown value of every cell, 0 for blank (and for an unknown figure, which `unknown` marks). */
  readonly values: number[];
  /** 1 where the shown figure is not known (see the module comment). */
  readonly unknown: Uint8Array;
  /** For an unknown cell, the cell whose own entry makes it unknown (itself, or an input of its formula). */
  readonly cause: Int32Array;
  /** Inputs always have an entry; a computed cell has one only while it keeps an imported figure. */
  readonly entries: (Entry | undefined)[];
  /** Formula result of computed cells. */
  readonly computed: number[];
  /** For a computed cell whose formula reads an unknown figure, the cause (see `cause`); else -1. */
  readonly computedCause: Int32Array;
  /** Instance that computes the cell, or -1 for input cells. */
  readonly definedBy: Int32Array;
  readonly outcomes = new Map<number, Outcome>();
  /** Instances not evaluated, with why. */
  readonly unchecked = new Map<number, Unchecked>();
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
  /** Per condition: 1 holds, 0 does not, UNKNOWN when it reads an unknown figure (then guardCause says which). */
  private readonly guardHolds: Uint8Array;
  private readonly guardCause: (Unchecked | null)[];
  private readonly guardReaders: Adjacency;
  private readonly guarded: Adjacency;

  constructor(
    cellCount: number,
    readonly instances: Instance[],
    /** One printed step in hundredths (1 for figures printed to 0.01), the unit of the rounding tail. */
    private readonly printedStep: number,
    /** Tables (by index) whose list of rows the report did not give completely. */
    private readonly incompleteTables: ReadonlySet<number> = new Set(),
  ) {
    this.values = new Array<number>(cellCount).fill(0);
    this.unknown = new Uint8Array(cellCount);
    this.cause = new Int32Array(cellCount).fill(-1);
    this.entries = new Array<Entry | undefined>(cellCount);
    this.computed = new Array<number>(cellCount).fill(0);
    this.computedCause = new Int32Array(cellCount).fill(-1);
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
    this.guardCause = new Array<Unchecked | null>(this.guards.length).fill(null);
    this.readers = new Adjacency(cellCount, (add) => {
      for (const inst of instances) {
        for (const cell of inst.left.cells) add(cell, inst.id);
        for (const cell of inst.right.cells) add(cell, inst.id);
      }
    });
    this.guardReaders = new Adjacency(cellCount, (add) =>
      this.guards.forEach((g, id) => conditionCells(g, (cell) => add(cell, id))),
    );
    this.guarded = new Adjacency(this.guards.length, (add) =>
      instances.forEach((inst) => inst.guard && add(this.guardOf[inst.id]!, inst.id)),
    );
    this.cycle = this.rankInstances();
  }

  /** Calls `visit` with every instance whose formula reads the cell (its checks, and the totals it is part of). */
  forEachReader(cell: number, visit: (instance: number) => void): void {
    this.readers.forEach(cell, visit);
  }

  /** Loads the report's entries and computes everything once. */
  load(entries: (Entry | undefined)[]): void {
    for (let cell = 0; cell < entries.length; cell++) {
      const entry = entries[cell];
      // A computed cell keeps what the file printed there (a blank is a printed 0); dropped below if the formula agrees.
      const kept = this.definedBy[cell]! < 0 ? (entry ?? { value: null }) : entry;
      this.entries[cell] = kept;
      this.values[cell] = kept?.value ?? 0;
      if (isUnknownEntry(kept)) this.markUnknown(cell, cell);
    }
    for (const inst of this.instances) if (this.isComputing(inst)) this.enqueue(inst.id);
    this.drain(new Set(), new Set(), 'load');
    this.guards.forEach((g, id) => this.decideGuard(id, g));
    for (const inst of this.instances) this.evaluate(inst.id);
  }

  private markUnknown(cell: number, cause: number): void {
    this.unknown[cell] = cause >= 0 ? 1 : 0;
    this.cause[cell] = cause;
  }

  /** Sets the entries of input cells (a typed value, a paste) and recomputes once; totals above them follow. */
  setEntries(changes: { cell: number; entry: Entry }[], totalsFollow: boolean): RecalcResult {
    const cells = new Set<number>();
    for (const { cell, entry } of changes) {
      const before = this.entries[cell];
      this.entries[cell] = entry;
      if (
        before?.value === entry.value &&
        before?.invalidText === entry.invalidText &&
        before?.text === entry.text &&
        before?.absent === entry.absent
      )
        continue;
      cells.add(cell);
      this.show(cell, entry.value ?? 0, isUnknownEntry(entry) ? cell : -1);
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
      this.show(cell, this.computed[cell]!, this.computedCause[cell]!);
    }
    return this.finish(cells);
  }

  /**
   * Computed cells that keep a printed figure give way to their formula (their parts changed
   * without an edit: rows were added or removed), as an edit of a part would make them.
   */
  giveWay(cells: number[]): RecalcResult {
    const changed = new Set<number>();
    for (const cell of cells) {
      const kept = this.entries[cell];
      if (this.definedBy[cell]! < 0 || kept === undefined) continue;
      this.release(cell, kept);
      changed.add(cell);
      this.show(cell, this.computed[cell]!, this.computedCause[cell]!);
    }
    return this.finish(changed, true);
  }

  /** Makes computed cells show given figures again (undoing a release): they are kept, as on opening. */
  keep(changes: { cell: number; entry: Entry }[]): RecalcResult {
    const cells = new Set<number>();
    for (const { cell, entry } of changes) {
      if (this.definedBy[cell]! < 0) continue;
      this.entries[cell] = entry;
      cells.add(cell);
      this.show(cell, entry.value ?? 0, isUnknownEntry(entry) ? cell : -1);
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

  /** Shows a figure (unknown when `cause` names a cell); whatever reads the cell is recomputed if that changed. */
  private show(cell: number, value: number, cause: number): void {
    if (this.values[cell] === value && this.cause[cell] === cause) return;
    this.values[cell] = value;
    this.markUnknown(cell, cause);
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
      if (this.decideGuard(id, this.guards[id]!)) this.guarded.forEach(id, (inst) => instances.add(inst));
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
        const missing = this.firstUnknown(inst.right);
        const cause = missing < 0 ? -1 : this.cause[missing]!;
        if (!loading && result === this.computed[cell] && cause === this.computedCause[cell]) continue;
        this.computed[cell] = result;
        this.computedCause[cell] = cause;
        const kept = this.entries[cell];
        // A printed figure agrees with the formula only when every figure of the formula is known.
        const agrees =
          kept !== undefined && !isUnknownEntry(kept) && (kept.value ?? 0) === result && cause < 0;
        if (kept && loading && agrees) this.entries[cell] = undefined;
        else if (kept && (agrees || mode === 'edit')) {
          this.release(cell, kept);
          changedCells.add(cell);
        }
        if (this.entries[cell] === undefined) {
          if (!loading && (this.values[cell] !== result || this.cause[cell] !== cause))
            changedCells.add(cell);
          this.show(cell, result, cause);
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

  /** The first cell of the operand whose figure is unknown, or -1. */
  private firstUnknown(operand: Operand): number {
    for (const cell of operand.cells) if (this.unknown[cell]) return cell;
    return -1;
  }

  /** Why an operand cannot be evaluated (a table whose rows it looks up is incomplete, a figure it reads is unknown), or null. */
  private missingIn(operand: Operand): Unchecked | null {
    for (const table of operand.tables) if (this.incompleteTables.has(table)) return { table };
    const cell = this.firstUnknown(operand);
    return cell < 0 ? null : { cell: this.cause[cell]! };
  }

  private nonZero(operand: Operand): number {
    let n = 0;
    for (const cell of operand.cells) if (this.values[cell] !== 0) n++;
    return n;
  }

  /** Decides a condition again; true when its state (holds, does not, unknown) changed. */
  private decideGuard(id: number, condition: CompiledCondition): boolean {
    const missing: Unchecked[] = [];
    const holds = this.condition(condition, missing);
    const state = holds === null ? UNKNOWN : holds ? 1 : 0;
    const changed = state !== this.guardHolds[id];
    this.guardHolds[id] = state;
    this.guardCause[id] = missing[0] ?? null;
    return changed;
  }

  /** Three-valued: null when the figures that would decide it are unknown (the causes are collected). */
  private condition(condition: CompiledCondition, missing: Unchecked[]): boolean | null {
    switch (condition.kind) {
      case 'const':
        return condition.value;
      case 'unknown':
        missing.push({ table: condition.table });
        return null;
      case 'and':
      case 'or': {
        const decisive = condition.kind === 'or';
        let unknown = false;
        for (const part of condition.parts) {
          const holds = this.condition(part, missing);
          if (holds === decisive) return decisive;
          if (holds === null) unknown = true;
        }
        return unknown ? null : !decisive;
      }
      case 'compare': {
        const gap = this.missingIn(condition.left) ?? this.missingIn(condition.right);
        if (gap) {
          missing.push(gap);
          return null;
        }
        return compare(condition.op, this.sum(condition.left) - this.sum(condition.right));
      }
    }
  }

  /**
   * Classifies one instance as holding, a 尾差 or an error. Each printed figure was rounded to
   * the printed step on its own, so each can be off by half a step: the tail allowed is
   * ceil(k/2) − 1 steps, where k counts the printed figures involved (the left side at least once,
   * plus every non-zero figure on the right). A figure compared with one other figure therefore
   * gets no tolerance at all: the same figure printed twice must be the same.
   */
  private evaluate(id: number): void {
    const inst = this.instances[id]!;
    this.outcomes.delete(id);
    this.unchecked.delete(id);
    const guard = this.guardOf[id]!;
    if (guard >= 0 && this.guardHolds[guard] !== 1) {
      if (this.guardHolds[guard] === UNKNOWN) this.unchecked.set(id, this.guardCause[guard]!);
      return;
    }
    const missing = inst.tables.find((t) => this.incompleteTables.has(t));
    if (missing !== undefined) {
      this.unchecked.set(id, { table: missing });
      return;
    }
    if (inst.kind === 'structure') {
      if (inst.problems.length > 0)
        this.outcomes.set(id, { severity: inst.severity, left: 0, right: 0, tolerance: 0 });
      return;
    }
    const gap = this.missingIn(inst.left) ?? this.missingIn(inst.right);
    if (gap) {
      this.unchecked.set(id, gap);
      return;
    }
    const left = this.sum(inst.left);
    const right = this.sum(inst.right);
    if (compare(inst.op, left - right)) return;
    const k = Math.max(1, this.nonZero(inst.left)) + this.nonZero(inst.right);
    const tolerance = (Math.ceil(k / 2) - 1) * this.printedStep;
    const severity: Severity = inst.rule.advisory
      ? 'warning'
      : Math.abs(left - right) <= tolerance
        ? 'rounding'
        : 'error';
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

/** guardHolds of a condition that reads an unknown figure. */
const UNKNOWN = 2;

function compare(op: string, diff: number): boolean {
  return op === '=' ? diff === 0 : op === '>=' ? diff >= 0 : diff <= 0;
}

function conditionCells(condition: CompiledCondition, visit: (cell: number) => void): void {
  if (condition.kind === 'compare') {
    condition.left.cells.forEach(visit);
    condition.right.cells.forEach(visit);
  } else if (condition.kind === 'and' || condition.kind === 'or') {
    for (const part of condition.parts) conditionCells(part, visit);
  }
}
