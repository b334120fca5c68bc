import type { AggregationMethod, Methodology } from '../domain/methodology.js';
import { aggregateInto } from './aggregate.js';
import type { Column } from './column.js';
import { computeRating, type RatingData } from './compute-rating.js';
import { normaliseMinMax } from './normalise-min-max.js';
import { normaliseRank } from './normalise-rank.js';
import { normaliseZScore } from './normalise-z-score.js';
import { drawRandom } from './prng.js';
import { rankScores } from './rank.js';
import { flattenTree, type RatingTree } from './rating-tree.js';

export interface UncertaintyOptions {
  /** Each weight is multiplied by U(1 − ε, 1 + ε), then renormalised in its group. Default 0.25. */
  weightNoise?: number;
  /** Also draw the normalisation and aggregation among the alternatives. Default true. */
  alternatives?: boolean;
}

type NormalisationChoice = 'methodology' | 'min-max' | 'z-score' | 'rank';
type AggregationChoice = 'methodology' | AggregationMethod;

/**
 * The alternatives a draw picks from, uniformly. Geometric means need positive scores, so
 * they are paired only with min–max to [1, 100] and ranks (as COINr's ASEM example does);
 * z-scores are aggregated arithmetically.
 */
export const ALTERNATIVES: readonly [NormalisationChoice, AggregationChoice][] = [
  ['methodology', 'methodology'],
  ['min-max', 'arithmetic'],
  ['min-max', 'geometric'],
  ['z-score', 'arithmetic'],
  ['rank', 'arithmetic'],
  ['rank', 'geometric'],
];

/** What every draw shares, computed once: the treated indicators normalised every way. */
export interface UncertaintyModel {
  m: Methodology;
  tree: RatingTree;
  unitCount: number;
  noise: number;
  alternatives: boolean;
  normalised: Record<NormalisationChoice, Column[]>;
  /** Logarithms of the positive normalisations, so geometric draws need no Math.log per cell. */
  logs: Partial<Record<NormalisationChoice, Column[]>>;
}

function logsOf(columns: Column[]): Column[] {
  return columns.map((c) => c.map(Math.log));
}

/**
 * @example const model = prepareUncertainty(m, data); computeDraws(model, 42, 0, 100);
 */
export function prepareUncertainty(
  m: Methodology,
  data: RatingData,
  options: UncertaintyOptions = {},
): UncertaintyModel {
  const base = computeRating(m, data, { explain: false });
  const tree = flattenTree(m);
  const treated = base.indicators.map((ind) => ind.treated);
  const dirs = tree.indicators.map((node) => node.direction);
  const minMax = treated.map((c, k) => normaliseMinMax(c, dirs[k] ?? 1, 1, 100).values);
  const rank = treated.map((c, k) => normaliseRank(c, dirs[k] ?? 1).values);
  return {
    m,
    tree,
    unitCount: data.units.length,
    noise: options.weightNoise ?? 0.25,
    alternatives: options.alternatives ?? true,
    normalised: {
      methodology: base.indicators.map((ind) => ind.normalised),
      'min-max': minMax,
      'z-score': treated.map((c, k) => normaliseZScore(c, dirs[k] ?? 1).values),
      rank,
    },
    logs: { 'min-max': logsOf(minMax), rank: logsOf(rank) },
  };
}

/**
 * Ranks under draws `from` (inclusive) to `to` (exclusive): row d − from holds every unit's
 * place in draw d. A draw depends only on (seed, d), never on how the draws are split.
 *
 * @example computeDraws(model, 42, 0, 2) // Float64Array of 2 × unitCount places
 */
export function computeDraws(
  model: UncertaintyModel,
  seed: number,
  from: number,
  to: number,
): Float64Array {
  const { tree, unitCount: n, m } = model;
  const out = new Float64Array(Math.max(0, to - from) * n);
  // One buffer per group, reused by every draw: a draw needs only the scores.
  const groupScores: Column[] = tree.groups.map(() => new Float64Array(n));
  const missing = new Uint32Array(n);
  for (let d = from; d < to; d++) {
    const random = drawRandom(seed, d);
    const [norm, agg] = model.alternatives
      ? (ALTERNATIVES[Math.floor(random() * ALTERNATIVES.length)] as [
          NormalisationChoice,
          AggregationChoice,
        ])
      : (['methodology', 'methodology'] as const);
    const indicators = model.normalised[norm];
    // Weights are drawn in tree order for every group, so the stream does not depend on data.
    const weights = tree.groups.map((g) =>
      g.weights.map((w) => w * (1 - model.noise + 2 * model.noise * random())),
    );
    const logs = agg === 'geometric' ? model.logs[norm] : undefined;
    for (let g = tree.groups.length - 1; g >= 0; g--) {
      const group = tree.groups[g] as RatingTree['groups'][number];
      const method = agg === 'methodology' ? group.method : agg;
      const allIndicators = group.children.every((ref) => ref.kind === 'indicator');
      if (logs && allIndicators) {
        // exp(Σ w·log v / Σ w) over precomputed logarithms: the same bits as the geometric mean.
        const mean = groupScores[g] as Column;
        aggregateInto(
          group.children.map((ref) => logs[ref.index] as Column),
          weights[g] as number[],
          'arithmetic',
          m.missingData,
          { values: mean },
          missing,
        );
        for (let i = 0; i < n; i++) mean[i] = Math.exp(mean[i] as number);
        continue;
      }
      const children = group.children.map((ref) =>
        ref.kind === 'indicator'
          ? (indicators[ref.index] as Column)
          : (groupScores[ref.index] as Column),
      );
      aggregateInto(
        children,
        weights[g] as number[],
        method,
        m.missingData,
        { values: groupScores[g] as Column },
        missing,
      );
    }
    out.set(rankScores(groupScores[0] as Column, m.tieRule), (d - from) * n);
  }
  return out;
}

export interface RankBands {
  median: Float64Array;
  /**
   * 5th and 95th percentiles of the place by the nearest rank (R's quantile type 1): a
   * place the unit really took in a draw, never 20.05 between two; NaN where never ranked.
   */
  p05: Float64Array;
  p95: Float64Array;
}

/** The smallest observed place with at least a share `p` of the draws at or above it. */
function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(p * sorted.length - 1e-9));
  return sorted[rank - 1] as number;
}

/**
 * Median place and the 5–95 % band per unit from draws laid out as computeDraws returns.
 *
 * @example summariseDraws(computeDraws(model, 42, 0, 1000), model.unitCount).median[0]
 */
export function summariseDraws(ranks: Float64Array, unitCount: number): RankBands {
  const draws = unitCount > 0 ? ranks.length / unitCount : 0;
  const median = new Float64Array(unitCount);
  const p05 = new Float64Array(unitCount);
  const p95 = new Float64Array(unitCount);
  const column = new Float64Array(draws);
  for (let i = 0; i < unitCount; i++) {
    let k = 0;
    for (let d = 0; d < draws; d++) {
      const r = ranks[d * unitCount + i] as number;
      if (!Number.isNaN(r)) column[k++] = r;
    }
    const sorted = column.subarray(0, k).sort();
    median[i] = quantile(sorted, 0.5);
    p05[i] = quantile(sorted, 0.05);
    p95[i] = quantile(sorted, 0.95);
  }
  return { median, p05, p95 };
}
