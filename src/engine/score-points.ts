import type { PointScoring } from '../domain/methodology.js';
import type { Column } from './column.js';

/**
 * Points for one value from an ascending threshold table. `step`: the points of the highest
 * threshold reached (value ≥ threshold). `linear`: interpolated between the two thresholds
 * around the value, the last threshold's points above it. Below the first threshold both
 * modes give 0 (nothing reached); start the table with a (minimum, 0) row for a
 * continuous scale. Missing stays missing.
 *
 * @example
 * pointsFor(75, { mode: 'linear', thresholds: [{ value: 50, points: 1 }, { value: 100, points: 3 }] })
 * // 2
 */
export function pointsFor(value: number, scoring: PointScoring): number {
  if (Number.isNaN(value)) return Number.NaN;
  const t = scoring.thresholds;
  const first = t[0];
  if (first === undefined || value < first.value) return 0;
  let k = 0;
  while (k + 1 < t.length && value >= (t[k + 1] as { value: number }).value) k++;
  const reached = t[k] as { value: number; points: number };
  const next = t[k + 1];
  if (scoring.mode === 'step' || next === undefined) return reached.points;
  const share = (value - reached.value) / (next.value - reached.value);
  return reached.points + share * (next.points - reached.points);
}

/**
 * Applies a point-scoring table to a whole column of raw values.
 *
 * @example
 * scorePoints(new Float64Array([5, 15]), { mode: 'step', thresholds: [{ value: 10, points: 2 }] })
 * // Float64Array [0, 2]
 */
export function scorePoints(column: Column, scoring: PointScoring): Column {
  const out = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) out[i] = pointsFor(column[i] as number, scoring);
  return out;
}
