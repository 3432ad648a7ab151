/**
 * How figures are shown: in 万元 or 元, with thousands separators, zero as 0.00 or blank (a
 * per-report option, as the 2023 解放区 document prints blanks and the 2024 高新区 one 0.00). A figure is always shown exactly:
 * a report kept in 元 to the fen shows 12345.67 元 as 1.234567 万元, never as 1.23.
 */
import { messageIn, type Finding } from '../../shared/engine/findings';
import type { CellState } from '../../shared/engine/workbook';
import {
  formatAmount,
  formatInUnit,
  fromDecimalString,
  toDecimalString,
  type AmountUnit,
} from '../../shared/money/money';

export interface DisplayOptions {
  /** Unit of the report's figures; null while the file has not said (figures are shown as printed). */
  reportUnit: AmountUnit | null;
  /** Unit the user looks at and types in (null with reportUnit). */
  unit: AmountUnit | null;
  zeroAsBlank: boolean;
}

/** A figure of the report (a canonical decimal string) in the unit shown. */
export function shownAmount(value: string, options: DisplayOptions, thousands = true): string {
  const hundredths = fromDecimalString(value);
  if (!options.reportUnit || !options.unit) return formatAmount(hundredths, { thousands });
  return formatInUnit(hundredths, options.reportUnit, options.unit, { thousands });
}

/** The figure as shown in a cell; unreadable text and a text column's content are shown as typed. */
export function shownText(cell: CellState, options: DisplayOptions): string {
  if (cell.invalidText !== null) return cell.invalidText;
  if (cell.text !== null) return cell.text;
  if (cell.value === null) return '';
  if (fromDecimalString(cell.value) === 0 && options.zeroAsBlank) return '';
  return shownAmount(cell.value, options);
}

/** The text an editor starts with and the clipboard gets: plain digits in the shown unit, or the unreadable text. */
export function editText(cell: CellState, options: DisplayOptions): string {
  if (cell.invalidText !== null) return cell.invalidText;
  if (cell.text !== null) return cell.text;
  if (cell.value === null) return '';
  return shownAmount(cell.value, options, false);
}

/** A finding's message with its amounts and unit as shown (元 when the user looks at 元). */
export function findingMessage(finding: Finding, options: DisplayOptions): string {
  return messageIn(
    finding,
    (hundredths) => shownAmount(toDecimalString(hundredths), options),
    options.unit ? ` ${options.unit}` : '',
  );
}
