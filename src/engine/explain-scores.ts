import type { Methodology } from '../domain/methodology.js';
import type { Column } from './column.js';
import type { IndicatorResult } from './compute-indicator.js';
import { type Improvements, startImprovements } from './find-improvements.js';
import type { RatingTree, TreeGroup } from './rating-tree.js';
import { scratchFloat64 } from './scratch.js';
import { sortOrder } from './sort-order.js';

/** How many strengths and weaknesses each unit gets. */
export const HIGHLIGHTS = 3;

/**
 * Why every unit has its score, in typed arrays (no object per cell): per indicator the
 * effective weight (product of the renormalised weights from the index down, for this
 * unit's available data), whose product with the normalised score is the contribution;
 * contributions add up to the index where every level is an arithmetic mean; the unit to overtake; the
 * strengths and weaknesses; and what would move the unit up.
 */
export interface RatingExplanations {
  /** The unit with the next higher index score, −1 for the leaders and units without a score. */
  overtakes: Int32Array;
  /** Contribution of indicator k for unit i = effectiveWeight(e, k, i) × normalised score. */
  effectiveWeights: EffectiveWeights;
  /** HIGHLIGHTS indicator indices per unit (−1 for none), best first. */
  strengths: Int32Array;
  /** HIGHLIGHTS indicator indices per unit (−1 for none), worst first. */
  weaknesses: Int32Array;
  improvements: Improvements;
}

/**
 * Effective weights factored by group, without a column per indicator: a unit's weight on
 * indicator k is its share of k's group (the group's weight in the index per unit of child
 * weight present: one number per unit and group, all computed with the rating) times k's
 * weight in the group, or none where the unit lacks k's score or the group's. 20 000 units
 * × 7 groups of numbers instead of × 60 indicators. Read through effectiveWeight.
 */
export interface EffectiveWeights {
  /** Per group, in tree order: every unit's share. */
  shares: Column[];
  /** Per indicator: the index of its group. */
  groupOf: Int32Array;
  /** Per indicator: its weight as the methodology gives it within its group. */
  weights: Float64Array;
  /** Per indicator: its normalised scores; a missing score gets no weight. */
  scores: readonly Column[];
  /** Per group: its scores; a unit without the group's score gives its indicators no weight. */
  groupScores: readonly Column[];
}

/**
 * A unit's effective weight on one indicator of a group from the indicator's score `x`, the
 * group's score, the unit's share of the group and the indicator's weight `w` in it.
 */
function cellWeight(x: number, groupScore: number, share: number, w: number): number {
  return Number.isNaN(groupScore + x) ? 0 : share * w;
}

/**
 * Unit i's effective weight on indicator k.
 *
 * @example effectiveWeight(rating.explanations.effectiveWeights, 0, 5)
 */
export function effectiveWeight(w: EffectiveWeights, k: number, i: number): number {
  const g = w.groupOf[k] as number;
  return cellWeight(
    (w.scores[k] as Column)[i] as number,
    (w.groupScores[g] as Column)[i] as number,
    (w.shares[g] as Column)[i] as number,
    w.weights[k] as number,
  );
}

/** Per indicator: count, sum and sum of squares of its present normalised scores. */
interface Moments {
  present: Float64Array;
  sum: Float64Array;
  squares: Float64Array;
}

/** Effective weights with what was gathered beside them, filled by effectiveWeightsOf. */
interface WeightColumns {
  /**
   * One working column for every indicator in turn: indicator k's effective weights from
   * just before `done(k)` until the next indicator's overwrite them. The search reads it
   * while it is still in cache; the result keeps the groups' shares instead.
   */
  column: Column;
  /** Per group: every unit's share (EffectiveWeights.shares). */
  shares: Column[];
  /** Largest |effective weight| per indicator. */
  maxima: Float64Array;
  moments: Moments;
}

function weightColumns(count: number, groupCount: number, n: number): WeightColumns {
  const shares = new Float64Array(n * groupCount);
  return {
    column: scratchFloat64('effective-weights', n),
    shares: Array.from({ length: groupCount }, (_, g) => shares.subarray(g * n, (g + 1) * n)),
    maxima: new Float64Array(count),
    moments: {
      present: new Float64Array(count),
      sum: new Float64Array(count),
      squares: new Float64Array(count),
    },
  };
}

/**
 * Fills `into` group by group from the index down, and calls `done(k)` as soon as indicator
 * k's column (in `into.column`), maximum and moments are complete (in tree order of the
 * groups).
 */
function effectiveWeightsOf(
  tree: RatingTree,
  indicators: readonly IndicatorResult[],
  nodes: readonly { scores: Column; presentWeight: Float64Array }[],
  n: number,
  into: WeightColumns,
  done: (k: number) => void,
): void {
  const { column: t, shares, maxima, moments } = into;
  // The groups' own weights are working values: a reused buffer, zeroed as a fresh one.
  const groupBlock = scratchFloat64('group-weights', n * tree.groups.length).fill(0);
  const groupWeights: Column[] = tree.groups.map((_, g) => groupBlock.subarray(g * n, (g + 1) * n));
  (groupWeights[0] as Column).fill(1);
  // Gathered while each score column is read anyway: the largest |weight| per indicator (the
  // rounding slack of the improvements; each cell is written once) and the moments of the
  // scores (strengths and weaknesses), instead of two more passes over every column.
  for (let g = 0; g < tree.groups.length; g++) {
    const share = shares[g] as Column;
    const group = tree.groups[g] as TreeGroup;
    const mine = groupWeights[g] as Column;
    const node = nodes[g] as { scores: Column; presentWeight: Float64Array };
    const own = node.scores;
    const pw = node.presentWeight;
    const isSum = group.method === 'sum';
    // The group's weight per unit of present child weight, once per unit: one division per
    // unit and group instead of one per unit and child.
    for (let i = 0; i < n; i++)
      share[i] = isSum ? (mine[i] as number) : (mine[i] as number) / (pw[i] as number);
    for (let c = 0; c < group.children.length; c++) {
      const ref = group.children[c] as TreeGroup['children'][number];
      const w = group.weights[c] as number;
      if (ref.kind === 'group') {
        const child = (nodes[ref.index] as { scores: Column }).scores;
        const childWeights = groupWeights[ref.index] as Column;
        // A unit without a score here, or without this child, gives the child no weight.
        for (let i = 0; i < n; i++) {
          if (Number.isNaN((own[i] as number) + (child[i] as number))) continue;
          childWeights[i] = (share[i] as number) * w;
        }
        continue;
      }
      const child = (indicators[ref.index] as IndicatorResult).normalised;
      let max = 0;
      let present = 0;
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < n; i++) {
        const x = child[i] as number;
        if (!Number.isNaN(x)) {
          present++;
          sum += x;
          squares += x * x;
        }
        const v = cellWeight(x, own[i] as number, share[i] as number, w);
        t[i] = v;
        const a = Math.abs(v);
        if (a > max) max = a;
      }
      maxima[ref.index] = max;
      moments.present[ref.index] = present;
      moments.sum[ref.index] = sum;
      moments.squares[ref.index] = squares;
      done(ref.index);
    }
  }
}

function overtakesOf(index: Column, order: Uint32Array): Int32Array {
  const out = new Int32Array(index.length).fill(-1);
  let above = -1;
  let groupFirst = -1;
  let groupValue = Number.NaN;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k] as number;
    const v = index[i] as number;
    if (v !== groupValue) {
      above = groupFirst;
      groupFirst = i;
      groupValue = v;
    }
    out[i] = above;
  }
  return out;
}

/** Strengths and weaknesses: the indicators where the unit stands furthest above / below the mean, in standard deviations. */
function highlightsOf(indicators: readonly IndicatorResult[], n: number, moments: Moments) {
  const strengths = new Int32Array(n * HIGHLIGHTS).fill(-1);
  const weaknesses = new Int32Array(n * HIGHLIGHTS).fill(-1);
  const best = scratchFloat64('highlights-best', n * HIGHLIGHTS).fill(0);
  const worst = scratchFloat64('highlights-worst', n * HIGHLIGHTS).fill(0);
  for (let k = 0; k < indicators.length; k++) {
    const s = (indicators[k] as IndicatorResult).normalised;
    // Every indicator is the child of one group, so effectiveWeightsOf gathered them all.
    const present = moments.present[k] as number;
    const sum = moments.sum[k] as number;
    const squares = moments.squares[k] as number;
    // One-pass variance is enough to order a unit's indicators by how far it stands out.
    const mean = sum / present;
    const sd = Math.sqrt(Math.max(squares / present - mean * mean, 0));
    if (!(sd > 0)) continue;
    // Indicator by indicator, each unit keeps its best and worst three (z-scores) so far.
    keepExtremes(s, mean, 1 / sd, k, strengths, best, weaknesses, worst);
  }
  return { strengths, weaknesses };
}

/**
 * One indicator's z-scores against every unit's best and worst three so far, for
 * HIGHLIGHTS = 3 slots: a later indicator passes an earlier one only when strictly further
 * out, so ties keep tree order. Entering the three is a branch (about one z in three early
 * on, fewer later); where it enters is counted, not branched on: `q` is the slot it takes
 * (2 minus the slots it passes), the slots below shift down by one, and it is written at
 * `q`. Nested comparisons there were a mispredicted branch half the time.
 */
function keepExtremes(
  s: Column,
  mean: number,
  perSd: number,
  k: number,
  strengths: Int32Array,
  best: Float64Array,
  weaknesses: Int32Array,
  worst: Float64Array,
): void {
  for (let i = 0, base = 0; i < s.length; i++, base += 3) {
    const z = ((s[i] as number) - mean) * perSd;
    if (z > (best[base + 2] as number))
      insertAt(
        best,
        strengths,
        base,
        2 - Number(z > (best[base + 1] as number)) - Number(z > (best[base] as number)),
        z,
        k,
      );
    else if (z < (worst[base + 2] as number))
      insertAt(
        worst,
        weaknesses,
        base,
        2 - Number(z < (worst[base + 1] as number)) - Number(z < (worst[base] as number)),
        z,
        k,
      );
  }
}

/** Writes z (of indicator k) into slot q of a unit's three at `base`, the slots from q down one place. */
function insertAt(
  values: Float64Array,
  indices: Int32Array,
  base: number,
  q: number,
  z: number,
  k: number,
): void {
  // Slot 1 takes slot 0 when z goes first (q = 0), else keeps its own (overwritten if q = 1).
  const from = base + ((q + 1) >> 1);
  values[base + 2] = values[base + 1] as number;
  indices[base + 2] = indices[base + 1] as number;
  values[base + 1] = values[from] as number;
  indices[base + 1] = indices[from] as number;
  values[base + q] = z;
  indices[base + q] = k;
}

/**
 * Explains a computed rating. `nodes` and `indicators` are in tree order, as computeRating
 * returns them.
 *
 * @example
 * const e = explainScores(m, flattenTree(m), rating.indicators, rating.nodes);
 * e.contributions[0]?.[5] // share of unit 5's index earned by the first indicator
 */
export function explainScores(
  m: Methodology,
  tree: RatingTree,
  indicators: readonly IndicatorResult[],
  nodes: readonly { scores: Column; presentWeight: Float64Array }[],
  /** `sortOrder` of the index scores, when the caller has it already. */
  indexOrder?: Uint32Array,
): RatingExplanations {
  const index = (nodes[0] as { scores: Column }).scores;
  const n = index.length;
  const weights = weightColumns(indicators.length, tree.groups.length, n);
  const overtakes = overtakesOf(index, indexOrder ?? sortOrder(index));
  const search = startImprovements({
    m,
    tree,
    indicators,
    nodeScores: nodes.map((node) => node.scores),
    // Every indicator's column is the one working column, filled just before its search.
    effectiveWeights: indicators.map(() => weights.column),
    effectiveWeightMax: weights.maxima,
    overtakes,
  });
  // Each indicator's improvements right after its effective weights: its columns are still
  // in cache. The search only reads indicator k's weights and maximum, complete by then.
  effectiveWeightsOf(tree, indicators, nodes, n, weights, search.indicator);
  return {
    overtakes,
    effectiveWeights: {
      shares: weights.shares,
      groupOf: tree.indicatorParent,
      weights: Float64Array.from(
        tree.indicators,
        (_, k) =>
          (tree.groups[tree.indicatorParent[k] as number] as TreeGroup).weights[
            tree.indicatorPosition[k] as number
          ] as number,
      ),
      scores: indicators.map((ind) => ind.normalised),
      groupScores: nodes.map((node) => node.scores),
    },
    ...highlightsOf(indicators, n, weights.moments),
    improvements: search.improvements,
  };
}
