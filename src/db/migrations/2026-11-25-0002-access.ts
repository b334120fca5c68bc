import { type ColumnDefinitionBuilder, type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

const idColumn =
  (db: Db) =>
  (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    dialectOf(db) === 'postgres'
      ? col.primaryKey().generatedByDefaultAsIdentity()
      : col.primaryKey().autoIncrement();

/** The database itself refuses UPDATE and DELETE on the audit trail (as in the initial schema). */
async function forbidChanges(db: Db, table: string): Promise<void> {
  const message = `${table} is append-only: rows cannot be changed or deleted`;
  if (dialectOf(db) === 'postgres') {
    await sql
      .raw(
        `CREATE FUNCTION ${table}_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION '${message}'; END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION ${table}_immutable()`,
      )
      .execute(db);
    // TRUNCATE skips row triggers; refuse it too.
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION ${table}_immutable()`,
      )
      .execute(db);
    return;
  }
  for (const op of ['UPDATE', 'DELETE']) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
         BEGIN SELECT RAISE(ABORT, '${message}'); END`,
      )
      .execute(db);
  }
}

async function up(db: Db): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('user_account')
    .addColumn('id', 'integer', id)
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('administrator','analyst','official','viewer')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active','disabled')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text')
    .addColumn('last_login_at', 'text')
    .execute();

  await db.schema
    .createTable('user_municipality')
    .addColumn('user_id', 'integer', (c) =>
      c.notNull().references('user_account.id').onDelete('cascade'),
    )
    .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipality.id'))
    .addPrimaryKeyConstraint('user_municipality_pk', ['user_id', 'municipality_id'])
    .execute();

  await db.schema
    .createTable('user_session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) =>
      c.notNull().references('user_account.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema
    .createIndex('user_session_user_ix')
    .on('user_session')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('user_account.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('login_failure')
    .addColumn('id', 'integer', id)
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_failure_username_ix')
    .on('login_failure')
    .columns(['username', 'failed_at'])
    .execute();
  await db.schema
    .createIndex('login_failure_ip_ix')
    .on('login_failure')
    .columns(['ip', 'failed_at'])
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'integer', id)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('allowed','denied','failed')`),
    )
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_event_at_ix').on('audit_event').column('at').execute();
  await db.schema
    .createIndex('audit_event_actor_ix')
    .on('audit_event')
    .columns(['actor_user_id', 'at'])
    .execute();
  await db.schema
    .createIndex('audit_event_action_ix')
    .on('audit_event')
    .columns(['action', 'at'])
    .execute();
  await forbidChanges(db, 'audit_event');

  await db.schema
    .createTable('responsible_official')
    .addColumn('id', 'integer', id)
    .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipality.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('responsible_official_municipality_ix')
    .on('responsible_official')
    .column('municipality_id')
    .execute();
}

async function down(): Promise<void> {
  throw new Error('The access schema is not reversible: restore from a backup instead.');
}

/** Accounts, sessions, API tokens, login throttling, the append-only audit trail. */
export const accessSchema: Migration = { up, down };
