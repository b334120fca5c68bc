import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromColumn, toColumn } from './column.js';
import { passesSkewKurtosis, skewKurtosis } from './skew-kurtosis.js';
import { treatOutliers } from './treat-outliers.js';

// Expected skewness/kurtosis from scipy.stats.skew/kurtosis(bias=False), i.e. Excel SKEW/KURT.
describe('skewness and kurtosis (Excel SKEW / KURT, COINr skew/kurt)', () => {
  it.each([
    { x: [1, 2, 3, 10], skew: 1.763632614803888, kurt: 3.228 },
    {
      x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100],
      skew: 3.0632410342394993,
      kurt: 9.741390834569144,
    },
    { x: [1, 2, null, 3, 10], skew: 1.763632614803888, kurt: 3.228 },
  ])('$x', ({ x, skew, kurt }) => {
    const s = skewKurtosis(toColumn(x));
    expect(s.skewness).toBeCloseTo(skew, 12);
    expect(s.kurtosis).toBeCloseTo(kurt, 12);
  });

  it.each([
    { x: [1, 2, 3], why: 'kurtosis needs 4 values' },
    { x: [4, 4, 4, 4, 4], why: 'no spread' },
    { x: [], why: 'no data' },
  ])('undefined when $why', ({ x }) => {
    expect(passesSkewKurtosis(skewKurtosis(toColumn(x)))).toBeNull();
  });

  it('passes on |skew| < 2 OR kurtosis < 3.5', () => {
    expect(passesSkewKurtosis({ skewness: 2.5, kurtosis: 3.4, count: 9 })).toBe(true);
    expect(passesSkewKurtosis({ skewness: -1.9, kurtosis: 9, count: 9 })).toBe(true);
    expect(passesSkewKurtosis({ skewness: -2, kurtosis: 3.5, count: 9 })).toBe(false);
  });
});

// A heavy-tailed sample (seeded random search in Python): 5 winsorised points are not enough,
// the log transform is; expected values from an independent Python implementation.
const heavy = [
  13.16, 0.0, 1.42, 0.05, 0.26, 0.05, 0.05, 0.0, 0.95, 0.0, 36.91, 0.0, 36.8, 0.01, 0.0, 2.55, 0.43,
  3.14, 0.36, 0.99, 0.0, 1.41, 0.37, 35.16, 0.0, 0.0, 1.43, 17.7, 0.16, 1.91, 0.56, 0.12, 0.25,
  0.78, 0.0, 0.05, 2.4, 0.03, 0.26, 0.03, 0.09, 1.16, 2.52, 31.03, 0.27, 0.01, 0.07, 0.0, 0.02,
  0.68,
];

describe('treatOutliers (COINr Treat with winsorise + log_CT_plus)', () => {
  it('leaves a passing indicator alone', () => {
    const r = treatOutliers(toColumn([1, 2, 3, 4, 5]));
    expect(r.report.status).toBe('passed');
    expect(fromColumn(r.values)).toEqual([1, 2, 3, 4, 5]);
  });

  it('winsorises the COINr example: 100 → 30 and stops', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100];
    const r = treatOutliers(toColumn(x));
    expect(r.report.status).toBe('winsorised');
    expect(r.report.winsorised).toEqual([{ index: 11, side: 'high', from: 100, to: 30 }]);
    expect(fromColumn(r.values)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 30]);
    expect(r.report.skewnessAfter).toBeCloseTo(1.7120380600890506, 12);
  });

  it('winsorises the low side when skew is negative', () => {
    const r = treatOutliers(toColumn([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -100]));
    expect(r.report.winsorised).toEqual([{ index: 12, side: 'low', from: -100, to: 1 }]);
  });

  it('moves tied extremes together and counts each point', () => {
    // 2^0..2^19: the top two move (524288 → 262144 → both to 131072).
    const r = treatOutliers(toColumn(Array.from({ length: 20 }, (_, k) => 2 ** k)));
    expect(r.report.status).toBe('winsorised');
    expect(r.report.winsorised).toEqual([
      { index: 18, side: 'high', from: 262144, to: 131072 },
      { index: 19, side: 'high', from: 524288, to: 131072 },
    ]);
  });

  it('falls back to log(x − min + 0.01·range) on the original values', () => {
    const r = treatOutliers(toColumn(heavy));
    expect(r.report.status).toBe('log-transformed');
    expect(r.report.logTransform).toBe('log');
    expect(r.report.winsorised).toEqual([]);
    expect(r.values[0]).toBeCloseTo(Math.log(13.16 + 0.3691), 12);
    expect(r.report.skewnessAfter).toBeCloseTo(1.5232654116078206, 10);
    expect(r.report.kurtosisAfter).toBeCloseTo(1.4025727391502771, 10);
  });

  it('uses the mirrored log −log(max + a − x) for negative skew', () => {
    const r = treatOutliers(toColumn(heavy.map((v) => -v)));
    expect(r.report.logTransform).toBe('mirrored-log');
    expect(r.values[0]).toBeCloseTo(-Math.log(13.16 + 0.3691), 12);
  });

  it('reports a still failing indicator but keeps the log values', () => {
    // Two-point data: winsorising makes it constant, the log keeps the same shape.
    const r = treatOutliers(toColumn([...Array(50).fill(0), 1, 1, 1]));
    expect(r.report.status).toBe('still-failing');
    expect(r.values[0]).toBeCloseTo(Math.log(0.01), 12);
    expect(r.report.skewnessAfter).toBeCloseTo(3.950223414728835, 9);
  });

  it('does not assess fewer than four values, keeps missing values missing', () => {
    expect(treatOutliers(toColumn([1, 1000, 3])).report.status).toBe('not-assessable');
    const r = treatOutliers(toColumn([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100, null]));
    expect(r.values[12]).toBeNaN();
  });

  it('property: treatment of −x mirrors treatment of x', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 4, maxLength: 30 }),
        (xs) => {
          const a = treatOutliers(toColumn(xs));
          const b = treatOutliers(toColumn(xs.map((v) => -v)));
          // Zero skew breaks the symmetry (COINr winsorises the high side on skew ≥ 0).
          if (a.report.skewnessBefore === 0 || Math.abs(a.report.skewnessBefore) < 1e-9) return;
          for (const [i, v] of a.values.entries()) expect(b.values[i]).toBeCloseTo(-v, 6);
        },
      ),
    );
  });
});
