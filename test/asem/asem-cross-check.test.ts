import { describe, expect, it } from 'vitest';
import { computeRating } from '../../src/engine/compute-rating.js';
import { effectiveWeight } from '../../src/engine/explain-scores.js';
import { validateMethodology } from '../../src/engine/validate-methodology.js';
import { hasAsem, readAsem } from './read-asem.js';

// Optional: runs where ../shared/data/asem exists (the data is never committed).
describe.skipIf(!hasAsem)('ASEM cross-check against COINr', () => {
  it('min–max [0, 100] and arithmetic means: the invariants hold', () => {
    const { methodology, data } = readAsem();
    const checked = validateMethodology(methodology);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    const r = computeRating(methodology, data);
    expect(r.units).toHaveLength(51);
    expect(r.indicators).toHaveLength(49);
    for (const ind of r.indicators) {
      const present = [...ind.normalised].filter((v) => !Number.isNaN(v));
      expect(Math.min(...present)).toBe(0);
      expect(Math.max(...present)).toBe(100);
    }
    const index = r.nodes[0];
    const conn = r.nodes.find((n) => n.code === 'Conn');
    const sust = r.nodes.find((n) => n.code === 'Sust');
    r.units.forEach((u, i) => {
      expect(u.score).toBeGreaterThanOrEqual(0);
      expect(u.score).toBeLessThanOrEqual(100);
      // equal weights: the index is the mean of the two sub-indices
      expect(u.score).toBeCloseTo(((conn?.scores[i] ?? 0) + (sust?.scores[i] ?? 0)) / 2, 10);
    });
    expect(new Set(r.units.map((u) => u.rank)).size).toBe(51);
    expect(index?.code).toBe('Index');
    // contributions add up to the index (arithmetic means at every level)
    const e = r.explanations;
    if (!e) throw new Error('no explanations');
    r.units.forEach((u, i) => {
      let sum = 0;
      r.indicators.forEach((ind, k) => {
        const w = effectiveWeight(e.effectiveWeights, k, i);
        if (w > 0) sum += w * (ind.normalised[i] as number);
      });
      expect(sum).toBeCloseTo(u.score as number, 9);
    });
  });

  it('with COINr’s example steps reproduces its published index values', () => {
    // COINr build_example_coin(): denominate, impute by EurAsia group mean, treat outliers
    // (winsorise up to 5 points, else log), min–max [0, 100], arithmetic means.
    // Published in COINr's "Presenting results" article (get_results, rounded to 2 dp).
    const { methodology, data } = readAsem({ impute: true, treat: true });
    const r = computeRating(methodology, data, { explain: false });
    const byCode = new Map(r.units.map((u) => [u.code, u]));
    const published: [string, number, number][] = [
      ['CHE', 1, 68.38],
      ['NLD', 2, 64.82],
      ['DNK', 3, 64.8],
      ['NOR', 4, 64.47],
      ['BEL', 5, 63.54],
      ['SWE', 6, 63.0],
    ];
    for (const [code, rank, score] of published) {
      expect(byCode.get(code)?.rank).toBe(rank);
      expect(Math.round((byCode.get(code)?.score as number) * 100) / 100).toBe(score);
    }
  });
});
