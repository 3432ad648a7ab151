/**
 * Why an .xlsx cannot be read, in Chinese, naming the part, sheet or cell but not the file:
 * readXlsx adds the file's name, so that every message the user sees names it once.
 */
export class Refusal extends Error {
  override name = 'Refusal';
}
