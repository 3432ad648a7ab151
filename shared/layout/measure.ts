/**
 * How wide a text prints, in em of its font, without a DOM: Chinese characters and every other
 * character that is not ASCII (full-width punctuation, and ≤ ≥ × ① —, which a Chinese font draws a
 * whole em wide) take a whole em, digits and Latin letters a little over half (宋体 0.5, Noto CJK 0.55),
 * the separators of a figure (, .) less. Generous rather than tight, so that what is sized by it is not cut.
 */
export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! > 0x7f ? 1 : ch === ',' || ch === '.' ? 0.32 : 0.58;
  return em;
}
