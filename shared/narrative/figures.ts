/**
 * Every figure a 情况说明 quotes: amounts with their unit word (万元, 元), percentages and counts
 * (个, 人次, 辆, 台（套）…), each with its span in the text. Figures are exact: an amount is held in
 * hundredths of its unit when it has at most two decimals, a percentage as its digits and the
 * number of decimals printed, so that it can be compared at the printed precision.
 */
import type { Span } from './text';

export type FigureKind = 'amount' | 'percent' | 'count';

export interface Figure extends Span {
  kind: FigureKind;
  /** As printed, with its unit or % sign. */
  printed: string;
  /** The number without unit, as printed (commas removed). */
  digits: string;
  /** amount: 万元 or 元; count: the measure word; percent: %. */
  unit: string;
  /** Scaled integer: the number times 10^decimals. */
  scaled: bigint;
  decimals: number;
}

/** Counting words the documents use after a whole number (longest first, so 台（套） wins over 台). */
const COUNT_WORDS = ['台（套）', '台(套)', '人次', '个', '辆', '台', '项'];

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const FIGURE = new RegExp(
  String.raw`(?<![\d.])(-?)(${NUMBER})\s*(万元|元|%|％|${COUNT_WORDS.map((w) => w.replace(/[()]/gu, '\\$&')).join('|')})`,
  'gu',
);

export function extractFigures(text: string, span: Span = { start: 0, end: text.length }): Figure[] {
  const body = text.slice(span.start, span.end);
  const figures: Figure[] = [];
  for (const match of body.matchAll(FIGURE)) {
    const [whole, sign = '', number = '', unitWord = ''] = match;
    const unit = unitWord === '％' ? '%' : unitWord;
    const kind: FigureKind = unit === '%' ? 'percent' : unit.endsWith('元') ? 'amount' : 'count';
    // A count is a whole number: "2.5个" is not a count this checker understands.
    if (kind === 'count' && number.includes('.')) continue;
    const digits = number.replaceAll(',', '');
    const [intPart = '0', fraction = ''] = digits.split('.');
    const start = span.start + match.index;
    figures.push({
      kind,
      printed: whole,
      digits: `${sign}${digits}`,
      unit,
      scaled: BigInt(`${sign}${intPart}${fraction}`),
      decimals: fraction.length,
      start,
      end: start + whole.length,
    });
  }
  return figures;
}

/** An amount figure in hundredths of its own unit, or null when it has more than two decimals. */
export function hundredthsOf(figure: Figure): number | null {
  if (figure.decimals > 2) return null;
  return Number(figure.scaled * 10n ** BigInt(2 - figure.decimals));
}
