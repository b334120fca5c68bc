import type { Column } from './column.js';
import { columnStatistics } from './column-statistics.js';

/** A column with missing values filled in, and a flag per unit that was filled. */
export interface ImputedColumn {
  values: Column;
  imputed: Uint8Array;
}

function fill(column: Column, valueFor: (i: number) => number): ImputedColumn {
  const values = column.slice();
  const imputed = new Uint8Array(column.length);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i] as number)) continue;
    const v = valueFor(i);
    if (Number.isNaN(v)) continue;
    values[i] = v;
    imputed[i] = 1;
  }
  return { values, imputed };
}

/**
 * Fills missing values with the mean of the available ones (COINr `i_mean`). An all-missing
 * column stays missing.
 *
 * @example imputeMean(new Float64Array([1, NaN, 3])).values // [1, 2, 3]
 */
export function imputeMean(column: Column): ImputedColumn {
  const { mean } = columnStatistics(column);
  return fill(column, () => mean);
}

/**
 * Fills missing values with the mean of the unit's group (COINr `i_mean_grp`). If the
 * group has no value at all, or the unit has no group, the overall mean is used instead:
 * a unit should not stay unrated because its whole group failed to report.
 *
 * @example
 * imputeGroupMean(new Float64Array([1, NaN, 10, 20]), ['a', 'a', 'b', 'b']).values // [1, 1, 10, 20]
 */
export function imputeGroupMean(
  column: Column,
  groups: ReadonlyArray<string | null | undefined>,
): ImputedColumn {
  const sums = new Map<string, { sum: number; count: number }>();
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    const g = groups[i];
    if (Number.isNaN(v) || g == null) continue;
    const acc = sums.get(g) ?? { sum: 0, count: 0 };
    acc.sum += v;
    acc.count++;
    sums.set(g, acc);
  }
  const overall = columnStatistics(column).mean;
  return fill(column, (i) => {
    const g = groups[i];
    const acc = g == null ? undefined : sums.get(g);
    return acc ? acc.sum / acc.count : overall;
  });
}

/**
 * Last observation carried forward: a missing value takes the unit's most recent earlier
 * value. `history` holds earlier periods' columns aligned with `column`, oldest first.
 *
 * @example
 * imputeLastObservation(new Float64Array([NaN, 5]), [new Float64Array([1, 2]), new Float64Array([3, NaN])]).values
 * // [3, 5]
 */
export function imputeLastObservation(column: Column, history: readonly Column[]): ImputedColumn {
  return fill(column, (i) => {
    for (let p = history.length - 1; p >= 0; p--) {
      const v = (history[p] as Column)[i];
      if (v !== undefined && !Number.isNaN(v)) return v;
    }
    return Number.NaN;
  });
}
