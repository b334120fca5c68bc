/**
 * Everything a stored rating was computed from and every number it produced, as plain JSON
 * (null for missing), so that anyone can recompute it with `munirank verify` and compare
 * digit for digit. Produced by `describeComputation` (src/engine/rating-computation.ts).
 */
export interface RatingComputation {
  /** Format of this object; a recomputation refuses formats it does not know. */
  format: 'munirank-computation/1';
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
  /** Per unit: contributions, strengths, weaknesses, what would move it up. */
  explanations: unknown[];
}
