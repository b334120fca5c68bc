import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema/index.js';

/**
 * Every revision of one observation, oldest first, with the import that wrote it if any (an
 * imported revision's own source, author and time are null: they are its batch's). A value
 * that never changed since an import wrote it has no revision rows: its revision 1 is read
 * from the observation row itself.
 */
export async function listObservationRevisions(db: Kysely<Database>, observationId: number) {
  const rows = await db
    .selectFrom('observation_revision as r')
    .leftJoin('import_batch as b', 'b.id', 'r.import_batch_id')
    .select([
      'r.revision',
      'r.old_value',
      'r.new_value',
      'r.source',
      'r.author',
      'r.changed_at',
      'r.note',
      'r.import_batch_id',
      'r.source_row',
      ...BATCH_COLUMNS,
    ])
    .where('r.observation_id', '=', observationId)
    .orderBy('r.revision')
    .execute();
  if (rows.length > 0) return rows;
  return db
    .selectFrom('observation as r')
    .leftJoin('import_batch as b', 'b.id', 'r.import_batch_id')
    .select([
      'r.revision',
      sql<number | null>`NULL`.as('old_value'),
      'r.value as new_value',
      'r.source',
      'r.author',
      'r.recorded_at as changed_at',
      sql<string | null>`NULL`.as('note'),
      'r.import_batch_id',
      'r.source_row',
      ...BATCH_COLUMNS,
    ])
    .where('r.id', '=', observationId)
    .execute();
}

const BATCH_COLUMNS = [
  'b.file_name',
  'b.file_sha256',
  'b.source_system',
  'b.author as batch_author',
  'b.imported_at',
] as const;

/** The observation of a unit × indicator × period, if recorded. */
export async function findObservationId(
  db: Kysely<Database>,
  key: { municipalityId: number; indicatorId: number; period: string },
): Promise<number | null> {
  const row = await db
    .selectFrom('observation')
    .select('id')
    .where('municipality_id', '=', key.municipalityId)
    .where('indicator_id', '=', key.indicatorId)
    .where('period', '=', key.period)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The municipality a value belongs to, to check who may read its history. */
export async function findObservationMunicipality(
  db: Kysely<Database>,
  observationId: number,
): Promise<number | null> {
  const row = await db
    .selectFrom('observation')
    .select('municipality_id')
    .where('id', '=', observationId)
    .executeTakeFirst();
  return row?.municipality_id ?? null;
}

/**
 * Writes out revision 1 of the given observations that have no revision rows yet (values
 * written by an import keep their first version in the observation row), with the row's own
 * provenance or batch and file row. Call before changing them, in the same transaction.
 */
export async function materializeFirstRevisions(
  trx: Kysely<Database>,
  observationIds: readonly number[],
): Promise<void> {
  // Within SQLite's limit of bound parameters per statement.
  for (let start = 0; start < observationIds.length; start += 5000) {
    const ids = observationIds.slice(start, start + 5000);
    await trx
      .insertInto('observation_revision')
      .columns([
        'observation_id',
        'revision',
        'old_value',
        'new_value',
        'source',
        'author',
        'changed_at',
        'note',
        'import_batch_id',
        'source_row',
      ])
      .expression((eb) =>
        eb
          .selectFrom('observation as o')
          .select([
            'o.id',
            sql<number>`1`.as('revision'),
            sql<null>`NULL`.as('old_value'),
            'o.value',
            'o.source',
            'o.author',
            'o.recorded_at',
            sql<null>`NULL`.as('note'),
            'o.import_batch_id',
            'o.source_row',
          ])
          .where('o.id', 'in', ids)
          .where('o.revision', '=', 1)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('observation_revision as r')
                  .select('r.id')
                  .whereRef('r.observation_id', '=', 'o.id'),
              ),
            ),
          ),
      )
      .execute();
  }
}
