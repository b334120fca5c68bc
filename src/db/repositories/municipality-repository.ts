import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../schema/index.js';
import type { MunicipalityTable } from '../schema/municipality.js';

export type MunicipalityRow = Selectable<MunicipalityTable>;

export async function insertMunicipality(
  db: Kysely<Database>,
  values: Insertable<MunicipalityTable>,
): Promise<number> {
  const row = await db
    .insertInto('municipality')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAlias(
  db: Kysely<Database>,
  municipalityId: number,
  alias: string,
  normalized: string,
): Promise<void> {
  await db
    .insertInto('municipality_alias')
    .values({
      municipality_id: municipalityId,
      alias,
      normalized,
      created_at: new Date().toISOString(),
    })
    .execute();
}

export async function listMunicipalities(
  db: Kysely<Database>,
  regionId: number,
): Promise<MunicipalityRow[]> {
  return db
    .selectFrom('municipality')
    .selectAll()
    .where('region_id', '=', regionId)
    .orderBy('name')
    .execute();
}

export async function listAliases(
  db: Kysely<Database>,
  regionId: number,
): Promise<{ municipality_id: number; alias: string }[]> {
  return db
    .selectFrom('municipality_alias')
    .innerJoin('municipality', 'municipality.id', 'municipality_alias.municipality_id')
    .select(['municipality_alias.municipality_id', 'municipality_alias.alias'])
    .where('municipality.region_id', '=', regionId)
    .orderBy('municipality_alias.alias')
    .execute();
}
