/**
 * The numbering of a 情况说明's headings and items: 一、 （一） 1. （1）, each level counting from
 * one under the level above it. Documents written by copying last year's text and deleting a
 * paragraph keep the old numbers (（一）（三）) or repeat one (2. 2.); a reader notices at once.
 * A marker counts where a heading or an item can start: at the start of a paragraph, or right
 * after a sentence or a colon. Some files glue a heading to the words before it (部门职责1.贯彻…):
 * a number the count expects that is printed there anyway is taken as given, never reported.
 * 第X部分 starts every count again.
 */

export interface NumberingProblem {
  start: number;
  end: number;
  /** The marker as printed (（三）). */
  printed: string;
  /** The marker the count expects there (（二）). */
  expected: string;
  repeated: boolean;
}

const DIGITS = '一二三四五六七八九';

/** 一 … 九十九 as a number; null for anything else. */
function chineseNumber(text: string): number | null {
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/u.exec(text);
  if (!match || text === '') return null;
  const [, tens, ten, ones] = match;
  if (!ten) return tens && !ones ? DIGITS.indexOf(tens) + 1 : null;
  return (tens ? DIGITS.indexOf(tens) + 1 : 1) * 10 + (ones ? DIGITS.indexOf(ones) + 1 : 0);
}

function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n - 1]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? DIGITS[tens - 1] : ''}十${ones > 0 ? DIGITS[ones - 1] : ''}`;
}

interface Level {
  pattern: RegExp;
  value(match: RegExpExecArray): number | null;
  write(n: number): string;
  /** Every way the marker of n is printed. */
  forms(n: number): string[];
}

/** The levels, outermost first; the lookbehind is where an item can start. */
const START = String.raw`(?<=^|[\n\f。；;：:])[ \u3000]*`;
const PART = new RegExp(`${START}第[一二三四五六七八九十]+部分`, 'gu');
const LEVELS: Level[] = [
  {
    pattern: new RegExp(`${START}([一二三四五六七八九十]{1,3})、`, 'gu'),
    value: (m) => chineseNumber(m[1]!),
    write: (n) => `${chineseNumeral(n)}、`,
    forms: (n) => [`${chineseNumeral(n)}、`],
  },
  {
    pattern: new RegExp(`${START}[（(]([一二三四五六七八九十]{1,3})[）)]`, 'gu'),
    value: (m) => chineseNumber(m[1]!),
    write: (n) => `（${chineseNumeral(n)}）`,
    forms: (n) => [`（${chineseNumeral(n)}）`, `(${chineseNumeral(n)})`],
  },
  {
    // 1. or 1、, never the start of an amount (1.5万元).
    pattern: new RegExp(`${START}(\\d{1,2})[.．、](?!\\d)`, 'gu'),
    value: (m) => Number(m[1]),
    write: (n) => `${n}.`,
    forms: (n) => [`${n}.`, `${n}．`, `${n}、`],
  },
  {
    pattern: new RegExp(`${START}[（(](\\d{1,2})[）)]`, 'gu'),
    value: (m) => Number(m[1]),
    write: (n) => `（${n}）`,
    forms: (n) => [`（${n}）`, `(${n})`],
  },
];

interface Marker {
  /** −1 for 第X部分. */
  level: number;
  value: number;
  start: number;
  end: number;
  printed: string;
}

function markersOf(text: string): Marker[] {
  const markers: Marker[] = [];
  LEVELS.forEach((level, index) => {
    for (const match of text.matchAll(level.pattern)) {
      const value = level.value(match);
      if (value === null) continue;
      const printed = match[0].trimStart();
      const end = match.index + match[0].length;
      markers.push({ level: index, value, start: end - printed.length, end, printed });
    }
  });
  for (const match of text.matchAll(PART))
    markers.push({
      level: -1,
      value: 0,
      start: match.index,
      end: match.index + match[0].length,
      printed: match[0],
    });
  return markers.sort((a, b) => a.start - b.start);
}

/** The last text's problems: an edit in a table checks the same text again, whose numbering it cannot change. */
let lastText: { text: string; problems: readonly NumberingProblem[] } | null = null;

/** Every marker that does not continue the count of its level under the heading above it. */
export function numberingProblems(text: string): readonly NumberingProblem[] {
  if (lastText?.text !== text) lastText = { text, problems: findNumberingProblems(text) };
  return lastText.problems;
}

function findNumberingProblems(text: string): NumberingProblem[] {
  const problems: NumberingProblem[] = [];
  /** Per level: the last number counted and where the text since then starts. */
  const counts: { value: number; since: number }[] = [];
  let headingEnd = 0;
  for (const marker of markersOf(text)) {
    if (marker.level < 0) {
      counts.length = 0;
      headingEnd = marker.end;
      continue;
    }
    const level = LEVELS[marker.level]!;
    const count = counts[marker.level] ?? { value: 0, since: headingEnd };
    let value = count.value;
    const between = text.slice(count.since, marker.start);
    // Numbers glued to the words before them, where the count expects them, are counted as printed.
    while (value + 1 < marker.value && level.forms(value + 1).some((form) => between.includes(form))) value++;
    if (marker.value !== value + 1) {
      problems.push({
        start: marker.start,
        end: marker.end,
        printed: marker.printed,
        expected: level.write(value + 1),
        repeated: marker.value === value,
      });
    }
    counts[marker.level] = { value: marker.value, since: marker.end };
    // A heading starts the count of every level below it again.
    counts.length = marker.level + 1;
    headingEnd = marker.end;
  }
  return problems;
}
