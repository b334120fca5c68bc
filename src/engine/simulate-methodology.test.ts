import { describe, expect, it } from 'vitest';
import type { Methodology } from '../domain/methodology.js';
import { simulateMethodologyChange } from './simulate-methodology.js';

const withWeights = (wa: number, wb: number): Methodology => ({
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
    children: [
      {
        kind: 'indicator',
        code: 'a',
        name: 'a',
        weight: wa,
        direction: 1,
        normalisation: { method: 'min-max' },
      },
      {
        kind: 'indicator',
        code: 'b',
        name: 'b',
        weight: wb,
        direction: 1,
        normalisation: { method: 'min-max' },
      },
    ],
  },
});

describe('simulateMethodologyChange', () => {
  it('reports each unit’s place under both methodologies and the shift', () => {
    const units = ['u1', 'u2', 'u3'].map((code) => ({ code, name: code }));
    // a: 0, .5, 1; b: 1, .25, 0. Only a: places 3, 2, 1; only b: 1, 2, 3.
    const shifts = simulateMethodologyChange(withWeights(1, 0), withWeights(0, 1), {
      units,
      values: { a: [0, 5, 10], b: [8, 2, 0] },
    });
    expect(shifts.map((s) => [s.code, s.rankBefore, s.rankAfter, s.shift])).toEqual([
      ['u1', 3, 1, 2],
      ['u2', 2, 2, 0],
      ['u3', 1, 3, -2],
    ]);
    expect(shifts[1]?.scoreAfter).toBeCloseTo(0.25, 12);
  });
});
