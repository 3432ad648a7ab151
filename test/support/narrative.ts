import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Workbook, type Finding } from '../../shared/engine/workbook';
import type { SupplementaryValues } from '../../shared/model/report';
import { narrativeFromPlainText } from '../../shared/narrative/text';
import { loadSample, type Anomaly } from './fixtures';

export type SampleName = 'final-2023-jiefang' | 'final-2024-gaoxin' | 'budget-2025-jiaozuo';

/** A sample's 情况说明 as plain text (test/fixtures/narrative, made from the sample's `narrative`). */
export function narrativeText(name: SampleName): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/narrative/${name}.txt`, import.meta.url)), 'utf8');
}

/** The sample's tables opened, with `text` (by default the sample's own 情况说明) checked against them. */
export function openWithNarrative(
  name: SampleName,
  text = narrativeText(name),
  supplementary: SupplementaryValues = {},
): Workbook {
  const workbook = Workbook.open(loadSample(name));
  workbook.setNarrative(narrativeFromPlainText(text), supplementary);
  return workbook;
}

export function narrativeFindings(workbook: Workbook): Finding[] {
  return workbook.findings().filter((f) => f.location.kind === 'narrative');
}

/** The sample's anomalies about its 情况说明: those whose rule starts with §. */
export function narrativeAnomalies(name: SampleName): Anomaly[] {
  return loadSample(name).anomalies.filter((a) => (a.rule ?? '').startsWith('§'));
}

/** One line per finding to compare with an anomaly: rule, class, printed figure and what was expected (unit words and explanations dropped). */
export function comparable(f: {
  ruleId: string;
  severity: string;
  printed?: string | null;
  expected: string | null;
}): string {
  const strip = (t: string | null | undefined) => (t ?? '').replace(/万元$/u, '');
  const expected = strip(f.expected).split(/\s+/u).slice(0, 2).join(' ').replace(/万元$/u, '');
  return `${f.ruleId}|${f.severity}|${strip(f.printed)}|${expected}`;
}

/** The text with one occurrence of `from` replaced (the test fails when `from` is not in it exactly once). */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`“${from}”在文本中不是恰好出现一次`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
