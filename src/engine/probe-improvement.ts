import type { Methodology } from '../domain/methodology.js';
import { finishAggregate } from './aggregate.js';
import type { Column } from './column.js';
import type { IndicatorResult } from './compute-indicator.js';
import type { RatingTree, TreeGroup } from './rating-tree.js';
import type { WhatIfNormaliser } from './what-if-normalise.js';

/** What the search reads: the computed rating and its effective weights. */
export interface ImprovementParts {
  m: Methodology;
  tree: RatingTree;
  indicators: readonly IndicatorResult[];
  /** Scores of every group, in tree order (`nodeScores[0]` is the index). */
  nodeScores: readonly Column[];
  effectiveWeights: readonly Column[];
  /** Largest |effective weight| per indicator, when the caller found it while computing them. */
  effectiveWeightMax?: Float64Array;
  overtakes: Int32Array;
}

/**
 * The index of `unit` when its score on indicator k becomes `score`, everything else held:
 * the groups from the indicator up to the index are re-aggregated for that unit alone, with
 * the same operations in the same order as `aggregateColumns`, so the result is bit-equal
 * to a full recomputation.
 */
export function indexAfter(p: ImprovementParts, k: number, unit: number, score: number): number {
  const { tree, indicators, nodeScores } = p;
  const rule = p.m.missingData;
  let g = tree.indicatorParent[k] as number;
  let pos = tree.indicatorPosition[k] as number;
  let value = score;
  while (g >= 0) {
    const group = tree.groups[g] as TreeGroup;
    const positiveOnly = group.method === 'geometric' || group.method === 'harmonic';
    let acc = 0;
    let present = 0;
    let presentWeight = 0;
    for (let c = 0; c < group.children.length; c++) {
      const ref = group.children[c] as TreeGroup['children'][number];
      const v =
        c === pos
          ? value
          : ref.kind === 'indicator'
            ? ((indicators[ref.index] as IndicatorResult).normalised[unit] as number)
            : ((nodeScores[ref.index] as Column)[unit] as number);
      if (Number.isNaN(v)) continue;
      present++;
      const w = group.weights[c] as number;
      if (w === 0) continue;
      if (positiveOnly && !(v > 0)) return Number.NaN;
      presentWeight += w;
      // aggregateTerm, inlined: this loop runs for every unit × indicator.
      acc +=
        group.method === 'arithmetic' || group.method === 'sum'
          ? w * v
          : group.method === 'geometric'
            ? w * Math.log(v)
            : w / v;
    }
    const share =
      rule.availabilityBasis === 'weight'
        ? group.totalWeight > 0
          ? presentWeight / group.totalWeight
          : 0
        : present / group.children.length;
    value = finishAggregate(group.method, acc, presentWeight, share, rule.minAvailability);
    pos = group.position;
    g = group.parent;
  }
  return value;
}

/** One (unit, indicator) question: can `unit` reach `other` by changing indicator k? */
export interface Probe {
  p: ImprovementParts;
  normaliser: WhatIfNormaliser;
  k: number;
  unit: number;
  other: number;
  otherIndex: number;
  out: Float64Array;
}

/** Whether `unit` reaches `other`'s index when its value on indicator k becomes `value`. */
export function gains(q: Probe, value: number): boolean {
  q.normaliser.scores(q.k, q.unit, value, q.other, q.out);
  const mine = indexAfter(q.p, q.k, q.unit, q.out[0] as number);
  const stored = (q.p.indicators[q.k] as IndicatorResult).normalised[q.other] as number;
  const theirs =
    q.out[1] === stored ? q.otherIndex : indexAfter(q.p, q.k, q.other, q.out[1] as number);
  return mine >= theirs;
}

/** Exponential search for a value that gains, then bisection down to adjacent doubles. */
export function bisect(v0: number, dir: number, step: number, q: Probe): number | null {
  let lo = v0 * dir;
  let hi = Number.NaN;
  // Up to a million times the indicator's range: beyond that a "gain" is rounding, not data.
  for (let t = -10; t <= 20; t++) {
    const candidate = v0 * dir + step * 2 ** t;
    if (gains(q, candidate * dir)) {
      hi = candidate;
      break;
    }
    lo = candidate;
  }
  if (Number.isNaN(hi)) return null;
  // Down to 1e-10 of the indicator's range: far below any figure a report prints.
  const tolerance = step * 1e-10;
  for (let it = 0; it < 200 && hi - lo > tolerance; it++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (gains(q, mid * dir)) hi = mid;
    else lo = mid;
  }
  // One tolerance further, since the z-score and rank models update the column's statistics
  // in O(1) and can differ from a full recomputation in the last digits; unless that step
  // crosses into another regime (past another unit's value) where it no longer gains.
  const beyond = hi + tolerance;
  return (gains(q, beyond * dir) ? beyond : hi) * dir;
}
