/**
 * Where a figure comes from and which rules read it, in the words of the formula bar: typed,
 * read from the file at sheet!cell, or computed as the sum of named cells; and for every rule that
 * reads it whether it holds, is off by a 尾差, fails, or was not checked.
 */
import { toDecimalString } from '../money/money';
import type { Structure } from './structure';
import type { Provenance } from './workbook';
import type { Instance } from './compile';
import { refOfCell, type CellRef, type FindingWriter } from './findings';
import type { Calculator, Severity } from './recalc';

export interface SourceTerm {
  ref: CellRef;
  /** The cell named in full: 公开05表 2080505 机关事业单位基本养老保险缴费支出「小计」. */
  name: string;
  sign: 1 | -1;
}

export type CellSource =
  | { kind: 'computed'; ruleId: string; title: string; terms: SourceTerm[]; constant: string }
  | { kind: 'read'; sheet: string; address: string }
  | { kind: 'typed' }
  | { kind: 'blank' }
  /** The file does not have this figure. */
  | { kind: 'absent'; reason: string };

export interface RuleReading {
  ruleId: string;
  title: string;
  /** 'pass' holds; a severity when it does not; 'unchecked' when it was not run (未核对). */
  state: Severity | 'pass' | 'unchecked';
}

export interface CellExplanation {
  name: string;
  source: CellSource;
  rules: RuleReading[];
}

export interface ExplainContext {
  structure: Structure;
  calc: Calculator;
  instances: Instance[];
  writer: FindingWriter;
  /** Where each figure of the opened file was, with the text read there (by cell key). */
  read: Provenance['origins'];
  /** The cell's input as it is now, in the form the reader produced it. */
  inputText(ref: CellRef): string;
}

function sourceOf(ctx: ExplainContext, cell: number, ref: CellRef, key: string): CellSource {
  const { calc, instances, structure, writer } = ctx;
  const definedBy = calc.definedBy[cell]!;
  if (definedBy >= 0) {
    const inst = instances[definedBy]!;
    const terms = inst.right.cells.map((c, i) => ({
      ref: refOfCell(structure.cells[c]!),
      name: writer.placeOf(c),
      sign: inst.right.signs[i]!,
    }));
    return {
      kind: 'computed',
      ruleId: inst.rule.id,
      title: inst.rule.title,
      terms,
      constant: toDecimalString(inst.right.constant),
    };
  }
  const entry = calc.entries[cell];
  if (entry?.absent) return { kind: 'absent', reason: entry.absent };
  const read = ctx.read.get(key);
  if (read && read.text !== null && ctx.inputText(ref) === read.text)
    return { kind: 'read', sheet: read.sheet, address: read.address };
  return entry === undefined || (entry.value === null && !entry.invalidText && !entry.text)
    ? { kind: 'blank' }
    : { kind: 'typed' };
}

function rulesReading(ctx: ExplainContext, cell: number): RuleReading[] {
  const { calc, instances } = ctx;
  const seen = new Map<string, RuleReading>();
  const add = (id: number) => {
    const inst = instances[id]!;
    const outcome = calc.outcomes.get(id);
    const state: RuleReading['state'] = calc.unchecked.has(id)
      ? 'unchecked'
      : outcome
        ? outcome.severity
        : 'pass';
    const before = seen.get(inst.rule.id);
    // A rule bound many times (one instance per row) is listed once, by its worst state.
    if (!before || rank(state) > rank(before.state))
      seen.set(inst.rule.id, { ruleId: inst.rule.id, title: inst.rule.title, state });
  };
  calc.forEachReader(cell, add);
  const definedBy = calc.definedBy[cell]!;
  if (definedBy >= 0) add(definedBy);
  return [...seen.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1));
}

const RANK: Record<RuleReading['state'], number> = {
  pass: 0,
  unchecked: 1,
  warning: 2,
  rounding: 3,
  error: 4,
};
const rank = (state: RuleReading['state']) => RANK[state];

export function explainCell(ctx: ExplainContext, cell: number, ref: CellRef, key: string): CellExplanation {
  return {
    name: ctx.writer.placeOf(cell),
    source: sourceOf(ctx, cell, ref, key),
    rules: rulesReading(ctx, cell),
  };
}
