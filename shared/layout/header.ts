/**
 * The multi-level column header as printed: a group label spans the columns under it, a leaf with
 * fewer levels than its neighbours spans down to the last header row. Used by the print view and
 * the publication workbook, so that paper and file agree.
 */
import type { GridColumn } from './gridModel';

export interface HeaderCell {
  label: string;
  /** Header row (0 = top) and first column of the cell. */
  level: number;
  column: number;
  rowSpan: number;
  colSpan: number;
}

export function headerDepth(columns: GridColumn[]): number {
  return Math.max(...columns.map((c) => c.header.length));
}

export function headerCells(columns: GridColumn[]): HeaderCell[] {
  const depth = headerDepth(columns);
  const path = (c: number, level: number) => columns[c]!.header.slice(0, level + 1).join('/');
  const isGroup = (c: number, level: number) => columns[c]!.header.length > level + 1;
  const cells: HeaderCell[] = [];
  columns.forEach((column, c) => {
    column.header.forEach((label, level) => {
      if (!isGroup(c, level)) {
        cells.push({ label, level, column: c, rowSpan: depth - level, colSpan: 1 });
        return;
      }
      if (c > 0 && isGroup(c - 1, level) && path(c - 1, level) === path(c, level)) return;
      let right = c;
      while (
        right + 1 < columns.length &&
        isGroup(right + 1, level) &&
        path(right + 1, level) === path(c, level)
      )
        right++;
      cells.push({ label, level, column: c, rowSpan: 1, colSpan: right - c + 1 });
    });
  });
  return cells;
}
