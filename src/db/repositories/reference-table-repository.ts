import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';
import type { ReferenceKind } from '../schema/reference-value.js';

/** Stored reference values of the region's units for these years. */
export async function listRegionReferenceValues(
  db: Kysely<Database>,
  regionId: number,
  years: number[],
) {
  return db
    .selectFrom('reference_value as r')
    .innerJoin('municipality as m', 'm.id', 'r.municipality_id')
    .select([
      'r.id',
      'r.municipality_id',
      'r.year',
      'r.kind',
      'r.value',
      'r.source',
      'r.derived_from',
      'r.is_illustrative',
    ])
    .where('m.region_id', '=', regionId)
    .where('r.year', 'in', years)
    .execute();
}

/** The years that hold a reference value of any of the region's units, newest first. */
export async function listRegionReferenceYears(
  db: Kysely<Database>,
  regionId: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('reference_value as r')
    .innerJoin('municipality as m', 'm.id', 'r.municipality_id')
    .select('r.year')
    .distinct()
    .where('m.region_id', '=', regionId)
    .orderBy('r.year', 'desc')
    .execute();
  return rows.map((r) => Number(r.year));
}

/** Revisions of the region's reference values (not targets) in a year, oldest first. */
export async function listRegionReferenceRevisions(
  db: Kysely<Database>,
  regionId: number,
  year: number,
) {
  return db
    .selectFrom('reference_revision as r')
    .innerJoin('municipality as m', 'm.id', 'r.municipality_id')
    .leftJoin('import_batch as b', 'b.id', 'r.import_batch_id')
    .select(['r.municipality_id', 'r.kind', 'r.author', 'r.changed_at', 'b.file_name'])
    .where('m.region_id', '=', regionId)
    .where('r.year', '=', year)
    .where('r.kind', 'in', ['population', 'econ_active_14_72'])
    .orderBy('r.id')
    .execute();
}

export async function findReferenceValue(
  db: Kysely<Database>,
  municipalityId: number,
  year: number,
  kind: ReferenceKind,
) {
  return db
    .selectFrom('reference_value')
    .select(['id', 'value', 'source'])
    .where('municipality_id', '=', municipalityId)
    .where('year', '=', year)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

/** Writes a setting, replacing the stored one. */
export async function saveSetting(
  db: Kysely<Database>,
  key: string,
  value: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('app_setting')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}
