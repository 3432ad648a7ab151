/**
 * A 情况说明's paragraphs with what each is in the document (the part title, a section's or a
 * part's title, body text), for the files that lay it out: the Word document and the publication
 * workbook's 情况说明 sheet.
 */
import type { NarrativeSet } from './definitions';
import { splitSections, type Section } from './sections';
import type { NarrativeText } from './text';

/** What a paragraph is in the document: the part title, a section's or a part's title, or body text. */
export type Role = 'part' | 'section' | 'subsection' | 'body';

/** A paragraph with its role; `title` is the length of a section title that starts a body paragraph. */
export interface OutlinedParagraph {
  text: string;
  role: Role;
  title: number;
}

/**
 * The paragraphs with their roles: a paragraph that is exactly a section's title is a heading; a
 * title glued to its text (…情况说明。本年度…) stays in its paragraph, written in the heading's font.
 * Text before the first section is the part title, unless it holds sentences (a budget's 部门概况
 * before its first section is text, not a title). Without a set every paragraph is body text.
 */
export function outlineOf(narrative: NarrativeText, set: NarrativeSet | null): OutlinedParagraph[] {
  const split = set ? splitSections(narrative.text, set.sections) : null;
  const titles = new Map<number, { end: number; role: Role }>();
  const mark = (sections: Section[], role: Role) => {
    for (const s of sections) {
      titles.set(s.start, { end: s.bodyStart, role });
      mark(s.parts, 'subsection');
    }
  };
  if (split) mark(split.sections, 'section');
  return narrative.paragraphs.map((p) => {
    const text = narrative.text.slice(p.start, p.end);
    const title = titles.get(p.start);
    if (split && split.sections.length > 0 && p.end <= split.preamble.end)
      return { text, role: isTitle(text) ? 'part' : 'body', title: 0 };
    if (!title) return { text, role: 'body', title: 0 };
    if (narrative.text.slice(title.end, p.end).trim() === '') return { text, role: title.role, title: 0 };
    return { text, role: 'body', title: title.end - p.start };
  });
}

/** A title ends no sentence within it or at its end. */
const isTitle = (text: string) => !/[。；！？]/u.test(text);
