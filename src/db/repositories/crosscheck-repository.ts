import { type Kysely, sql } from 'kysely';
import type { CrosscheckResolutionTable, CrosscheckToleranceTable } from '../schema/crosscheck.js';
import type { Database } from '../schema/index.js';

const OBSERVATION_COLUMNS = [
  'o.id as observation_id',
  'o.value as current_value',
  'o.revision as current_revision',
  'o.period',
  'm.code as municipality_code',
  'm.name as municipality_name',
  'i.id as indicator_id',
  'i.code as indicator_code',
  'i.name as indicator_name',
  'i.unit',
  'b.file_name',
  'b.source_system',
  'b.author as batch_author',
  'b.imported_at',
] as const;

/**
 * Every revision of a region's observations of the given periods, with its unit, indicator and
 * import batch if any. A value an import wrote that never changed has no revision rows: its
 * revision 1 is read from the observation row itself.
 */
export async function listPeriodRevisions(
  db: Kysely<Database>,
  regionId: number,
  periods: string[],
) {
  const written = await db
    .selectFrom('observation_revision as r')
    .innerJoin('observation as o', 'o.id', 'r.observation_id')
    .innerJoin('municipality as m', 'm.id', 'o.municipality_id')
    .innerJoin('indicator as i', 'i.id', 'o.indicator_id')
    .leftJoin('import_batch as b', 'b.id', 'r.import_batch_id')
    .select([
      ...OBSERVATION_COLUMNS,
      'r.revision',
      'r.new_value as value',
      'r.source',
      'r.author',
      'r.changed_at as at',
      'r.import_batch_id',
      'r.source_row',
    ])
    .where('i.region_id', '=', regionId)
    .where('o.period', 'in', periods)
    .execute();
  const inPlace = await db
    .selectFrom('observation as o')
    .innerJoin('municipality as m', 'm.id', 'o.municipality_id')
    .innerJoin('indicator as i', 'i.id', 'o.indicator_id')
    .leftJoin('import_batch as b', 'b.id', 'o.import_batch_id')
    .select([
      ...OBSERVATION_COLUMNS,
      'o.revision',
      'o.value',
      'o.source',
      'o.author',
      'o.recorded_at as at',
      'o.import_batch_id',
      'o.source_row',
    ])
    .where('i.region_id', '=', regionId)
    .where('o.period', 'in', periods)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('observation_revision as x')
            .select('x.id')
            .whereRef('x.observation_id', '=', 'o.id'),
        ),
      ),
    )
    .execute();
  return [...written, ...inPlace];
}

export type PeriodRevisionRow = Awaited<ReturnType<typeof listPeriodRevisions>>[number];

/** The region's indicators with their tolerance, if set. */
export async function listTolerances(db: Kysely<Database>, regionId: number) {
  return db
    .selectFrom('indicator as i')
    .leftJoin('crosscheck_tolerance as t', 't.indicator_id', 'i.id')
    .select([
      'i.id as indicator_id',
      'i.code',
      'i.name',
      'i.unit',
      'i.formula',
      't.absolute',
      't.relative_percent',
      't.updated_by',
      't.updated_at',
    ])
    .where('i.region_id', '=', regionId)
    .orderBy('i.id')
    .execute();
}

/** Sets an indicator's tolerance, replacing the one before. */
export async function saveTolerance(db: Kysely<Database>, row: CrosscheckToleranceTable) {
  await db
    .insertInto('crosscheck_tolerance')
    .values(row)
    .onConflict((oc) =>
      oc.column('indicator_id').doUpdateSet({
        absolute: row.absolute,
        relative_percent: row.relative_percent,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}

/** The choices recorded for the given observations, oldest first. */
export async function listResolutions(db: Kysely<Database>, observationIds: number[]) {
  if (observationIds.length === 0) return [];
  const rows = [];
  // Within SQLite's limit of bound parameters per statement.
  for (let start = 0; start < observationIds.length; start += 5000)
    rows.push(
      ...(await db
        .selectFrom('crosscheck_resolution')
        .selectAll()
        .where('observation_id', 'in', observationIds.slice(start, start + 5000))
        .orderBy('id')
        .execute()),
    );
  return rows;
}

/** Records a choice; the unique key refuses a second one for the same discrepancy. */
export async function insertResolution(
  db: Kysely<Database>,
  row: Omit<CrosscheckResolutionTable, 'id'>,
): Promise<number> {
  const { id } = await db
    .insertInto('crosscheck_resolution')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The observation a resolution concerns, with its region, unit and current state. */
export async function findObservationForResolution(db: Kysely<Database>, observationId: number) {
  return db
    .selectFrom('observation as o')
    .innerJoin('indicator as i', 'i.id', 'o.indicator_id')
    .select([
      'o.id',
      'o.municipality_id',
      'o.indicator_id',
      'o.period',
      'o.value',
      'o.revision',
      'i.region_id',
      sql<string>`i.code`.as('indicator_code'),
    ])
    .where('o.id', '=', observationId)
    .executeTakeFirst();
}
