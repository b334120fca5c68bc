import { type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

/**
 * Rank uncertainty runs of a snapshot, kept beside it (the snapshot itself never changes):
 * the settings and every unit's 5–95 % band of places. The newest run of a published
 * snapshot is what the public league table shows.
 */
async function up(db: Db): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('snapshot_uncertainty')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('snapshot_id', 'integer', (c) => c.notNull().references('rating_snapshot.id'))
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('units_json', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('computed_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('snapshot_uncertainty_snapshot_idx')
    .on('snapshot_uncertainty')
    .columns(['snapshot_id', 'id'])
    .execute();
}

async function down(db: Db): Promise<void> {
  await sql`DROP TABLE snapshot_uncertainty`.execute(db);
}

export const snapshotUncertaintySchema: Migration = { up, down };
