import { describe, expect, it } from 'vitest';
import type { Methodology, MethodologyNode } from '../domain/methodology.js';
import { computeRating } from './compute-rating.js';

const indicator = (code: string): MethodologyNode => ({
  kind: 'indicator',
  code,
  name: code,
  weight: 1,
  direction: 1,
  normalisation: { method: 'min-max' },
});

const group = (code: string, children: MethodologyNode[]): MethodologyNode => ({
  kind: 'group',
  code,
  name: code,
  weight: 1,
  aggregation: 'arithmetic',
  children,
});

const methodology = (screening?: Methodology['screening']): Methodology => ({
  code: 'screen',
  version: 1,
  title: 'Отбор',
  effectiveFrom: '2024',
  outputScale: 100,
  tieRule: 'competition',
  // Without screening a unit with any value keeps a score.
  missingData: { imputation: 'mean', availabilityBasis: 'count', minAvailability: 0 },
  colourThresholds: [],
  ...(screening ? { screening } : {}),
  tree: group('INDEX', [
    group('D1', [indicator('i1'), indicator('i2')]),
    group('D2', [indicator('i3'), indicator('i4'), indicator('i5')]),
  ]),
});

// s has 2 of 5 values (40 %), and extreme ones: 100 in i1, 0 in i2.
const data = {
  units: ['a', 'b', 'c', 's'].map((code) => ({ code, name: code })),
  values: {
    i1: [10, 20, 30, 100],
    i2: [5, 15, 25, 0],
    i3: [1, 2, 3, null],
    i4: [1, 2, 3, null],
    i5: [1, 2, 3, null],
  },
};

const normalised = (m: Methodology, code: string) =>
  Array.from(computeRating(m, data).indicators.find((i) => i.code === code)?.normalised ?? []);

describe('unit screening (COINr Screen, byNA)', () => {
  it('leaves out a unit with 40 % of its data under a 50 % threshold', () => {
    const result = computeRating(methodology({ minAvailability: 0.5 }), data);
    expect(result.screened).toEqual([
      {
        code: 's',
        availability: 0.4,
        dimension: null,
        reason:
          'Исключено отбором по наличию данных: есть значения 40 % показателей при пороге 50 %',
      },
    ]);
    const s = result.units[3];
    expect(s).toMatchObject({ score: null, rank: null });
    expect(s?.reasons).toEqual([result.screened[0]?.reason]);
    // The index of a, b, c: i1..i5 each 0, 50, 100 among them, so 0, 50, 100; places 3, 2, 1.
    expect(result.units.map((u) => [u.score, u.rank])).toEqual([
      [0, 3],
      [50, 2],
      [100, 1],
      [null, null],
    ]);
  });

  it('changes the minimum and maximum of the units that remain', () => {
    // Without screening i1 runs 10…100: b = (20 − 10)/90·100 = 11.1…; i2 runs 0…25: a = 20.
    expect(normalised(methodology(), 'i1').slice(0, 3)).toEqual([0, 1000 / 90, 2000 / 90]);
    expect(normalised(methodology(), 'i2').slice(0, 3)).toEqual([20, 60, 100]);
    // Screened: i1 runs 10…30, i2 5…25 — each 0, 50, 100; s has no score at all.
    const screened = methodology({ minAvailability: 0.5 });
    expect(normalised(screened, 'i1')).toEqual([0, 50, 100, Number.NaN]);
    expect(normalised(screened, 'i2')).toEqual([0, 50, 100, Number.NaN]);
    // Nor does the mean imputation fill s's i3 (2 without it: the mean of 1, 2, 3).
    const i3 = computeRating(screened, data).indicators.find((i) => i.code === 'i3');
    expect(Array.from(i3?.filled ?? [])).toEqual([1, 2, 3, Number.NaN]);
  });

  it('keeps a unit at the threshold and, per dimension, screens on the weakest one', () => {
    const twoDims = {
      ...data,
      units: [...data.units, { code: 't', name: 't' }],
      // t: D1 2 of 2, D2 1 of 3 (33.3 %); overall 3 of 5 = 60 %.
      values: Object.fromEntries(
        Object.entries(data.values).map(([k, v]) => [
          k,
          [...v, k === 'i4' || k === 'i5' ? null : 7],
        ]),
      ),
    };
    const overall = computeRating(methodology({ minAvailability: 0.6 }), twoDims);
    expect(overall.screened.map((u) => u.code)).toEqual(['s']);
    const perDimension = computeRating(
      methodology({ minAvailability: 0.5, scope: 'each-dimension' }),
      twoDims,
    );
    // s: D1 2 of 2, D2 0 of 3; t: D2 1 of 3
    expect(perDimension.screened.map((u) => [u.code, u.availability, u.dimension])).toEqual([
      ['s', 0, 'D2'],
      ['t', 1 / 3, 'D2'],
    ]);
    expect(perDimension.screened[1]?.reason).toBe(
      'Исключено отбором по наличию данных: есть значения 33,3 % показателей в направлении «D2» при пороге 50 %',
    );
  });
});
