import type { Direction } from '../domain/methodology.js';
import type { Column } from './column.js';
import { columnStatistics } from './column-statistics.js';
import type { NormalisedColumn } from './normalise.js';
import { applyDirection } from './normalise.js';

/**
 * Distance to target (COINr `n_dist2targ`): `(x − min)/(target − min)` on
 * direction-adjusted values, the target being multiplied by the direction too; for a
 * lower-is-better indicator that is `(max − x)/(max − target)`. Optionally capped at 1
 * (target reached), then multiplied by `scale`.
 *
 * @example
 * normaliseDistanceToTarget(new Float64Array([0, 5, 20]), 1, 10, { capAtTarget: true }).values
 * // [0, 0.5, 1]
 */
export function normaliseDistanceToTarget(
  column: Column,
  direction: Direction,
  target: number,
  options: { capAtTarget?: boolean; scale?: number } = {},
): NormalisedColumn {
  const x = applyDirection(column, direction);
  const t = target * direction;
  const { count, min } = columnStatistics(x);
  if (count === 0) return { values: x, note: 'Нет ни одного значения показателя' };
  if (t === min) {
    x.fill(Number.NaN);
    return { values: x, note: 'Целевое значение совпадает с худшим значением: деление на ноль' };
  }
  const cap = options.capAtTarget ?? false;
  const scale = options.scale ?? 1;
  for (let i = 0; i < x.length; i++) {
    const share = ((x[i] as number) - min) / (t - min);
    x[i] = (cap && share > 1 ? 1 : share) * scale;
  }
  // COINr only warns here; the scores are computed but their order is inverted.
  const note = t < min ? 'Целевое значение хуже всех фактических: баллы отрицательны' : null;
  return { values: x, note };
}
