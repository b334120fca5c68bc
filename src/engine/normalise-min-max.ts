import type { Direction } from '../domain/methodology.js';
import type { Column } from './column.js';
import type { NormalisedColumn } from './normalise.js';

/**
 * Min–max to [lower, upper] (COINr `n_minmax`): `(x − min)/(max − min)·(u − l) + l` on
 * direction-adjusted values. A constant column has no range: COINr returns NaN for every
 * unit, so every unit is missing here too, with a note. Two passes, one allocation.
 *
 * @example normaliseMinMax(new Float64Array([1, 2, 3]), -1, 0, 100).values // [100, 50, 0]
 */
export function normaliseMinMax(
  column: Column,
  direction: Direction,
  lower = 0,
  upper = 100,
): NormalisedColumn {
  const n = column.length;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = (column[i] as number) * direction;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const x = new Float64Array(n);
  const extremes = { min, max };
  if (min > max) {
    x.fill(Number.NaN);
    return { values: x, note: 'Нет ни одного значения показателя', extremes };
  }
  if (min === max) {
    x.fill(Number.NaN);
    return {
      values: x,
      note: 'У всех муниципалитетов одинаковое значение: нормировка min–max не определена',
      extremes,
    };
  }
  // COINr's order of operations: dividing first makes the maximum land exactly on `upper`,
  // so units tied in the index stay tied instead of differing in the last bit.
  const range = max - min;
  const span = upper - lower;
  for (let i = 0; i < n; i++)
    x[i] = (((column[i] as number) * direction - min) / range) * span + lower;
  return { values: x, note: null, extremes };
}

/**
 * The largest |score| normaliseMinMax gives a column that has a range, without a pass over
 * it. Each of its roundings is monotonic in the value, so the extremes are the scores of
 * the minimum and the maximum: exactly `lower` ((min − min)/range·span = ±0) and
 * `span + lower` (range/range = 1).
 *
 * @example minMaxMagnitude(0, 100) // 100
 */
export function minMaxMagnitude(lower: number, upper: number): number {
  const span = upper - lower;
  return Math.max(0, Math.abs(lower), Math.abs(span + lower));
}
