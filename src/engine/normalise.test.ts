import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Direction, Normalisation } from '../domain/methodology.js';
import { fromColumn, toColumn } from './column.js';
import { normaliseColumn } from './normalise.js';
import { normaliseDistanceToTarget } from './normalise-distance-to-target.js';
import { normaliseFractionOfMax } from './normalise-fraction-of-max.js';
import { normaliseGoalposts } from './normalise-goalposts.js';
import { minMaxMagnitude, normaliseMinMax } from './normalise-min-max.js';
import { normalisePercentileRank, normaliseRank } from './normalise-rank.js';
import { normaliseZScore } from './normalise-z-score.js';

const col = (xs: (number | null)[]) => toColumn(xs);
const out = (r: { values: Float64Array }) => fromColumn(r.values);

describe('min–max (COINr n_minmax)', () => {
  it.each([
    { name: 'plain', x: [2, 4, 6], dir: 1, l: 0, u: 100, want: [0, 50, 100] },
    { name: 'lower is better', x: [1, 2, 3], dir: -1, l: 0, u: 100, want: [100, 50, 0] },
    { name: 'to [1, 100]', x: [0, 5, 10], dir: 1, l: 1, u: 100, want: [1, 50.5, 100] },
    { name: 'missing stays missing', x: [10, null, 30], dir: 1, l: 0, u: 1, want: [0, null, 1] },
    { name: 'constant column', x: [7, 7, null], dir: 1, l: 0, u: 1, want: [null, null, null] },
    { name: 'one unit', x: [7], dir: 1, l: 0, u: 1, want: [null] },
    { name: 'all missing', x: [null, null], dir: 1, l: 0, u: 1, want: [null, null] },
  ])('$name', ({ x, dir, l, u, want }) => {
    const r = normaliseMinMax(col(x), dir as Direction, l, u);
    expect(out(r)).toEqual(want);
  });

  it.each([
    { l: 0, u: 100, want: 100 },
    { l: 1, u: 100, want: 100 },
    { l: -5, u: 3, want: 5 },
    { l: 100, u: 0, want: 100 },
  ])('largest |score| on [$l, $u] is $want without reading the column', ({ l, u, want }) => {
    expect(minMaxMagnitude(l, u)).toBe(want);
  });

  it('largest |score| equals the largest found by scanning the normalised column', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }),
      fc.integer({ min: -3, max: 3 }),
      fc.constant(Number.NaN),
    );
    const bound = fc.oneof(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constant(0));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 2, maxLength: 40 }),
        fc.constantFrom(1, -1),
        bound,
        bound,
        (xs, dir, l, u) => {
          const r = normaliseMinMax(Float64Array.from(xs), dir as Direction, l, u);
          let scanned = 0;
          for (const v of r.values) if (Math.abs(v) > scanned) scanned = Math.abs(v);
          if (r.note !== null) return; // no range: the caller scans instead
          expect(minMaxMagnitude(l, u)).toBe(scanned);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('explains a constant column', () => {
    expect(normaliseMinMax(col([7, 7]), 1).note).toMatch(/одинаковое значение/);
  });
});

describe('goalposts (COINr n_goalposts)', () => {
  it.each([
    { name: 'inside', x: [5], dir: 1, want: [0.5] },
    { name: 'clamped both sides', x: [-5, 20], dir: 1, want: [0, 1] },
    { name: 'lower is better: lo earns all', x: [0, 2.5, 10, 12], dir: -1, want: [1, 0.75, 0, 0] },
    { name: 'missing', x: [null], dir: 1, want: [null] },
  ])('$name', ({ x, dir, want }) => {
    expect(out(normaliseGoalposts(col(x), dir as Direction, 0, 10, 1))).toEqual(want);
  });

  it('scales and rejects lo ≥ hi', () => {
    expect(out(normaliseGoalposts(col([25]), 1, 0, 50, 100))).toEqual([50]);
    expect(out(normaliseGoalposts(col([1]), 1, 5, 5)).every((v) => v === null)).toBe(true);
  });
});

describe('distance to target (COINr n_dist2targ)', () => {
  it.each([
    { name: 'uncapped', x: [0, 5, 20], dir: 1, t: 10, cap: false, want: [0, 0.5, 2] },
    { name: 'capped', x: [0, 5, 20], dir: 1, t: 10, cap: true, want: [0, 0.5, 1] },
    // −x: [−2, −4, −10], min −10, target −1: (x + 10)/9
    { name: 'lower is better', x: [2, 4, 10], dir: -1, t: 1, cap: false, want: [8 / 9, 6 / 9, 0] },
  ])('$name', ({ x, dir, t, cap, want }) => {
    const r = normaliseDistanceToTarget(col(x), dir as Direction, t, { capAtTarget: cap });
    for (const [i, v] of out(r).entries()) expect(v).toBeCloseTo(want[i] as number, 12);
  });

  it('target equal to the worst value is undefined', () => {
    expect(out(normaliseDistanceToTarget(col([3, 5]), 1, 3))).toEqual([null, null]);
  });
});

describe('fraction of max, z-score, ranks', () => {
  it('fraction of max', () => {
    expect(out(normaliseFractionOfMax(col([1, 2, 4, null]), 1))).toEqual([0.25, 0.5, 1, null]);
    // Lower-is-better data have a negative maximum once negated: refused, not silently inverted.
    expect(out(normaliseFractionOfMax(col([1, 2]), -1))).toEqual([null, null]);
  });

  it('z-score uses the sample sd (n − 1)', () => {
    // mean 4, deviations −2, 0, 2, sample sd = √(8/2) = 2
    expect(out(normaliseZScore(col([2, 4, 6]), 1))).toEqual([-1, 0, 1]);
    expect(out(normaliseZScore(col([2, 4, 6]), -1, 10, 2))).toEqual([12, 10, 8]);
    expect(out(normaliseZScore(col([5]), 1))).toEqual([null]);
    expect(out(normaliseZScore(col([5, 5]), 1))).toEqual([null, null]);
  });

  it.each([
    { x: [10, 30, 30, 20], dir: 1, rank: [1, 3, 3, 2], prank: [0, 2 / 3, 2 / 3, 1 / 3] },
    { x: [10, 30, null, 20], dir: -1, rank: [3, 1, null, 2], prank: [1, 0, null, 0.5] },
    { x: [5, 5], dir: 1, rank: [1, 1], prank: [0, 0] },
    { x: [5], dir: 1, rank: [1], prank: [null] },
  ])('ranks with min-ties: $x', ({ x, dir, rank, prank }) => {
    expect(out(normaliseRank(col(x), dir as Direction))).toEqual(rank);
    expect(out(normalisePercentileRank(col(x), dir as Direction))).toEqual(prank);
  });
});

describe('normaliseColumn defaults', () => {
  it('stretches 0..1 methods to the output scale', () => {
    const x = col([0, 5, 10]);
    expect(out(normaliseColumn(x, 1, { method: 'min-max' }, 100))).toEqual([0, 50, 100]);
    expect(out(normaliseColumn(x, 1, { method: 'goalposts', lo: 0, hi: 20 }, 100))).toEqual([
      0, 25, 50,
    ]);
    expect(out(normaliseColumn(x, 1, { method: 'percentile-rank' }, 1))).toEqual([0, 0.5, 1]);
    expect(out(normaliseColumn(x, 1, { method: 'rank' }, 100))).toEqual([1, 2, 3]);
  });

  it('points ignore the direction', () => {
    const spec: Normalisation = {
      method: 'points',
      scoring: { mode: 'step', thresholds: [{ value: 5, points: 2 }] },
    };
    expect(out(normaliseColumn(col([0, 5]), -1, spec, 1))).toEqual([0, 2]);
  });
});

const values = fc.array(fc.option(fc.integer({ min: -1e6, max: 1e6 }), { nil: null }), {
  minLength: 1,
  maxLength: 40,
});
const direction = fc.constantFrom<Direction>(1, -1);
const methods: Normalisation[] = [
  { method: 'min-max' },
  { method: 'goalposts', lo: -1000, hi: 1000 },
  { method: 'distance-to-target', target: 2e6, capAtTarget: true },
  { method: 'percentile-rank' },
];

describe('properties', () => {
  it('bounded methods stay within [0, scale]', () => {
    fc.assert(
      fc.property(values, direction, fc.constantFrom(...methods), (xs, dir, chosen) => {
        // A target better than every value: 2e6 in the indicator's own direction.
        const spec: Normalisation =
          chosen.method === 'distance-to-target' ? { ...chosen, target: dir * 2e6 } : chosen;
        for (const v of normaliseColumn(col(xs), dir, spec, 100).values) {
          if (!Number.isNaN(v)) {
            expect(v).toBeGreaterThanOrEqual(-1e-9);
            expect(v).toBeLessThanOrEqual(100 + 1e-9);
          }
        }
      }),
    );
  });

  it('permuting units leaves each unit’s score unchanged', () => {
    fc.assert(
      fc.property(
        values,
        direction,
        fc.constantFrom(...methods),
        fc.integer(),
        (xs, dir, spec, seed) => {
          const perm = xs
            .map((_, i) => i)
            .sort((a, b) => ((a * 7919 + seed) % 31) - ((b * 7919 + seed) % 31));
          const base = normaliseColumn(col(xs), dir, spec, 1).values;
          const shuffled = normaliseColumn(
            col(perm.map((i) => xs[i] ?? null)),
            dir,
            spec,
            1,
          ).values;
          for (const [k, i] of perm.entries()) expect(shuffled[k]).toBe(base[i]);
        },
      ),
    );
  });

  it('adding a constant leaves min–max scores unchanged', () => {
    fc.assert(
      fc.property(values, direction, fc.integer({ min: -1e6, max: 1e6 }), (xs, dir, c) => {
        const a = normaliseMinMax(col(xs), dir, 0, 1).values;
        const b = normaliseMinMax(
          col(xs.map((x) => (x === null ? null : x + c))),
          dir,
          0,
          1,
        ).values;
        a.forEach((v, i) => {
          if (Number.isNaN(v)) expect(b[i]).toBeNaN();
          else expect(b[i]).toBeCloseTo(v, 9);
        });
      }),
    );
  });
});
