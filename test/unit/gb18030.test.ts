import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeGb18030 } from '../../shared/io/gb18030';

const decode = (bytes: Uint8Array) => new TextDecoder('gb18030').decode(bytes);

describe('GB18030 encoding', () => {
  it('writes the bytes Excel on Chinese Windows writes', () => {
    expect([...encodeGb18030('合计')]).toEqual([0xba, 0xcf, 0xbc, 0xc6]);
    expect([...encodeGb18030('A1,')]).toEqual([0x41, 0x31, 0x2c]);
  });

  it('round-trips Chinese, full-width punctuation and characters beyond the BMP', () => {
    const samples = [
      '公开01表 收入支出决算总表',
      '（境）“三公”经费：１２３，．€',
      '𠀀𪚥',
      '社会保障和就业支出',
    ];
    for (const s of samples) expect(decode(encodeGb18030(s))).toBe(s);
  });

  // Left out: U+FFFD (the decoder also returns it for an invalid code, so the table skips it) and
  // the Private Use Area, whose GB18030 mapping changed in 2022 (19 code points no longer round-trip).
  it('round-trips any text of the Basic Multilingual Plane', () => {
    const bmp = fc.string({
      unit: fc
        .integer({ min: 0x20, max: 0xfffc })
        .filter((c) => (c < 0xd800 || c > 0xdfff) && (c < 0xe000 || c > 0xf8ff))
        .map((c) => String.fromCharCode(c)),
    });
    fc.assert(fc.property(bmp, (s) => decode(encodeGb18030(s)) === s));
  });

  // GB18030-2022 moved 18 characters (U+9FB4–U+9FBB, U+FE10–U+FE19) to other codes. The platform
  // decoder, and so this encoder, follows 2022; iconv-lite follows 2005. Elsewhere they must agree.
  const remapped2022 = (c: number) => (c >= 0x9fb4 && c <= 0x9fbb) || (c >= 0xfe10 && c <= 0xfe19);

  it('writes the same bytes as an independent encoder (iconv-lite) outside the 2022 changes', () => {
    const text = fc.string({
      unit: fc
        .integer({ min: 0x20, max: 0xfffc })
        .filter((c) => (c < 0xd800 || c > 0xdfff) && (c < 0xe000 || c > 0xf8ff) && !remapped2022(c))
        .map((c) => String.fromCharCode(c)),
    });
    fc.assert(fc.property(text, (s) => Buffer.from(encodeGb18030(s)).equals(iconv.encode(s, 'gb18030'))));
  });

  it('encodes the characters GB18030-2022 moved as the platform decodes them', () => {
    const moved = [
      ...Array.from({ length: 8 }, (_, i) => 0x9fb4 + i),
      ...Array.from({ length: 10 }, (_, i) => 0xfe10 + i),
    ]
      .map((c) => String.fromCharCode(c))
      .join('');
    expect(decode(encodeGb18030(moved))).toBe(moved);
  });
});
