/**
 * What 生成 changed in the 情况说明: the old and the new text of each section compared word by word
 * (a figure with its unit is one word, a Chinese character is one), so that the window can say how
 * many places changed in which section and mark them with the wording they replaced.
 */
import type { NarrativeSet } from '../../shared/narrative/definitions';
import { extractFigures } from '../../shared/narrative/figures';
import { splitSections } from '../../shared/narrative/sections';
import type { Span } from '../../shared/narrative/text';

/** A changed place: its span in the new text and the words it replaced ('' where words were added). */
export interface Change extends Span {
  old: string;
}

/** A section's changes; `added` when the old text did not have the section at all. */
export interface SectionChanges {
  /** The section's id, '' for the text before the first section. */
  id: string;
  added: boolean;
  changes: Change[];
}

/**
 * Above this many token pairs the middle of two texts (what lies between their common start and
 * end) is taken as one change instead of being compared token by token: it bounds the table of
 * the comparison (two bytes a pair) for any text; the longest section of the samples, written
 * anew over its published wording, needs about 15 million.
 */
const MAX_PAIRS = 20_000_000;

/** The text cut into words: each figure, each run of Latin letters or digits, each other character. */
export function tokensOf(text: string): Span[] {
  const tokens: Span[] = [];
  let at = 0;
  const plain = (end: number) => {
    for (const run of text.slice(at, end).matchAll(/[A-Za-z0-9.,]+|[\s\S]/gu))
      tokens.push({ start: at + run.index, end: at + run.index + run[0].length });
  };
  for (const figure of extractFigures(text)) {
    plain(figure.start);
    tokens.push({ start: figure.start, end: figure.end });
    at = figure.end;
  }
  plain(text.length);
  return tokens;
}

/** For each token of `a`, the index of the token of `b` it is matched with (longest common subsequence), or -1. */
function matches(a: readonly string[], b: readonly string[]): Int32Array {
  const match = new Int32Array(a.length).fill(-1);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) match[head] = head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    match[a.length - 1 - tail] = b.length - 1 - tail;
    tail++;
  }
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n === 0 || m === 0 || n * m > MAX_PAIRS) return match;
  // lengths[i][j]: the longest common subsequence of a[head+i..] and b[head+j..] (the middle only).
  const width = m + 1;
  // No common subsequence is longer than min(n, m), at most √MAX_PAIRS: two bytes hold it.
  const lengths = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lengths[i * width + j] =
        a[head + i] === b[head + j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[head + i] === b[head + j]) {
      match[head + i] = head + j;
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++;
    else j++;
  }
  return match;
}

/**
 * The places where `now` differs from `old`, with offsets in `now`. Words only taken out are shown
 * on the word after them (or before them, at the end), so that every change has text to mark.
 */
export function changesBetween(old: string, now: string): Change[] {
  const a = tokensOf(old);
  const b = tokensOf(now);
  const match = matches(
    a.map((t) => old.slice(t.start, t.end)),
    b.map((t) => now.slice(t.start, t.end)),
  );
  // The matched pairs, with a sentinel pair after the ends of both texts.
  const pairs: [number, number][] = [];
  match.forEach((j, i) => j >= 0 && pairs.push([i, j]));
  pairs.push([a.length, b.length]);
  // Spans in the new text (start, end) and in the old (from, to) of each change.
  const places: { start: number; end: number; from: number; to: number }[] = [];
  let i = 0;
  let j = 0;
  for (const [ni, nj] of pairs) {
    if (ni > i || nj > j) {
      // Old tokens i..ni-1 became new tokens j..nj-1; none new: widen to the next (or last) pair.
      let [oi, oe, bj, be] = [i, ni, j, nj];
      if (bj === be && be < b.length) [oe, be] = [oe + 1, be + 1];
      else if (bj === be && bj > 0) [oi, bj] = [oi - 1, bj - 1];
      const place = {
        start: bj < be ? b[bj]!.start : now.length,
        end: bj < be ? b[be - 1]!.end : now.length,
        from: oi < oe ? a[oi]!.start : old.length,
        to: oi < oe ? a[oe - 1]!.end : old.length,
      };
      const last = places.at(-1);
      // Two changes widened onto the same word are one.
      if (last && place.start < last.end) Object.assign(last, { end: place.end, to: place.to });
      else places.push(place);
    }
    i = ni + 1;
    j = nj + 1;
  }
  return places.map((p) => ({ start: p.start, end: p.end, old: old.slice(p.from, p.to) }));
}

/**
 * Section by section, what turned `old` into `now` (offsets in `now`); sections the same in both
 * are left out, so an empty list means that nothing changed.
 */
export function sectionChanges(old: string, now: string, set: NarrativeSet): SectionChanges[] {
  const before = splitSections(old, set.sections);
  const after = splitSections(now, set.sections);
  const pieces = [
    { id: '', span: after.preamble, was: before.preamble as Span | undefined },
    ...after.sections.map((s) => ({
      id: s.definition.id,
      span: s as Span,
      was: before.sections.find((o) => o.definition.id === s.definition.id) as Span | undefined,
    })),
  ];
  return pieces.flatMap(({ id, span, was }): SectionChanges[] => {
    const text = now.slice(span.start, span.end);
    if (!was) return text === '' ? [] : [{ id, added: true, changes: [] }];
    const changes = changesBetween(old.slice(was.start, was.end), text).map((c) => ({
      ...c,
      start: c.start + span.start,
      end: c.end + span.start,
    }));
    return changes.length > 0 ? [{ id, added: false, changes }] : [];
  });
}

/**
 * What the status line says after 生成 of a section (id) or of the whole text (null): how many
 * places changed, in which sections.
 */
export function generatedMessage(id: string | null, sections: readonly SectionChanges[]): string {
  const what = id === null ? '情况说明全文' : `第${id}部分`;
  if (sections.length === 0) return `已按表重新生成${what}：没有改动`;
  if (sections.every((s) => s.added)) return `已生成${what}（可撤销）`;
  const said = sections.map((s) => {
    // A section generated alone is named once, in `what`.
    const name = id !== null ? '' : s.id === '' ? '标题' : `第${s.id}部分`;
    return `${name}${s.added ? '新写' : `改动 ${s.changes.length} 处`}`;
  });
  return `已生成${what}：${said.join('；')}（可撤销）`;
}
