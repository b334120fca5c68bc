import { type Kysely, type Migration, sql } from 'kysely';

type Db = Kysely<unknown>;

/**
 * Each unit's place in a snapshot, kept beside it as a small JSON object (code → place), so
 * that the next period's computation reads its change of place without the content (tens of
 * megabytes at 20,000 units). A table of its own: a column after the content would be
 * reached only through the content's overflow pages. Snapshots stored before have no row
 * here (a snapshot is never updated): their places are read from their content.
 */
async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('snapshot_places')
    .addColumn('snapshot_id', 'integer', (c) => c.primaryKey().references('rating_snapshot.id'))
    .addColumn('places', 'text', (c) => c.notNull())
    .execute();
}

async function down(db: Db): Promise<void> {
  await sql`DROP TABLE snapshot_places`.execute(db);
}

export const snapshotPlacesSchema: Migration = { up, down };
