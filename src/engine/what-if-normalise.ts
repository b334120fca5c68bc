import type { IndicatorNode, Methodology } from '../domain/methodology.js';
import type { Column } from './column.js';
import type { IndicatorResult } from './compute-indicator.js';
import { normaliseColumn } from './normalise.js';
import type { RatingTree } from './rating-tree.js';
import { pointsFor } from './score-points.js';
import { treatOutliers } from './treat-outliers.js';

/** Order statistics of one direction-adjusted column, to update bounds when one value moves. */
export interface ColumnBounds {
  count: number;
  min1: number;
  min1Count: number;
  /** Smallest value above min1 (the minimum once min1's only holder moves); +∞ if none. */
  min2: number;
  max1: number;
  max1Count: number;
  max2: number;
  mean: number;
  /** Sum of squared deviations from the mean (z-scores only: NaN / 0 for other methods). */
  m2: number;
  /** Ascending values, built on demand for rank normalisations. */
  sorted: Float64Array | null;
}

function boundsOf(x: Column, direction: number, withSpread: boolean): ColumnBounds {
  let count = 0;
  let min1 = Number.POSITIVE_INFINITY;
  let min2 = Number.POSITIVE_INFINITY;
  let max1 = Number.NEGATIVE_INFINITY;
  let max2 = Number.NEGATIVE_INFINITY;
  let min1Count = 0;
  let max1Count = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const v = (x[i] as number) * direction;
    if (Number.isNaN(v)) continue;
    count++;
    // The mean is only needed for z-scores: a running sum is a chain of dependent additions,
    // the slowest part of this pass, so it is skipped otherwise.
    if (withSpread) sum += v;
    if (v < min1) {
      min2 = min1;
      min1 = v;
      min1Count = 1;
    } else if (v === min1) min1Count++;
    else if (v < min2) min2 = v;
    if (v > max1) {
      max2 = max1;
      max1 = v;
      max1Count = 1;
    } else if (v === max1) max1Count++;
    else if (v > max2) max2 = v;
  }
  const mean = count > 0 && withSpread ? sum / count : Number.NaN;
  let m2 = 0;
  // The spread is only needed for z-scores: skip the second pass otherwise.
  for (let i = 0; withSpread && i < x.length; i++) {
    const v = (x[i] as number) * direction;
    if (!Number.isNaN(v)) m2 += (v - mean) * (v - mean);
  }
  return { count, min1, min1Count, min2, max1, max1Count, max2, mean, m2, sorted: null };
}

/**
 * Normalised scores of one indicator when a single unit's value changes and every other
 * unit's value stays as it is: the bounds (min, max, mean, sd, ranks) are updated in O(1)
 * or O(log n) instead of renormalising the column. Where the bounds do not move, the other
 * units keep their stored scores bit for bit.
 */
export class WhatIfNormaliser {
  /** Built on first use: a search going indicator by indicator reads each column while warm. */
  private readonly bounds: (ColumnBounds | undefined)[];

  constructor(
    private readonly m: Methodology,
    private readonly tree: RatingTree,
    private readonly indicators: readonly IndicatorResult[],
  ) {
    this.bounds = new Array(indicators.length);
  }

  /** The value the what-if varies: after imputation, before outlier treatment. */
  valueOf(k: number, unit: number): number {
    return (this.indicators[k] as IndicatorResult).filled[unit] as number;
  }

  /**
   * Writes into `out` the scores of `unit` (out[0]) and of `other` (out[1]) on indicator k
   * when `unit`'s value becomes `value`. `other` −1 skips the second score.
   */
  scores(k: number, unit: number, value: number, other: number, out: Float64Array): void {
    const node = this.tree.indicators[k] as (typeof this.tree.indicators)[number];
    const ind = this.indicators[k] as IndicatorResult;
    if (node.treatment) {
      // Treatment depends on the whole column: recompute it (numerical path only).
      const column = ind.filled.slice();
      column[unit] = value;
      const treated = treatOutliers(column, node.treatment).values;
      const n = normaliseColumn(treated, node.direction, node.normalisation, this.m.outputScale);
      out[0] = n.values[unit] as number;
      out[1] = other >= 0 ? (n.values[other] as number) : Number.NaN;
      return;
    }
    const dir = node.direction;
    const spec = node.normalisation;
    const scale = this.m.outputScale;
    const b = this.boundsAt(k);
    const old = (ind.treated[unit] as number) * dir;
    const d = value * dir;
    const stored = other >= 0 ? (ind.normalised[other] as number) : Number.NaN;
    const xo = other >= 0 ? (ind.treated[other] as number) * dir : Number.NaN;
    const minO = old === b.min1 && b.min1Count === 1 ? b.min2 : b.min1;
    const maxO = old === b.max1 && b.max1Count === 1 ? b.max2 : b.max1;
    switch (spec.method) {
      case 'goalposts': {
        const span = spec.hi - spec.lo;
        const share = dir === 1 ? (value - spec.lo) / span : (spec.hi - value) / span;
        out[0] = Math.min(Math.max(share, 0), 1) * (spec.scale ?? scale);
        out[1] = stored;
        return;
      }
      case 'points':
        out[0] = pointsFor(value, spec.scoring);
        out[1] = stored;
        return;
      case 'min-max': {
        const lower = spec.lower ?? 0;
        const span = (spec.upper ?? scale) - lower;
        const min = Math.min(minO, d);
        const max = Math.max(maxO, d);
        const range = max - min;
        out[0] = range > 0 ? ((d - min) / range) * span + lower : Number.NaN;
        out[1] =
          min === b.min1 && max === b.max1
            ? stored
            : range > 0
              ? ((xo - min) / range) * span + lower
              : Number.NaN;
        return;
      }
      case 'fraction-of-max': {
        const max = Math.max(maxO, d);
        out[0] = max > 0 ? (d / max) * scale : Number.NaN;
        out[1] = max === b.max1 ? stored : max > 0 ? (xo / max) * scale : Number.NaN;
        return;
      }
      case 'distance-to-target': {
        const min = Math.min(minO, d);
        const t = spec.target * dir;
        const cap = spec.capAtTarget ?? false;
        const f = (x: number) => {
          const share = (x - min) / (t - min);
          return t === min ? Number.NaN : (cap && share > 1 ? 1 : share) * scale;
        };
        out[0] = f(d);
        out[1] = min === b.min1 ? stored : f(xo);
        return;
      }
      case 'z-score': {
        // Welford-style removal of the old value and addition of the new one.
        const n = b.count;
        const meanO = n > 1 ? (n * b.mean - old) / (n - 1) : 0;
        // Removing the value that carries (almost) all the spread leaves a rounding residue,
        // not spread: below 1e-12 of the total it is zero (e.g. exactly zero for n = 2).
        const removed = n > 1 ? b.m2 - (old - b.mean) * (old - meanO) : 0;
        const m2O = removed > 1e-12 * b.m2 ? removed : 0;
        const mean = meanO + (d - meanO) / n;
        const m2 = Math.max(m2O + (d - meanO) * (d - mean), 0);
        const sd = Math.sqrt(m2 / (n - 1));
        const z = (x: number) =>
          sd > 0 ? ((x - mean) / sd) * (spec.sd ?? 1) + (spec.mean ?? 0) : Number.NaN;
        out[0] = z(d);
        out[1] = other >= 0 ? z(xo) : Number.NaN;
        return;
      }
      case 'rank':
      case 'percentile-rank': {
        const sorted = this.sortedOf(k);
        // Min-ties rank: 1 + number of values strictly below, with the unit's value replaced.
        const below = (y: number) => lowerBound(sorted, y) - (old < y ? 1 : 0);
        const toScore = (rank: number) =>
          spec.method === 'rank' ? rank : ((rank - 1) / (b.count - 1)) * scale;
        out[0] = toScore(1 + below(d));
        out[1] = other >= 0 ? toScore(1 + below(xo) + (d < xo ? 1 : 0)) : Number.NaN;
        return;
      }
    }
  }

  private sortedOf(k: number): Float64Array {
    const b = this.boundsAt(k);
    if (b.sorted) return b.sorted;
    const ind = this.indicators[k] as IndicatorResult;
    const dir = (this.tree.indicators[k] as { direction: number }).direction;
    const values: number[] = [];
    for (const v of ind.treated) if (!Number.isNaN(v)) values.push(v * dir);
    b.sorted = Float64Array.from(values).sort();
    return b.sorted;
  }

  /** Bounds of indicator k as used by the exact inversion (direction-adjusted). */
  boundsFor(k: number): Readonly<ColumnBounds> {
    return this.boundsAt(k);
  }

  /**
   * Bounds of indicator k that a caller gathered while reading the column anyway, exactly
   * as boundsFor would compute them (min–max: without the mean and spread); boundsFor then
   * returns them instead of passing over the column again.
   */
  knowBounds(k: number, b: ColumnBounds): void {
    this.bounds[k] = b;
  }

  private boundsAt(k: number): ColumnBounds {
    const known = this.bounds[k];
    if (known) return known;
    const node = this.tree.indicators[k] as IndicatorNode;
    const b = boundsOf(
      (this.indicators[k] as IndicatorResult).treated,
      node.direction,
      node.normalisation.method === 'z-score',
    );
    this.bounds[k] = b;
    return b;
  }
}

function lowerBound(sorted: Float64Array, y: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
