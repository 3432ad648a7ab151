/**
 * Tab-separated text as Excel and WPS put it on the clipboard: a cell holding a tab, a newline or
 * a quote is wrapped in quotes, with quotes doubled; rows end with CRLF or LF.
 */

export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  // A cell is quoted only when its first character is a quote (Excel's rule).
  let quoted = false;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (atCellStart && ch === '"') {
      quoted = true;
      atCellStart = false;
      i++;
      continue;
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      cell += ch;
    }
    i++;
  }
  // Excel ends the copied block with a newline; only a non-empty last line is a row.
  if (!atCellStart || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Rows of cells as delimited text, the way Excel writes it: a cell holding the separator, a quote
 * or a line break is quoted, with quotes doubled; every row ends with CRLF. Serves TSV and CSV.
 */
export function formatDelimited(rows: string[][], separator: '\t' | ','): string {
  const quote = (cell: string) =>
    cell.includes(separator) || /[\r\n"]/u.test(cell) ? `"${cell.replace(/"/gu, '""')}"` : cell;
  return rows.map((row) => `${row.map(quote).join(separator)}\r\n`).join('');
}

export function formatTsv(rows: string[][]): string {
  return formatDelimited(rows, '\t');
}
