import { type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

/**
 * Reference data (population, economically active population, annual targets) imported with
 * provenance: every change of a reference_value or plan_target appends a reference_revision
 * (old → new, who, when, the import batch and the row of the file). Append-only. Expand-only:
 * values loaded before keep no revisions.
 */
async function up(db: Db): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('reference_revision')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipality.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('indicator_id', 'integer', (c) => c.references('indicator.id'))
    .addColumn('old_value', 'double precision')
    .addColumn('new_value', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('import_batch_id', 'integer', (c) => c.references('import_batch.id'))
    .addColumn('source_row', 'integer')
    .execute();
  await db.schema
    .createIndex('reference_revision_value_ix')
    .on('reference_revision')
    .columns(['municipality_id', 'year', 'kind'])
    .execute();
  const message = 'reference_revision is append-only: rows cannot be changed or deleted';
  if (postgres) {
    await sql
      .raw(
        `CREATE FUNCTION reference_revision_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION '${message}'; END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER reference_revision_immutable BEFORE UPDATE OR DELETE ON reference_revision
         FOR EACH ROW EXECUTE FUNCTION reference_revision_immutable()`,
      )
      .execute(db);
    return;
  }
  for (const op of ['UPDATE', 'DELETE'])
    await sql
      .raw(
        `CREATE TRIGGER reference_revision_no_${op.toLowerCase()} BEFORE ${op} ON reference_revision
         BEGIN SELECT RAISE(ABORT, '${message}'); END`,
      )
      .execute(db);
}

async function down(db: Db): Promise<void> {
  await db.schema.dropTable('reference_revision').execute();
  if (dialectOf(db) === 'postgres')
    await sql`DROP FUNCTION IF EXISTS reference_revision_immutable()`.execute(db);
}

export const referenceRevisionsSchema: Migration = { up, down };
