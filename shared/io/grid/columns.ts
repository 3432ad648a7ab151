/**
 * Which grid column is which template column, by the words of their headers: a template column
 * is found in a grid column whose header path holds every word of its label, in any order and at
 * any depth (预算数/合计 is 合计/预算数 in a layout that interleaves the groups); of several, the one
 * with the fewest other words; each grid column serves one template column. Where a file lost its
 * group headers, a leaf label that only one template column has is enough.
 */
import type { Words } from '../../model/vocabulary';

export interface WantedColumn {
  /** The label path as the template writes it (本年支出/小计). */
  label: string;
}

/** Grid columns of the wanted columns (undefined where the grid has none), among `candidates` (all columns by default). */
export function matchColumns(
  paths: string[][],
  wanted: WantedColumn[],
  words: Words,
  candidates: number[] = paths.map((_, c) => c),
): (number | undefined)[] {
  const parts = wanted.map((w) => words.parts(w.label));
  const pairs: { want: number; col: number; extra: number }[] = [];
  parts.forEach((want, w) => {
    for (const col of candidates) {
      const path = paths[col]!;
      if (want.every((p) => path.includes(p))) pairs.push({ want: w, col, extra: path.length - want.length });
    }
  });
  pairs.sort((a, b) => a.extra - b.extra || a.want - b.want || a.col - b.col);
  const found: (number | undefined)[] = wanted.map(() => undefined);
  const used = new Set<number>();
  for (const { want, col } of pairs) {
    if (found[want] !== undefined || used.has(col)) continue;
    found[want] = col;
    used.add(col);
  }
  // Group headers lost: a leaf only one wanted column has, under only one free grid column.
  parts.forEach((want, w) => {
    if (found[w] !== undefined) return;
    const leaf = want[want.length - 1]!;
    if (parts.filter((p) => p[p.length - 1] === leaf).length !== 1) return;
    const free = candidates.filter((c) => !used.has(c) && paths[c]!.at(-1) === leaf);
    if (free.length !== 1) return;
    found[w] = free[0];
    used.add(free[0]!);
  });
  return found;
}

/** All grid columns holding every word of a label (06 prints its 决算数 three times). */
export function columnsWithAll(paths: string[][], label: string, words: Words): number[] {
  const want = words.parts(label);
  return paths.flatMap((path, c) => (want.every((p) => path.includes(p)) ? [c] : []));
}

/** The pieces a classification code may be printed in, in order. */
const PIECES = ['类', '款', '项'];

const isCodeHeader = (path: string[]) => path.some((p) => /编码|代码/u.test(p));

/**
 * The grid columns a code is printed in, among `candidates`: its 类 | 款 | 项 pieces, else the
 * one column headed 编码/代码. Empty when the grid prints no code column.
 */
export function codeColumns(paths: string[][], candidates: number[] = paths.map((_, c) => c)): number[] {
  const coded = candidates.filter((c) => isCodeHeader(paths[c]!));
  // 类 | 款 | 项 headers are the pieces of a code even where the 编码 header above them was lost.
  const pieces = candidates.filter((c) => PIECES.includes(paths[c]!.at(-1)!));
  if (pieces.length >= 2)
    return pieces.sort((a, b) => PIECES.indexOf(paths[a]!.at(-1)!) - PIECES.indexOf(paths[b]!.at(-1)!));
  return coded.slice(0, 1);
}

/** The column of names among `candidates`: headed 科目名称, 项目名称 … or 项目. */
export function nameColumn(
  paths: string[][],
  candidates: number[] = paths.map((_, c) => c),
): number | undefined {
  const leaf = (c: number) => paths[c]!.at(-1) ?? '';
  return (
    candidates.find((c) => /名称/u.test(leaf(c)) && !isCodeHeader([leaf(c)])) ??
    candidates.find((c) => leaf(c) === '项目')
  );
}

/** The 行次 column among `candidates`. */
export function hangciColumn(paths: string[][], candidates: number[]): number | undefined {
  return candidates.find((c) => paths[c]!.at(-1) === '行次');
}
