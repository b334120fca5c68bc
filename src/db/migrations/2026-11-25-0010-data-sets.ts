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
 * The reporting calendar per data set: a named set of indicators (ЕСИА, ИС СОУ, СЭД и ПОС…)
 * with its own deadline per period. A period without a set deadline falls back to the form's
 * `reporting_deadline`. Expand-only: no existing table changes.
 */
async function up(db: Db): Promise<void> {
  const id = idColumn(db);
  await db.schema
    .createTable('data_set')
    .addColumn('id', 'integer', id)
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('data_set_code_uq', ['region_id', 'code'])
    .execute();

  await db.schema
    .createTable('data_set_indicator')
    .addColumn('data_set_id', 'integer', (c) =>
      c.notNull().references('data_set.id').onDelete('cascade'),
    )
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
    .addPrimaryKeyConstraint('data_set_indicator_pk', ['data_set_id', 'indicator_id'])
    .execute();

  await db.schema
    .createTable('data_set_deadline')
    .addColumn('id', 'integer', id)
    .addColumn('data_set_id', 'integer', (c) =>
      c.notNull().references('data_set.id').onDelete('cascade'),
    )
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull().check(sql`length(due_date) = 10`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('data_set_deadline_uq', ['data_set_id', 'period'])
    .execute();
}

async function down(): Promise<void> {
  throw new Error('The data-sets migration is not reversible: restore from a backup instead.');
}

export const dataSetsSchema: Migration = { up, down };
