/**
 * What every sheet of the publication workbook prints with: A4, the page numbers in the footer,
 * and for the sheets of running text (the 情况说明, the 补充信息) the portrait page they fill.
 */
import type ExcelJS from 'exceljs';
import { printableArea, type MarginsMm } from '../../layout/page';
import { COLUMN_PADDING_PX, DIGIT_PX } from './textWidth';

export const A4_PAPER = 9;
export const PAGE_NUMBERS: Partial<ExcelJS.HeaderFooter> = { oddFooter: '&C第 &P 页 共 &N 页' };

const MM_PER_INCH = 25.4;

/** A sheet's margins (in inches, as the sheet stores them) in millimetres. */
export function marginsMm(margins: ExcelJS.Margins): MarginsMm {
  const mm = (inches: number) => inches * MM_PER_INCH;
  return {
    left: mm(margins.left),
    right: mm(margins.right),
    top: mm(margins.top),
    bottom: mm(margins.bottom),
  };
}

/** Margins of a portrait text page, in inches as the sheet stores them. */
const TEXT_MARGINS: ExcelJS.Margins = {
  left: 0.75,
  right: 0.75,
  top: 0.8,
  bottom: 0.8,
  header: 0.3,
  footer: 0.3,
};
/**
 * Columns are laid out a little narrower than the line, so that another program's rounding of a
 * width never pushes them past the margin: LibreOffice does not scale one column wider than the
 * page to fit it, it cuts the column off.
 */
const ALLOWANCE_MM = 4;

/** Width, in the default font's digits, that the columns of a portrait text page share. */
export const TEXT_PAGE_WIDTH = Math.floor(
  (((printableArea('portrait', marginsMm(TEXT_MARGINS)).widthMm - ALLOWANCE_MM) / MM_PER_INCH) * 96 -
    COLUMN_PADDING_PX) /
    DIGIT_PX,
);

/** A4 portrait, as wide as the page and as many pages long as it takes, numbered; `titleRows` repeat on each page. */
export function setUpTextPage(sheet: ExcelJS.Worksheet, titleRows?: string): void {
  sheet.pageSetup = {
    paperSize: A4_PAPER,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { ...TEXT_MARGINS },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  sheet.headerFooter = { ...PAGE_NUMBERS };
}
