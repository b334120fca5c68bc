import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Methodology, MethodologyNode, Normalisation } from '../domain/methodology.js';
import { computeRating, type RatingData } from './compute-rating.js';
import { describeExplanation } from './describe-explanation.js';
import { effectiveWeight } from './explain-scores.js';
import { findImprovements, startImprovements } from './find-improvements.js';
import { flattenTree } from './rating-tree.js';

function methodology(children: MethodologyNode[], aggregation = 'arithmetic'): Methodology {
  return {
    code: 'test',
    version: 1,
    title: 'Тест',
    effectiveFrom: '2022',
    outputScale: 1,
    tieRule: 'competition',
    missingData: { imputation: 'none', availabilityBasis: 'count', minAvailability: 0 },
    colourThresholds: [],
    tree: {
      kind: 'group',
      code: 'INDEX',
      name: 'Индекс',
      weight: 1,
      aggregation: aggregation as 'arithmetic',
      children,
    },
  };
}

const indicator = (
  code: string,
  direction: 1 | -1,
  normalisation: Normalisation = { method: 'min-max' },
  weight = 1,
): MethodologyNode => ({
  kind: 'indicator',
  code,
  name: code,
  weight,
  direction,
  normalisation,
});

function explain(m: Methodology, data: RatingData, i: number) {
  const r = computeRating(m, data);
  if (!r.explanations) throw new Error('no explanations');
  return describeExplanation(
    r.explanations,
    data.units.map((u) => u.code),
    r.indicators.map((ind) => ind.code),
    r.indicators.map((ind) => ind.normalised),
    r.indicators.map((ind) => ind.filled),
    i,
  );
}

const units = ['u1', 'u2', 'u3'].map((code) => ({ code, name: code }));

describe('explanations', () => {
  // a min–max: 0, .5, 1; b lower-is-better: 1, 0, .5; index .5, .25, .75 → places 2, 3, 1
  const m = methodology([indicator('a', 1), indicator('b', -1)]);
  const data = { units, values: { a: [10, 20, 30], b: [5, 15, 10] } };

  it('keeps effective weights as one share per unit and group', () => {
    const m = methodology([indicator('a', 1), indicator('b', 1)]);
    const r = computeRating(m, { units, values: { a: [1, 2, 3], b: [1, null, 3] } });
    const w = (r.explanations as NonNullable<typeof r.explanations>).effectiveWeights;
    // One group, the index: u2 lacks b, so a alone carries its index (share 1 per unit of
    // weight present), and b gets no weight
    expect(w.shares.map((share) => [...share])).toEqual([[0.5, 1, 0.5]]);
    expect([...w.groupOf]).toEqual([0, 0]);
    expect([...w.weights]).toEqual([1, 1]);
    expect([0, 1, 2].map((i) => effectiveWeight(w, 0, i))).toEqual([0.5, 1, 0.5]);
    expect([0, 1, 2].map((i) => effectiveWeight(w, 1, i))).toEqual([0.5, 0, 0.5]);
  });

  it('splits the index into contributions and names strengths and weaknesses', () => {
    const e = explain(m, data, 0);
    expect(e.overtakes).toBe('u3');
    expect(e.contributions).toEqual([
      { indicator: 'a', score: 0, effectiveWeight: 0.5, contribution: 0 },
      { indicator: 'b', score: 1, effectiveWeight: 0.5, contribution: 0.5 },
    ]);
    expect(e.strengths).toEqual(['b']);
    expect(e.weaknesses).toEqual(['a']);
    expect(explain(m, data, 2).overtakes).toBeNull();
    expect(explain(m, data, 2).improvements).toEqual([]);
  });

  it('follows the minimum when the unit holding it improves; a maximum cannot help itself', () => {
    // u1 (.5) needs u3's .75, i.e. a score of .5 on a. u1 holds the minimum 10: raising it
    // moves the minimum up to 20, so a must reach 25 ((25 − 20)/(30 − 20) = .5).
    // b is already the best (score 1): pushing it further only stretches the range, and u3
    // keeps a's full point: unreachable.
    const e = explain(m, data, 0);
    expect(e.improvements).toHaveLength(1);
    expect(e.improvements[0]).toMatchObject({ indicator: 'a', from: 10, method: 'numerical' });
    expect(e.improvements[0]?.to).toBeCloseTo(25, 6);
    expect(e.unreachable).toEqual(['b']);
  });

  it('reaches the maximum exactly, and a lower-is-better minimum that moves', () => {
    // u2 (.25) needs u1's .5: a from 20 to the maximum 30 (score 1, bounds unchanged).
    // On b, u2 holds the worst value 15: below 10 the worst becomes u3's 10, u1's 5 keeps
    // score 1 and u2 needs (10 − b)/5 ≥ .5, so b = 7.5.
    const e = explain(m, data, 1);
    const byCode = Object.fromEntries(e.improvements.map((x) => [x.indicator, x]));
    expect(byCode.a).toMatchObject({ method: 'exact', to: 30 });
    expect(byCode.b?.to).toBeCloseTo(7.5, 6);
    expect(byCode.b?.change).toBeCloseTo(-7.5, 6);
  });

  it('reports a goalpost score that cannot rise enough as unreachable', () => {
    const goal = methodology([
      indicator('a', 1, { method: 'goalposts', lo: 0, hi: 10 }),
      indicator('b', 1, { method: 'goalposts', lo: 0, hi: 10 }, 3),
    ]);
    // index = (a + 3b)/4 on 0..1: u1 .25, u2 1 → a alone can add at most .25
    const e = explain(goal, { units: units.slice(0, 2), values: { a: [10, 10], b: [0, 10] } }, 0);
    expect(e.unreachable).toEqual(['a']);
    expect(e.improvements[0]).toMatchObject({ indicator: 'b', method: 'exact' });
    expect(e.improvements[0]?.to).toBeCloseTo(10, 9);
  });
});

const cases = fc.record({
  n: fc.integer({ min: 2, max: 8 }),
  specs: fc.array(
    fc.record({
      direction: fc.constantFrom(1 as const, -1 as const),
      goalposts: fc.boolean(),
      weight: fc.integer({ min: 1, max: 3 }),
    }),
    { minLength: 2, maxLength: 3 },
  ),
  // integers make ties likely; doubles exercise rounding
  seed: fc.array(
    fc.oneof(
      fc.integer({ min: 0, max: 20 }),
      // no subnormal or 1e-200-sized values: no rating input looks like that
      fc.double({ min: 0, max: 20, noNaN: true }).filter((v) => v === 0 || v > 1e-9),
    ),
    { minLength: 24, maxLength: 24 },
  ),
  // values as reports give them (two decimals), for the z-score and rank models
  decimals: fc.array(
    fc.integer({ min: 0, max: 2000 }).map((v) => v / 100),
    { minLength: 24, maxLength: 24 },
  ),
});

type Case = typeof cases extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case, aggregation: 'arithmetic' | 'geometric' | 'other-normalisations') {
  const m = methodology(
    c.specs.map((s, k) =>
      indicator(
        `i${k}`,
        s.direction,
        aggregation === 'geometric'
          ? { method: 'min-max', lower: 1, upper: 100 }
          : aggregation === 'other-normalisations'
            ? ([{ method: 'z-score' }, { method: 'rank' }, { method: 'percentile-rank' }] as const)[
                k % 3
              ]
            : s.goalposts
              ? { method: 'goalposts', lo: 0, hi: 20 }
              : { method: 'min-max' },
        s.weight,
      ),
    ),
    aggregation === 'geometric' ? 'geometric' : 'arithmetic',
  );
  const values: Record<string, number[]> = {};
  c.specs.forEach((_, k) => {
    const source = aggregation === 'other-normalisations' ? c.decimals : c.seed;
    values[`i${k}`] = Array.from({ length: c.n }, (_, i) => source[k * 8 + i] as number);
  });
  return {
    m,
    units: Array.from({ length: c.n }, (_, i) => ({ code: `u${i}`, name: `u${i}` })),
    values,
  };
}

/** Applies one improvement and recomputes everything from scratch. */
function indexWith(
  m: Methodology,
  units: RatingData['units'],
  values: Record<string, number[]>,
  code: string,
  i: number,
  value: number,
) {
  const changed = { ...values, [code]: values[code]?.map((v, j) => (j === i ? value : v)) ?? [] };
  return computeRating(m, { units, values: changed }, { explain: false });
}

describe('explanation properties', () => {
  it.each(['arithmetic', 'geometric', 'other-normalisations'] as const)(
    '%s: the suggested value overtakes the unit above; (exact) a slightly smaller one does not',
    (aggregation) => {
      fc.assert(
        fc.property(cases, (c) => {
          const { m, units, values } = build(c, aggregation);
          const r = computeRating(m, { units, values });
          units.forEach((_, i) => {
            const e = describeExplanation(
              r.explanations as NonNullable<typeof r.explanations>,
              units.map((u) => u.code),
              r.indicators.map((ind) => ind.code),
              r.indicators.map((ind) => ind.normalised),
              r.indicators.map((ind) => ind.filled),
              i,
            );
            const target = units.findIndex((u) => u.code === e.overtakes);
            for (const imp of e.improvements) {
              const after = indexWith(m, units, values, imp.indicator, i, imp.to);
              const mine = after.units[i]?.score as number;
              // z-score and rank advice comes from an O(1) model of the column's mean and
              // spread, equal to a full recomputation to about 12 digits
              const slack = aggregation === 'other-normalisations' ? 1e-12 : 0;
              expect(mine).toBeGreaterThanOrEqual((after.units[target]?.score as number) - slack);
              // With z-scores and ranks the other units' scores move too (the mean, the
              // spread, the order change), so reaching the unit above may not be a net gain.
              if (aggregation !== 'other-normalisations')
                expect(after.units[i]?.rank).toBeLessThan(r.units[i]?.rank as number);
              if (imp.method !== 'exact') continue;
              // Smaller by a millionth, and by more than the rounding slack (values are 0..20).
              const smaller = imp.to - Math.sign(imp.change) * (Math.abs(imp.change) * 1e-6 + 1e-9);
              const less = indexWith(m, units, values, imp.indicator, i, smaller);
              expect(less.units[i]?.score as number).toBeLessThan(
                less.units[target]?.score as number,
              );
            }
          });
        }),
        { numRuns: 200 },
      );
    },
  );
});

describe('explanation boundaries', () => {
  const m = methodology([indicator('a', 1), indicator('b', 1)]);
  const run = (values: Record<string, (number | null)[]>, n = values.a?.length ?? 0) => {
    const us = Array.from({ length: n }, (_, i) => ({ code: `u${i}`, name: `u${i}` }));
    return us.map((_, i) => explain(m, { units: us, values }, i));
  };

  it.each([
    {
      name: 'one unit: nobody to overtake',
      values: { a: [5], b: [7] },
      want: [{ overtakes: null, improvements: 0 }],
    },
    {
      // a and b tied at the top; u2 must reach them (either is the target)
      name: 'ties at the top share the lead; the unit below aims at the tie',
      values: { a: [10, 10, 0], b: [10, 10, 0] },
      want: [
        { overtakes: null, improvements: 0 },
        { overtakes: null, improvements: 0 },
        { overtakes: 'u1', improvements: 2 },
      ],
    },
    {
      // constant a: min–max undefined (no scores) → a carries no weight and gives no advice
      name: 'constant column: no advice on it',
      values: { a: [3, 3, 3], b: [1, 2, 3] },
      want: [
        { overtakes: 'u1', improvements: 1 },
        { overtakes: 'u2', improvements: 1 },
        { overtakes: null, improvements: 0 },
      ],
    },
  ])('$name', ({ values, want }) => {
    const got = run(values);
    expect(
      got.map((e) => ({ overtakes: e.overtakes, improvements: e.improvements.length })),
    ).toEqual(want);
  });

  it('a missing value gets no weight, no contribution and no advice; the others are renormalised', () => {
    const [first] = run({ a: [null, 0, 10], b: [5, 0, 10] });
    expect(first?.contributions).toEqual([
      { indicator: 'a', score: null, effectiveWeight: 0, contribution: 0 },
      { indicator: 'b', score: 0.5, effectiveWeight: 1, contribution: 0.5 },
    ]);
    expect(first?.improvements.map((x) => x.indicator)).toEqual(['b']);
    expect(first?.improvements[0]?.to).toBeCloseTo(10, 9);
  });

  it('geometric means: contributions use the exponent weights; advice is numerical', () => {
    const g = methodology(
      [
        indicator('a', 1, { method: 'min-max', lower: 1, upper: 100 }),
        indicator('b', 1, { method: 'min-max', lower: 1, upper: 100 }),
      ],
      'geometric',
    );
    const us = ['u1', 'u2', 'u3'].map((code) => ({ code, name: code }));
    // a → 1, 100, 50.5; b → 100, 50.5, 1: u1 √(1·100) = 10 < u2 √5050. u1 holds the unique
    // minimum of a (it moves as u1 improves) and the maximum of b: passing it only lowers u2
    // towards √(100·1) = 10, reached at infinity.
    const e = explain(g, { units: us, values: { a: [0, 10, 5], b: [10, 5, 0] } }, 0);
    expect(e.overtakes).toBe('u2');
    expect(e.contributions.map((c) => c.effectiveWeight)).toEqual([0.5, 0.5]);
    expect(e.improvements.every((x) => x.method === 'numerical')).toBe(true);
    expect(e.improvements.map((x) => x.indicator)).toEqual(['a']);
    expect(e.unreachable).toEqual(['b']);
  });
});

describe('improvements searched indicator by indicator', () => {
  // Tree order a, b, c, d; computeRating searches each right after its effective weights,
  // group by group: a, d (the index's own indicators), then b, c.
  const mixed = methodology([
    indicator('a', 1),
    {
      kind: 'group',
      code: 'G',
      name: 'G',
      weight: 2,
      aggregation: 'arithmetic',
      children: [indicator('b', -1), indicator('c', 1, { method: 'z-score' })],
    },
    indicator('d', 1, { method: 'goalposts', lo: 0, hi: 50 }),
  ]);
  const data = {
    units: ['u1', 'u2', 'u3', 'u4', 'u5'].map((code) => ({ code, name: code })),
    values: {
      a: [10, 20, 30, 25, 5],
      b: [5, 15, 10, 8, 12],
      c: [1, 4, 2, 8, 3],
      d: [40, 10, 20, 30, 45],
    },
  };

  it('gives the same values in any order of indicators', () => {
    const r = computeRating(mixed, data);
    const e = r.explanations as NonNullable<typeof r.explanations>;
    const parts = {
      m: mixed,
      tree: flattenTree(mixed),
      indicators: r.indicators,
      nodeScores: r.nodes.map((node) => node.scores),
      effectiveWeights: r.indicators.map((_, k) =>
        Float64Array.from(r.units, (_, i) => effectiveWeight(e.effectiveWeights, k, i)),
      ),
      overtakes: e.overtakes,
    };
    const inOrder = findImprovements(parts);
    const reversed = startImprovements(parts);
    for (let k = r.indicators.length - 1; k >= 0; k--) reversed.indicator(k);
    for (const found of [inOrder, reversed.improvements]) {
      expect(found.kind.map((kind) => [...kind])).toEqual(e.improvements.kind.map((k) => [...k]));
      expect(found.to.map((to) => [...to])).toEqual(e.improvements.to.map((to) => [...to]));
    }
    // Places 3, 5, 2, 1, 4: u4 leads and needs nothing (0); exact (1), numerical (2: z-scores,
    // or past a bound) and unreachable (3) advice all occur.
    expect([...e.overtakes]).toEqual([2, 4, 3, -1, 0]);
    expect(e.improvements.kind.map((kind) => [...kind])).toEqual([
      [1, 1, 3, 0, 2],
      [1, 2, 3, 0, 1],
      [2, 2, 2, 0, 2],
      [3, 1, 3, 0, 1],
    ]);
  });
});
