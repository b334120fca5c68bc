import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

const idColumn =
  (db: Db) =>
  (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    dialectOf(db) === 'postgres'
      ? col.primaryKey().generatedByDefaultAsIdentity()
      : col.primaryKey().autoIncrement();

/**
 * Indicator passports become editable. Expand-only:
 * - `indicator.version` counts the passport's edits (1 for the first), `valid_from` says
 *   since when the current version is in force (null: since the passport was made),
 *   `updated_at` / `updated_by` who last changed it;
 * - `indicator_version` keeps each earlier version of a passport a published methodology used,
 *   as JSON, with the period it was in force; the unique index keeps two analysts saving at
 *   once from writing the same version twice.
 */
async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('indicator')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('indicator').addColumn('valid_from', 'text').execute();
  await db.schema.alterTable('indicator').addColumn('updated_at', 'text').execute();
  await db.schema.alterTable('indicator').addColumn('updated_by', 'text').execute();
  await db.schema
    .createTable('indicator_version')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('indicator_id', 'integer', (c) =>
      c.notNull().references('indicator.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text', (c) => c.notNull())
    .addColumn('passport', 'text', (c) => c.notNull())
    .addColumn('snapshot_code', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('indicator_version_uq')
    .on('indicator_version')
    .columns(['indicator_id', 'version'])
    .unique()
    .execute();
}

async function down(db: Db): Promise<void> {
  await db.schema.dropTable('indicator_version').execute();
  for (const column of ['updated_by', 'updated_at', 'valid_from', 'version'])
    await db.schema.alterTable('indicator').dropColumn(column).execute();
}

export const indicatorVersionsSchema: Migration = { up, down };
