/**
 * The written 情况说明 as the checker sees it: one string of paragraphs joined by "\n", so that every
 * finding can point at a span (start, end) of it, whatever file the text came from. A .txt file and
 * a Word file of the same text give the same string: paragraphs are trimmed and empty ones dropped,
 * because Word and editors differ only in such whitespace. Text laid out in pages (extracted from a
 * PDF) is joined back into its paragraphs first (lines.ts).
 */
import { isPagedText, paragraphsOfPages } from './lines';

export interface Span {
  start: number;
  end: number;
}

export interface NarrativeText {
  text: string;
  /** Each paragraph's span in `text` (without its "\n"). */
  paragraphs: Span[];
}

/** Blank characters at paragraph ends: ASCII whitespace, the ideographic space and the BOM. */
const EDGE_BLANKS = /^[\s\u3000\ufeff]+|[\s\u3000\ufeff]+$/gu;

export function narrativeFromParagraphs(paragraphs: readonly string[]): NarrativeText {
  const kept = paragraphs.map((p) => p.replace(EDGE_BLANKS, '')).filter((p) => p !== '');
  const spans: Span[] = [];
  let offset = 0;
  for (const paragraph of kept) {
    spans.push({ start: offset, end: offset + paragraph.length });
    offset += paragraph.length + 1;
  }
  return { text: kept.join('\n'), paragraphs: spans };
}

/**
 * Plain text: one paragraph per line (\n, \r\n or \r); text with page breaks (a PDF's, from
 * pdftotext) has its lines joined into paragraphs.
 */
export function narrativeFromPlainText(text: string): NarrativeText {
  if (isPagedText(text)) return narrativeFromParagraphs(paragraphsOfPages(text));
  return narrativeFromParagraphs(text.split(/\r\n|\r|\n/u));
}

/** Where sentences end: 。！？ and the end of a paragraph. */
const SENTENCE_END = /[。！？!?]|\n/gu;

/** The sentences of a span, as spans (each ending after its 。), without empty ones. */
export function sentencesOf(text: string, span: Span): Span[] {
  const sentences: Span[] = [];
  let start = span.start;
  const body = text.slice(span.start, span.end);
  for (const match of body.matchAll(SENTENCE_END)) {
    const end = span.start + match.index + (match[0] === '\n' ? 0 : 1);
    if (end > start) sentences.push({ start, end });
    start = span.start + match.index + 1;
  }
  if (span.end > start) sentences.push({ start, end: span.end });
  return sentences.filter((s) => text.slice(s.start, s.end).trim() !== '');
}

/** The index of the last of `spans` (in order, none overlapping) that starts at or before `at`, or -1. */
export function lastStartingBy(spans: readonly Span[], at: number): number {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (spans[middle]!.start <= at) low = middle + 1;
    else high = middle - 1;
  }
  return high;
}
