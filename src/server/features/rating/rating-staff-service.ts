import type { Kysely } from 'kysely';
import { findSnapshotByCode } from '../../../db/repositories/snapshot-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { RatingSnapshotSummary, RatingSnapshotView } from '../../../domain/rating-snapshot.js';
import { validateMethodology } from '../../../engine/validate-methodology.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { loadRatingData } from './rating-inputs.js';
import { getSnapshot, listSnapshots } from './rating-service.js';
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
 * Computes a rating from the stored data of a period under a methodology and stores it as an
 * unpublished, immutable snapshot; recorded in the audit trail with its content hash.
 */
export async function computeStoredRating(
  db: Kysely<Database>,
  regionId: number,
  input: ComputeRatingInput,
  context: AuditContext,
): Promise<{ code: string; contentHash: string }> {
  authorize(context.actor, 'rating.compute', {
    entityType: 'rating_snapshot',
    entityId: input.code,
  });
  const checked = validateMethodology(input.methodology);
  if (!checked.ok)
    throw new RequestError(
      400,
      'invalid_methodology',
      `Методика не прошла проверку:\n${checked.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`,
    );
  if (await findSnapshotByCode(db, regionId, input.code))
    throw new RequestError(
      409,
      'snapshot_exists',
      `Снимок «${input.code}» уже есть: снимки не перезаписываются`,
    );
  const data = await loadRatingData(db, regionId, checked.methodology, input.period);
  return db.transaction().execute(async (trx) => {
    const stored = await computeSnapshot(trx, {
      regionId,
      code: input.code,
      title: input.title,
      period: input.period,
      asOf: input.asOf,
      methodology: checked.methodology,
      data,
      source: {
        document: `Расчёт munirank по данным базы за период ${input.period}`,
        table: null,
        note: input.sourceNote ?? null,
      },
      ...(input.supersedes ? { supersedes: input.supersedes } : {}),
    });
    await recordAudit(trx, {
      context,
      action: 'rating.compute',
      entityType: 'rating_snapshot',
      entityId: input.code,
      after: {
        contentHash: stored.contentHash,
        methodology: `${checked.methodology.code} v${checked.methodology.version}`,
        period: input.period,
        units: data.units.length,
        supersedes: input.supersedes ?? null,
      },
    });
    return { code: input.code, contentHash: stored.contentHash };
  });
}

/** Publishing is an explicit, audited act by an analyst; a snapshot is published once. */
export async function publishStoredRating(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  note: string | null,
  context: AuditContext,
): Promise<void> {
  authorize(context.actor, 'rating.publish', { entityType: 'rating_snapshot', entityId: code });
  const row = await findSnapshotByCode(db, regionId, code);
  if (!row) throw new RequestError(404, 'not_found', `Снимок рейтинга «${code}» не найден`);
  if (row.published_at !== null)
    throw new RequestError(409, 'already_published', `Снимок «${code}» уже опубликован`);
  await db.transaction().execute(async (trx) => {
    await publishSnapshot(trx, regionId, code, actorLabel(context.actor), note);
    await recordAudit(trx, {
      context,
      action: 'rating.publish',
      entityType: 'rating_snapshot',
      entityId: code,
      after: { contentHash: row.content_hash, note },
    });
  });
}

/** All snapshots, drafts included, for those who compute and publish. */
export async function listStaffRatings(
  db: Kysely<Database>,
  regionId: number,
  context: AuditContext,
): Promise<RatingSnapshotSummary[]> {
  authorize(context.actor, 'rating.compute', { entityType: 'rating_snapshot' });
  return listSnapshots(db, regionId, { includeUnpublished: true });
}

/** A snapshot as the public will see it once published, for checking a draft. */
export async function getStaffRating(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  context: AuditContext,
): Promise<RatingSnapshotView> {
  authorize(context.actor, 'rating.compute', { entityType: 'rating_snapshot', entityId: code });
  return getSnapshot(db, regionId, code, { includeUnpublished: true });
}
