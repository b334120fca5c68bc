import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
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

/**
 * The region's municipalities by name, with only what names them and when they exist: for
 * tables over every municipality, which need no more of each row.
 */
export async function listMunicipalityRefs(db: Kysely<Database>, regionId: number) {
  return db
    .selectFrom('municipality')
    .select(['id', 'code', 'name', 'kind', 'valid_from', 'valid_to'])
    .where('region_id', '=', regionId)
    .orderBy('name')
    .execute();
}

/** The region's municipalities among `ids`, by name (only those rows, however large the region). */
export async function listMunicipalitiesById(
  db: Kysely<Database>,
  regionId: number,
  ids: readonly number[],
): Promise<MunicipalityRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('municipality')
    .selectAll()
    .where('region_id', '=', regionId)
    .where('id', 'in', ids)
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

export async function findMunicipalityByCode(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<MunicipalityRow | undefined> {
  return db
    .selectFrom('municipality')
    .selectAll()
    .where('region_id', '=', regionId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The region's unit holding this ОКТМО code, if any. */
export async function findMunicipalityByOktmo(
  db: Kysely<Database>,
  regionId: number,
  oktmo: string,
): Promise<MunicipalityRow | undefined> {
  return db
    .selectFrom('municipality')
    .selectAll()
    .where('region_id', '=', regionId)
    .where('oktmo', '=', oktmo)
    .executeTakeFirst();
}

export async function updateMunicipality(
  db: Kysely<Database>,
  id: number,
  values: Updateable<MunicipalityTable>,
): Promise<void> {
  await db.updateTable('municipality').set(values).where('id', '=', id).execute();
}

/** Replaces a unit's aliases (spellings already normalised by the caller). */
export async function replaceAliases(
  db: Kysely<Database>,
  municipalityId: number,
  aliases: { alias: string; normalized: string }[],
  at: string,
): Promise<void> {
  await db.deleteFrom('municipality_alias').where('municipality_id', '=', municipalityId).execute();
  if (aliases.length === 0) return;
  await db
    .insertInto('municipality_alias')
    .values(aliases.map((a) => ({ municipality_id: municipalityId, ...a, created_at: at })))
    .execute();
}

/** Removes a unit; its aliases and group memberships go with it, anything else refuses. */
export async function deleteMunicipality(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('municipality').where('id', '=', id).execute();
}
