/**
 * Splits a 情况说明 into its sections by their titles. The titles are data (each section lists the
 * wordings of the years and regions that print it), so a new template adds its wording, not code.
 * Sections are looked for in their order; a section may have parts (五（一）（二）（三）) that are
 * looked for inside it the same way. A title counts only where a title can stand: at the start of a
 * paragraph or right after a sentence (some files glue the title to the text that follows).
 */
import type { Span } from './text';

export interface SectionTitles {
  id: string;
  titles: string[];
  parts?: SectionTitles[];
  /** A section some documents leave out (the Shanghai set has no 政府采购 section of its own). */
  optional?: boolean;
}

export interface Section<D extends SectionTitles = SectionTitles> extends Span {
  definition: D;
  /** The title as printed. */
  title: string;
  /** Where the text after the title starts. */
  bodyStart: number;
  parts: Section<D>[];
}

export interface SplitResult<D extends SectionTitles> {
  sections: Section<D>[];
  /** Sections the text does not have (in definition order), with the text before the first section. */
  missing: D[];
  /** Text before the first section (the part title 第三部分 …). */
  preamble: Span;
}

/** Spaces that PDF and Word extraction put between characters of a title. */
const INNER_SPACE = '[ \\u3000]*';
/** Full-width and half-width forms of the punctuation titles are written with. */
const EQUIVALENT: Record<string, string> = {
  '.': '[.．]',
  '．': '[.．]',
  '(': '[(（]',
  '（': '[(（]',
  ')': '[)）]',
  '）': '[)）]',
  ':': '[:：]',
  '：': '[:：]',
};

function titlePattern(title: string): RegExp {
  const chars = [...title.replace(/[。.．]$/u, '')].filter((c) => !/\s/u.test(c));
  const body = chars.map((c) => EQUIVALENT[c] ?? c.replace(/[\\^$.*+?()[\]{}|]/gu, '\\$&')).join(INNER_SPACE);
  return new RegExp(`${body}[。.．]?`, 'gu');
}

const patterns = new Map<string, RegExp>();
function patternOf(title: string): RegExp {
  let pattern = patterns.get(title);
  if (!pattern) patterns.set(title, (pattern = titlePattern(title)));
  return pattern;
}

/** A title may start a paragraph or follow the end of a sentence. */
function canStartTitle(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /[ \u3000]/u.test(text[i]!)) i--;
  return i < 0 || /[\n。：:；]/u.test(text[i]!);
}

/** The earliest place in [from, to) where one of the titles stands. */
function findTitle(
  text: string,
  titles: readonly string[],
  from: number,
  to: number,
): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  for (const title of titles) {
    const pattern = patternOf(title);
    pattern.lastIndex = from;
    for (let match = pattern.exec(text); match && match.index < to; match = pattern.exec(text)) {
      if (match.index + match[0].length > to) break;
      if (!canStartTitle(text, match.index)) continue;
      // The longest wording wins at the same place (…决算情况说明 over …决算情况).
      if (
        !best ||
        match.index < best.start ||
        (match.index === best.start && match.index + match[0].length > best.end)
      ) {
        best = { start: match.index, end: match.index + match[0].length };
      }
      break;
    }
  }
  return best;
}

export function splitSections<D extends SectionTitles>(
  text: string,
  definitions: readonly D[],
  span: Span = { start: 0, end: text.length },
): SplitResult<D> {
  const found: { definition: D; start: number; end: number }[] = [];
  const missing: D[] = [];
  let cursor = span.start;
  for (const definition of definitions) {
    const at = findTitle(text, definition.titles, cursor, span.end);
    if (!at) {
      if (!definition.optional) missing.push(definition);
      continue;
    }
    found.push({ definition, ...at });
    cursor = at.end;
  }
  const sections = found.map(({ definition, start, end }, i): Section<D> => {
    const sectionEnd = found[i + 1]?.start ?? span.end;
    const parts = definition.parts
      ? splitSections(text, definition.parts as D[], { start: end, end: sectionEnd }).sections
      : [];
    return {
      definition,
      title: text.slice(start, end).trim(),
      start,
      end: trimEnd(text, sectionEnd),
      bodyStart: end,
      parts,
    };
  });
  return { sections, missing, preamble: { start: span.start, end: found[0]?.start ?? span.end } };
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/u.test(text[e - 1]!)) e--;
  return e;
}
