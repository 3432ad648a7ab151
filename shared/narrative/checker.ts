/**
 * The 情况说明 as one more checker of the workbook (kind 'narrative'): fed with the text and the
 * 补充信息, it checks the whole text in one group whenever the text is set and after every edit
 * of a figure it read (any figure may be quoted anywhere in it; the others change nothing it
 * says). Its last report (sections, figures) stays on the holder for the checker's JSON and the
 * window.
 */
import {
  NO_GROUPS,
  registerChecker,
  type CheckContext,
  type Checker,
  type CheckerGroups,
} from '../engine/checks';
import type { AmountUnit } from '../money/money';
import { TableAmounts, type CompiledExpressions } from './amounts';
import { checkNarrative, type NarrativeReport } from './check';
import { narrativeSetFor } from './definitions';
import { tableLookup } from './enumerations';
import type { SupplementaryValues } from './supplementary';
import type { NarrativeText } from './text';

/** What the workbook holds of its 情况说明, shared with the checker across rebuilds of the state. */
export interface NarrativeHolder {
  text: NarrativeText | null;
  supplementary: SupplementaryValues;
  report: NarrativeReport | null;
  /** The report's year and unit now (they can be changed after opening). */
  meta(): { year: number | null; unit: AmountUnit | null; options: Record<string, string[]> };
}

const GROUP = 'text';

function narrativeChecker({ structure, calc, writer, narrative }: CheckContext): Checker {
  const set = narrativeSetFor([
    structure.template.id,
    ...(structure.template.extends ? [structure.template.extends] : []),
  ]);
  // The cells the last check read its amounts from: an edit of any other cell changes nothing it says.
  let read: ReadonlySet<number> = new Set();
  // The structure is this checker's for good; the code lists the expressions were compiled with may change.
  let compiled: { codeLists: Record<string, string[]>; expressions: CompiledExpressions } | null = null;
  const check = (): CheckerGroups => {
    read = new Set();
    if (!narrative.text || !set) {
      narrative.report = null;
      return new Map([[GROUP, { findings: [], notChecked: [] }]]);
    }
    const { year, unit, options } = narrative.meta();
    if (compiled?.codeLists !== options) compiled = { codeLists: options, expressions: new Map() };
    const amounts = new TableAmounts(structure, calc, writer, unit, options, compiled.expressions);
    read = amounts.read;
    const report = checkNarrative(set, narrative.text, {
      amounts,
      tables: tableLookup(structure),
      year,
      supplementary: narrative.supplementary,
    });
    narrative.report = report;
    return new Map([[GROUP, { findings: report.findings, notChecked: report.notChecked }]]);
  };
  return {
    checkAll: check,
    recheck: (delta) => (narrative.text && readsAny(read, delta.cells) ? check() : NO_GROUPS),
  };
}

function readsAny(read: ReadonlySet<number>, cells: ReadonlySet<number>): boolean {
  for (const cell of cells) if (read.has(cell)) return true;
  return false;
}

registerChecker('narrative', narrativeChecker);
