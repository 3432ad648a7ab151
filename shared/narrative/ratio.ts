/**
 * Percentages as the documents print them: p = 100·a/b rounded ROUND_HALF_UP to the decimals
 * printed. Every figure that goes into a percentage was itself rounded to 0.01, so a printed
 * percentage one digit off is still right when some a′, b′ within the inputs' rounding give it.
 * Integer arithmetic throughout (BigInt): no float touches a figure.
 */

/** ROUND_HALF_UP(100·num/den, decimals) as an integer scaled by 10^decimals; den must not be 0. */
export function roundedPercent(num: bigint, den: bigint, decimals: number): bigint {
  const negative = num < 0n !== den < 0n;
  const n = (num < 0n ? -num : num) * 100n * 10n ** BigInt(decimals);
  const d = den < 0n ? -den : den;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

export type PercentVerdict = 'exact' | 'rounding' | 'wrong';

/**
 * Whether a printed percentage (scaled by 10^decimals) is 100·num/den. `numSlack` and `denSlack`
 * are how far the true inputs may lie from the printed ones, in half-hundredths (1 for one rounded
 * figure, 2 for a difference of two). A difference the slack explains is accepted only within
 * one printed digit.
 */
export function judgePercent(
  printed: bigint,
  decimals: number,
  num: bigint,
  den: bigint,
  numSlack = 1n,
  denSlack = 1n,
): PercentVerdict {
  const exact = roundedPercent(num, den, decimals);
  if (printed === exact) return 'exact';
  const off = printed > exact ? printed - exact : exact - printed;
  if (off > 1n) return 'wrong';
  // Work with magnitudes in half-hundredths: a ∈ [2|num| − s, 2|num| + s], b likewise.
  const a = 2n * (num < 0n ? -num : num);
  const b = 2n * (den < 0n ? -den : den);
  const p = printed < 0n ? -printed : printed;
  const scale = 200n * 10n ** BigInt(decimals);
  const bLow = b - denSlack;
  if (bLow <= 0n) return 'rounding';
  // [p − ½, p + ½) (in printed steps) must meet [100(a−s)/(b+s), 100(a+s)/(b−s)].
  const reachesUp = (2n * p - 1n) * bLow <= scale * (a + numSlack);
  const reachesDown = (2n * p + 1n) * (b + denSlack) >= scale * (a - numSlack);
  return reachesUp && reachesDown ? 'rounding' : 'wrong';
}

/** A scaled integer as a decimal string: 2909n with 2 decimals → "29.09". */
export function scaledText(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}
