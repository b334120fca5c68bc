import type { Methodology } from '../domain/methodology.js';
import { computeRating, type RatingData } from './compute-rating.js';

export interface RankShift {
  code: string;
  name: string;
  scoreBefore: number | null;
  scoreAfter: number | null;
  rankBefore: number | null;
  rankAfter: number | null;
  /** rankBefore − rankAfter: positive when the new methodology moves the unit up. */
  shift: number | null;
}

/**
 * The same data under two methodologies: every unit's score and place under each and the
 * shift. Used before adopting a new methodology, on the last published data.
 *
 * @example simulateMethodologyChange(m2022, m2023, data)[0]?.shift // 3: three places up
 */
export function simulateMethodologyChange(
  before: Methodology,
  after: Methodology,
  data: RatingData,
): RankShift[] {
  const a = computeRating(before, data, { explain: false }).units;
  const b = computeRating(after, data, { explain: false }).units;
  return a.map((unit, i) => {
    const other = b[i] as (typeof b)[number];
    return {
      code: unit.code,
      name: unit.name,
      scoreBefore: unit.score,
      scoreAfter: other.score,
      rankBefore: unit.rank,
      rankAfter: other.rank,
      shift: unit.rank !== null && other.rank !== null ? unit.rank - other.rank : null,
    };
  });
}
