/**
 * How precisely a report's figures are printed, told from the figures themselves: to 0.01 of the
 * unit, to the whole unit, or (a 元 document printed from 万元 figures) to hundreds of 元. The
 * rounding tail (尾差) is judged in that step, and a report in whole 元 refuses fen.
 */
import type { AmountUnit, Decimals, Hundredths } from '../money/money';

/** Fewer figures than this cannot show a pattern: a few round figures are round by chance. */
const ENOUGH_FIGURES = 10;

export interface Precision {
  /** Digits after the point a figure may have. */
  decimals: Decimals;
  /** One printed step in hundredths of the unit: 1 (0.01), 100 (1) or 10000 (100 元). */
  step: number;
}

/** Of the steps 100 元 (元 only), 1 unit and 0.01 unit, the coarsest that every figure is a whole number of. */
function coarsestStep(figures: Hundredths[], unit: AmountUnit | null): number {
  if (figures.length < ENOUGH_FIGURES) return 1;
  const all = (step: number) => figures.every((f) => f % step === 0);
  if (unit === '元' && all(10_000)) return 10_000;
  return all(100) ? 100 : 1;
}

/** The precision of a report read from a file: `declared` where the report says, else what its figures show. */
export function precisionOf(
  figures: Iterable<Hundredths>,
  unit: AmountUnit | null,
  declared?: Decimals,
): Precision {
  const nonZero = [...figures].filter((f) => f !== 0);
  const step = coarsestStep(nonZero, unit);
  // Only a 元 document is held in whole units; a 万元 document whose figures happen to be round still takes decimals.
  const decimals = declared ?? (unit === '元' && step >= 100 ? 0 : 2);
  return { decimals, step: decimals === 0 ? Math.max(step, 100) : step };
}

/** The precision of a report started in the program. */
export function declaredPrecision(decimals: Decimals): Precision {
  return { decimals, step: decimals === 0 ? 100 : 1 };
}
