import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../schema/index.js';
import type { IndicatorTable } from '../schema/indicator.js';

export async function insertIndicator(
  db: Kysely<Database>,
  values: Insertable<IndicatorTable>,
): Promise<number> {
  const row = await db
    .insertInto('indicator')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findIndicatorCode(db: Kysely<Database>, id: number): Promise<string> {
  const row = await db
    .selectFrom('indicator')
    .select('code')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.code;
}

export async function listIndicators(db: Kysely<Database>, regionId: number) {
  return db
    .selectFrom('indicator')
    .select(['id', 'code', 'name', 'unit', 'range_min', 'range_max', 'decimals', 'formula'])
    .where('region_id', '=', regionId)
    .orderBy('code')
    .execute();
}

export type IndicatorRow = Selectable<IndicatorTable>;

export async function findIndicatorByCode(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<IndicatorRow | undefined> {
  return db
    .selectFrom('indicator')
    .selectAll()
    .where('region_id', '=', regionId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Every indicator code of the region with its formula (null for an entered one). */
export async function listIndicatorFormulas(db: Kysely<Database>, regionId: number) {
  return db
    .selectFrom('indicator')
    .select(['code', 'formula'])
    .where('region_id', '=', regionId)
    .execute();
}

export async function updateIndicator(
  db: Kysely<Database>,
  id: number,
  values: Updateable<IndicatorTable>,
): Promise<void> {
  await db.updateTable('indicator').set(values).where('id', '=', id).execute();
}
