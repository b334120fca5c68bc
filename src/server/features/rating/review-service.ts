import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import { findSnapshotHeadByCode } from '../../../db/repositories/snapshot-repository.js';
import {
  findSnapshotReview,
  insertSnapshotReview,
  type SnapshotReviewRow,
} from '../../../db/repositories/snapshot-review-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { RatingReview } from '../../../domain/rating-review.js';
import { formatDateTimeRu } from '../../../domain/russian-date-format.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';

/** A stored review as the API shows it. */
export const reviewOf = (r: SnapshotReviewRow): RatingReview => ({
  reviewedAt: r.reviewed_at,
  reviewedBy: r.reviewed_by,
  remark: r.remark,
  contentHash: r.content_hash,
});

async function snapshotOf(db: Kysely<Database>, regionId: number, code: string) {
  const row = await findSnapshotHeadByCode(db, regionId, code);
  if (!row) throw new RequestError(404, 'not_found', `Снимок рейтинга «${code}» не найден`);
  return row;
}

/** The review of a snapshot (drafts included), or null while nobody has reviewed it. */
export async function getRatingReview(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  context: AuditContext,
): Promise<RatingReview | null> {
  authorize(context.actor, 'rating.compute', {
    entityType: 'rating_snapshot',
    entityId: code,
    attempt: 'rating-draft.read',
  });
  const snapshot = await snapshotOf(db, regionId, code);
  const review = await findSnapshotReview(db, snapshot.id);
  // A review is of the content reviewed: it counts only while the hash is the same.
  return review && review.content_hash === snapshot.content_hash ? reviewOf(review) : null;
}

/**
 * Marks a computed draft as reviewed: who, when, an optional remark; audited. A draft is
 * reviewed once (a recomputation is a new snapshot with its own review); a published
 * snapshot is no longer reviewed.
 */
export async function reviewStoredRating(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  remark: string | null,
  context: AuditContext,
): Promise<RatingReview> {
  authorize(context.actor, 'rating.publish', {
    entityType: 'rating_snapshot',
    entityId: code,
    attempt: 'rating.review',
  });
  return db.transaction().execute(async (trx) => {
    // Reviews, computations and publications of a region take turns: one review per draft.
    await lockForWrite(trx, 'regionRatings', regionId);
    const snapshot = await snapshotOf(trx, regionId, code);
    if (snapshot.published_at !== null)
      throw new RequestError(
        409,
        'already_published',
        `Снимок «${code}» уже опубликован: проверка нужна только черновику`,
      );
    const earlier = await findSnapshotReview(trx, snapshot.id);
    if (earlier)
      throw new RequestError(
        409,
        'already_reviewed',
        `Снимок «${code}» уже проверен: ${earlier.reviewed_by}, ${formatDateTimeRu(earlier.reviewed_at)}`,
      );
    const review = {
      snapshot_id: snapshot.id,
      content_hash: snapshot.content_hash,
      reviewed_at: context.at.toISOString(),
      reviewed_by: actorLabel(context.actor),
      remark,
    };
    await insertSnapshotReview(trx, review);
    await recordAudit(trx, {
      context,
      action: 'rating.review',
      entityType: 'rating_snapshot',
      entityId: code,
      after: { contentHash: snapshot.content_hash, remark },
    });
    return reviewOf({ id: 0, ...review });
  });
}
