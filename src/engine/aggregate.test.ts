import { describe, expect, it } from 'vitest';
import type { AggregationMethod } from '../domain/methodology.js';
import { AggregationError, aggregateColumns } from './aggregate.js';
import { fromColumn, toColumn } from './column.js';

const noThreshold = { availabilityBasis: 'count', minAvailability: 0 } as const;

function one(
  values: (number | null)[],
  weights: number[],
  method: AggregationMethod,
): number | null {
  const children = values.map((v) => toColumn([v]));
  return fromColumn(aggregateColumns(children, weights, method, noThreshold).values)[0] ?? null;
}

describe('aggregateColumns', () => {
  it.each([
    // hand-computed
    { values: [2, 8], weights: [1, 3], method: 'arithmetic', want: (2 + 24) / 4 },
    { values: [1, 4], weights: [1, 1], method: 'geometric', want: 2 },
    { values: [2, 8], weights: [3, 1], method: 'geometric', want: (2 ** 3 * 8) ** (1 / 4) },
    { values: [1, 3], weights: [1, 1], method: 'harmonic', want: 1.5 },
    { values: [2, 6], weights: [1, 2], method: 'sum', want: 14 },
    // missing dropped, weights renormalised: only 8 remains
    { values: [null, 8], weights: [1, 3], method: 'arithmetic', want: 8 },
    { values: [null, 8], weights: [1, 3], method: 'sum', want: 24 },
    { values: [null, null], weights: [1, 1], method: 'arithmetic', want: null },
    // zero-weight children are skipped, even a zero under a geometric mean
    { values: [0, 9], weights: [0, 1], method: 'geometric', want: 9 },
  ] as const)('$method of $values with $weights', ({ values, weights, method, want }) => {
    const got = one([...values], [...weights], method);
    if (want === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(want, 12);
  });

  it.each(['geometric', 'harmonic'] as const)(
    '%s mean names the unit and indicator of a zero',
    (method) => {
      const run = () =>
        aggregateColumns([toColumn([5, 0]), toColumn([1, 2])], [1, 1], method, noThreshold, {
          unitCodes: ['orsk', 'buzuluk'],
          childCodes: ['I1', 'I2'],
        });
      expect(run).toThrow(AggregationError);
      try {
        run();
      } catch (e) {
        expect(e).toMatchObject({ unitCode: 'buzuluk', childCode: 'I1', value: 0, unitIndex: 1 });
        expect((e as Error).message).toMatch(/«buzuluk».*«I1»/);
      }
    },
  );

  it('applies the availability threshold by weight or by count', () => {
    const children = [toColumn([1, 1]), toColumn([2, null]), toColumn([3, null])];
    const weights = [2, 1, 1];
    // unit 2 has 2/4 of the weight but 1/3 of the children
    const byWeight = aggregateColumns(children, weights, 'arithmetic', {
      availabilityBasis: 'weight',
      minAvailability: 0.5,
    });
    expect(fromColumn(byWeight.values)).toEqual([(2 + 2 + 3) / 4, 1]);
    expect([...byWeight.availability]).toEqual([1, 0.5]);
    const byCount = aggregateColumns(children, weights, 'arithmetic', {
      availabilityBasis: 'count',
      minAvailability: 0.5,
    });
    expect(fromColumn(byCount.values)).toEqual([7 / 4, null]);
    expect([...byCount.belowThreshold]).toEqual([0, 1]);
  });
});
