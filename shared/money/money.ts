/**
 * Exact money. Published tables must add up to the cent, so amounts never pass through binary
 * floating point: they enter and leave as decimal strings and are held as integer counts of
 * hundredths of the report's unit, which a JS number stores exactly up to 2^53 - 1.
 */
import Decimal from 'decimal.js';

/** Integer hundredths (0.01) of the report's unit; always a safe integer. */
export type Hundredths = number;

export type AmountUnit = '万元' | '元';

/**
 * A refused text says why; `tooPrecise` marks a number that is fine except that it has more
 * decimals than the report holds (30.481 万元, 12345.67 元 typed into a 万元 report): typing it is
 * refused, a file holding it keeps it as text and flags it.
 */
export type ParseResult =
  { ok: true; value: Hundredths | null } | { ok: false; reason: string; tooPrecise?: boolean };

/** Digits after the point a report holds its figures to: 0.01 of its unit, or whole 元. */
export type Decimals = 2 | 0;

/**
 * A private Decimal so that no other module's configuration can change our rounding.
 * 40 digits hold any safe amount with room to spare; ROUND_HALF_UP is 四舍五入, away from zero
 * for negatives as finance staff expect.
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

const MAX_HUNDREDTHS = BigInt(Number.MAX_SAFE_INTEGER);

/** The largest amount in units that still has a safe number of hundredths. */
const MAX_UNITS = new D(Number.MAX_SAFE_INTEGER).div(100);

/** Dashes that Chinese tables print in an empty cell (after full-width folding). */
const NOTHING_MARKS = new Set(['-', '–', '—', '——']);

/**
 * What people type and spreadsheets paste: optional sign, digits (grouped by thousands with commas
 * or spaces, checked below), an optional fraction and an optional exponent ("1.2E+3" is how
 * spreadsheets export large or tiny values).
 */
const TYPED_NUMBER = /^([+-]?)\s*(?=\.?\d)(\d(?:[\d,\s]*\d)?)?(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * Thousands separators are only that: groups of exactly three digits after the first (1,234,567 or
 * 1 234 567), one kind of separator. "1,64" or "1 64" is not 164 and must not be read as it.
 */
const GROUPED = /^\d{1,3}(?:(,|\s)\d{3})?(?:\1\d{3})*$/u;

/** Amounts as files hold them ("1234.56", "-0.5"): read with integer arithmetic, no Decimal needed. */
const PLAIN = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Accounting notation for negatives: "(12.30)". */
const IN_PARENTHESES = /^\((.*)\)$/;

/** Exactly the strings toDecimalString produces, so files have one spelling per amount. */
const CANONICAL = /^(?!-0\.00$)-?(?:0|[1-9]\d*)\.\d{2}$/;

/**
 * Throws unless `value` can be an amount. Every helper funnels through here so that a float or an
 * overflow is caught where it happens instead of surfacing as a wrong total in a printed table.
 */
export function checkedHundredths(value: number): Hundredths {
  if (!Number.isInteger(value)) {
    throw new RangeError(`金额必须是 0.01 的整数倍：${value}`);
  }
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`金额超出可处理范围：${value}`);
  }
  // -0 (e.g. from rounding "-0.001") must not differ from 0 under Object.is.
  return value === 0 ? 0 : value;
}

function fromBigInt(value: bigint): Hundredths {
  if (value > MAX_HUNDREDTHS || value < -MAX_HUNDREDTHS) {
    throw new RangeError(`金额超出可处理范围：${value}`);
  }
  return Number(value);
}

/** Power of ten that turns an amount in `from` into one in `to`. */
function unitExponent(from: AmountUnit, to: AmountUnit): number {
  if (from === to) return 0;
  return from === '万元' ? 4 : -4;
}

/** Folds full-width ASCII (what Chinese IMEs type in full-width mode) and U+2212 minus to ASCII. */
function foldToAscii(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u2212/g, '-');
}

/**
 * Reads an amount as typed or pasted into a cell. A blank or a dash means "nothing" (null), which
 * the tables distinguish from 0.00. When the amount is typed in another unit than the report's,
 * it is converted exactly before the single rounding to 0.01, so no cent is lost to double rounding.
 */
export function parseAmount(
  text: string,
  options: { entryUnit?: AmountUnit | null; reportUnit?: AmountUnit | null; decimals?: Decimals } = {},
): ParseResult {
  // Without a report unit (a file that does not say) figures are taken as printed, unconverted.
  const reportUnit = options.reportUnit ?? '万元';
  const entryUnit = options.reportUnit === null ? reportUnit : (options.entryUnit ?? reportUnit);
  const decimals = options.decimals ?? 2;
  const plain = entryUnit === reportUnit && decimals === 2 ? PLAIN.exec(text) : null;
  if (plain) {
    // At most 13 digits: the product stays far below 2^53, so it is exact.
    const [, sign, whole = '', fraction = ''] = plain;
    const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
    return { ok: true, value: checkedHundredths(sign ? -hundredths : hundredths) };
  }
  const shown = text.trim();
  const folded = foldToAscii(shown);
  if (folded === '' || NOTHING_MARKS.has(folded)) return { ok: true, value: null };
  // The unit belongs in the sheet header; "12元" in a 万元 sheet would otherwise be misread.
  if (folded.endsWith('元')) return { ok: false, reason: `“${shown}” 不要带单位，单位以表头为准` };

  const accountingBody = IN_PARENTHESES.exec(folded)?.[1];
  const match = TYPED_NUMBER.exec(accountingBody?.trim() ?? folded);
  if (!match || (accountingBody !== undefined && match[1] !== '')) {
    return { ok: false, reason: `“${shown}” 不是有效的金额` };
  }
  const [, sign, integerPart = '', fraction = '', exponent = '0'] = match;
  if (/[,\s]/u.test(integerPart) && !GROUPED.test(integerPart)) {
    return { ok: false, reason: `“${shown}” 不是有效的金额（逗号或空格只能用作千位分隔符，每三位一组）` };
  }
  const negative = accountingBody !== undefined || sign === '-';
  // The unit change goes into the exponent, so the value stays exact whatever its length.
  const scale = BigInt(exponent) + BigInt(unitExponent(entryUnit, reportUnit));
  const digits = `${integerPart.replace(/[,\s]/g, '') || '0'}.${fraction || '0'}e${scale}`;

  // An exponent far below any precision would underflow to 0 in Decimal: it is too precise, not zero.
  const tiny = scale < -1000n && /[1-9]/u.test(integerPart + fraction);
  const units = tiny ? new D(`1e-${decimals + 1}`) : new D(digits);
  if (units.decimalPlaces() > decimals)
    return {
      ok: false,
      reason: tooPreciseReason(shown, units, entryUnit, reportUnit, decimals),
      tooPrecise: true,
    };
  if (units.abs().gt(MAX_UNITS)) return { ok: false, reason: `“${shown}” 金额过大，超出可处理范围` };
  const hundredths = checkedHundredths(units.times(100).toNumber());
  return { ok: true, value: negative ? checkedHundredths(-hundredths) : hundredths };
}

/** Why a figure with more decimals than the report holds cannot be kept, and what would do. */
function tooPreciseReason(
  shown: string,
  units: Decimal,
  entryUnit: AmountUnit,
  reportUnit: AmountUnit,
  decimals: Decimals,
): string {
  const step = decimals === 2 ? `0.01 ${reportUnit}` : `1 ${reportUnit}`;
  if (entryUnit === reportUnit)
    return `“${shown}” 有 ${units.decimalPlaces()} 位小数，本报表金额精确到 ${step}，不能原样保存（程序不会替您四舍五入）`;
  const inEntry = decimals === 2 && reportUnit === '万元' ? '100 元' : step;
  return `${shown} ${entryUnit}换算为 ${units.toFixed()} ${reportUnit}，本报表金额精确到 ${step}（${inEntry}），不能原样保存；请输入 ${inEntry}的整数倍，或在“报表设置”中改变报表的金额单位`;
}

/** For display: grouped by default because that is how the printed tables show amounts. */
export function formatAmount(value: Hundredths, options: { thousands?: boolean } = {}): string {
  const digits = String(Math.abs(checkedHundredths(value))).padStart(3, '0');
  const whole = digits.slice(0, -2);
  const grouped = options.thousands === false ? whole : whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}.${digits.slice(-2)}`;
}

/** The form written to files: ungrouped, always two decimals, one spelling per amount. */
export function toDecimalString(value: Hundredths): string {
  return formatAmount(value, { thousands: false });
}

/**
 * Reads amounts back from our own files. Deliberately strict: anything but the canonical form
 * means the file was damaged or hand-edited, which should be noticed rather than guessed at.
 */
export function fromDecimalString(text: string): Hundredths {
  if (!CANONICAL.test(text)) {
    throw new SyntaxError(`“${text}” 不是规范的金额字符串（应形如 1234.56）`);
  }
  return fromBigInt(BigInt(text.replace('.', '')));
}

/** Rounds 元→万元 half up to 0.01 万元, as the published tables do; 万元→元 is exact. */
export function convertUnit(value: Hundredths, from: AmountUnit, to: AmountUnit): Hundredths {
  checkedHundredths(value);
  if (from === to) return value;
  if (from === '万元') return checkedHundredths(value * 10_000);
  // 元 → 万元 with integer operations only: the remainder decides 四舍五入, away from zero.
  const magnitude = Math.abs(value);
  const remainder = magnitude % 10_000;
  const quotient = (magnitude - remainder) / 10_000 + (remainder >= 5_000 ? 1 : 0);
  return checkedHundredths(value < 0 ? -quotient : quotient);
}

/**
 * A figure shown exactly in another unit than the report's: 1234567 hundredths of 元 shown in
 * 万元 is 1.234567 (never rounded to 1.23); at least two decimals, more only where they are digits.
 */
export function formatInUnit(
  value: Hundredths,
  reportUnit: AmountUnit,
  shownUnit: AmountUnit,
  options: { thousands?: boolean } = {},
): string {
  if (reportUnit === shownUnit) return formatAmount(value, options);
  // 万元 → 元 is exact: ten thousand times as many hundredths.
  if (reportUnit === '万元') return formatAmount(checkedHundredths(value * 10_000), options);
  // 元 → 万元: the hundredths of 元 are millionths of 万元; print six decimals, then drop zeros past two.
  const digits = String(Math.abs(checkedHundredths(value))).padStart(7, '0');
  const whole = digits.slice(0, -6);
  const grouped = options.thousands === false ? whole : whole.replace(/\B(?=(\d{3})+$)/g, ',');
  const fraction = digits.slice(-6).replace(/0{1,4}$/u, '');
  return `${value < 0 ? '-' : ''}${grouped}.${fraction.padEnd(2, '0')}`;
}

export function add(a: Hundredths, b: Hundredths): Hundredths {
  return checkedHundredths(checkedHundredths(a) + checkedHundredths(b));
}

export function subtract(a: Hundredths, b: Hundredths): Hundredths {
  return checkedHundredths(checkedHundredths(a) - checkedHundredths(b));
}

/**
 * Totals in BigInt, so whether a column total fits depends only on the total, not on the order of
 * the cells. Blank cells count as 0, as in the printed 合计 rows.
 */
export function sum(values: Iterable<Hundredths | null>): Hundredths {
  let total = 0n;
  for (const value of values) {
    if (value !== null) total += BigInt(checkedHundredths(value));
  }
  return fromBigInt(total);
}
