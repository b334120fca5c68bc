import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Methodology } from '../domain/methodology.js';
import { drawRandom } from './prng.js';
import { computeDraws, prepareUncertainty, summariseDraws } from './rank-uncertainty.js';

const m: Methodology = {
  code: 'test',
  version: 1,
  title: 'Тест',
  effectiveFrom: '2022',
  outputScale: 100,
  tieRule: 'competition',
  missingData: { imputation: 'none', availabilityBasis: 'count', minAvailability: 0 },
  colourThresholds: [],
  tree: {
    kind: 'group',
    code: 'INDEX',
    name: 'Индекс',
    weight: 1,
    aggregation: 'arithmetic',
    children: [
      {
        kind: 'group',
        code: 'D1',
        name: 'D1',
        weight: 2,
        aggregation: 'arithmetic',
        children: ['a', 'b'].map((code) => ({
          kind: 'indicator' as const,
          code,
          name: code,
          weight: 1,
          direction: 1 as const,
          normalisation: { method: 'min-max' as const },
        })),
      },
      {
        kind: 'indicator',
        code: 'c',
        name: 'c',
        weight: 1,
        direction: -1,
        normalisation: { method: 'goalposts', lo: 0, hi: 10 },
      },
    ],
  },
};
const units = ['u1', 'u2', 'u3', 'u4'].map((code) => ({ code, name: code }));
const data = { units, values: { a: [1, 5, 3, 4], b: [2, 2, 9, 1], c: [3, 1, 8, null] } };

describe('drawRandom', () => {
  it('is reproducible, in [0, 1), and differs between draws and seeds', () => {
    const first = (seed: number, draw: number) => {
      const next = drawRandom(seed, draw);
      return [next(), next(), next()];
    };
    expect(first(42, 0)).toEqual(first(42, 0));
    expect(first(42, 0)).not.toEqual(first(42, 1));
    expect(first(42, 0)).not.toEqual(first(43, 0));
    const next = drawRandom(7, 3);
    for (let k = 0; k < 10_000; k++) {
      const u = next();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});

describe('rank uncertainty', () => {
  it('without noise or alternatives every draw is the methodology’s own ranking', () => {
    const model = prepareUncertainty(m, data, { weightNoise: 0, alternatives: false });
    const bands = summariseDraws(computeDraws(model, 1, 0, 20), 4);
    // a: 0, 100, 50, 75; b: 12.5, 12.5, 100, 0; D1: 6.25, 56.25, 75, 37.5
    // c (lower is better, goalposts 0..10): 70, 90, 20, —; index (2·D1 + c)/3 or D1 alone
    // u1 27.5, u2 67.5, u3 56.67, u4 37.5 → places 4, 1, 2, 3
    expect([...bands.median]).toEqual([4, 1, 2, 3]);
    expect([...bands.p05]).toEqual([4, 1, 2, 3]);
    expect([...bands.p95]).toEqual([4, 1, 2, 3]);
  });

  it('summarises places by the nearest rank: places stay whole', () => {
    // one unit, places 1..10 over ten draws: median the 5th of ten (5), 5 % → the 1st
    // (⌈0.5⌉), 95 % → the 10th (⌈9.5⌉); an interpolation would give 5.5, 1.45 and 9.55
    const ranks = Float64Array.from({ length: 10 }, (_, d) => d + 1);
    const bands = summariseDraws(ranks, 1);
    expect([bands.p05[0], bands.median[0], bands.p95[0]]).toEqual([1, 5, 10]);
    // twenty draws, places 20 and 21 ten times each: median the 10th of twenty, 20 (not 20.5)
    const pair = Float64Array.from({ length: 20 }, (_, d) => (d < 10 ? 20 : 21));
    const two = summariseDraws(pair, 1);
    expect([two.p05[0], two.median[0], two.p95[0]]).toEqual([20, 20, 21]);
  });

  it('same seed, same draws; any split of the draws gives the same places', () => {
    const model = prepareUncertainty(m, data);
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 39 }), (seed, cut) => {
        const whole = computeDraws(model, seed, 0, 40);
        expect(computeDraws(model, seed, 0, 40)).toEqual(whole);
        const parts = new Float64Array(whole.length);
        parts.set(computeDraws(model, seed, 0, cut), 0);
        parts.set(computeDraws(model, seed, cut, 40), cut * 4);
        expect(parts).toEqual(whole);
      }),
      { numRuns: 30 },
    );
  });

  it('noise and alternatives move places, within 1..n', () => {
    const model = prepareUncertainty(m, data, { weightNoise: 0.5 });
    const ranks = computeDraws(model, 42, 0, 300);
    expect(new Set(ranks).size).toBeGreaterThan(1);
    for (const r of ranks) expect(r >= 1 && r <= 4).toBe(true);
  });
});
