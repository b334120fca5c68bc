import type { Methodology } from '../domain/methodology.js';
import type { RatingData } from './compute-rating.js';

/**
 * A small rating for unit tests of the computation record and its stored forms: a formula over
 * a reference value, a missing value imputed from history, outlier treatment, two directions.
 */
export const sampleMethodology: Methodology = {
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

export const sampleData: RatingData = {
  units: ['a', 'b', 'c', 'd', 'e'].map((code) => ({ code, name: code.toUpperCase() })),
  values: { total: [100, 250, 40, 900, 10], share: [10, null, 35, 80, 5] },
  reference: { population: [1000, 2000, 800, 3000, 100] },
  previousRanks: new Map([
    ['a', 2],
    ['b', 1],
  ]),
  history: [{ unitCodes: ['b'], values: { share: [42] } }],
};
