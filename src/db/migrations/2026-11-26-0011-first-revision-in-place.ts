import { type Kysely, type Migration, sql } from 'kysely';

type Db = Kysely<unknown>;

/**
 * An imported value's first version lives in its observation row until the value first
 * changes. The row names the import that wrote its current value (`import_batch_id`,
 * `source_row`); its revision 1 is written to `observation_revision` only when a later
 * import or form changes it, just before revision 2. Until then the history shows revision 1
 * read from the observation row (see `listObservationRevisions`).
 *
 * Existing imported values (provenance null since 0008) name their current revision's batch
 * and row, so every value can be traced without a join. Nothing is deleted: revision rows
 * written before stay as they are.
 */
async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('observation')
    .addColumn('import_batch_id', 'integer', (c) => c.references('import_batch.id'))
    .execute();
  await db.schema.alterTable('observation').addColumn('source_row', 'integer').execute();
  await sql`
    UPDATE observation SET
      import_batch_id = (SELECT r.import_batch_id FROM observation_revision r
                         WHERE r.observation_id = observation.id AND r.revision = observation.revision),
      source_row = (SELECT r.source_row FROM observation_revision r
                    WHERE r.observation_id = observation.id AND r.revision = observation.revision)
    WHERE source IS NULL`.execute(db);
}

async function down(db: Db): Promise<void> {
  await db.schema.alterTable('observation').dropColumn('source_row').execute();
  await db.schema.alterTable('observation').dropColumn('import_batch_id').execute();
}

export const firstRevisionInPlaceSchema: Migration = { up, down };
