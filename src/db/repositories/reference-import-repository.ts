import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../schema/index.js';
import type { PlanTargetTable } from '../schema/plan.js';
import type { ReferenceRevisionTable, ReferenceValueTable } from '../schema/reference-value.js';

/** Rows per INSERT: far below the parameter limits of both databases. */
const CHUNK = 500;

async function insertChunked<T extends 'reference_value' | 'plan_target' | 'reference_revision'>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
}

/** Stored reference values of these municipalities in these years. */
export async function findReferenceValuesFor(
  db: Kysely<Database>,
  municipalityIds: number[],
  years: number[],
) {
  if (municipalityIds.length === 0 || years.length === 0) return [];
  return db
    .selectFrom('reference_value')
    .select(['id', 'municipality_id', 'year', 'kind', 'value'])
    .where('municipality_id', 'in', municipalityIds)
    .where('year', 'in', years)
    .execute();
}

/** Stored annual targets (and their start-of-year values) of these indicators in these years. */
export async function findPlanTargetsFor(
  db: Kysely<Database>,
  indicatorIds: number[],
  years: number[],
) {
  if (indicatorIds.length === 0 || years.length === 0) return [];
  return db
    .selectFrom('plan_target')
    .select(['id', 'municipality_id', 'indicator_id', 'year', 'start_value', 'target_value'])
    .where('indicator_id', 'in', indicatorIds)
    .where('year', 'in', years)
    .execute();
}

export const insertReferenceValues = (
  db: Kysely<Database>,
  rows: Insertable<ReferenceValueTable>[],
) => insertChunked(db, 'reference_value', rows);

export const insertPlanTargets = (db: Kysely<Database>, rows: Insertable<PlanTargetTable>[]) =>
  insertChunked(db, 'plan_target', rows);

export const insertReferenceRevisions = (
  db: Kysely<Database>,
  rows: Insertable<ReferenceRevisionTable>[],
) => insertChunked(db, 'reference_revision', rows);

export async function updateReferenceValue(
  db: Kysely<Database>,
  id: number,
  value: number,
  source: string,
): Promise<void> {
  await db
    .updateTable('reference_value')
    .set({ value, source, is_illustrative: 0, derived_from: null })
    .where('id', '=', id)
    .execute();
}

export async function updatePlanTarget(
  db: Kysely<Database>,
  id: number,
  targetValue: number,
  source: string,
): Promise<void> {
  await db
    .updateTable('plan_target')
    .set({ target_value: targetValue, source, is_illustrative: 0, set_by_hand: 1 })
    .where('id', '=', id)
    .execute();
}

export async function updatePlanTargetStart(
  db: Kysely<Database>,
  id: number,
  startValue: number,
  source: string,
): Promise<void> {
  await db
    .updateTable('plan_target')
    .set({ start_value: startValue, source, is_illustrative: 0 })
    .where('id', '=', id)
    .execute();
}

/** Every revision of a municipality's reference values and targets for a year, oldest first. */
export async function listReferenceRevisions(
  db: Kysely<Database>,
  municipalityId: number,
  year: number,
) {
  return db
    .selectFrom('reference_revision as r')
    .leftJoin('import_batch as b', 'b.id', 'r.import_batch_id')
    .leftJoin('indicator as i', 'i.id', 'r.indicator_id')
    .select([
      'r.kind',
      'i.code as indicator_code',
      'r.old_value',
      'r.new_value',
      'r.source',
      'r.author',
      'r.changed_at',
      'r.import_batch_id',
      'r.source_row',
      'b.file_name',
      'b.file_sha256',
      'b.source_system',
    ])
    .where('r.municipality_id', '=', municipalityId)
    .where('r.year', '=', year)
    .orderBy('r.id')
    .execute();
}
