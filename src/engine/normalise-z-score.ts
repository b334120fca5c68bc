import type { Direction } from '../domain/methodology.js';
import type { Column } from './column.js';
import { columnStatistics } from './column-statistics.js';
import type { NormalisedColumn } from './normalise.js';
import { applyDirection } from './normalise.js';

/**
 * Z-score with the sample standard deviation (COINr `n_zscore`, R's `sd()` uses n − 1),
 * rescaled to `mean + sd·z`. Fewer than two values or zero spread give missing scores.
 *
 * @example normaliseZScore(new Float64Array([1, 2, 3]), 1).values // [-1, 0, 1]
 */
export function normaliseZScore(
  column: Column,
  direction: Direction,
  mean = 0,
  sd = 1,
): NormalisedColumn {
  const x = applyDirection(column, direction);
  const stats = columnStatistics(x);
  if (stats.count < 2 || stats.sd === 0) {
    x.fill(Number.NaN);
    return {
      values: x,
      note:
        stats.count < 2
          ? 'Для z-оценки нужны значения хотя бы двух муниципалитетов'
          : 'У всех муниципалитетов одинаковое значение: z-оценка не определена',
    };
  }
  for (let i = 0; i < x.length; i++)
    x[i] = (((x[i] as number) - stats.mean) / stats.sd) * sd + mean;
  return { values: x, note: null };
}
