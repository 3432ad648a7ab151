/**
 * Dealing a table's rows onto printed pages, from the heights the print view measured: as many
 * rows as fit under the repeated header and above the page footer, the 注 with the last rows.
 */
export interface MeasuredTable {
  head: number;
  foot: number;
  note: number;
  rows: number[];
}

export interface PageRange {
  start: number;
  end: number;
}

export function dealRows({ head, foot, note, rows }: MeasuredTable, pageHeight: number): PageRange[] {
  const pages: PageRange[] = [];
  // Every table has at least one row (合计, or 09's single row), so every table gets a page.
  let start = 0;
  do {
    let used = head + foot;
    let end = start;
    while (end < rows.length && used + rows[end]! <= pageHeight) used += rows[end++]!;
    if (end === start) end = start + 1; // a row taller than a page still prints, on a page of its own
    // The 注 goes with the last rows; if it does not fit, the last row moves to a page with it.
    if (end === rows.length && used + note > pageHeight && end - start > 1) end--;
    pages.push({ start, end });
    start = end;
  } while (start < rows.length);
  return pages;
}
