import type { Column } from './column.js';
import type { RatingExplanations } from './explain-scores.js';
import { HIGHLIGHTS, effectiveWeight as weightOf } from './explain-scores.js';
import { IMPROVEMENT_EXACT, IMPROVEMENT_UNREACHABLE } from './find-improvements.js';

/** One unit's explanation as plain JSON, for snapshots, the API and the CLI. */
export interface UnitExplanation {
  unitCode: string;
  /** The unit directly above in the index, whose score the improvements reach. */
  overtakes: string | null;
  contributions: {
    indicator: string;
    score: number | null;
    effectiveWeight: number;
    contribution: number;
  }[];
  strengths: string[];
  weaknesses: string[];
  /** Per indicator, holding all other values: from the current value to the value needed. */
  improvements: {
    indicator: string;
    from: number;
    to: number;
    change: number;
    method: 'exact' | 'numerical';
  }[];
  /** Indicators by which alone the unit cannot reach the unit above. */
  unreachable: string[];
}

const orNull = (v: number): number | null => (!Number.isNaN(v) ? v : null);

/**
 * Materialises unit i's explanation from the typed arrays.
 *
 * @example describeExplanation(e, codes, indicatorCodes, normalised, filled, 3).improvements[0]?.to
 */
export function describeExplanation(
  e: RatingExplanations,
  unitCodes: readonly string[],
  indicatorCodes: readonly string[],
  normalised: readonly Column[],
  filled: readonly Column[],
  i: number,
): UnitExplanation {
  const pick = (slots: Int32Array) => {
    const out: string[] = [];
    for (let h = 0; h < HIGHLIGHTS; h++) {
      const k = slots[i * HIGHLIGHTS + h] as number;
      if (k >= 0) out.push(indicatorCodes[k] as string);
    }
    return out;
  };
  const improvements: UnitExplanation['improvements'] = [];
  const unreachable: string[] = [];
  indicatorCodes.forEach((code, k) => {
    const kind = (e.improvements.kind[k] as Uint8Array)[i] as number;
    if (kind === IMPROVEMENT_UNREACHABLE) unreachable.push(code);
    if (kind !== 1 && kind !== 2) return;
    const from = (filled[k] as Column)[i] as number;
    const to = (e.improvements.to[k] as Column)[i] as number;
    improvements.push({
      indicator: code,
      from,
      to,
      change: to - from,
      method: kind === IMPROVEMENT_EXACT ? 'exact' : 'numerical',
    });
  });
  const over = e.overtakes[i] as number;
  return {
    unitCode: unitCodes[i] as string,
    overtakes: over >= 0 ? (unitCodes[over] as string) : null,
    contributions: indicatorCodes.map((code, k) => {
      const score = (normalised[k] as Column)[i] as number;
      const effectiveWeight = weightOf(e.effectiveWeights, k, i);
      return {
        indicator: code,
        score: orNull(score),
        effectiveWeight,
        contribution: effectiveWeight > 0 ? effectiveWeight * score : 0,
      };
    }),
    strengths: pick(e.strengths),
    weaknesses: pick(e.weaknesses),
    improvements,
    unreachable,
  };
}
