/**
 * The parts of an .xlsx around its sheets: which sheets there are (name and part, in the workbook's
 * order), the shared strings the cells point to, which cell styles show a number as a date, and
 * whether dates count from 1904. Followed by the relationships, as Excel does, not by part names.
 */
import { MAX_CELLS, MAX_TEXT_CHARS } from './limits';
import { Refusal } from './refusal';
import { readXmlPart } from './xmlStream';
import type { Archive } from './zipArchive';

export interface SheetPart {
  name: string;
  /** The part's path in the archive (which may lack it: a damaged file), or null when the workbook's relationship to it is missing. */
  path: string | null;
}

export interface WorkbookParts {
  sheets: SheetPart[];
  sharedStrings: string[];
  /** Indexes of the cell styles (cellXfs) whose number format is a date or time. */
  dateStyles: Set<number>;
  /** Dates count from 1904-01-01 (old Mac Excel), not from 1900. */
  date1904: boolean;
}

/** Built-in number formats that are dates or times, including the Chinese ones (27–36, 50–58). */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A format code shows a date when a date or time letter is left after quoted text, [..] sections and escapes. */
function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/gu, '')
    .replace(/\[[^\]]*\]/gu, '')
    .replace(/\\.|_.|\*./gu, '');
  return /[ymdhs]/iu.test(bare.replace(/General/giu, ''));
}

/** Where a relationship's target is: relative to the folder of the part that points to it, or from the root. */
function resolve(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

/** The relationships file of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
function relsOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Relationship {
  type: string;
  path: string;
}

function readRelationships(archive: Archive, part: string): Map<string, Relationship> {
  const relationships = new Map<string, Relationship>();
  readXmlPart(archive, relsOf(part), {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External')
        relationships.set(a.Id, { type: a.Type ?? '', path: resolve(part, a.Target) });
    },
  });
  return relationships;
}

const ofType = (relationships: Map<string, Relationship>, type: string) =>
  [...relationships.values()].find((r) => r.type.endsWith(`/${type}`))?.path;

function readSharedStrings(archive: Archive, path: string | undefined): string[] {
  const strings: string[] = [];
  if (!path) return strings;
  let current: string[] | null = null;
  let length = 0;
  // Text of <t> in the string or its runs, never of <rPh> (the phonetic reading shown above it).
  let inText = false;
  let inPhonetic = false;
  readXmlPart(archive, path, {
    open(name) {
      if (name === 'si') {
        current = [];
        length = 0;
        if (strings.length >= MAX_CELLS)
          throw new Refusal(
            `共享字符串超过 ${MAX_CELLS.toLocaleString('en-US')} 个，远多于任何报表，文件过大`,
          );
      } else if (name === 'rPh') inPhonetic = true;
      else if (name === 't') inText = !inPhonetic;
    },
    text(text) {
      if (!inText || current === null) return;
      length += text.length;
      if (length > MAX_TEXT_CHARS)
        throw new Refusal(
          `共享字符串第 ${strings.length + 1} 个超过 ${MAX_TEXT_CHARS} 个字符（Excel 的单元格上限），不是 Excel 保存的文件`,
        );
      current.push(text);
    },
    close(name) {
      if (name === 'si' && current !== null) {
        strings.push(current.join(''));
        current = null;
      } else if (name === 'rPh') inPhonetic = false;
      else if (name === 't') inText = false;
    },
  });
  return strings;
}

function readDateStyles(archive: Archive, path: string | undefined): Set<number> {
  const dateStyles = new Set<number>();
  if (!path) return dateStyles;
  const customDates = new Set<number>();
  let inCellXfs = false;
  let xf = 0;
  readXmlPart(archive, path, {
    open(name, a) {
      if (name === 'numFmt' && isDateFormat(a.formatCode ?? '')) customDates.add(Number(a.numFmtId));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const format = Number(a.numFmtId ?? 0);
        if (BUILT_IN_DATES.has(format) || customDates.has(format)) dateStyles.add(xf);
        xf++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return dateStyles;
}

export function readWorkbookParts(archive: Archive): WorkbookParts {
  const root = readRelationships(archive, '');
  const workbookPath = ofType(root, 'officeDocument') ?? 'xl/workbook.xml';
  const listed: { name: string; id: string }[] = [];
  let date1904 = false;
  const found = readXmlPart(archive, workbookPath, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      // The relationship id is r:id, whatever prefix the file gives the relationships namespace.
      const id = Object.entries(a).find(([key]) => key.endsWith(':id'))?.[1];
      if (id) listed.push({ name: a.name ?? '', id });
    },
  });
  if (!found) throw new Refusal('压缩包中没有工作簿（xl/workbook.xml），不是 Excel 文件或已损坏');
  const relationships = readRelationships(archive, workbookPath);
  // Chart sheets and dialog sheets hold no cells: only worksheets are read.
  const sheets = listed.flatMap(({ name, id }) => {
    const target = relationships.get(id);
    return target === undefined || target.type.endsWith('/worksheet')
      ? [{ name, path: target?.path ?? null }]
      : [];
  });
  return {
    sheets,
    sharedStrings: readSharedStrings(archive, ofType(relationships, 'sharedStrings')),
    dateStyles: readDateStyles(archive, ofType(relationships, 'styles')),
    date1904,
  };
}
