import { Type } from 'typebox';
import { Nullable } from './nullable.js';

/** An analyst's recorded check of a computed draft: who, when, what they remarked. */
export const RatingReview = Type.Object({
  reviewedAt: Type.String(),
  reviewedBy: Type.String(),
  remark: Nullable(Type.String()),
  /** The content hash of the draft that was reviewed. */
  contentHash: Type.String(),
});
export type RatingReview = Type.Static<typeof RatingReview>;

/** A snapshot's review state: drafts are computed, then reviewed, then published. */
export type RatingState = 'computed' | 'reviewed' | 'published';

export const RATING_STATE_LABELS: Record<RatingState, string> = {
  computed: 'рассчитан',
  reviewed: 'проверен',
  published: 'опубликован',
};

/**
 * @example ratingState({ publishedAt: null, review: null }) // 'computed'
 */
export function ratingState(r: { publishedAt: string | null; review: unknown }): RatingState {
  if (r.publishedAt !== null) return 'published';
  return r.review === null ? 'computed' : 'reviewed';
}
