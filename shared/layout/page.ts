/**
 * The printed page: A4 with 10 mm margins, landscape unless a table's columns fit the width of a
 * portrait page (as published: the narrow five-column tables stand upright, the wide ones lie).
 * The print view and the publication workbook both decide with this, so they print alike.
 */
import type { GridColumn } from './gridModel';

export type Orientation = 'portrait' | 'landscape';

export const PAGE_MARGIN_MM = 10;
const A4_SHORT_MM = 210;
const A4_LONG_MM = 297;
const PX_PER_MM = 96 / 25.4;

/** Margins of a page, in millimetres. */
export interface MarginsMm {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
const PAGE_MARGINS: MarginsMm = {
  left: PAGE_MARGIN_MM,
  right: PAGE_MARGIN_MM,
  top: PAGE_MARGIN_MM,
  bottom: PAGE_MARGIN_MM,
};

/** The area of an A4 page inside `margins` (the print view's, unless given), in millimetres. */
export function printableArea(
  orientation: Orientation,
  margins: MarginsMm = PAGE_MARGINS,
): { widthMm: number; heightMm: number } {
  const [width, height] = orientation === 'portrait' ? [A4_SHORT_MM, A4_LONG_MM] : [A4_LONG_MM, A4_SHORT_MM];
  return { widthMm: width - margins.left - margins.right, heightMm: height - margins.top - margins.bottom };
}

/**
 * Portrait when the columns at their screen widths (each wide enough for its longest figure or
 * name at the screen font, a little larger than the 9.5 pt print font) need no more than the
 * portrait line plus 5 %.
 */
export function orientationFor(columns: readonly GridColumn[]): Orientation {
  const needed = columns.reduce((sum, c) => sum + c.width, 0);
  return needed <= printableArea('portrait').widthMm * PX_PER_MM * 1.05 ? 'portrait' : 'landscape';
}

export function mmToPx(mm: number): number {
  return mm * PX_PER_MM;
}
