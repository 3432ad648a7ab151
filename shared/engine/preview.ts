/**
 * What a command would do, told before it is done (采用计算值 asks first): the command is applied
 * through the same engine and at once undone by its inverse, so that the preview is exactly what
 * the command will do and the workbook is left as it was. No history step is recorded.
 */
import { apply, type Command } from './commands';
import { cellKey, type Finding } from './findings';
import type { Severity } from './recalc';
import type { Workbook } from './workbook';

/** Findings of one rule that a command makes appear or disappear, counted by class. */
export interface FindingGroup {
  ruleId: string;
  title: string;
  counts: Record<Severity, number>;
}

export interface CommandPreview {
  /** Cells whose figure or state would change. */
  cells: number;
  /** Findings that would disappear and appear, by rule, in the order of the findings list. */
  removed: FindingGroup[];
  added: FindingGroup[];
  /** Findings that stay but whose figures would change. */
  changed: number;
}

export type PreviewResult = { ok: true; preview: CommandPreview } | { ok: false; reason: string };

export function previewCommand(workbook: Workbook, command: Command): PreviewResult {
  const result = apply(workbook, command);
  if (!result.ok) return result;
  if (result.inverse) {
    const undone = apply(workbook, result.inverse);
    // The inverse of a command just applied is always accepted; if not, the workbook is no longer as it was.
    if (!undone.ok) throw new Error(`预览后未能复原：${undone.reason}`);
  }
  const { cells, added, removed, changed } = result.change;
  return {
    ok: true,
    preview: {
      cells: new Set(cells.map(cellKey)).size,
      removed: groupFindings(removed),
      added: groupFindings(added),
      changed: changed.length,
    },
  };
}

const noCounts = (): Record<Severity, number> => ({ error: 0, rounding: 0, warning: 0 });

/** Findings counted by rule and class, the rules in their first finding's order. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    let group = groups.get(f.ruleId);
    if (!group) {
      group = { ruleId: f.ruleId, title: f.title, counts: noCounts() };
      groups.set(f.ruleId, group);
    }
    group.counts[f.severity]++;
  }
  return [...groups.values()];
}

/** How many findings of each class the groups hold together. */
export function countBySeverity(groups: readonly FindingGroup[]): Record<Severity, number> {
  const counts = noCounts();
  for (const g of groups) for (const s of Object.keys(counts) as Severity[]) counts[s] += g.counts[s];
  return counts;
}
