import { type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

/**
 * Map boundaries uploaded by an administrator, one row per upload (the newest is shown):
 * the simplified features of matched units, how each feature was matched (including the
 * spellings the administrator confirmed) and the features left out on purpose.
 */
async function up(db: Db): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('region_boundaries')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('geojson', 'text', (c) => c.notNull())
    .addColumn('matched_json', 'text', (c) => c.notNull())
    .addColumn('left_out_json', 'text', (c) => c.notNull())
    .addColumn('attribution', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('user_account.id'))
    .execute();
  await db.schema
    .createIndex('region_boundaries_region_idx')
    .on('region_boundaries')
    .columns(['region_id', 'id'])
    .execute();
}

async function down(db: Db): Promise<void> {
  await sql`DROP TABLE region_boundaries`.execute(db);
}

export const regionBoundariesSchema: Migration = { up, down };
