/**
 * Workbook-wide undo and redo (Ctrl+Z / Ctrl+Y). Each step is a command the user gave with the
 * command that undoes it (shared/engine/commands.ts); undo applies the inverse, redo the command
 * again, through the same engine, so totals and findings come back exactly as they were. Whether
 * the report is unsaved follows from the steps: back at the step it was saved at, it is not.
 */
import { apply, type Command, type Result } from './commands';
import type { Workbook } from './workbook';

interface Step {
  id: number;
  command: Command;
  inverse: Command;
}

export class EditHistory {
  private readonly done: Step[] = [];
  private readonly undone: Step[] = [];
  private nextId = 1;
  /** The step the report was saved (or opened) at; 0 before any step. */
  private savedAt = 0;

  constructor(
    private readonly workbook: Workbook,
    private readonly limit = 500,
  ) {}

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Whether the report differs from how it was saved or opened. */
  get dirty(): boolean {
    return this.position !== this.savedAt;
  }

  /** The report is as saved now. */
  markSaved(): void {
    this.savedAt = this.position;
  }

  private get position(): number {
    return this.done.at(-1)?.id ?? 0;
  }

  /** Applies a command the user gave; a change is recorded as a step, a refusal and a command that changes nothing are not. */
  apply(command: Command): Result {
    const result = apply(this.workbook, command);
    if (result.ok && result.inverse) {
      this.done.push({ id: this.nextId++, command, inverse: result.inverse });
      if (this.done.length > this.limit) this.done.shift();
      this.undone.length = 0;
    }
    return result;
  }

  undo(): Result | null {
    const step = this.done.pop();
    if (!step) return null;
    this.undone.push(step);
    return apply(this.workbook, step.inverse);
  }

  redo(): Result | null {
    const step = this.undone.pop();
    if (!step) return null;
    this.done.push(step);
    return apply(this.workbook, step.command);
  }
}
