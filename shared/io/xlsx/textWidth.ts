/** Width of text in characters of a sheet's default font, for column widths and row heights: a Chinese character takes two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! > 0xff ? 2 : 1;
  return width;
}
