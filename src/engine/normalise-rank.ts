import type { Direction } from '../domain/methodology.js';
import type { Column } from './column.js';
import type { NormalisedColumn } from './normalise.js';
import { applyDirection } from './normalise.js';

/** Ascending ranks with ties sharing the lowest rank: R's `rank(ties.method = "min")`. */
function ranksAscendingMin(x: Column): { ranks: Column; count: number } {
  const order: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i] as number)) order.push(i);
  order.sort((a, b) => (x[a] as number) - (x[b] as number));
  const ranks = new Float64Array(x.length).fill(Number.NaN);
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const prev = k > 0 ? (order[k - 1] as number) : -1;
    ranks[i] = prev >= 0 && x[prev] === x[i] ? (ranks[prev] as number) : k + 1;
  }
  return { ranks, count: order.length };
}

/**
 * Rank normalisation (COINr `n_rank`): the best value gets the highest rank, ties share the
 * lowest of their ranks, missing values stay missing.
 *
 * @example normaliseRank(new Float64Array([10, 30, 30, 20]), 1).values // [1, 3, 3, 2]
 */
export function normaliseRank(column: Column, direction: Direction): NormalisedColumn {
  return { values: ranksAscendingMin(applyDirection(column, direction)).ranks, note: null };
}

/**
 * Percentile rank (COINr `n_prank`): `(rank − 1)/(n − 1)` with min-ties, times `scale`,
 * n being the number of non-missing values. With one value COINr gets 0/0 = NaN: missing.
 *
 * @example normalisePercentileRank(new Float64Array([10, 30, 20]), 1).values // [0, 1, 0.5]
 */
export function normalisePercentileRank(
  column: Column,
  direction: Direction,
  scale = 1,
): NormalisedColumn {
  const { ranks, count } = ranksAscendingMin(applyDirection(column, direction));
  if (count < 2) {
    ranks.fill(Number.NaN);
    return {
      values: ranks,
      note: 'Для процентильного ранга нужны значения хотя бы двух муниципалитетов',
    };
  }
  for (let i = 0; i < ranks.length; i++)
    ranks[i] = (((ranks[i] as number) - 1) / (count - 1)) * scale;
  return { values: ranks, note: null };
}
