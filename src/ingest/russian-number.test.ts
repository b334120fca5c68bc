import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRussianNumber, parseRussianNumberInFull } from './russian-number.js';

describe('parseRussianNumber', () => {
  it.each([
    ['85 199', 85199, false, 0],
    ['85\u00a0199', 85199, false, 0],
    ['85\u202f199', 85199, false, 0],
    ['0,574', 0.574, false, 3],
    ['178,60%', 178.6, true, 2],
    ['31,17', 31.17, false, 2],
    ['7694', 7694, false, 0],
    ['-3,5', -3.5, false, 1],
    ['0.5', 0.5, false, 1],
    // Scientific notation as R's write.csv, pandas and Excel write it.
    ['2e-06', 0.000002, false, 6],
    ['3e+05', 300000, false, 0],
    ['1,5E-3', 0.0015, false, 4],
    ['-1.25e2', -125, false, 0],
    ['4.5E+00', 4.5, false, 1],
  ])('%s → %d', (raw, value, percentSign, decimals) => {
    expect(parseRussianNumber(raw)).toEqual({ ok: true, value, percentSign, decimals });
  });

  it.each(['', '-', '—', '  ', 'NA', 'na', 'N/A', '#N/A', 'н/д', 'Н/Д'])(
    '%j is missing, not zero',
    (raw) => {
      expect(parseRussianNumber(raw)).toMatchObject({ ok: true, value: null });
    },
  );

  it.each(['двенадцать', '12 апреля', '1,2,3', '12..5', '=SUM(A1)', 'e5', '1e', '1e+', '1,5e-3,2'])(
    '%s is an error',
    (raw) => {
      const result = parseRussianNumber(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain('не число');
    },
  );
});

describe('the fast path for plain numbers', () => {
  const digit = fc.constantFrom(...'0123456789');
  const space = fc.constantFrom(' ', '\u00a0', '\u202f', '\u2009', '  ');
  const piece = fc.oneof(
    { weight: 6, arbitrary: digit },
    { weight: 1, arbitrary: space },
    { weight: 1, arbitrary: fc.constantFrom(',', '.', '-', '+', '%', '\u2212', 'e', 'x', '\t') },
  );
  const cell = fc.array(piece, { maxLength: 20 }).map((parts) => parts.join(''));

  it('agrees with the full parser on generated cells', () => {
    fc.assert(
      fc.property(cell, (raw) => {
        expect(parseRussianNumber(raw)).toEqual(parseRussianNumberInFull(raw));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads every decimal of up to 15 digits as the nearest double, as Number() does', () => {
    const decimal = fc
      .tuple(fc.array(digit, { minLength: 2, maxLength: 15 }), fc.nat(), fc.constantFrom(',', '.'))
      .map(([digits, at, mark]) => {
        const k = 1 + (at % (digits.length - 1));
        return `${digits.slice(0, k).join('')}${mark}${digits.slice(k).join('')}`;
      });
    fc.assert(
      fc.property(decimal, (raw) => {
        expect(parseRussianNumber(raw)).toEqual(parseRussianNumberInFull(raw));
      }),
      { numRuns: 50_000 },
    );
    // Halfway cases and the longest mantissas, where a wrong rounding would show.
    for (const raw of ['0,1', '0,3', '9007199,254740', '999999999999,999', '0,00000000000001'])
      expect(parseRussianNumber(raw)).toEqual(parseRussianNumberInFull(raw));
  });

  it.each([
    ['85 199', 85199, 0],
    ['1 234 567,25', 1234567.25, 2],
    ['0,574', 0.574, 3],
    ['123456789012345', 123456789012345, 0],
  ])('%j reads as the full parser reads it', (raw, value, decimals) => {
    expect(parseRussianNumber(raw)).toEqual(parseRussianNumberInFull(raw));
    expect(parseRussianNumber(raw)).toEqual({ ok: true, value, percentSign: false, decimals });
  });
});
