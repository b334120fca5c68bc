import type { Direction, Normalisation, OutputScale } from '../domain/methodology.js';
import type { Column } from './column.js';
import { normaliseDistanceToTarget } from './normalise-distance-to-target.js';
import { normaliseFractionOfMax } from './normalise-fraction-of-max.js';
import { normaliseGoalposts } from './normalise-goalposts.js';
import { normaliseMinMax } from './normalise-min-max.js';
import { normalisePercentileRank, normaliseRank } from './normalise-rank.js';
import { normaliseZScore } from './normalise-z-score.js';
import { scorePoints } from './score-points.js';

/**
 * A normalised column (NaN = missing) and, when the method could not give a meaningful
 * score to some or all units, a note saying why (shown to the analyst, in Russian).
 */
export interface NormalisedColumn {
  values: Column;
  note: string | null;
  /**
   * The smallest and largest direction-adjusted value the method read, where it found them
   * anyway (min–max): the explanations reuse them instead of another pass over the column.
   */
  extremes?: { min: number; max: number };
}

/** Multiplies by the direction, as COINr's Normalise() does before calling n_*(). */
export function applyDirection(column: Column, direction: Direction): Column {
  const out = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) out[i] = (column[i] as number) * direction;
  return out;
}

/**
 * Normalises one indicator column by the method named in the methodology. Methods with a
 * natural 0..1 range are stretched to 0..outputScale; z-scores and ranks keep their units;
 * point scoring reads the raw value and ignores the direction (the table encodes it).
 *
 * @example
 * normaliseColumn(new Float64Array([2, 4, 6]), 1, { method: 'min-max' }, 100).values
 * // Float64Array [0, 50, 100]
 */
export function normaliseColumn(
  column: Column,
  direction: Direction,
  spec: Normalisation,
  outputScale: OutputScale,
): NormalisedColumn {
  switch (spec.method) {
    case 'min-max':
      return normaliseMinMax(column, direction, spec.lower ?? 0, spec.upper ?? outputScale);
    case 'goalposts':
      return normaliseGoalposts(column, direction, spec.lo, spec.hi, spec.scale ?? outputScale);
    case 'distance-to-target':
      return normaliseDistanceToTarget(column, direction, spec.target, {
        capAtTarget: spec.capAtTarget ?? false,
        scale: outputScale,
      });
    case 'fraction-of-max':
      return normaliseFractionOfMax(column, direction, outputScale);
    case 'z-score':
      return normaliseZScore(column, direction, spec.mean ?? 0, spec.sd ?? 1);
    case 'rank':
      return normaliseRank(column, direction);
    case 'percentile-rank':
      return normalisePercentileRank(column, direction, outputScale);
    case 'points':
      return { values: scorePoints(column, spec.scoring), note: null };
  }
}
