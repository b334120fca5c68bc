import { type ColumnDefinitionBuilder, type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

const idColumn =
  (db: Db) =>
  (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    dialectOf(db) === 'postgres'
      ? col.primaryKey().generatedByDefaultAsIdentity()
      : col.primaryKey().autoIncrement();

/** The database refuses UPDATE and DELETE: an import batch is a record of what happened. */
async function forbidChanges(db: Db, table: string): Promise<void> {
  const message = `${table} is append-only: rows cannot be changed or deleted`;
  if (dialectOf(db) === 'postgres') {
    await sql
      .raw(
        `CREATE FUNCTION ${table}_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION '${message}'; END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION ${table}_immutable()`,
      )
      .execute(db);
    return;
  }
  for (const op of ['UPDATE', 'DELETE']) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
         BEGIN SELECT RAISE(ABORT, '${message}'); END`,
      )
      .execute(db);
  }
}

/**
 * Imports with provenance: every committed import is an `import_batch` (file, SHA-256,
 * source system, author, time, counts), and every observation revision it wrote names its
 * batch and the row of the file. Column mappings are saved per source system for reuse.
 * Expand-only: existing revisions keep null in the new columns.
 */
async function up(db: Db): Promise<void> {
  const id = idColumn(db);
  await db.schema
    .createTable('import_batch')
    .addColumn('id', 'integer', id)
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_size', 'integer', (c) => c.notNull())
    .addColumn('source_system', 'text')
    .addColumn('read_as', 'text', (c) => c.notNull())
    .addColumn('mapping_name', 'text')
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('values_read', 'integer', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('import_batch_file_ix')
    .on('import_batch')
    .columns(['region_id', 'file_sha256'])
    .execute();
  await forbidChanges(db, 'import_batch');

  await db.schema
    .createTable('import_mapping')
    .addColumn('id', 'integer', id)
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source_system', 'text')
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('import_mapping_uq', ['region_id', 'name'])
    .execute();

  await db.schema
    .alterTable('observation_revision')
    .addColumn('import_batch_id', 'integer', (c) => c.references('import_batch.id'))
    .execute();
  await db.schema.alterTable('observation_revision').addColumn('source_row', 'integer').execute();
  await db.schema
    .createIndex('observation_revision_batch_ix')
    .on('observation_revision')
    .column('import_batch_id')
    .execute();
}

async function down(): Promise<void> {
  throw new Error('The imports migration is not reversible: restore from a backup instead.');
}

export const importsSchema: Migration = { up, down };
