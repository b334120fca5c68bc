/** A small index for CLI tests of intermediate tables, snapshots and verification. */
// INDEX = (2·D1 + 1·z)/3, D1 = (1·x + 3·y)/4. x: the COINr outlier example 1…10, 30, 100;
// y 50 for all but u12 (NA); z = 5·i on goalposts 0…100, so its score is 5·i.
export const DETAIL_INDEX = {
  code: 'detail',
  version: 1,
  title: 'Промежуточные таблицы',
  effectiveFrom: '2024',
  outputScale: 100,
  tieRule: 'competition',
  missingData: { imputation: 'none', availabilityBasis: 'weight', minAvailability: 0.2 },
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
        name: 'Направление',
        weight: 2,
        aggregation: 'arithmetic',
        children: [
          {
            kind: 'indicator',
            code: 'x',
            name: 'x',
            weight: 1,
            direction: 1,
            normalisation: { method: 'min-max' },
            treatment: {},
          },
          {
            kind: 'indicator',
            code: 'y',
            name: 'y',
            weight: 3,
            direction: 1,
            normalisation: { method: 'goalposts', lo: 0, hi: 100 },
          },
        ],
      },
      {
        kind: 'indicator',
        code: 'z',
        name: 'z',
        weight: 1,
        direction: 1,
        normalisation: { method: 'goalposts', lo: 0, hi: 100 },
      },
    ],
  },
};

const X = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100];

/** Units u1…u12: x as above, y 50 (u12: NA), z 5·i. */
export const DETAIL_DATA = `code,x,y,z\n${X.map(
  (v, k) => `u${k + 1},${v},${k === 11 ? 'NA' : 50},${5 * (k + 1)}`,
).join('\n')}\n`;
