/**
 * Words that compare an actual figure with its budget: 决算数大于/小于/等于预算数 (and 高于, 低于,
 * 超过). They are written by hand after the figures, and are often left as last year wrote them:
 * the words must agree with the two figures printed before them in the same paragraph.
 */
import type { Span } from './text';

export interface ComparisonClaim extends Span {
  word: string;
  /** The sign of actual − budget the word says. */
  says: -1 | 0 | 1;
}

const WORDS: Record<string, -1 | 0 | 1> = { 大于: 1, 高于: 1, 超过: 1, 小于: -1, 低于: -1, 等于: 0 };
const CLAIM = /决算数?(?:与(?:年初)?预算数?)?(大于|高于|超过|小于|低于|等于)(?!（)(?:年初)?预算数?/gu;

export function comparisonClaims(text: string, span: Span): ComparisonClaim[] {
  const body = text.slice(span.start, span.end);
  return [...body.matchAll(CLAIM)].map((match) => {
    const word = match[1]!;
    const start = span.start + match.index + match[0].indexOf(word);
    return { start, end: start + word.length, word, says: WORDS[word]! };
  });
}

/** The word for a sign of actual − budget. */
export function comparisonWord(sign: number): string {
  return sign > 0 ? '大于' : sign < 0 ? '小于' : '等于';
}
