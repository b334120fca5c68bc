import type { IndicatorNode } from '../domain/methodology.js';
import type { Column } from './column.js';
import type { IndicatorResult } from './compute-indicator.js';
import { minMaxMagnitude } from './normalise-min-max.js';
import { bisect, gains, type ImprovementParts as Parts, type Probe } from './probe-improvement.js';
import { isLinearPath, type RatingTree, type TreeGroup } from './rating-tree.js';
import { scratchFloat64, scratchInt32 } from './scratch.js';
import { WhatIfNormaliser } from './what-if-normalise.js';

/** How an improvement was found: 0 none needed or no data, 1 exact, 2 numerical, 3 unreachable. */
export const IMPROVEMENT_NONE = 0;
export const IMPROVEMENT_EXACT = 1;
export const IMPROVEMENT_NUMERICAL = 2;
export const IMPROVEMENT_UNREACHABLE = 3;

export interface Improvements {
  /** Per indicator, per unit: the value (after imputation) that would reach the target, valid where `kind` is exact or numerical. */
  to: Column[];
  kind: Uint8Array[];
}

const EXACT_METHODS = new Set(['min-max', 'goalposts', 'fraction-of-max', 'distance-to-target']);

/**
 * For every unit with someone directly above it and every indicator, the smallest value
 * that would lift the unit to the next higher index score, every other unit's values held.
 * Exact where the path is linear and the normalisation's bounds stay put (inverted, with
 * the gap widened by a bound on rounding so that the value certainly gains); bisection on the recomputed scores otherwise (bounds
 * that move because the unit becomes the new maximum, z-scores, ranks, geometric means,
 * outlier treatment). Values imputed for other units are held too.
 */
export function findImprovements(p: Parts): Improvements {
  const search = startImprovements(p);
  for (let k = 0; k < p.indicators.length; k++) search.indicator(k);
  return search.improvements;
}

/**
 * findImprovements one indicator at a time: `indicator(k)` fills `improvements.to[k]` and
 * `kind[k]` once indicator k's effective weights (and their maximum, if given) are in `p`,
 * so a caller computing those column by column searches each while it is still in cache.
 * Indicators are independent: any order gives the same numbers.
 *
 * @example const s = startImprovements(parts); s.indicator(0); s.improvements.kind[0]
 */
export function startImprovements(p: Parts): {
  indicator: (k: number) => void;
  improvements: Improvements;
} {
  const { indicators, overtakes } = p;
  const n = overtakes.length;
  const index = p.nodeScores[0] as Column;
  const indexMagnitude = maxAbs(index);
  const normaliser = new WhatIfNormaliser(p.m, p.tree, indicators);
  const out = new Float64Array(2);
  const toBlock = new Float64Array(n * indicators.length);
  const kindBlock = new Uint8Array(n * indicators.length);
  const to = indicators.map((_, k) => toBlock.subarray(k * n, (k + 1) * n));
  const kinds = indicators.map((_, k) => kindBlock.subarray(k * n, (k + 1) * n));
  // The gap to the unit above, once per unit (NaN for none): ix − ii as the loop computed it.
  // Scratch slots of this search alone: the caller's work between indicators uses others,
  // and the search ends within the caller's synchronous computation.
  const gap = scratchFloat64('improvement-gap', n);
  // The units minMaxPass leaves to improveOne, one indicator at a time.
  const slowUnits = scratchInt32('improvement-slow', n);
  const bounds = new Float64Array(5);
  for (let i = 0; i < n; i++) {
    const x = overtakes[i] as number;
    gap[i] = x < 0 ? Number.NaN : (index[x] as number) - (index[i] as number);
  }
  const indicator = (k: number): void =>
    improveIndicator(p, normaliser, k, {
      indexMagnitude,
      out,
      gap,
      slowUnits,
      bounds,
      target: to[k] as Column,
      kind: kinds[k] as Uint8Array,
    });
  return { indicator, improvements: { to, kind: kinds } };
}

/** One indicator's improvements for every unit, into `w.target` and `w.kind`. */
function improveIndicator(
  p: Parts,
  normaliser: WhatIfNormaliser,
  k: number,
  w: {
    indexMagnitude: number;
    out: Float64Array;
    gap: Float64Array;
    slowUnits: Int32Array;
    /** What minMaxPass gathers of the bounds (see there). */
    bounds: Float64Array;
    target: Float64Array;
    kind: Uint8Array;
  },
): void {
  const { tree, indicators, overtakes } = p;
  const { indexMagnitude, out, gap, slowUnits, bounds, target, kind } = w;
  const n = overtakes.length;
  const node = tree.indicators[k] as IndicatorNode;
  const ind = indicators[k] as IndicatorResult;
  const ew = p.effectiveWeights[k] as Column;
  const exact =
    !node.treatment && EXACT_METHODS.has(node.normalisation.method) && isLinearPath(tree, k);
  // The gap is widened by a bound on the rounding of both the stored and the recomputed
  // scores, so the value certainly gains without recomputing anything; it exceeds the
  // mathematically exact threshold by a few units in the 13th digit.
  const slackFactor = (childrenOnPath(tree, k) + 8) * 8 * Number.EPSILON;
  // One slack per indicator, from the largest index and contribution: a little wider than
  // a per-unit bound, and no per-pair Math.max.
  const slackFor = (scoreMagnitude: number): number =>
    slackFactor *
    Math.max(indexMagnitude, (p.effectiveWeightMax?.[k] ?? maxAbs(ew)) * (scoreMagnitude || 1));
  const fast = exact ? fastInverse(p, k) : null;
  const dir = node.direction;
  // Min–max inside the range, inlined: the commonest case, at 20 000 × 60 pairs.
  const spec = node.normalisation;
  const minMax = exact && spec.method === 'min-max';
  const treated = ind.treated;
  const normalised = ind.normalised;
  const filled = ind.filled;
  if (minMax) {
    const lower = spec.lower ?? 0;
    const upper = spec.upper ?? p.m.outputScale;
    // The normalisation's own minimum and maximum; the rest of the bounds are gathered by
    // the pass below, which reads every unit's value anyway.
    const known = ind.extremes;
    const min1 = known ? known.min : normaliser.boundsFor(k).min1;
    const max1 = known ? known.max : normaliser.boundsFor(k).max1;
    // normalisedMagnitude without the bounds: a column with a range scores lower..upper.
    const slack = slackFor(min1 < max1 ? minMaxMagnitude(lower, upper) : maxAbs(ind.normalised));
    // (need − l)·(range/span) instead of a division per pair; the slack covers the rounding.
    const stretch = (max1 - min1) / (upper - lower);
    const slow = minMaxPass(
      gap,
      normalised,
      ew,
      treated,
      target,
      kind,
      slack,
      dir,
      upper,
      lower,
      min1,
      max1,
      stretch,
      slowUnits,
      bounds,
    );
    const min1Count = bounds[1] as number;
    normaliser.knowBounds(k, {
      count: bounds[0] as number,
      min1,
      min1Count,
      min2: bounds[2] as number,
      max1,
      max1Count: bounds[3] as number,
      max2: bounds[4] as number,
      mean: Number.NaN,
      m2: 0,
      sorted: null,
    });
    for (let j = 0; j < slow; j++) {
      const i = slowUnits[j] as number;
      const need = (normalised[i] as number) + ((gap[i] as number) + slack) / (ew[i] as number);
      // The pass left the holders of the minimum to here, before their count was known: one
      // of several keeps the bounds in place, and the inversion of the pass holds for it.
      if (min1Count > 1 && need < upper && (treated[i] as number) * dir === min1) {
        const d = min1 + (need - lower) * stretch;
        if (d > min1) {
          target[i] = pushed(d * dir, dir);
          kind[i] = IMPROVEMENT_EXACT;
          continue;
        }
      }
      kind[i] = improveOne(p, normaliser, out, k, i, overtakes[i] as number, true, need, target);
    }
    return;
  }
  const slack = slackFor(normalisedMagnitude(p, normaliser, k));
  for (let i = 0; i < n; i++) {
    const g = gap[i] as number;
    const s = normalised[i] as number;
    const w = ew[i] as number;
    if (Number.isNaN(g + s) || !(w > 0)) continue;
    const need = exact ? s + (g + slack) / w : Number.NaN;
    if (fast) {
      // Goalposts below the top: one division.
      const v = fast(need);
      if (!Number.isNaN(v) && (v - (filled[i] as number)) * dir > 0) {
        target[i] = pushed(v, dir);
        kind[i] = IMPROVEMENT_EXACT;
        continue;
      }
    }
    kind[i] = improveOne(p, normaliser, out, k, i, overtakes[i] as number, exact, need, target);
  }
}

/**
 * Min–max inside the range, every unit of one indicator: the commonest case, 20 000 × 60
 * pairs, in a small loop of its own that V8 compiles tightly. Units it cannot settle (the
 * unit holds a bound, or only the top of the scale would do) are listed in `slowUnits`, in
 * ascending order; returns how many. Reading every unit's value anyway, it gathers the rest
 * of the column's bounds into `bounds`: how many values, how many hold the minimum, the
 * smallest value above it, how many hold the maximum, the largest below it.
 */
function minMaxPass(
  gap: Float64Array,
  normalised: Float64Array,
  ew: Float64Array,
  treated: Float64Array,
  target: Float64Array,
  kind: Uint8Array,
  slack: number,
  dir: number,
  upper: number,
  lower: number,
  min1: number,
  max1: number,
  stretch: number,
  slowUnits: Int32Array,
  bounds: Float64Array,
): number {
  const n = gap.length;
  let slow = 0;
  let count = 0;
  let min1Count = 0;
  let max1Count = 0;
  let min2 = Number.POSITIVE_INFINITY;
  let max2 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const old = (treated[i] as number) * dir;
    // Every value other than the minimum lies above it (NaN fails every comparison).
    if (old === min1) min1Count++;
    else if (old < min2) min2 = old;
    if (old === max1) max1Count++;
    else if (old > max2) max2 = old;
    if (!Number.isNaN(old)) count++;
    const g = gap[i] as number;
    const s = normalised[i] as number;
    const w = ew[i] as number;
    if (Number.isNaN(g + s) || !(w > 0)) continue;
    const need = s + (g + slack) / w;
    // Decided on the score, not on d: over a range of a few ulps d rounds onto max1.
    if (need < upper && old !== max1 && old !== min1) {
      const d = min1 + (need - lower) * stretch;
      if (d > old) {
        target[i] = pushed(d * dir, dir);
        kind[i] = IMPROVEMENT_EXACT;
        continue;
      }
    }
    slowUnits[slow++] = i;
  }
  bounds[0] = count;
  bounds[1] = min1Count;
  bounds[2] = min2;
  bounds[3] = max1Count;
  bounds[4] = max2;
  return slow;
}

/**
 * Goalposts below the top as a closure: the value with normalised score `need`, or NaN
 * at or past the top (min–max is inlined in the loop).
 */
function fastInverse(p: Parts, k: number): ((need: number) => number) | null {
  const node = p.tree.indicators[k] as IndicatorNode;
  const spec = node.normalisation;
  if (spec.method !== 'goalposts') return null;
  const dir = node.direction;
  const scale = spec.scale ?? p.m.outputScale;
  const span = spec.hi - spec.lo;
  return (need) => {
    const share = need / scale;
    if (!(share < 1)) return Number.NaN;
    return dir === 1 ? spec.lo + share * span : spec.hi - share * span;
  };
}

/** Every case the hot path does not settle: bounds that move, caps, numerical search. */
function improveOne(
  p: Parts,
  normaliser: WhatIfNormaliser,
  out: Float64Array,
  k: number,
  i: number,
  x: number,
  exact: boolean,
  need: number,
  target: Float64Array,
): number {
  const dir = (p.tree.indicators[k] as IndicatorNode).direction;
  const ix = (p.nodeScores[0] as Column)[x] as number;
  const probe: Probe = { p, normaliser, k, unit: i, other: x, otherIndex: ix, out };
  const v0 = normaliser.valueOf(k, i);
  if (exact) {
    const guess = invert(p, normaliser, k, i, need);
    if (guess === 'unreachable') return IMPROVEMENT_UNREACHABLE;
    if (typeof guess === 'object' && guess !== null) {
      // Only the top of the scale would do: a tie at the boundary, settled by recomputing.
      if (gains(probe, guess.atTop)) {
        target[i] = guess.atTop;
        return IMPROVEMENT_EXACT;
      }
      if (guess.orElse === 'unreachable') return IMPROVEMENT_UNREACHABLE;
    }
    if (typeof guess === 'number' && (guess - v0) * dir > 0) {
      target[i] = pushed(guess, dir);
      return IMPROVEMENT_EXACT;
    }
  }
  const b = normaliser.boundsFor(k);
  if (exact && (p.tree.indicators[k] as IndicatorNode).normalisation.method === 'min-max') {
    const past = pastTheMaximum(p, k, i, x, (p.effectiveWeights[k] as Column)[x] as number, b);
    if (past === 'unreachable') return IMPROVEMENT_UNREACHABLE;
    for (const stretch of past === null ? [] : [1, 1 + 1e-12, 1 + 1e-9]) {
      const v = (past as number) * stretch * dir;
      if (gains(probe, v)) {
        target[i] = v;
        return IMPROVEMENT_EXACT;
      }
    }
  }
  const v = bisect(v0, dir, b.max1 - b.min1 || Math.abs(v0) || 1, probe);
  if (v === null) return IMPROVEMENT_UNREACHABLE;
  target[i] = v;
  return IMPROVEMENT_NUMERICAL;
}

/**
 * The value whose normalised score is `need`, with the bounds unchanged; null when the
 * bounds would move (numerical path), 'unreachable' when the scale caps below `need`.
 */
function invert(
  p: Parts,
  normaliser: WhatIfNormaliser,
  k: number,
  unit: number,
  need: number,
): number | null | 'unreachable' | { atTop: number; orElse: 'unreachable' | 'numerical' } {
  const node = p.tree.indicators[k] as IndicatorNode;
  const spec = node.normalisation;
  const dir = node.direction;
  const scale = p.m.outputScale;
  const b = normaliser.boundsFor(k);
  const old = ((p.indicators[k] as IndicatorResult).treated[unit] as number) * dir;
  const uniqueMin = old === b.min1 && b.min1Count === 1;
  switch (spec.method) {
    case 'goalposts': {
      const share = need / (spec.scale ?? scale);
      const top = dir === 1 ? spec.hi : spec.lo;
      if (share > 1 + 1e-9) return 'unreachable';
      if (share > 1) return { atTop: top, orElse: 'unreachable' };
      const span = spec.hi - spec.lo;
      return dir === 1 ? spec.lo + share * span : spec.hi - share * span;
    }
    case 'min-max': {
      if (uniqueMin || old === b.max1) return null;
      const lower = spec.lower ?? 0;
      const upper = spec.upper ?? scale;
      if (need < upper) {
        return (b.min1 + ((need - lower) / (upper - lower)) * (b.max1 - b.min1)) * dir;
      }
      // Past the top only by the rounding slack: try the maximum itself.
      return need - upper > (upper - lower) * 1e-9
        ? null
        : { atTop: b.max1 * dir, orElse: 'numerical' };
    }
    case 'fraction-of-max': {
      if (old === b.max1) return null;
      return need < scale ? (need / scale) * b.max1 * dir : null;
    }
    case 'distance-to-target': {
      if (uniqueMin) return null;
      if ((spec.capAtTarget ?? false) && need > scale * (1 + 1e-9)) return 'unreachable';
      if ((spec.capAtTarget ?? false) && need > scale)
        return { atTop: spec.target, orElse: 'unreachable' };
      return (b.min1 + (need / scale) * (spec.target * dir - b.min1)) * dir;
    }
    default:
      return null;
  }
}

/**
 * Two units in the last place further in the improving direction: the inverted value is
 * itself rounded, and where the scale is stretched (a tiny range, a narrow goalpost span)
 * one ulp of the value is a visible share of the score.
 */
function pushed(v: number, dir: number): number {
  // Math.max(ulp, Number.MIN_VALUE) spelt out: V8's Math.max checks for NaN and −0 first,
  // which costs more than the rest of the hot loop. Same value for every input, NaN included.
  const ulp = Math.abs(v) * Number.EPSILON;
  return v + dir * 2 * (ulp > Number.MIN_VALUE || Number.isNaN(ulp) ? ulp : Number.MIN_VALUE);
}

function childrenOnPath(tree: RatingTree, k: number): number {
  let count = 0;
  for (let g = tree.indicatorParent[k] as number; g >= 0; g = (tree.groups[g] as TreeGroup).parent)
    count += (tree.groups[g] as TreeGroup).children.length;
  return count;
}

/** The largest |normalised score| of indicator k, as maxAbs would find it. */
function normalisedMagnitude(p: Parts, normaliser: WhatIfNormaliser, k: number): number {
  const spec = (p.tree.indicators[k] as IndicatorNode).normalisation;
  const b = normaliser.boundsFor(k);
  if (spec.method !== 'min-max' || !(b.min1 < b.max1))
    return maxAbs((p.indicators[k] as IndicatorResult).normalised);
  return minMaxMagnitude(spec.lower ?? 0, spec.upper ?? p.m.outputScale);
}

function maxAbs(column: Column): number {
  let max = 0;
  for (let i = 0; i < column.length; i++) {
    const v = Math.abs(column[i] as number);
    if (v > max) max = v;
  }
  return max;
}

/**
 * Min–max when the unit must pass the current maximum d_max (direction-adjusted): it then
 * holds the top score u, and the range stretches, pulling the unit above (X) down:
 * s_X(d) = l + (x_X − min)/(d − min)·(u − l). With the unit's index at the top score A and
 * the gap G = I_X − A, X must lose G: s_X(d) ≤ s_X − G/w_X, solved for d. Null when the
 * unit holds the unique minimum (the minimum would move too) or X cannot lose enough at
 * any finite d; 'unreachable' when not even at the limit: with the minimum in place the
 * unit scores at most u and X at least l, so X still stays above by more than rounding
 * could hide (the numerical search would try thirty-one values in vain).
 */
function pastTheMaximum(
  p: Parts,
  k: number,
  unit: number,
  x: number,
  wx: number,
  b: { min1: number; min1Count: number; max1: number },
): number | null | 'unreachable' {
  const node = p.tree.indicators[k] as IndicatorNode;
  if (node.normalisation.method !== 'min-max') return null;
  const ind = p.indicators[k] as IndicatorResult;
  const dir = node.direction;
  const old = (ind.treated[unit] as number) * dir;
  if ((old === b.min1 && b.min1Count === 1) || !(wx > 0)) return null;
  const lower = node.normalisation.lower ?? 0;
  const upper = node.normalisation.upper ?? p.m.outputScale;
  const index = p.nodeScores[0] as Column;
  const top =
    (index[unit] as number) +
    ((p.effectiveWeights[k] as Column)[unit] as number) *
      (upper - (ind.normalised[unit] as number));
  const gap = (index[x] as number) - top;
  const sx = ind.normalised[x] as number;
  const shortfall = gap - wx * (sx - lower);
  if (shortfall > 1e-9 * (Math.abs(index[x] as number) + Math.abs(top))) return 'unreachable';
  // No slack here: the caller recomputes to confirm, then tries a hair further.
  const limit = sx - gap / wx;
  const xx = (ind.treated[x] as number) * dir - b.min1;
  // A limit at the bottom of the scale is only reached at infinity (or by rounding).
  if (!(limit - lower > 1e-9 * (upper - lower)) || !(xx > 0)) return null;
  const d = b.min1 + (xx * (upper - lower)) / (limit - lower);
  return d > b.max1 ? d : null;
}
