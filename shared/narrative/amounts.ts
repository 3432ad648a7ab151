/**
 * The tables' figures a 情况说明 is compared with, read through expressions of the rule language
 * (公开05表[合计].基本支出), in 万元 whatever unit the report holds, with the cells they come from.
 * A figure the file does not have is not a zero: the comparison is not made, and the reason says why.
 */
import { compileExpression, RuleBindError, type Operand } from '../engine/compile';
import type { FindingCell, FindingWriter } from '../engine/findings';
import type { Calculator } from '../engine/recalc';
import type { Structure } from '../engine/structure';
import { convertUnit, type AmountUnit } from '../money/money';

export type Resolved = { value: number; cells: FindingCell[] } | { reason: string };

/**
 * Expressions compiled for one structure and its code lists, null for one the report has no
 * place for: kept from one check to the next, since a table edit changes the figures, not where they are.
 */
export type CompiledExpressions = Map<string, Operand | null>;

export class TableAmounts {
  private readonly cache = new Map<string, Resolved>();
  /** Every cell an amount was read from (or found unknown in): only an edit of one of them can change what the text is checked against. */
  readonly read = new Set<number>();

  constructor(
    private readonly structure: Structure,
    private readonly calc: Calculator,
    private readonly writer: FindingWriter,
    private readonly unit: AmountUnit | null,
    private readonly codeLists: Record<string, string[]>,
    private readonly compiled: CompiledExpressions = new Map(),
  ) {}

  /** The amount an expression names, in hundredths of 万元. */
  of(expression: string): Resolved {
    let resolved = this.cache.get(expression);
    if (!resolved) this.cache.set(expression, (resolved = this.resolve(expression)));
    return resolved;
  }

  private resolve(expression: string): Resolved {
    const operand = this.compile(expression);
    if (operand === null) return { reason: `本报表没有“${expression}”` };
    for (const c of operand.cells) this.read.add(c);
    for (const t of operand.tables) {
      const gap = this.structure.tables[t]!.rowsGap;
      if (gap !== null) return { reason: gap };
    }
    const unknown = operand.cells.find((c) => this.calc.unknown[c]);
    if (unknown !== undefined)
      return { reason: this.writer.uncheckedReason({ cell: this.calc.cause[unknown]! }) };
    const total = this.calc.sum(operand);
    const cells = operand.cells.slice(0, 6).map((c) => this.writer.cellOf(this.structure.cells[c]!));
    return { value: this.unit === '元' ? convertUnit(total, '元', '万元') : total, cells };
  }

  private compile(expression: string): Operand | null {
    let operand = this.compiled.get(expression);
    if (operand === undefined) {
      try {
        operand = compileExpression(this.structure, expression, this.codeLists);
      } catch (error) {
        if (!(error instanceof RuleBindError)) throw error;
        operand = null;
      }
      this.compiled.set(expression, operand);
    }
    return operand;
  }

  /** One cell's amount by its row and column (a 05 row's 小计), in 万元. */
  cell(cellId: number | undefined): Resolved {
    if (cellId === undefined) return { value: 0, cells: [] };
    this.read.add(cellId);
    if (this.calc.unknown[cellId])
      return { reason: this.writer.uncheckedReason({ cell: this.calc.cause[cellId]! }) };
    const value = this.calc.values[cellId]!;
    return {
      value: this.unit === '元' ? convertUnit(value, '元', '万元') : value,
      cells: [this.writer.cellOf(this.structure.cells[cellId]!)],
    };
  }
}
