import type { Column } from './column.js';

export interface ColumnStatistics {
  /** Number of non-missing values. */
  count: number;
  /** NaN when count is 0. */
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation (n − 1), as R's sd(); NaN when count < 2. */
  sd: number;
}

/**
 * Summary statistics of a column, ignoring missing values (R's `na.rm = TRUE`).
 *
 * @example columnStatistics(new Float64Array([1, NaN, 3])) // { count: 2, min: 1, max: 3, mean: 2, sd: √2 }
 */
export function columnStatistics(column: Column): ColumnStatistics {
  let count = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (Number.isNaN(v)) continue;
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0)
    return { count, min: Number.NaN, max: Number.NaN, mean: Number.NaN, sd: Number.NaN };
  const mean = sum / count;
  // Two-pass variance: the one-pass formula loses digits when values are large and close.
  let squares = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (!Number.isNaN(v)) squares += (v - mean) * (v - mean);
  }
  const sd = count < 2 ? Number.NaN : Math.sqrt(squares / (count - 1));
  return { count, min, max, mean, sd };
}
