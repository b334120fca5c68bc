import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Whether a failed login named an existing account. Only failures on unknown names count
 * against an address: the wrong passwords of real people behind one proxy must not lock out
 * everyone else behind it. Expand-only: one column with a default.
 */
async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('login_failure')
    .addColumn('account_known', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('login_failure_pair_ix')
    .on('login_failure')
    .columns(['username', 'ip'])
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX login_failure_pair_ix`.execute(db);
  await db.schema.alterTable('login_failure').dropColumn('account_known').execute();
}

export const loginFailureAccountKnown: Migration = { up, down };
