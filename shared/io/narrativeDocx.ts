/**
 * Writes a 情况说明 as a Word document (.docx) laid out as such documents are published: the part
 * title (第三部分 …) centred in 黑体 二号, section titles (一、…) as Word headings in 黑体 三号, part
 * titles (（一）…) in 楷体 三号, the body in 仿宋_GB2312 三号 with a two-character first-line indent
 * and 28-point lines. Figures are plain text. Reading the file back (narrativeFile.ts) gives the same text.
 */
import { AlignmentType, Document, HeadingLevel, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import type { NarrativeSet } from '../narrative/definitions';
import { outlineOf, type OutlinedParagraph, type Role } from '../narrative/outline';
import type { NarrativeText } from '../narrative/text';

/** 三号 = 16 pt, 二号 = 22 pt (docx sizes are in half-points). */
const SIZE_3 = 32;
const SIZE_2 = 44;
const LATIN = 'Times New Roman';
const font = (eastAsia: string) => ({ eastAsia, ascii: LATIN, hAnsi: LATIN });
const BODY_FONT = font('仿宋_GB2312');
const ROLE_FONT: Record<Role, ReturnType<typeof font>> = {
  part: font('黑体'),
  section: font('黑体'),
  subsection: font('楷体_GB2312'),
  body: BODY_FONT,
};
/** Fixed 28-point lines (in twips), the usual spacing of 公文. */
const LINE = { line: 560, lineRule: LineRuleType.EXACT };

function paragraphOf({ text, role, title }: OutlinedParagraph): Paragraph {
  const run = (t: string, r: Role) => new TextRun({ text: t, font: ROLE_FONT[r], size: SIZE_3 });
  switch (role) {
    case 'part':
      return new Paragraph({
        heading: HeadingLevel.TITLE,
        alignment: AlignmentType.CENTER,
        spacing: { ...LINE, after: 280 },
        children: [new TextRun({ text, font: ROLE_FONT.part, size: SIZE_2 })],
      });
    case 'section':
    case 'subsection':
      return new Paragraph({
        heading: role === 'section' ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
        indent: { firstLine: 640 },
        spacing: LINE,
        children: [run(text, role)],
      });
    case 'body':
      return new Paragraph({
        indent: { firstLine: 640 },
        alignment: AlignmentType.JUSTIFIED,
        spacing: LINE,
        children:
          title > 0
            ? [run(text.slice(0, title), 'section'), run(text.slice(title), 'body')]
            : [run(text, 'body')],
      });
  }
}

/** Word's own heading styles would be blue Calibri: these are black, in the documents' fonts. */
function headingStyle(id: string, name: string, role: Role, size: number) {
  return {
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: ROLE_FONT[role], size, color: '000000', bold: false, italics: false },
    paragraph: { spacing: LINE },
  };
}

export async function writeNarrativeDocx(
  narrative: NarrativeText,
  set: NarrativeSet | null,
): Promise<Uint8Array> {
  const document = new Document({
    styles: {
      default: { document: { run: { font: BODY_FONT, size: SIZE_3 } } },
      paragraphStyles: [
        headingStyle('Title', 'Title', 'part', SIZE_2),
        headingStyle('Heading1', 'Heading 1', 'section', SIZE_3),
        headingStyle('Heading2', 'Heading 2', 'subsection', SIZE_3),
      ],
    },
    sections: [
      {
        // A4 with the 公文 margins (37 mm top, 35 mm bottom, 28 mm left, 26 mm right), in twips.
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
          },
        },
        children: outlineOf(narrative, set).map(paragraphOf),
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
