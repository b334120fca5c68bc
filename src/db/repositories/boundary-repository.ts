import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../schema/index.js';
import type { RegionBoundariesTable } from '../schema/region-boundaries.js';

export type BoundariesRow = Omit<Selectable<RegionBoundariesTable>, 'geojson'> & {
  uploaded_by_username: string | null;
};

export async function insertBoundaries(
  db: Kysely<Database>,
  row: Insertable<RegionBoundariesTable>,
): Promise<number> {
  const inserted = await db
    .insertInto('region_boundaries')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** The region's current boundaries without the (large) geometry, or null. */
export async function findCurrentBoundaries(
  db: Kysely<Database>,
  regionId: number,
): Promise<BoundariesRow | null> {
  const row = await db
    .selectFrom('region_boundaries as b')
    .leftJoin('user_account as u', 'u.id', 'b.uploaded_by')
    .select([
      'b.id',
      'b.region_id',
      'b.file_name',
      'b.sha256',
      'b.matched_json',
      'b.left_out_json',
      'b.attribution',
      'b.uploaded_at',
      'b.uploaded_by',
      'u.username as uploaded_by_username',
    ])
    .where('b.region_id', '=', regionId)
    .orderBy('b.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** The current boundaries' simplified GeoJSON text, or null. */
export async function findCurrentBoundaryGeojson(
  db: Kysely<Database>,
  regionId: number,
): Promise<string | null> {
  const row = await db
    .selectFrom('region_boundaries')
    .select('geojson')
    .where('region_id', '=', regionId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.geojson ?? null;
}

/** Uploads so far (every region): part of what tells the public pages to render again. */
export async function countBoundaryUploads(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('region_boundaries')
    .select((e) => e.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
