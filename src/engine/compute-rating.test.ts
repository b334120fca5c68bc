import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Methodology, MethodologyNode } from '../domain/methodology.js';
import { fromColumn } from './column.js';
import { computeRating, type RatingData } from './compute-rating.js';

const indicator = (code: string, direction: 1 | -1, extra: object = {}): MethodologyNode => ({
  kind: 'indicator',
  code,
  name: code,
  weight: 1,
  direction,
  normalisation: { method: 'min-max' },
  ...extra,
});

function methodology(
  children: MethodologyNode[],
  overrides: Partial<Methodology> = {},
): Methodology {
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
      aggregation: 'arithmetic',
      children,
    },
    ...overrides,
  };
}

/** A grouping by population with bands given as [from, label]. */
const populationGroups = (...bands: [number, string][]) => ({
  title: 'Группа по численности населения',
  reference: 'population',
  bands: bands.map(([from, label]) => ({ from, label })),
});

const units = [
  { code: 'u1', name: 'Бузулук', group: 'city' },
  { code: 'u2', name: 'Орск', group: 'city' },
  { code: 'u3', name: 'Гайский', group: 'district' },
];

describe('computeRating', () => {
  it('computes a small rating by hand', () => {
    // a min–max: 0, .5, 1; b (lower is better) −b: −5, −15, −10 → 1, 0, .5
    // index = mean: .5, .25, .75 → places 2, 3, 1
    const r = computeRating(methodology([indicator('a', 1), indicator('b', -1)]), {
      units,
      values: { a: [10, 20, 30], b: [5, 15, 10] },
      previousRanks: new Map([
        ['u1', 1],
        ['u3', 3],
      ]),
    });
    expect(r.units.map((u) => [u.score, u.rank, u.groupRank, u.rankChange])).toEqual([
      [0.5, 2, 1, -1],
      [0.25, 3, 2, null],
      [0.75, 1, 1, 2],
    ]);
    expect(fromColumn(r.indicators[1]?.normalised ?? [])).toEqual([1, 0, 0.5]);
    expect(r.nodes.map((n) => [n.code, n.weight, n.globalWeight])).toEqual([['INDEX', 1, 1]]);
  });

  it('reads a Float64Array input in place unless it holds infinities', () => {
    const m = methodology([indicator('a', 1)]);
    const units = ['u1', 'u2', 'u3'].map((code) => ({ code, name: code }));
    const plain = new Float64Array([1, Number.NaN, 3]);
    expect(computeRating(m, { units, values: { a: plain } }).indicators[0]?.raw).toBe(plain);
    const infinite = new Float64Array([1, Number.POSITIVE_INFINITY, 3]);
    const raw = computeRating(m, { units, values: { a: infinite } }).indicators[0]?.raw;
    expect(raw).not.toBe(infinite);
    expect(fromColumn(raw ?? [])).toEqual([1, null, 3]);
    expect(infinite[1]).toBe(Number.POSITIVE_INFINITY);
  });

  it('derives an indicator from a formula and explains what is missing', () => {
    const m = methodology(
      [
        indicator('esia', 1, { formula: 'registrations / population * 1000', weight: 2 }),
        indicator('signed', 1),
      ],
      { missingData: { imputation: 'none', availabilityBasis: 'weight', minAvailability: 0.5 } },
    );
    const data: RatingData = {
      units,
      values: { signed: [0.2, null, 0.6] },
      reference: { registrations: [100, 50, 10], population: [1000, 0, 100] },
    };
    const r = computeRating(m, data);
    // esia raw: 100, undefined (÷0), 100 → min–max 100..100 is constant: no scores at all
    expect(fromColumn(r.indicators[0]?.raw ?? [])).toEqual([100, null, 100]);
    expect(r.indicators[0]?.note).toMatch(/одинаковое значение/);
    // only `signed` (weight 1 of 3) is left: 33,3 % < 50 % → no index score
    expect(r.units.map((u) => u.score)).toEqual([null, null, null]);
    // Shares in Russian, as the explanation shows them to a reader: a decimal comma.
    expect(r.units[0]?.reasons[0]).toBe(
      '«Индекс»: есть данные для 33,3\u00a0% при пороге 50\u00a0%',
    );
    expect(r.units[1]?.reasons).toEqual([
      '«Индекс»: есть данные для 0\u00a0% при пороге 50\u00a0%',
      'Показатель «esia» (esia) не вычислен: Деление на ноль в позиции 15',
      'Показатель «signed» (signed): нет значения',
    ]);
  });

  it('imputes by group mean, treats outliers and ranks dimensions', () => {
    const m = methodology(
      [
        {
          kind: 'group',
          code: 'D1',
          name: 'Измерение',
          weight: 1,
          aggregation: 'geometric',
          children: [
            {
              ...indicator('a', 1),
              normalisation: { method: 'min-max', lower: 1, upper: 100 },
            } as MethodologyNode,
          ],
        },
      ],
      { missingData: { imputation: 'group-mean', availabilityBasis: 'count', minAvailability: 1 } },
    );
    const r = computeRating(m, { units, values: { a: [10, null, 30] } });
    // u2 (city) takes the city mean 10 → tied with u1
    expect(fromColumn(r.indicators[0]?.treated ?? [])).toEqual([10, 10, 30]);
    expect(r.units.map((u) => u.rank)).toEqual([2, 2, 1]);
    expect(r.units[1]?.reasons).toEqual([
      'Значение показателя «a» (a) восстановлено: среднее по группе',
    ]);
    expect(r.nodes.map((n) => n.code)).toEqual(['INDEX', 'D1']);
    expect(fromColumn(r.nodes[1]?.ranks ?? [])).toEqual([2, 2, 1]);
  });

  it('places units within population bands when the methodology groups them', () => {
    const m = methodology([indicator('a', 1)], {
      grouping: populationGroups([0, 'до 50 тыс.'], [50_000, '50 тыс. и больше']),
    });
    const five = [
      ...units,
      { code: 'u4', name: 'Новый', group: null },
      { code: 'u5', name: 'Без численности' },
    ];
    const r = computeRating(m, {
      units: five,
      values: { a: [10, 20, 30, 40, 50] },
      // The data's own groups (city, district) give way to the bands; u5 has no population.
      reference: { population: [90_000, 12_000, 50_000, 49_999.5, null] },
    });
    expect(r.units.map((u) => [u.rank, u.group, u.groupRank])).toEqual([
      [5, '50 тыс. и больше', 2],
      [4, 'до 50 тыс.', 2],
      [3, '50 тыс. и больше', 1],
      [2, 'до 50 тыс.', 1],
      [1, null, null],
    ]);
  });

  it('imputes by the mean of the methodology’s groups', () => {
    const m = methodology([indicator('a', 1)], {
      missingData: { imputation: 'group-mean', availabilityBasis: 'count', minAvailability: 1 },
      grouping: populationGroups([0, 'малые'], [100, 'большие']),
    });
    const r = computeRating(m, {
      units,
      values: { a: [10, null, 30] },
      // u2 is with u3 in the band «большие», not with u1 as its own group 'city' would say.
      reference: { population: [5, 500, 200] },
    });
    expect(fromColumn(r.indicators[0]?.filled ?? [])).toEqual([10, 30, 30]);
  });

  it('carries the last observation forward by unit code', () => {
    const m = methodology([indicator('a', 1), indicator('b', 1)], {
      missingData: {
        imputation: 'last-observation',
        availabilityBasis: 'count',
        minAvailability: 0,
      },
    });
    const r = computeRating(m, {
      units,
      values: { a: [1, null, 3], b: [1, 2, 3] },
      history: [{ unitCodes: ['u3', 'u2'], values: { a: [9, 7] } }],
    });
    expect(fromColumn(r.indicators[0]?.treated ?? [])).toEqual([1, 7, 3]);
  });
});

const row = fc.record({ a: fc.integer({ min: 0, max: 100 }), b: fc.integer({ min: 0, max: 100 }) });
const twoIndicators = methodology([indicator('a', 1), indicator('b', -1)]);
const dataOf = (rows: { a: number; b: number }[]): RatingData => ({
  units: rows.map((_, i) => ({ code: `u${i}`, name: `u${i}` })),
  values: { a: rows.map((r) => r.a), b: rows.map((r) => r.b) },
});

describe('computeRating properties', () => {
  it('permuting units leaves each unit’s score and place unchanged', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
        const base = computeRating(twoIndicators, dataOf(rows)).units;
        const reversed = computeRating(twoIndicators, {
          ...dataOf([...rows].reverse()),
          units: rows.map((_, i) => ({ code: `u${i}`, name: `u${i}` })).reverse(),
        }).units;
        const byCode = new Map(reversed.map((u) => [u.code, u]));
        for (const u of base) {
          expect(byCode.get(u.code)?.score).toBe(u.score);
          expect(byCode.get(u.code)?.rank).toBe(u.rank);
        }
      }),
    );
  });

  it('improving an indicator never costs a place under arithmetic aggregation', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 2, maxLength: 20 }),
        fc.nat(),
        fc.integer({ min: 1, max: 50 }),
        (rows, pick, gain) => {
          const i = pick % rows.length;
          const before = computeRating(twoIndicators, dataOf(rows)).units[i]?.rank;
          const better = rows.map((r, k) => (k === i ? { ...r, a: r.a + gain } : r));
          const after = computeRating(twoIndicators, dataOf(better)).units[i]?.rank;
          if (before != null && after != null) expect(after).toBeLessThanOrEqual(before);
        },
      ),
    );
  });
});

describe('computeRating at scale', () => {
  it('computes 20 000 units × 60 indicators', () => {
    const n = 20_000;
    const codes = Array.from({ length: 60 }, (_, k) => `i${k}`);
    const dims = Array.from({ length: 6 }, (_, d) => ({
      kind: 'group' as const,
      code: `D${d}`,
      name: `D${d}`,
      weight: 1,
      aggregation: 'arithmetic' as const,
      children: codes.slice(d * 10, d * 10 + 10).map((c) => indicator(c, 1)),
    }));
    const values: Record<string, Float64Array> = {};
    let seed = 1;
    for (const c of codes) {
      values[c] = Float64Array.from({ length: n }, () => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647;
      });
    }
    const data = {
      units: Array.from({ length: n }, (_, i) => ({ code: `u${i}`, name: `u${i}` })),
      values,
    };
    const r = computeRating(methodology(dims), data);
    expect(r.units).toHaveLength(n);
    // Speed is measured in bench/, not asserted here; this checks that every unit is ranked.
    const places = r.units.map((u) => u.rank).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(places[0]).toBe(1);
    expect(places[n - 1]).toBe(n);
  });
});

describe('computeRating with reused working buffers', () => {
  it('gives the same result whatever was computed before, at any size', () => {
    const codes = ['a', 'b', 'c', 'd'];
    const m = methodology(
      codes.map((c, k) => indicator(c, k % 2 === 0 ? 1 : -1)),
      { tieRule: 'dense' },
    );
    const dataOf = (n: number, seed: number): RatingData => {
      let s = seed;
      const next = () => {
        s = (s * 16807) % 2147483647;
        return s / 2147483647;
      };
      return {
        units: Array.from({ length: n }, (_, i) => ({ code: `u${i}`, name: `u${i}` })),
        values: Object.fromEntries(
          codes.map((c) => [
            c,
            Array.from({ length: n }, () => (next() < 0.05 ? null : Math.round(next() * 50))),
          ]),
        ),
      };
    };
    const small = dataOf(400, 7);
    const large = dataOf(3000, 11);
    const first = computeRating(m, small);
    const other = computeRating(m, large);
    const again = computeRating(m, small);
    expect(again).toEqual(first);
    expect(computeRating(m, large)).toEqual(other);
    // Something was actually explained and ranked with ties.
    expect(first.explanations?.overtakes.some((x) => x >= 0)).toBe(true);
    expect(new Set(first.units.map((u) => u.rank)).size).toBeLessThan(400);
  });
});
