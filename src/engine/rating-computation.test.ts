import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../domain/canonical-json.js';
import type { Methodology } from '../domain/methodology.js';
import type { RatingComputation } from '../domain/rating-computation.js';
import { computeRating, type RatingData } from './compute-rating.js';
import { describeComputation, verifyComputation } from './rating-computation.js';

const m: Methodology = {
  code: 'test',
  version: 1,
  title: 'Тест',
  effectiveFrom: '2022',
  outputScale: 100,
  tieRule: 'competition',
  missingData: { imputation: 'last-observation', availabilityBasis: 'count', minAvailability: 0 },
  colourThresholds: [],
  tree: {
    kind: 'group',
    code: 'INDEX',
    name: 'Индекс',
    weight: 1,
    aggregation: 'arithmetic',
    children: [
      {
        kind: 'indicator',
        code: 'per1000',
        name: 'На 1000 жителей',
        weight: 2,
        direction: 1,
        normalisation: { method: 'min-max' },
        formula: 'total / population * 1000',
      },
      {
        kind: 'indicator',
        code: 'share',
        name: 'Доля',
        weight: 1,
        direction: -1,
        normalisation: { method: 'goalposts', lo: 0, hi: 100 },
        treatment: {},
      },
    ],
  },
};

const data: RatingData = {
  units: ['a', 'b', 'c', 'd', 'e'].map((code) => ({ code, name: code.toUpperCase() })),
  values: { total: [100, 250, 40, 900, 10], share: [10, null, 35, 80, 5] },
  reference: { population: [1000, 2000, 800, 3000, 100] },
  previousRanks: new Map([
    ['a', 2],
    ['b', 1],
  ]),
  history: [{ unitCodes: ['b'], values: { share: [42] } }],
};

/** What a stored snapshot gives back: canonical JSON, parsed. */
const stored = (): RatingComputation =>
  JSON.parse(canonicalJson(describeComputation(m, data, computeRating(m, data))));

describe('verifyComputation', () => {
  it('recomputes a stored computation to the digit, history and previous places included', () => {
    const c = stored();
    expect(c.inputs.history).toEqual([{ unitCodes: ['b'], values: { share: [42] } }]);
    expect(c.indicators[1]?.imputed).toEqual([1]);
    expect(c.units[0]?.rankChange).not.toBeNull();
    expect(verifyComputation(c)).toEqual([]);
  });

  it('lists what differs', () => {
    const c = stored();
    (c.indicators[0] as { normalised: (number | null)[] }).normalised[2] = 1;
    c.inputs.values.total = [100, 250, 40, 900, 11];
    const problems = verifyComputation(c);
    expect(problems).toContain('/indicators/0/normalised/2: в снимке 1, при пересчёте 0');
    expect(problems.some((p) => p.startsWith('/indicators/0/raw/4'))).toBe(true);
  });

  it('refuses an unknown format and an invalid methodology', () => {
    expect(verifyComputation({ ...stored(), format: 'other' } as never)).toEqual([
      'неизвестный формат расчёта (ожидается munirank-computation/1)',
    ]);
    expect(verifyComputation({ ...stored(), methodology: { code: 'x' } })[0]).toMatch(/^методика /);
  });
});
