/**
 * Text laid out in pages, as a PDF gives it (pdftotext writes a form feed between pages), back into
 * paragraphs. A PDF breaks lines where the margin fell, mid-sentence and even mid-figure
 * ("1234.\n56万元"), and prints page numbers and running headers between the lines of a paragraph;
 * the checker reads a sentence within one paragraph, so the lines are joined by what they are:
 * - a line ending a sentence (。！？) ends its paragraph, and so does a blank line; a line ending a
 *   clause (；：) does not, unless a heading or an item follows: lines wrap after them at the margin
 *   (……主要用于： / 局财政业务指导……) as often as lists start after them (其中： / 1、……);
 * - a line that starts a heading or a numbered item (一、 （一） 1、 1. 第三部分) starts a paragraph;
 * - a heading (no clause punctuation in it) is a paragraph of its own, except for its own tail when
 *   it wraps (第三部分……情况 / 说明): a next line without clause punctuation or amounts is taken for
 *   the tail (body text has them in nearly every line; if not, the title stays at the start of the
 *   paragraph, where sections.ts finds titles too);
 * - every other line goes on the paragraph before it, without a space (Chinese text has none
 *   between words, and a line break inside a figure must not leave one).
 * Page numbers and running headers are dropped: they stand on a page's first or last line, a page
 * number alone (12, - 12 -, 第12页), a running header as the same line on more than one page.
 */

const PAGE_BREAK = '\f';

/** Whether a text is laid out in pages (its lines are not paragraphs). */
export function isPagedText(text: string): boolean {
  return text.includes(PAGE_BREAK);
}

const ENDS_SENTENCE = /[。！？!?]$/u;
const NUMERAL = '[一二三四五六七八九十百]+';
/** What starts a heading: 第三部分, 一、, （一）. */
const HEADING_MARK = new RegExp(`^(?:第${NUMERAL}部分|${NUMERAL}、|[（(]${NUMERAL}[）)])`, 'u');
/** What starts a numbered item: 1、 1. 1． (not the 1. of 1.5万元) and （1）. */
const ITEM_MARK = /^(?:\d+[、.．](?!\d)|[（(]\d+[）)])/u;
/** Punctuation inside a sentence and amounts: a heading has neither (a final 。 is allowed). */
const NOT_IN_HEADINGS = /[，,；;：:、]|。(?!$)|\d\s*(?:万元|元|%|％)/u;
const PAGE_NUMBER =
  /^(?:[-—–－]\s*)?\d{1,4}(?:\s*[-—–－])?$|^第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?$|^\d{1,4}\s*\/\s*\d{1,4}$/u;

/** The paragraphs of a text laid out in pages, with page numbers and running headers dropped. */
export function paragraphsOfPages(text: string): string[] {
  const paragraphs: string[] = [];
  let current: { text: string; heading: boolean } | null = null;
  for (const line of withoutPageFurniture(text)) {
    if (current && line !== '' && continues(current, line)) {
      current.text += line;
      // A heading wraps once; what follows its tail is text.
      current.heading = false;
      continue;
    }
    if (current) paragraphs.push(current.text);
    current = line === '' ? null : { text: line, heading: isHeading(line) };
  }
  if (current) paragraphs.push(current.text);
  return paragraphs;
}

/** 一、收入决算情况说明: a heading mark and no clause punctuation after it. */
function isHeading(line: string): boolean {
  const mark = HEADING_MARK.exec(line);
  return mark !== null && !NOT_IN_HEADINGS.test(line.slice(mark[0].length));
}

/** Whether a line goes on the paragraph before it. */
function continues(paragraph: { text: string; heading: boolean }, line: string): boolean {
  if (ENDS_SENTENCE.test(paragraph.text) || HEADING_MARK.test(line) || ITEM_MARK.test(line)) return false;
  return !paragraph.heading || !NOT_IN_HEADINGS.test(line);
}

/** The lines of all pages, trimmed, without the page numbers and running headers at their edges. */
function withoutPageFurniture(text: string): string[] {
  const pages = text.split(PAGE_BREAK).map((page) => page.split(/\r\n|\r|\n/u).map(trimLine));
  const edges = pages.map(edgeLines);
  // How many pages have a line of this shape at their top (or bottom): a running header repeats.
  const recurring = (edge: 'top' | 'bottom', line: string) =>
    edges.filter((e, p) => e[edge] !== undefined && shape(pages[p]![e[edge]]!) === shape(line)).length > 1;
  return pages.flatMap((lines, p) => {
    const furniture = (['top', 'bottom'] as const).flatMap((edge) => {
      const i = edges[p]![edge];
      if (i === undefined) return [];
      const line = lines[i]!;
      // A sentence that happens to open two pages is text, not a header: headers end no sentence.
      return PAGE_NUMBER.test(line) || (!ENDS_SENTENCE.test(line) && recurring(edge, line)) ? [i] : [];
    });
    const kept = lines.filter((_, i) => !furniture.includes(i));
    // A page break is no paragraph break: the blank lines around it go too.
    while (kept[0] === '') kept.shift();
    while (kept.at(-1) === '') kept.pop();
    return kept;
  });
}

function trimLine(line: string): string {
  return line.replace(/^[\s\u3000\ufeff]+|[\s\u3000\ufeff]+$/gu, '');
}

/** A page's first and last non-blank lines. */
function edgeLines(lines: string[]): { top: number | undefined; bottom: number | undefined } {
  const filled = lines.flatMap((line, i) => (line === '' ? [] : [i]));
  return { top: filled[0], bottom: filled.at(-1) };
}

/** A line with its numbers masked: page 12's header and page 13's are the same line. */
function shape(line: string): string {
  return line.replace(/\d+/gu, '#');
}
