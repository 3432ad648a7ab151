import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  add,
  checkedHundredths,
  convertUnit,
  formatAmount,
  fromDecimalString,
  parseAmount,
  subtract,
  sum,
  toDecimalString,
  type ParseResult,
} from '../../shared/money/money';

const MAX = Number.MAX_SAFE_INTEGER;
const TEN_TO_13 = 10 ** 13;

// Reference arithmetic in BigInt, written independently of the module under test.

/** n / d rounded half away from zero (四舍五入). */
function roundHalfUpDiv(n: bigint, d: bigint): bigint {
  const magnitude = n < 0n ? -n : n;
  const rounded = (magnitude * 2n + d) / (2n * d);
  return n < 0n ? -rounded : rounded;
}

/** Canonical "1234.56" spelling of a count of hundredths. */
function referenceDecimal(hundredths: bigint): string {
  const magnitude = hundredths < 0n ? -hundredths : hundredths;
  const cents = String(magnitude % 100n).padStart(2, '0');
  return `${hundredths < 0n ? '-' : ''}${magnitude / 100n}.${cents}`;
}

function toFullWidth(text: string): string {
  return text.replace(/[0-9.,\-()]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

function value(text: string, options?: Parameters<typeof parseAmount>[1]): number | null {
  const result = parseAmount(text, options);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.reason}`);
  return result.value;
}

function rejection(text: string, options?: Parameters<typeof parseAmount>[1]): string {
  const result: ParseResult = parseAmount(text, options);
  if (result.ok) throw new Error(`expected "${text}" to be rejected, got ${result.value}`);
  return result.reason;
}

/** The text is a number, but has more decimals than the report holds: refused as too precise. */
function tooPrecise(text: string, options?: Parameters<typeof parseAmount>[1]): string {
  const result: ParseResult = parseAmount(text, options);
  if (result.ok || !result.tooPrecise)
    throw new Error(`expected "${text}" to be refused as too precise, got ${JSON.stringify(result)}`);
  return result.reason;
}

describe('parseAmount: accepted forms', () => {
  it.each([
    ['1234.56', 123456],
    ['1234', 123400],
    ['1234.5', 123450],
    ['.5', 50],
    ['1.', 100],
    ['0', 0],
    ['-12.3', -1230],
    ['+12.3', 1230],
    ['  12.30\t', 1230],
    ['\u300012.30\u3000', 1230],
  ])('plain %j → %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it.each([
    ['1,234.56', 123456],
    ['1，234.56', 123456],
    ['1 234.56', 123456],
    ['1\u00a0234.56', 123456],
    ['1\u2009234.56', 123456],
    ['1\u3000234.56', 123456],
    ['12,345,678.90', 1234567890],
    ['1 234 567', 123456700],
    ['-1,234.56', -123456],
  ])('grouped %j → %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it.each([
    ['１２３４．５６', 123456],
    ['１，２３４．５６', 123456],
    ['－12.30', -1230],
    ['−12.30', -1230],
    ['－１２．３０', -1230],
  ])('full-width and Unicode minus %j → %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it.each([
    ['(12.30)', -1230],
    ['（12.30）', -1230],
    ['(1,234.56)', -123456],
    ['( 12.30 )', -1230],
    ['（１２．３０）', -1230],
  ])('accounting negative %j → %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it.each([
    ['1.2E+3', 120000],
    ['1.2e3', 120000],
    ['1.5E-1', 15],
    ['-1.5E-2', null],
    ['1.2345678E+5', 12345678],
  ])('exponent %j → %d', (text, expected) => {
    if (expected === null) tooPrecise(text);
    else expect(value(text)).toBe(expected);
  });

  it.each(['', '   ', '\u3000', '\u00a0\t', '-', '—', '–', '－', '——', '−', ' — '])(
    'blank or nothing-dash %j → null',
    (text) => {
      expect(parseAmount(text)).toEqual({ ok: true, value: null });
    },
  );

  it('never yields -0', () => {
    for (const text of ['-0', '-0.00', '(0)', '-0e5']) {
      expect(Object.is(value(text), 0)).toBe(true);
    }
  });
});

describe('parseAmount: never rounded', () => {
  it.each([
    '12.345',
    '12.344',
    '12.3449999',
    '-12.345',
    '(12.345)',
    '0.005',
    '-0.004',
    '99.995',
    '30.481',
    '1e-7',
    `0.00${'9'.repeat(60)}`,
  ])('%j has more decimals than 0.01 万元 and is refused, saying why', (text) => {
    expect(tooPrecise(text)).toMatch(/位小数，本报表金额精确到 0.01 万元，不能原样保存/u);
  });

  it('accepts trailing zeros, which add no precision', () => {
    expect(value('12.3400')).toBe(1234);
    expect(value('30.48000000')).toBe(3048);
  });

  it('holds a report in whole 元 to the 元', () => {
    const whole = { reportUnit: '元', decimals: 0 } as const;
    expect(value('1,234', whole)).toBe(123400);
    expect(value('1,234.00', whole)).toBe(123400);
    expect(tooPrecise('12.50', whole)).toMatch(/精确到 1 元/u);
  });
});

describe('parseAmount: rejected forms', () => {
  it.each(['1,64', '1 64', '1,23,4.5', '12,34', '1,234 567', '1234,567'])(
    '%j uses a comma or space that is not a thousands separator',
    (text) => {
      expect(rejection(text)).toMatch(/不是有效的金额（逗号或空格只能用作千位分隔符/u);
    },
  );

  it.each([
    'abc',
    '1.2.3',
    '12a',
    '12-3',
    '--5',
    '()',
    '（）',
    '1e',
    'e5',
    '.',
    '1,',
    ',5',
    'NaN',
    'Infinity',
    '-Infinity',
    '(-12)',
    '-(12)',
    '12)',
    '(12',
    '0x10',
    '１２ａ',
    '¥12',
    '12 . 5',
  ])('%j is not an amount', (text) => {
    expect(rejection(text)).toBe(`“${text.trim()}” 不是有效的金额`);
  });

  it.each(['12元', '12万元', '12 万元', '1,234.56元'])('%j carries a unit and is rejected', (text) => {
    expect(rejection(text)).toMatch(/不要带单位/);
  });

  it('quotes the trimmed text in the reason', () => {
    expect(rejection('  12a  ')).toBe('“12a” 不是有效的金额');
  });

  it('accepts the largest safe amount and rejects anything beyond it', () => {
    expect(value('90071992547409.91')).toBe(MAX);
    expect(value('-90071992547409.91')).toBe(-MAX);
    for (const text of [
      '90071992547409.92',
      '-90071992547409.92',
      '1e16',
      '(1e16)',
      '1e99999999999999999999',
      '1e1000000',
    ]) {
      expect(rejection(text)).toMatch(/金额过大/);
    }
  });

  it('refuses an enormous negative exponent as far more precise than any report', () => {
    tooPrecise('1e-99999999999999999999');
  });
});

describe('parseAmount: entry unit', () => {
  it('does not convert without options or when the units agree', () => {
    expect(value('123456.78')).toBe(12345678);
    expect(value('123456.78', { entryUnit: '万元', reportUnit: '万元' })).toBe(12345678);
    expect(value('123456.78', { entryUnit: '元', reportUnit: '元' })).toBe(12345678);
    expect(value('123456.78', { reportUnit: '元' })).toBe(12345678);
  });

  it('converts 元 typed into a 万元 report exactly: whole hundreds of 元', () => {
    expect(value('12300', { entryUnit: '元' })).toBe(123);
    expect(value('-100', { entryUnit: '元', reportUnit: '万元' })).toBe(-1);
    expect(value('(150,000)', { entryUnit: '元' })).toBe(-1500);
    expect(value('1.2E+5', { entryUnit: '元' })).toBe(1200);
  });

  it('refuses 元 that a 万元 report cannot hold to the fen (12345.67 元 is 1.234567 万元), saying what would do', () => {
    const reason = tooPrecise('12345.67', { entryUnit: '元', reportUnit: '万元' });
    expect(reason).toContain('换算为 1.234567 万元');
    expect(reason).toContain('请输入 100 元的整数倍');
    tooPrecise('50', { entryUnit: '元' });
    tooPrecise('49.995', { entryUnit: '元' });
  });

  it('converts 万元 typed into a 元 report exactly', () => {
    expect(value('1.23456', { entryUnit: '万元', reportUnit: '元' })).toBe(1234560);
    expect(value('0.000001', { entryUnit: '万元', reportUnit: '元' })).toBe(1);
    tooPrecise('0.0000005', { entryUnit: '万元', reportUnit: '元' });
  });

  it('rejects an amount that only overflows after conversion', () => {
    expect(value('900719925.47', { entryUnit: '万元', reportUnit: '元' })).toBe(900719925470000);
    const result = parseAmount('90071992547409.91', { entryUnit: '万元', reportUnit: '元' });
    expect(result.ok).toBe(false);
  });
});

describe('formatAmount and toDecimalString', () => {
  it.each([
    [0, '0.00', '0.00'],
    [5, '0.05', '0.05'],
    [-5, '-0.05', '-0.05'],
    [100, '1.00', '1.00'],
    [-1230, '-12.30', '-12.30'],
    [99999, '999.99', '999.99'],
    [100000, '1,000.00', '1000.00'],
    [123456, '1,234.56', '1234.56'],
    [-123456789, '-1,234,567.89', '-1234567.89'],
    [MAX, '90,071,992,547,409.91', '90071992547409.91'],
    [-MAX, '-90,071,992,547,409.91', '-90071992547409.91'],
  ])('%d → %j / %j', (hundredths, display, file) => {
    expect(formatAmount(hundredths)).toBe(display);
    expect(formatAmount(hundredths, { thousands: true })).toBe(display);
    expect(formatAmount(hundredths, { thousands: false })).toBe(file);
    expect(toDecimalString(hundredths)).toBe(file);
  });

  it('refuses a value that is not integer hundredths', () => {
    expect(() => formatAmount(12.3)).toThrow(RangeError);
    expect(() => toDecimalString(MAX + 1)).toThrow(RangeError);
  });
});

describe('fromDecimalString', () => {
  it.each([
    ['0.00', 0],
    ['-0.05', -5],
    ['1234.56', 123456],
    ['90071992547409.91', MAX],
    ['-90071992547409.91', -MAX],
  ])('%j → %d', (text, expected) => {
    expect(fromDecimalString(text)).toBe(expected);
  });

  it.each([
    '',
    '1234.5',
    '1234',
    '1,234.56',
    '01.00',
    '-0.00',
    ' 1.00',
    '1.00 ',
    '1.000',
    '+1.00',
    '.50',
    '1e3',
    '（1.00）',
    '１.００',
    'NaN',
  ])('rejects non-canonical %j', (text) => {
    expect(() => fromDecimalString(text)).toThrow(SyntaxError);
  });

  it('rejects amounts beyond the safe range', () => {
    expect(() => fromDecimalString('90071992547409.92')).toThrow(/金额超出可处理范围/);
    expect(() => fromDecimalString('-100000000000000000.00')).toThrow(RangeError);
  });
});

describe('convertUnit', () => {
  it('万元 → 元 multiplies by 10000 exactly', () => {
    expect(convertUnit(123456, '万元', '元')).toBe(1234560000);
    expect(convertUnit(-1, '万元', '元')).toBe(-10000);
    expect(convertUnit(900719925474, '万元', '元')).toBe(9007199254740000);
  });

  it('元 → 万元 divides by 10000 rounding half up', () => {
    expect(convertUnit(1234560000, '元', '万元')).toBe(123456);
    expect(convertUnit(12345678, '元', '万元')).toBe(1235);
    expect(convertUnit(5000, '元', '万元')).toBe(1);
    expect(convertUnit(4999, '元', '万元')).toBe(0);
    expect(convertUnit(15000, '元', '万元')).toBe(2);
    expect(convertUnit(-5000, '元', '万元')).toBe(-1);
    expect(convertUnit(-15000, '元', '万元')).toBe(-2);
    expect(Object.is(convertUnit(-4999, '元', '万元'), 0)).toBe(true);
    expect(convertUnit(MAX, '元', '万元')).toBe(900719925474);
  });

  it('leaves the value alone when the units agree', () => {
    expect(convertUnit(12345, '元', '元')).toBe(12345);
    expect(convertUnit(-12345, '万元', '万元')).toBe(-12345);
  });

  it('throws when 元 would leave the safe range', () => {
    expect(() => convertUnit(900719925475, '万元', '元')).toThrow(/金额超出可处理范围/);
    expect(() => convertUnit(-MAX, '万元', '元')).toThrow(RangeError);
  });
});

describe('checkedHundredths, add, subtract, sum', () => {
  it('passes safe integers and refuses everything else', () => {
    expect(checkedHundredths(123)).toBe(123);
    expect(checkedHundredths(-MAX)).toBe(-MAX);
    expect(Object.is(checkedHundredths(-0), 0)).toBe(true);
    for (const bad of [0.1 + 0.2, 1.5, NaN, Infinity, -Infinity, MAX + 1, -(MAX + 1), 2 ** 60]) {
      expect(() => checkedHundredths(bad)).toThrow(RangeError);
    }
    expect(() => checkedHundredths(MAX + 1)).toThrow('金额超出可处理范围');
  });

  it('adds and subtracts exactly up to the edge of the safe range', () => {
    expect(add(10, 20)).toBe(30);
    expect(add(-10, 3)).toBe(-7);
    expect(subtract(10, 30)).toBe(-20);
    expect(add(MAX - 1, 1)).toBe(MAX);
    expect(subtract(-MAX + 1, 1)).toBe(-MAX);
    expect(() => add(MAX, 1)).toThrow(/金额超出可处理范围/);
    expect(() => subtract(-MAX, 1)).toThrow(RangeError);
    expect(() => add(0.1, 0.2)).toThrow(RangeError);
  });

  it('sums with blanks as zero', () => {
    expect(sum([])).toBe(0);
    expect(sum([null, null])).toBe(0);
    expect(sum([100, null, -30, 5])).toBe(75);
    expect(sum(new Set([1, 2, 3]))).toBe(6);
  });

  it('decides overflow on the total, not on the order of the cells', () => {
    expect(sum([MAX, 1, -1])).toBe(MAX);
    expect(sum([-MAX, -1, 1])).toBe(-MAX);
    expect(() => sum([MAX, 1])).toThrow(/金额超出可处理范围/);
    expect(() => sum([1.5])).toThrow(RangeError);
  });
});

describe('properties', () => {
  const amountInRange = fc.integer({ min: -TEN_TO_13, max: TEN_TO_13 });

  it('sum equals the BigInt sum, blanks counting as zero', () => {
    fc.assert(
      fc.property(fc.array(fc.option(amountInRange, { nil: null })), (cells) => {
        const expected = cells.reduce<bigint>((total, cell) => total + BigInt(cell ?? 0), 0n);
        expect(sum(cells)).toBe(Number(expected));
      }),
    );
  });

  it('parsing decimal strings and summing equals BigInt arithmetic on hundredths', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt(-BigInt(TEN_TO_13), BigInt(TEN_TO_13))), (cells) => {
        const parsed = cells.map((cell) => value(referenceDecimal(cell)));
        const expected = cells.reduce((total, cell) => total + cell, 0n);
        expect(sum(parsed)).toBe(Number(expected));
      }),
    );
  });

  it('keeps every figure exactly or refuses it as too precise, in either entry unit, never rounding', () => {
    const digits = (min: number, max: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((ds) => ds.join(''));
    fc.assert(
      fc.property(
        fc.boolean(),
        digits(1, 12),
        digits(0, 8),
        fc.boolean(),
        (negative, whole, fraction, inYuan) => {
          const text = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
          const exact = BigInt(`${negative ? '-' : ''}${whole}${fraction}`);
          const divisor = 10n ** BigInt(fraction.length) * (inYuan ? 10000n : 1n);
          const result = parseAmount(text, { entryUnit: inYuan ? '元' : '万元' });
          if ((exact * 100n) % divisor === 0n)
            expect(result).toEqual({ ok: true, value: Number((exact * 100n) / divisor) || 0 });
          else expect(result).toMatchObject({ ok: false, tooPrecise: true });
        },
      ),
    );
  });

  it('every accepted spelling of an amount parses to the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TEN_TO_13 }), (magnitude) => {
        const plain = toDecimalString(magnitude);
        const grouped = formatAmount(magnitude);
        for (const spelling of [
          plain,
          grouped,
          grouped.replace(/,/g, '，'),
          grouped.replace(/,/g, '\u00a0'),
          toFullWidth(grouped),
          ` ${plain}\u3000`,
        ]) {
          expect(value(spelling)).toBe(magnitude);
        }
        for (const spelling of [`-${plain}`, `(${grouped})`, toFullWidth(`(${grouped})`), `−${plain}`]) {
          expect(value(spelling)).toBe(magnitude === 0 ? 0 : -magnitude);
        }
      }),
    );
  });

  it('toDecimalString matches the BigInt spelling and both round trips are exact', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (v) => {
        expect(toDecimalString(v)).toBe(referenceDecimal(BigInt(v)));
        expect(fromDecimalString(toDecimalString(v))).toBe(v);
        expect(value(formatAmount(v))).toBe(v);
      }),
    );
  });

  it('万元 → 元 → 万元 is the identity', () => {
    const maxWanYuan = Math.floor(MAX / 10000);
    fc.assert(
      fc.property(fc.integer({ min: -maxWanYuan, max: maxWanYuan }), (v) => {
        const yuan = convertUnit(v, '万元', '元');
        expect(yuan).toBe(Number(BigInt(v) * 10000n));
        expect(convertUnit(yuan, '元', '万元')).toBe(v);
      }),
    );
  });

  it('元 → 万元 equals BigInt round half up', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (v) => {
        expect(convertUnit(v, '元', '万元')).toBe(Number(roundHalfUpDiv(BigInt(v), 10000n)));
      }),
    );
  });

  it('a sum that leaves the safe range throws', () => {
    const big = fc.integer({ min: 2 ** 51, max: MAX });
    fc.assert(
      fc.property(fc.array(big, { minLength: 4, maxLength: 20 }), fc.boolean(), (magnitudes, negative) => {
        const cells = magnitudes.map((m) => (negative ? -m : m));
        expect(() => sum(cells)).toThrow(/金额超出可处理范围/);
      }),
    );
  });
});
