import { type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

const CONTENT = '"content" text not null';

/**
 * A snapshot's content becomes the last column of `rating_snapshot` on SQLite. SQLite stores
 * a row's columns one after another, and a content of tens of megabytes (20,000 units: 65 MB)
 * sits in a chain of overflow pages: a column after it (`content_hash`, `created_at`,
 * `supersedes_id`, `errata_note`) was reached only by walking that chain, 20–55 ms a
 * snapshot at 20,000 units, in every list of snapshots, publication and correction.
 *
 * The table is rebuilt by the documented procedure (foreign keys off, copy, swap, the same
 * indexes and triggers, a foreign key check), its rows, ids and sequence unchanged: the
 * append-only triggers fire on UPDATE and DELETE, not on the copy or the DROP. PostgreSQL keeps
 * large values out of the row (TOAST), so its table stays as it is.
 */
async function up(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await sql`BEGIN IMMEDIATE`.execute(db);
    try {
      await moveContentLast(db);
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length > 0)
        throw new Error(
          `foreign key check failed after the rebuild: ${JSON.stringify(broken.rows)}`,
        );
      await sql`COMMIT`.execute(db);
    } catch (error) {
      await sql`ROLLBACK`.execute(db);
      throw error;
    }
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

async function moveContentLast(db: Db): Promise<void> {
  const table = 'rating_snapshot';
  const schema = await sql<{ type: string; name: string; sql: string | null }>`
    SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ${table}`.execute(db);
  const definition = schema.rows.find((r) => r.type === 'table')?.sql;
  if (!definition) throw new Error(`table ${table} not found`);
  const constraint = definition.indexOf(', constraint ');
  if (!definition.includes(`${CONTENT}, `) || constraint < 0)
    throw new Error(`${table}: unexpected definition ${definition}`);
  const rebuilt = `${definition.slice(0, constraint)}, ${CONTENT}${definition.slice(constraint)}`
    .replace(`${CONTENT}, `, '')
    .replace(`CREATE TABLE "${table}"`, `CREATE TABLE "${table}_rebuilt"`);
  const columns = (
    await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db)
  ).rows
    .map((c) => `"${c.name}"`)
    .join(', ');
  const sequence = await sql<{ seq: number }>`
    SELECT seq FROM sqlite_sequence WHERE name = ${table}`.execute(db);
  await sql.raw(rebuilt).execute(db);
  await sql
    .raw(`INSERT INTO "${table}_rebuilt" (${columns}) SELECT ${columns} FROM "${table}"`)
    .execute(db);
  await sql.raw(`DROP TABLE "${table}"`).execute(db);
  await sql.raw(`ALTER TABLE "${table}_rebuilt" RENAME TO "${table}"`).execute(db);
  // Indexes and triggers went with the old table; their SQL is re-run as it was recorded.
  for (const r of schema.rows)
    if ((r.type === 'index' || r.type === 'trigger') && r.sql) await sql.raw(r.sql).execute(db);
  const seq = sequence.rows[0]?.seq;
  if (seq === undefined) return;
  await sql`DELETE FROM sqlite_sequence WHERE name = ${table}`.execute(db);
  await sql`INSERT INTO sqlite_sequence (name, seq) VALUES (${table}, ${seq})`.execute(db);
}

async function down(): Promise<void> {
  throw new Error('Moving the content last is not reversed: restore from a backup instead.');
}

export const snapshotContentLastSchema: Migration = { up, down };
