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
 * Column headers and names confirmed to mean an indicator («Доля документов, подписанных ЭП,
 * %» → the share of signed documents), remembered for the next import as municipality
 * spellings are in `municipality_alias`. Expand-only: a new table, nothing else changes.
 */
async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('indicator_alias')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('indicator_id', 'integer', (c) =>
      c.notNull().references('indicator.id').onDelete('cascade'),
    )
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('normalized', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('indicator_alias_uq', ['indicator_id', 'normalized'])
    .execute();
}

async function down(db: Db): Promise<void> {
  await sql`DROP TABLE indicator_alias`.execute(db);
}

export const indicatorAliasesSchema: Migration = { up, down };
