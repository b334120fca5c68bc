import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../schema/index.js';
import type { ReferenceKind, ReferenceValueTable } from '../schema/reference-value.js';

export async function insertReferenceValue(
  db: Kysely<Database>,
  values: Insertable<ReferenceValueTable>,
): Promise<void> {
  await db.insertInto('reference_value').values(values).execute();
}

export async function listReferenceValues(
  db: Kysely<Database>,
  regionId: number,
  year: number,
  kind: ReferenceKind,
) {
  return db
    .selectFrom('reference_value as r')
    .innerJoin('municipality as m', 'm.id', 'r.municipality_id')
    .select(['r.municipality_id', 'r.value', 'r.is_illustrative', 'r.derived_from'])
    .where('m.region_id', '=', regionId)
    .where('r.year', '=', year)
    .where('r.kind', '=', kind)
    .execute();
}
