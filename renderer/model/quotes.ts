/**
 * The 情况说明 sentences that quote a cell: those holding a figure the checker compared with it,
 * and those whose findings name it. The formula bar lists them, each a link to its sentence.
 */
import { cellKey, type CellRef } from '../../shared/engine/findings';
import type { Workbook } from '../../shared/engine/workbook';
import { sentencesOf, type Span } from '../../shared/narrative/text';

export interface Quote extends Span {
  text: string;
}

export function quotingSentences(workbook: Workbook, ref: CellRef): Quote[] {
  const narrative = workbook.narrativeText;
  const report = workbook.narrativeReport;
  if (!narrative || !report) return [];
  const key = cellKey(ref);
  const at = [
    ...report.figures.filter((f) => f.cells?.some((c) => cellKey(c) === key)).map((f) => f.start),
    ...report.findings
      .filter((f) => f.location.kind === 'narrative' && f.cells.some((c) => c.ref && cellKey(c.ref) === key))
      .map((f) => (f.location.kind === 'narrative' ? f.location.start : 0)),
  ];
  if (at.length === 0) return [];
  const { text } = narrative;
  const sentences = narrative.paragraphs.flatMap((p) => sentencesOf(text, p));
  return sentences
    .filter((s) => at.some((offset) => offset >= s.start && offset < s.end))
    .map((s) => ({ ...s, text: text.slice(s.start, s.end) }));
}
