import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import {
  findSnapshotHeadByCode,
  listSnapshotLinks,
} from '../../../db/repositories/snapshot-repository.js';
import {
  findSnapshotReview,
  listSnapshotReviews,
} from '../../../db/repositories/snapshot-review-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { methodologyForPeriod } from './methodology-service.js';
import { checkPublishable } from './publication-gate.js';
import { loadRatingData } from './rating-inputs.js';
import type { SnapshotViewWithErrata, StaffSnapshotSummary } from './rating-schemas.js';
import { getSnapshot, listSnapshots } from './rating-service.js';
import { reviewOf } from './review-service.js';
import { computeSnapshot, publishSnapshot } from './snapshot-service.js';

export interface ComputeRatingInput {
  code: string;
  title: string;
  period: string;
  asOf: string;
  methodology: unknown;
  sourceNote?: string | undefined;
  supersedes?: { code: string; errataNote: string } | undefined;
}

/**
 * Only a published snapshot is corrected by errata: a draft is simply left unpublished. A
 * snapshot already corrected is corrected again through its newest published correction.
 */
async function checkCorrectable(db: Kysely<Database>, regionId: number, code: string) {
  const old = await findSnapshotHeadByCode(db, regionId, code);
  if (!old) throw new RequestError(404, 'not_found', `Исправляемый снимок «${code}» не найден`);
  if (old.published_at === null)
    throw new RequestError(
      409,
      'not_published',
      `Снимок «${code}» не опубликован: исправление (errata) выпускается только к опубликованному`,
    );
  await checkNotCorrected(db, regionId, old.id);
  return old;
}

/** A published snapshot has at most one published correction (drafts may be abandoned). */
async function checkNotCorrected(db: Kysely<Database>, regionId: number, id: number) {
  const links = await listSnapshotLinks(db, regionId);
  const newer = links.find((l) => l.supersedes_id === id && l.published_at !== null);
  if (newer)
    throw new RequestError(
      409,
      'already_corrected',
      `Снимок «${links.find((l) => l.id === id)?.code}» уже исправлен снимком «${newer.code}»: ` +
        'исправляйте последний',
    );
}

/**
 * Computes a rating from the stored data of a period under a methodology and stores it as an
 * unpublished, immutable snapshot; recorded in the audit trail with its content hash.
 */
export async function computeStoredRating(
  db: Kysely<Database>,
  regionId: number,
  input: ComputeRatingInput,
  context: AuditContext,
): Promise<{ code: string; contentHash: string; methodology: { code: string; version: string } }> {
  authorize(context.actor, 'rating.compute', {
    entityType: 'rating_snapshot',
    entityId: input.code,
  });
  const methodology = await methodologyForPeriod(db, regionId, input.methodology, input.period);
  const data = await loadRatingData(db, regionId, methodology, input.period);
  return db.transaction().execute(async (trx) => {
    // Computations and publications of a region take turns: what is checked stays true.
    await lockForWrite(trx, 'regionRatings', regionId);
    if (await findSnapshotHeadByCode(trx, regionId, input.code))
      throw new RequestError(
        409,
        'snapshot_exists',
        `Снимок «${input.code}» уже есть: снимки не перезаписываются`,
      );
    const corrected = input.supersedes
      ? await checkCorrectable(trx, regionId, input.supersedes.code)
      : null;
    const stored = await computeSnapshot(trx, {
      regionId,
      code: input.code,
      title: input.title,
      period: input.period,
      asOf: input.asOf,
      methodology: methodology,
      data,
      source: {
        document: `Расчёт munirank по данным базы за период ${input.period}`,
        table: null,
        note: input.sourceNote ?? null,
      },
      ...(input.supersedes ? { supersedes: input.supersedes } : {}),
    });
    // A correction that changes nothing would only confuse readers of the errata.
    if (corrected && stored.contentHash === corrected.content_hash)
      throw new RequestError(
        409,
        'errata_unchanged',
        `Исправление не отличается от снимка «${corrected.code}»: те же методика, данные и результат ` +
          `(хеш ${stored.contentHash.slice(0, 12)}…). Исправьте данные или методику и рассчитайте снова.`,
      );
    await recordAudit(trx, {
      context,
      action: 'rating.compute',
      entityType: 'rating_snapshot',
      entityId: input.code,
      after: {
        contentHash: stored.contentHash,
        methodology: `${methodology.code} v${methodology.version}`,
        period: input.period,
        units: data.units.length,
        supersedes: input.supersedes ?? null,
      },
    });
    return {
      code: input.code,
      contentHash: stored.contentHash,
      methodology: { code: methodology.code, version: String(methodology.version) },
    };
  });
}

/**
 * Publishing is an explicit, audited act by an analyst; a snapshot is published once. While
 * reported data of its period are unapproved it is refused, unless `overrideReason` says why:
 * the reason is kept with the publication and in the audit trail. With `requireReview` (the
 * monthly cycle's rule, which the command line keeps) only a reviewed draft is published.
 */
export async function publishStoredRating(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  note: string | null,
  context: AuditContext,
  overrideReason: string | null = null,
  options: { requireReview?: boolean } = {},
): Promise<void> {
  authorize(context.actor, 'rating.publish', { entityType: 'rating_snapshot', entityId: code });
  await db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'regionRatings', regionId);
    const row = await findSnapshotHeadByCode(trx, regionId, code);
    if (!row) throw new RequestError(404, 'not_found', `Снимок рейтинга «${code}» не найден`);
    if (row.published_at !== null)
      throw new RequestError(409, 'already_published', `Снимок «${code}» уже опубликован`);
    if (options.requireReview) {
      const review = await findSnapshotReview(trx, row.id);
      if (review?.content_hash !== row.content_hash)
        throw new RequestError(
          409,
          'not_reviewed',
          `Снимок «${code}» не проверен: публикуется только проверенный черновик — сначала отметьте расчёт проверенным`,
        );
    }
    if (row.supersedes_id !== null) await checkNotCorrected(trx, regionId, row.supersedes_id);
    const override = await checkPublishable(trx, regionId, row.period, overrideReason);
    await publishSnapshot(trx, regionId, code, actorLabel(context.actor), note, override?.reason);
    await recordAudit(trx, {
      context,
      action: 'rating.publish',
      entityType: 'rating_snapshot',
      entityId: code,
      after: { contentHash: row.content_hash, note, ...(override ? { override } : {}) },
    });
  });
}

/**
 * All snapshots, drafts included, for those who compute and publish, each with its review
 * (a review counts only for the content reviewed, as `getRatingReview` says).
 */
export async function listStaffRatings(
  db: Kysely<Database>,
  regionId: number,
  context: AuditContext,
): Promise<StaffSnapshotSummary[]> {
  authorize(context.actor, 'rating.compute', {
    entityType: 'rating_snapshot',
    attempt: 'rating-draft.list',
  });
  const list = await listSnapshots(db, regionId, { includeUnpublished: true });
  const ids = new Map((await listSnapshotLinks(db, regionId)).map((l) => [l.code, l.id]));
  const reviews = await listSnapshotReviews(db, [...ids.values()]);
  return list.map((s) => {
    const id = ids.get(s.code);
    const review = id === undefined ? undefined : reviews.get(id);
    return {
      ...s,
      review: review && review.content_hash === s.contentHash ? reviewOf(review) : null,
    };
  });
}

/** A snapshot as the public will see it once published, for checking a draft. */
export async function getStaffRating(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  context: AuditContext,
): Promise<SnapshotViewWithErrata> {
  authorize(context.actor, 'rating.compute', {
    entityType: 'rating_snapshot',
    entityId: code,
    attempt: 'rating-draft.read',
  });
  return getSnapshot(db, regionId, code, { includeUnpublished: true });
}
