import type { Kysely, Selectable } from 'kysely';
import type { DataSetTable } from '../schema/data-set.js';
import type { Database } from '../schema/index.js';

export type DataSetRow = Selectable<DataSetTable>;

export async function listDataSetRows(
  db: Kysely<Database>,
  regionId: number,
): Promise<DataSetRow[]> {
  return db
    .selectFrom('data_set')
    .selectAll()
    .where('region_id', '=', regionId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findDataSetRow(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<DataSetRow | null> {
  return (
    (await db
      .selectFrom('data_set')
      .selectAll()
      .where('region_id', '=', regionId)
      .where('code', '=', code)
      .executeTakeFirst()) ?? null
  );
}

/** The indicators of the given sets, with their passports' code, name and formula. */
export async function listDataSetIndicators(db: Kysely<Database>, dataSetIds: number[]) {
  if (dataSetIds.length === 0) return [];
  return db
    .selectFrom('data_set_indicator as s')
    .innerJoin('indicator as i', 'i.id', 's.indicator_id')
    .select(['s.data_set_id', 'i.id', 'i.code', 'i.name', 'i.periodicity', 'i.formula'])
    .where('s.data_set_id', 'in', dataSetIds)
    .orderBy('i.code')
    .execute();
}

export async function listDataSetDeadlines(db: Kysely<Database>, dataSetIds: number[]) {
  if (dataSetIds.length === 0) return [];
  return db
    .selectFrom('data_set_deadline')
    .select(['data_set_id', 'period', 'due_date', 'created_by', 'created_at'])
    .where('data_set_id', 'in', dataSetIds)
    .orderBy('period', 'desc')
    .execute();
}

export async function insertDataSet(
  db: Kysely<Database>,
  row: { regionId: number; code: string; name: string; actor: string; at: string },
): Promise<number> {
  const inserted = await db
    .insertInto('data_set')
    .values({
      region_id: row.regionId,
      code: row.code,
      name: row.name,
      created_at: row.at,
      created_by: row.actor,
      updated_at: row.at,
      updated_by: row.actor,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateDataSetName(
  db: Kysely<Database>,
  id: number,
  change: { name: string; actor: string; at: string },
): Promise<void> {
  await db
    .updateTable('data_set')
    .set({ name: change.name, updated_at: change.at, updated_by: change.actor })
    .where('id', '=', id)
    .execute();
}

/** Replaces the indicators of a set. */
export async function replaceDataSetIndicators(
  db: Kysely<Database>,
  dataSetId: number,
  indicatorIds: number[],
): Promise<void> {
  await db.deleteFrom('data_set_indicator').where('data_set_id', '=', dataSetId).execute();
  if (indicatorIds.length === 0) return;
  await db
    .insertInto('data_set_indicator')
    .values(indicatorIds.map((indicator_id) => ({ data_set_id: dataSetId, indicator_id })))
    .execute();
}

/** Removes a set with its indicator list and deadlines. */
export async function deleteDataSet(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('data_set_deadline').where('data_set_id', '=', id).execute();
  await db.deleteFrom('data_set_indicator').where('data_set_id', '=', id).execute();
  await db.deleteFrom('data_set').where('id', '=', id).execute();
}

export async function findDataSetDeadline(db: Kysely<Database>, dataSetId: number, period: string) {
  return (
    (await db
      .selectFrom('data_set_deadline')
      .selectAll()
      .where('data_set_id', '=', dataSetId)
      .where('period', '=', period)
      .executeTakeFirst()) ?? null
  );
}

/** Sets a set's deadline for a period, replacing an earlier one. */
export async function saveDataSetDeadline(
  db: Kysely<Database>,
  row: { dataSetId: number; period: string; dueDate: string; actor: string; at: string },
): Promise<void> {
  await deleteDataSetDeadline(db, row.dataSetId, row.period);
  await db
    .insertInto('data_set_deadline')
    .values({
      data_set_id: row.dataSetId,
      period: row.period,
      due_date: row.dueDate,
      created_at: row.at,
      created_by: row.actor,
    })
    .execute();
}

export async function deleteDataSetDeadline(
  db: Kysely<Database>,
  dataSetId: number,
  period: string,
): Promise<void> {
  await db
    .deleteFrom('data_set_deadline')
    .where('data_set_id', '=', dataSetId)
    .where('period', '=', period)
    .execute();
}

/**
 * Which (municipality, indicator) pairs have a value among the given indicators and stored
 * periods, across the region.
 */
export async function listFilledValues(
  db: Kysely<Database>,
  regionId: number,
  indicatorIds: number[],
  periods: string[],
) {
  if (indicatorIds.length === 0 || periods.length === 0) return [];
  return db
    .selectFrom('observation as o')
    .innerJoin('municipality as m', 'm.id', 'o.municipality_id')
    .select(['o.municipality_id', 'o.indicator_id', 'o.period'])
    .where('m.region_id', '=', regionId)
    .where('o.indicator_id', 'in', indicatorIds)
    .where('o.period', 'in', periods)
    .where('o.value', 'is not', null)
    .execute();
}
