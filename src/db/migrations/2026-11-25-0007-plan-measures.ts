import { type ColumnDefinitionBuilder, type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

const idColumn =
  (db: Db) =>
  (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    dialectOf(db) === 'postgres'
      ? col.primaryKey().generatedByDefaultAsIdentity()
      : col.primaryKey().autoIncrement();

/**
 * Plans of measures (мероприятия) per municipality and year, their quarterly reports and the
 * reports' attachments (the bytes in the database: `bytea` on PostgreSQL, `blob` on SQLite).
 * Expand-only: no existing table changes.
 */
async function up(db: Db): Promise<void> {
  const id = idColumn(db);
  const bytes = dialectOf(db) === 'postgres' ? 'bytea' : 'blob';

  await db.schema
    .createTable('measure_plan')
    .addColumn('id', 'integer', id)
    .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipality.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('approved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('measure_plan_uq', ['municipality_id', 'year'])
    .execute();

  await db.schema
    .createTable('plan_measure')
    .addColumn('id', 'integer', id)
    .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipality.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('responsible_official_id', 'integer', (c) =>
      c.references('responsible_official.id').onDelete('set null'),
    )
    .addColumn('responsible_name', 'text', (c) => c.notNull())
    .addColumn('responsible_position', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_measure_municipality_year_ix')
    .on('plan_measure')
    .columns(['municipality_id', 'year'])
    .execute();
  await db.schema.createIndex('plan_measure_year_ix').on('plan_measure').column('year').execute();

  await db.schema
    .createTable('measure_report')
    .addColumn('id', 'integer', id)
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('plan_measure.id'))
    .addColumn('quarter', 'integer', (c) => c.notNull().check(sql`quarter BETWEEN 1 AND 4`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('not_started', 'in_progress', 'done', 'not_done')`),
    )
    .addColumn('comment', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('measure_report_uq', ['measure_id', 'quarter'])
    .execute();

  await db.schema
    .createTable('measure_attachment')
    .addColumn('id', 'integer', id)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('measure_report.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', sql.raw(bytes), (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('measure_attachment_report_ix')
    .on('measure_attachment')
    .column('report_id')
    .execute();
}

async function down(): Promise<void> {
  throw new Error('The plan-measures migration is not reversible: restore from a backup instead.');
}

export const planMeasuresSchema: Migration = { up, down };
