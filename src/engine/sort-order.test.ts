import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortOrder } from './sort-order.js';

/** The order a comparator sort gives: ascending value, then index; NaN left out. */
function reference(values: number[]): number[] {
  return values
    .map((v, i) => [v, i] as const)
    .filter(([v]) => !Number.isNaN(v))
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .map(([, i]) => i);
}

describe('sortOrder', () => {
  it.each([
    { values: [3, Number.NaN, 1, 2], want: [2, 3, 0] },
    { values: [], want: [] },
    { values: [Number.NaN], want: [] },
    { values: [-0, 0, -1, 1], want: [2, 0, 1, 3] },
  ])('$values', ({ values, want }) => {
    expect([...sortOrder(Float64Array.from(values))]).toEqual(want);
  });

  it('keeps equal values (−0 and 0 among them) in index order, to the index', () => {
    // Values sharing their high 32 bits: runs finished by insertion (short) and by a radix
    // pass on the low word (long); integers: long runs of equal values; wide doubles.
    const value = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map((k) => 1 + k * Number.EPSILON),
      fc.integer({ min: 0, max: 3 }).map((k) => -(2 + k * 2 * Number.EPSILON)),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom(0, -0, Number.NaN),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    for (const size of [20, 300, 5_000]) {
      fc.assert(
        fc.property(fc.array(value, { minLength: size, maxLength: size }), (values) => {
          const got = [...sortOrder(Float64Array.from(values))];
          expect(got).toEqual(reference(values.map((v) => (Object.is(v, -0) ? 0 : v))));
        }),
        { numRuns: size > 1000 ? 10 : 40 },
      );
    }
  });

  it('agrees with a comparator sort on small, radix-sized and large columns with ties', () => {
    const value = fc.oneof(
      fc.integer({ min: -50, max: 50 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(Number.NaN),
    );
    for (const size of [10, 300, 21_000]) {
      fc.assert(
        fc.property(fc.array(value, { minLength: size, maxLength: size }), (values) => {
          const got = [...sortOrder(Float64Array.from(values))];
          const want = reference(values.map((v) => (Object.is(v, -0) ? 0 : v)));
          // −0 and 0 are equal: compare the sorted values, not the tie order between them.
          expect(got.map((i) => (values[i] === 0 ? 0 : values[i]))).toEqual(
            want.map((i) => (values[i] === 0 ? 0 : values[i])),
          );
        }),
        { numRuns: size > 1000 ? 3 : 50 },
      );
    }
  });
});
