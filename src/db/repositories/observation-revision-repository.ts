import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';

/**
 * Every revision of one observation, oldest first, with the import that wrote it if any (an
 * imported revision's own source, author and time are null: they are its batch's).
 */
export async function listObservationRevisions(db: Kysely<Database>, observationId: number) {
  return db
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
      'b.file_name',
      'b.file_sha256',
      'b.source_system',
      'b.author as batch_author',
      'b.imported_at',
    ])
    .where('r.observation_id', '=', observationId)
    .orderBy('r.revision')
    .execute();
}

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
