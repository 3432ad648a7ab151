/**
 * How figures are shown: in 万元 or 元, with thousands separators and 2 decimals, zero as 0.00 or
 * blank (a per-report option, as S23 printed blanks and S24 printed 0.00).
 */
import type { CellState } from '../../shared/engine/workbook';
import { convertUnit, formatAmount, fromDecimalString, toDecimalString, type AmountUnit } from '../../shared/money/money';

export interface DisplayOptions {
  /** Unit of the report's figures; null while the file has not said (figures are shown as printed). */
  reportUnit: AmountUnit | null;
  /** Unit the user looks at and types in (null with reportUnit). */
  unit: AmountUnit | null;
  zeroAsBlank: boolean;
}

/** A figure of the report in the unit shown. */
function inShownUnit(value: string, options: DisplayOptions): number {
  const hundredths = fromDecimalString(value);
  return options.reportUnit && options.unit ? convertUnit(hundredths, options.reportUnit, options.unit) : hundredths;
}

/** The figure as shown in a cell; unreadable text and a text column's content are shown as typed. */
export function shownText(cell: CellState, options: DisplayOptions): string {
  if (cell.invalidText !== null) return cell.invalidText;
  if (cell.text !== null) return cell.text;
  if (cell.value === null) return '';
  const value = inShownUnit(cell.value, options);
  if (value === 0 && options.zeroAsBlank) return '';
  return formatAmount(value);
}

/** The text an editor starts with and the clipboard gets: plain digits in the shown unit, or the unreadable text. */
export function editText(cell: CellState, options: DisplayOptions): string {
  if (cell.invalidText !== null) return cell.invalidText;
  if (cell.text !== null) return cell.text;
  if (cell.value === null) return '';
  return toDecimalString(inShownUnit(cell.value, options));
}
