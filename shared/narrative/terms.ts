/**
 * Tells what a figure is from the words around it, through the terms of its section (data). A
 * term's last word must stand between the previous figure of the sentence and this one, its other
 * words earlier in the sentence, in order; or its `after` words must follow the figure. Of the
 * terms that fit, the one naming most words wins, then the one whose words start latest (the
 * nearest subject: 因公出国（境）费支出决算 within a sentence about “三公”经费), then the longest.
 */
import type { Term } from './definitions';
import type { Figure } from './figures';
import type { Span } from './text';

export interface TermMatch {
  term: Term;
  /** Where the term's words start. */
  from: number;
}

export function matchTerm(
  terms: readonly Term[],
  text: string,
  sentence: Span,
  nearStart: number,
  figure: Figure,
): TermMatch | null {
  let best: { match: TermMatch; words: number; length: number } | null = null;
  for (const term of terms) {
    if (Boolean(term.count) !== (figure.kind === 'count')) continue;
    const found =
      term.after !== undefined
        ? followedBy(text, figure, sentence, term.after)
        : wordsBefore(text, sentence, nearStart, figure.start, term.words ?? []);
    if (found === null) continue;
    const words = term.after !== undefined ? 1 : (term.words ?? []).length;
    const length = term.after?.length ?? (term.words ?? []).join('').length;
    const better =
      !best ||
      words > best.words ||
      (words === best.words &&
        (found > best.match.from || (found === best.match.from && length > best.length)));
    if (better) best = { match: { term, from: found }, words, length };
  }
  return best?.match ?? null;
}

/** Where the first word stands when all the words stand in order before `end`; null otherwise. */
function wordsBefore(
  text: string,
  sentence: Span,
  nearStart: number,
  end: number,
  words: readonly string[],
): number | null {
  if (words.length === 0) return null;
  let limit = end;
  for (let i = words.length - 1; i >= 0; i--) {
    const floor = i === words.length - 1 ? nearStart : sentence.start;
    // Searched between floor and limit only: text.lastIndexOf alone would scan back to the text's start for each term.
    const at = limit > floor ? text.substring(floor, limit).lastIndexOf(words[i]!) : -1;
    if (at < 0) return null;
    limit = floor + at;
  }
  return limit;
}

function followedBy(text: string, figure: Figure, sentence: Span, words: string): number | null {
  const rest = text.slice(figure.end, sentence.end).replace(/^[ \u3000]+/u, '');
  return rest.startsWith(words) ? figure.end : null;
}

/** Direction words a change figure follows (各增加, 比上年减少, 增长 …): +1 up, −1 down. */
const DIRECTION = /(增加|增长|上升|减少|下降|降低)了?$/u;

export function directionBefore(near: string): { word: string; sign: 1 | -1 } | null {
  const match = DIRECTION.exec(near.replace(/[ \u3000]+$/u, ''));
  if (!match) return null;
  const word = match[1]!;
  return { word, sign: word === '增加' || word === '增长' || word === '上升' ? 1 : -1 };
}
