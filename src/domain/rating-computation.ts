/**
 * Everything a stored rating was computed from and every number it produced, as plain JSON
 * (null for missing), so that anyone can recompute it with `munirank verify` and compare
 * digit for digit. Produced by `describeComputation` (src/engine/rating-computation.ts).
 */
export interface RatingComputation {
  /**
   * Format of this object; a recomputation refuses formats it does not know. In `/1` the
   * explanations are one object per unit; in `/2` (decision 0160) they are columns, from
   * which `unitExplanationOf` (src/engine/rating-computation.ts) makes the same objects.
   * `/3` (decision 0220) is `/2` with its per-unit numeric columns stored packed (base64 of
   * little-endian doubles), `treated` left out where it equals `raw` and the table's rows left
   * out of the content; `readSnapshotContent` (src/server/features/rating) gives it back in
   * this form, with every column an array, so nothing downstream tells `/3` from `/2`.
   */
  format: RatingComputationFormat;
  /** The methodology document exactly as validated. */
  methodology: unknown;
  inputs: {
    units: { code: string; name: string; group: string | null }[];
    /** Raw values by indicator code, aligned with `units`. */
    values: Record<string, (number | null)[]>;
    /** Reference values for formulas (population…), aligned with `units`. */
    reference: Record<string, (number | null)[]>;
    /** The previous period's places by unit code, for the change of place. */
    previousRanks: Record<string, number | null>;
    /** Earlier periods, oldest first, for last-observation imputation. */
    history: { unitCodes: string[]; values: Record<string, (number | null)[]> }[];
  };
  indicators: {
    code: string;
    raw: (number | null)[];
    /** Unit indices whose value was imputed. */
    imputed: number[];
    treated: (number | null)[];
    normalised: (number | null)[];
    treatment: unknown;
    note: string | null;
  }[];
  /** The index first, then the dimensions, in tree order. */
  nodes: {
    code: string;
    scores: (number | null)[];
    ranks: (number | null)[];
    availability: number[];
  }[];
  units: {
    code: string;
    score: number | null;
    rank: number | null;
    groupRank: number | null;
    rankChange: number | null;
    availability: number;
    reasons: string[];
  }[];
  /** Units the methodology's screening left out (present only when it has a screening rule). */
  screened?: {
    code: string;
    availability: number;
    dimension: string | null;
    reason: string;
  }[];
  /**
   * Per unit: contributions, strengths, weaknesses, what would move it up — in `/1` an
   * object per unit (empty when not computed), in `/2` the columns they are made of (null
   * when not computed).
   */
  explanations: unknown[] | ExplanationColumns | null;
}

export const COMPUTATION_FORMATS = [
  'munirank-computation/1',
  'munirank-computation/2',
  'munirank-computation/3',
] as const;
export type RatingComputationFormat = (typeof COMPUTATION_FORMATS)[number];

/**
 * A computation's explanations as columns (format `/2`): the numbers the engine explains a
 * score with, not one object per unit and indicator. Unit i's contribution of indicator k is
 * its effective weight — `weights[k]` × `shares[groupOf[k]][i]`, or 0 where the unit lacks
 * k's normalised score or its group's score (`nodes[groupOf[k]].scores[i]`) — times the
 * normalised score; the objects of format `/1` follow from these by `unitExplanationOf`.
 */
export interface ExplanationColumns {
  /** Per unit: the index of the unit directly above in the index, null for none. */
  overtakes: (number | null)[];
  /** Per unit: up to three indicator indices, best first. */
  strengths: number[][];
  /** Per unit: up to three indicator indices, worst first. */
  weaknesses: number[][];
  /** Per indicator: the index in `nodes` of its group. */
  groupOf: number[];
  /** Per indicator: its weight in its group as the methodology gives it. */
  weights: number[];
  /** Per group (in the order of `nodes`), per unit: its weight per unit of child weight present. */
  shares: (number | null)[][];
  /** Per indicator: what alone would lift each unit to the unit above. */
  improvements: {
    /** Per unit: 0 none, 1 exact, 2 numerical, 3 unreachable. */
    kind: number[];
    /** Per unit: the value needed (after imputation), null unless kind is 1 or 2. */
    to: (number | null)[];
    /** The values imputed for the units listed in the indicator's `imputed`, in that order. */
    imputedValues: (number | null)[];
  }[];
}
