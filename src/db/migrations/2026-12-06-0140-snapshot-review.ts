import { type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

/**
 * Reviews of computed drafts, kept beside them (a snapshot never changes). The unique
 * snapshot id makes a second review of the same draft fail even if two arrive at once.
 */
async function up(db: Db): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('snapshot_review')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('snapshot_id', 'integer', (c) =>
      c.notNull().unique().references('rating_snapshot.id'),
    )
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text', (c) => c.notNull())
    .addColumn('remark', 'text')
    .execute();
}

async function down(db: Db): Promise<void> {
  await sql`DROP TABLE snapshot_review`.execute(db);
}

export const snapshotReviewSchema: Migration = { up, down };
