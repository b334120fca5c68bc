import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';

export async function listUnitGroups(db: Kysely<Database>, regionId: number) {
  return db
    .selectFrom('unit_group')
    .select(['id', 'code', 'name'])
    .where('region_id', '=', regionId)
    .orderBy('name')
    .execute();
}

/** Every membership of the region's units, with the group's code. */
export async function listGroupMemberships(db: Kysely<Database>, regionId: number) {
  return db
    .selectFrom('municipality_group as mg')
    .innerJoin('unit_group as g', 'g.id', 'mg.group_id')
    .innerJoin('municipality as m', 'm.id', 'mg.municipality_id')
    .select(['mg.municipality_id', 'g.code as group_code', 'm.code as municipality_code'])
    .where('g.region_id', '=', regionId)
    .orderBy('g.code')
    .execute();
}

export async function insertUnitGroup(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  name: string,
): Promise<number> {
  const row = await db
    .insertInto('unit_group')
    .values({ region_id: regionId, code, name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function replaceMemberships(
  db: Kysely<Database>,
  municipalityId: number,
  groupIds: number[],
): Promise<void> {
  await db.deleteFrom('municipality_group').where('municipality_id', '=', municipalityId).execute();
  if (groupIds.length === 0) return;
  await db
    .insertInto('municipality_group')
    .values(groupIds.map((group_id) => ({ municipality_id: municipalityId, group_id })))
    .execute();
}
