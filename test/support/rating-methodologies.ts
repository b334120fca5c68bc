// Small methodologies over the demo's stored Table 1 (period 2016-03-01): its rating value
// and ЕСИА registrations per 1000 residents.

export const indicatorNode = (
  code: string,
  name: string,
  normalisation: Record<string, unknown>,
) => ({
  kind: 'indicator',
  code,
  name,
  weight: 1,
  direction: 1,
  normalisation,
});

/** A methodology on the 0..100 scale whose index is the plain mean of `children`. */
export const methodologyOf = <C>(code: string, title: string, children: C[]) => ({
  code,
  version: 1,
  title,
  effectiveFrom: '2016',
  outputScale: 100,
  tieRule: 'competition',
  missingData: { imputation: 'none', availabilityBasis: 'weight', minAvailability: 0.5 },
  colourThresholds: [],
  tree: {
    kind: 'group',
    code: 'INDEX',
    name: 'Индекс',
    weight: 1,
    aggregation: 'arithmetic',
    children,
  },
});

/** Table 1's rating value on goalposts 0..1. */
export const RATING_VALUE = indicatorNode('rating_2016', 'Значение рейтинга', {
  method: 'goalposts',
  lo: 0,
  hi: 1,
});

/** ЕСИА registrations per 1000 residents, min–max over the units. */
export const ESIA_PER_1000 = indicatorNode('esia_per_1000', 'Регистрации в ЕСИА на 1000 жителей', {
  method: 'min-max',
});
