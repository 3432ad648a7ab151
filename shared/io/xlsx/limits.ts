/**
 * How much of an .xlsx the reader is willing to take in. A report is small: the 20,000-row
 * benchmark workbook (test/bench/large-report.ts, written by writePublicationXlsx) is 0.8 MB packed,
 * 7.1 MB expanded and about 200,000 cells. Each limit leaves many times that room, and stops a
 * hostile or broken file (a zip bomb, a sheet of millions of tiny cells, a merge over a whole sheet)
 * before it takes minutes or gigabytes, with a message instead of "out of memory".
 */

/** A report workbook is a few megabytes; 50 MB leaves room for logos and many units. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/**
 * Bytes actually inflated, counted while inflating (the archive's own directory may lie): 28 times
 * the benchmark workbook, and small enough that reading it stays within seconds and far below 1 GB.
 */
export const MAX_EXPANDED_BYTES = 200 * 1024 * 1024;

/** Parts in the archive: a workbook of 255 sheets with drawings has a few hundred. */
export const MAX_ENTRIES = 10_000;

/**
 * Cells in the whole workbook (the <c> elements of every sheet, and the cells a merge covers): ten
 * times the benchmark workbook. A sheet of tiny cells reaches it in a few megabytes of XML.
 */
export const MAX_CELLS = 2_000_000;

/**
 * Cells one merge may cover. A report merges a title across its columns or a header down a few
 * rows; 100,000 cells (20 columns by 5,000 rows) is far beyond that. A larger merge is refused, not
 * only clipped, because saving into the file (saveXlsx, through exceljs) expands it cell by cell.
 */
export const MAX_MERGE_CELLS = 100_000;

/** Excel's own limit on the characters of a cell: a longer text is not from Excel. */
export const MAX_TEXT_CHARS = 32_767;
