import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Workbook, type Finding } from '../../shared/engine/workbook';
import type { SupplementaryValues } from '../../shared/model/report';
import type { NarrativeSet } from '../../shared/narrative/definitions';
import { extractFigures, type Figure } from '../../shared/narrative/figures';
import { scaledText } from '../../shared/narrative/ratio';
import { splitSections } from '../../shared/narrative/sections';
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

/** A figure as compared: its kind, unit and value (0万元 and 0.00万元, 100% and 100.00% are the same figure). */
function figureValue(f: Figure): string {
  const text = scaledText(f.scaled, f.decimals);
  const value = text.includes('.') ? text.replace(/\.?0+$/u, '') : text;
  return `${value}${f.unit}`;
}

/** Each section's figures, by section id, in text order. */
function figuresBySection(set: NarrativeSet, text: string): Map<string, string[]> {
  const { sections } = splitSections(text, set.sections);
  return new Map(
    sections.map((s) => [
      s.definition.id,
      extractFigures(text, { start: s.bodyStart, end: s.end }).map(figureValue),
    ]),
  );
}

/** The published figures (in order) the generated ones do not give, and the generated ones it does not print: a longest common subsequence. */
function compare(published: string[], made: string[]): { missing: string[]; extra: string[] } {
  const n = published.length;
  const m = made.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        published[i] === made[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const missing: string[] = [];
  const extra: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && published[i] === made[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) extra.push(made[j++]!);
    else missing.push(published[i++]!);
  }
  return { missing, extra };
}

/** Per section of the published text: how many figures it prints, which the made text does not give, and which the made text adds. */
export function compareFigures(
  set: NarrativeSet,
  publishedText: string,
  madeText: string,
): Map<string, { total: number; missing: string[]; extra: string[] }> {
  const published = figuresBySection(set, publishedText);
  const made = figuresBySection(set, madeText);
  const result = new Map<string, { total: number; missing: string[]; extra: string[] }>();
  for (const [id, figures] of published)
    result.set(id, { total: figures.length, ...compare(figures, made.get(id) ?? []) });
  return result;
}
