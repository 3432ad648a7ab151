/**
 * How wide a text prints, in em of its font, without a DOM: Chinese characters and full-width
 * punctuation take a whole em, digits and Latin letters a little over half, the separators of a
 * figure (, .) less. Generous rather than tight, so that what is sized by it is not cut.
 */
export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    em += code >= 0x2e80 || (code >= 0x2000 && code <= 0x206f) ? 1 : ch === ',' || ch === '.' ? 0.32 : 0.58;
  }
  return em;
}
