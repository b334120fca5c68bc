import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../schema/index.js';
import type { IndicatorVersionTable } from '../schema/indicator.js';

export async function insertIndicatorVersion(
  db: Kysely<Database>,
  values: Insertable<IndicatorVersionTable>,
): Promise<void> {
  await db.insertInto('indicator_version').values(values).execute();
}

/** A passport's earlier versions, newest first. */
export async function listIndicatorVersions(db: Kysely<Database>, indicatorId: number) {
  return db
    .selectFrom('indicator_version')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .orderBy('version', 'desc')
    .execute();
}

/**
 * The code of the latest published rating whose methodology names `code` (as a quoted JSON
 * string in its definition), or null: such a passport is versioned, never overwritten.
 */
export async function findPublishedUse(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<string | null> {
  const rows = await db
    .selectFrom('rating_snapshot as s')
    .innerJoin('snapshot_publication as p', 'p.snapshot_id', 's.id')
    .innerJoin('methodology as m', 'm.id', 's.methodology_id')
    .select(['s.code', 'm.definition'])
    .where('s.region_id', '=', regionId)
    .orderBy('p.published_at', 'desc')
    .execute();
  const quoted = JSON.stringify(code);
  return rows.find((r) => r.definition.includes(quoted))?.code ?? null;
}
