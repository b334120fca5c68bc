import { type ColumnDefinitionBuilder, type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

const idColumn =
  (db: Db) =>
  (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    dialectOf(db) === 'postgres'
      ? col.primaryKey().generatedByDefaultAsIdentity()
      : col.primaryKey().autoIncrement();

/** The status history is evidence of who approved what: the database refuses edits. */
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
 * Data collection by entry forms: the workflow state per municipality and period
 * (`submission`), its append-only history (`submission_event`) and reporting deadlines.
 * Expand-only: no existing table changes.
 */
async function up(db: Db): Promise<void> {
  const id = idColumn(db);
  await db.schema
    .createTable('submission')
    .addColumn('id', 'integer', id)
    .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipality.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('draft', 'submitted', 'returned', 'approved', 'locked')`),
    )
    .addColumn('comment', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('submission_uq', ['municipality_id', 'period'])
    .execute();
  await db.schema.createIndex('submission_period_ix').on('submission').column('period').execute();

  await db.schema
    .createTable('submission_event')
    .addColumn('id', 'integer', id)
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submission.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .execute();
  await db.schema
    .createIndex('submission_event_submission_ix')
    .on('submission_event')
    .column('submission_id')
    .execute();
  await forbidChanges(db, 'submission_event');

  await db.schema
    .createTable('reporting_deadline')
    .addColumn('id', 'integer', id)
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('reporting_deadline_uq', ['region_id', 'period'])
    .execute();
}

async function down(): Promise<void> {
  throw new Error('The collection migration is not reversible: restore from a backup instead.');
}

export const collectionSchema: Migration = { up, down };
