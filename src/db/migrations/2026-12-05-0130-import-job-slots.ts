import { type Kysely, type Migration, sql } from 'kysely';

type Db = Kysely<unknown>;

/**
 * Import jobs running on every instance that shares a PostgreSQL database, one row a job, so
 * that a user's limit of running jobs counts them all. An instance refreshes its rows while
 * the jobs run; rows of an instance that stopped refreshing (it was killed) are stale and no
 * longer count.
 */
async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('import_job_slot')
    .addColumn('slot_id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('import_job_slot_owner_idx')
    .on('import_job_slot')
    .columns(['owner'])
    .execute();
}

async function down(db: Db): Promise<void> {
  await sql`DROP TABLE import_job_slot`.execute(db);
}

export const importJobSlotsSchema: Migration = { up, down };
