import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema/index.js';

/**
 * Codes of the region's rating snapshots whose stored content names this unit's code: a
 * snapshot is immutable, so the unit it refers to must stay in the registry.
 */
export async function snapshotsNaming(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('rating_snapshot')
    .select('code')
    .where('region_id', '=', regionId)
    .where(sql<boolean>`content like ${`%"${code}"%`}`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.code);
}

/** Units that name this one as their successor. */
export async function listPredecessorRows(db: Kysely<Database>, successorId: number) {
  return db
    .selectFrom('municipality')
    .selectAll()
    .where('successor_id', '=', successorId)
    .orderBy('name')
    .execute();
}
