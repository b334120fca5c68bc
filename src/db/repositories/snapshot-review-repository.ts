import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../schema/index.js';
import type { SnapshotReviewTable } from '../schema/snapshot-review.js';

export type SnapshotReviewRow = Selectable<SnapshotReviewTable>;

export async function insertSnapshotReview(
  db: Kysely<Database>,
  row: Insertable<SnapshotReviewTable>,
): Promise<void> {
  await db.insertInto('snapshot_review').values(row).execute();
}

/** The review of a snapshot, or null while nobody has reviewed it. */
export async function findSnapshotReview(
  db: Kysely<Database>,
  snapshotId: number,
): Promise<SnapshotReviewRow | null> {
  const row = await db
    .selectFrom('snapshot_review')
    .selectAll()
    .where('snapshot_id', '=', snapshotId)
    .executeTakeFirst();
  return row ?? null;
}

/** The reviews of several snapshots (those of a month), keyed by snapshot id. */
export async function listSnapshotReviews(
  db: Kysely<Database>,
  snapshotIds: number[],
): Promise<Map<number, SnapshotReviewRow>> {
  if (snapshotIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('snapshot_review')
    .selectAll()
    .where('snapshot_id', 'in', snapshotIds)
    .execute();
  return new Map(rows.map((r) => [r.snapshot_id, r]));
}
