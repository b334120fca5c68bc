import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../schema/index.js';
import type { MethodologyTable } from '../schema/methodology.js';

export type MethodologyRow = Selectable<MethodologyTable>;

export async function findMethodology(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  version: string,
): Promise<MethodologyRow | null> {
  const row = await db
    .selectFrom('methodology')
    .selectAll()
    .where('region_id', '=', regionId)
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ?? null;
}

export async function findMethodologyById(
  db: Kysely<Database>,
  id: number,
): Promise<MethodologyRow | null> {
  const row = await db
    .selectFrom('methodology')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertMethodology(
  db: Kysely<Database>,
  values: Insertable<MethodologyTable>,
): Promise<number> {
  const row = await db
    .insertInto('methodology')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every stored methodology version of a region, by code then newest version first. */
export async function listMethodologies(
  db: Kysely<Database>,
  regionId: number,
): Promise<MethodologyRow[]> {
  return db
    .selectFrom('methodology')
    .selectAll()
    .where('region_id', '=', regionId)
    .orderBy('code')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
