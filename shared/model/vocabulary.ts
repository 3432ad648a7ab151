/**
 * Reads headers and line labels by what they say, not by how one document spells it: the same
 * column is 金额 in one year and 决算数 in another, 附属单位 or 附属部门, numbered 一、 or （一） or
 * not at all. A label is compared in its canonical form: spacing and full-width forms folded, the
 * numbering in front dropped, optional phrases dropped and every synonym replaced by one word.
 * The words themselves are data (vocabulary.json); a template may add its own.
 */
import vocabulary from './vocabulary.json';

export interface Vocabulary {
  synonyms: string[][];
  optional: string[];
}

/** Numbering in front of a label: 一、 （一） 1. 1、 (1) 其中：, possibly several. */
const NUMBERING =
  /^(?:[一二三四五六七八九十百零]+[、.．]|（[一二三四五六七八九十]+）|\d+[、.．](?!\d)|（\d+）|其中[：:])+/u;

/** Full-width ASCII folded, half-width parentheses made full-width (as headers print them either way), no spacing. */
function fold(label: string): string {
  return label
    .replace(/[\uFF01-\uFF5E]/gu, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\(/gu, '（')
    .replace(/\)/gu, '）')
    .replace(/:/gu, '：')
    .replace(/\s+/gu, '');
}

export class Words {
  private readonly replacements: [string, string][];
  private readonly optional: string[];

  constructor(extra: Partial<Vocabulary> = {}) {
    const synonyms = [...vocabulary.synonyms, ...(extra.synonyms ?? [])];
    // Longest words first, so that 公务用车运行维护费 is read before a shorter word inside it.
    this.replacements = synonyms
      .flatMap((group) => group.slice(1).map((word): [string, string] => [fold(word), fold(group[0]!)]))
      .sort((a, b) => b[0].length - a[0].length);
    this.optional = [...vocabulary.optional, ...(extra.optional ?? [])].map(fold);
  }

  /** The canonical form of a label. */
  canonical(label: string): string {
    let text = fold(label).replace(NUMBERING, '');
    for (const phrase of this.optional) text = text.replaceAll(phrase, '');
    for (const [word, standard] of this.replacements) text = text.replaceAll(word, standard);
    return text;
  }

  /** The canonical parts of a header path written with "/" (本年支出/小计). */
  parts(label: string): string[] {
    return label.split('/').map((part) => this.canonical(part));
  }
}

/** The words every template shares. */
export const standardWords = new Words();
