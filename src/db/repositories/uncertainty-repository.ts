import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../schema/index.js';
import type { SnapshotUncertaintyTable } from '../schema/snapshot-uncertainty.js';

export async function insertUncertaintyRun(
  db: Kysely<Database>,
  row: Insertable<SnapshotUncertaintyTable>,
): Promise<number> {
  const inserted = await db
    .insertInto('snapshot_uncertainty')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** The newest uncertainty run of a snapshot, or null. */
export async function findLatestUncertaintyRun(
  db: Kysely<Database>,
  snapshotId: number,
): Promise<Selectable<SnapshotUncertaintyTable> | null> {
  const row = await db
    .selectFrom('snapshot_uncertainty')
    .selectAll()
    .where('snapshot_id', '=', snapshotId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** Runs so far: part of what tells the public pages to render again. */
export async function countUncertaintyRuns(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('snapshot_uncertainty')
    .select((e) => e.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
