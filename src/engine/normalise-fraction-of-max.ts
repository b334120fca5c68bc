import type { Direction } from '../domain/methodology.js';
import type { Column } from './column.js';
import { columnStatistics } from './column-statistics.js';
import type { NormalisedColumn } from './normalise.js';
import { applyDirection } from './normalise.js';

/**
 * Fraction of the maximum (COINr `n_fracmax`): `x / max` on direction-adjusted values,
 * times `scale`. Unlike COINr, a maximum ≤ 0 gives missing scores with a note: dividing by
 * a non-positive maximum reverses the order (this is always the case for a lower-is-better
 * indicator with non-negative data, where COINr silently ranks the worst first).
 *
 * @example normaliseFractionOfMax(new Float64Array([1, 2, 4]), 1).values // [0.25, 0.5, 1]
 */
export function normaliseFractionOfMax(
  column: Column,
  direction: Direction,
  scale = 1,
): NormalisedColumn {
  const x = applyDirection(column, direction);
  const { count, max } = columnStatistics(x);
  if (count === 0) return { values: x, note: 'Нет ни одного значения показателя' };
  if (!(max > 0)) {
    x.fill(Number.NaN);
    return {
      values: x,
      note: 'Доля от максимума определена только при положительном максимуме (и прямом направлении)',
    };
  }
  for (let i = 0; i < x.length; i++) x[i] = ((x[i] as number) / max) * scale;
  return { values: x, note: null };
}
