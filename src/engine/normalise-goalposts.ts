import type { Direction } from '../domain/methodology.js';
import type { Column } from './column.js';
import type { NormalisedColumn } from './normalise.js';

/**
 * Fixed goalposts (COINr `n_goalposts` with `trunc2posts = TRUE`):
 * `clamp((x − lo)/(hi − lo), 0, 1)·scale`. For a lower-is-better indicator COINr negates
 * the data and the goalposts alike, which amounts to `(hi − x)/(hi − lo)`: reaching `lo`
 * earns the full score. Goalposts are given in the indicator's own units with lo < hi.
 *
 * @example normaliseGoalposts(new Float64Array([5, 20]), 1, 0, 10, 1).values // [0.5, 1]
 */
export function normaliseGoalposts(
  column: Column,
  direction: Direction,
  lo: number,
  hi: number,
  scale = 1,
): NormalisedColumn {
  const out = new Float64Array(column.length);
  if (!(hi > lo)) {
    out.fill(Number.NaN);
    return { values: out, note: 'Нижняя граница (lo) должна быть меньше верхней (hi)' };
  }
  const span = hi - lo;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    const share = direction === 1 ? (v - lo) / span : (hi - v) / span;
    // Math.min/max propagate NaN, so missing values stay missing.
    out[i] = Math.min(Math.max(share, 0), 1) * scale;
  }
  return { values: out, note: null };
}
