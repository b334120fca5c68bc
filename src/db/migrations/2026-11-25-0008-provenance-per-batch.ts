import { type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

/** The provenance columns that become optional, per table. */
const PROVENANCE: Record<string, string[]> = {
  observation: ['source', 'author', 'recorded_at'],
  observation_revision: ['source', 'author', 'changed_at'],
};

/**
 * Provenance once per import batch instead of on every row. A revision written by an import
 * leaves `source`, `author` and `changed_at` empty (NULL): they are those of its
 * `import_batch` (the source reads «импорт №N: «file» (system)»). An observation with empty
 * provenance has that of its current revision. Rows written before keep their text and read
 * as before. A CHECK keeps every revision's provenance reachable: its own, or its batch's.
 *
 * PostgreSQL drops the NOT NULL constraints in place. SQLite cannot, so both tables are
 * rebuilt with the same definition minus NOT NULL on those columns (the documented
 * procedure: foreign keys off, copy, swap, same indexes and triggers, foreign key check).
 */
async function up(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const [table, columns] of Object.entries(PROVENANCE))
      await sql
        .raw(
          `ALTER TABLE ${table} ${columns.map((c) => `ALTER COLUMN ${c} DROP NOT NULL`).join(', ')}`,
        )
        .execute(db);
    await sql
      .raw(`ALTER TABLE observation_revision ADD CONSTRAINT observation_revision_provenance_ck
        CHECK (import_batch_id IS NOT NULL
          OR (source IS NOT NULL AND author IS NOT NULL AND changed_at IS NOT NULL))`)
      .execute(db);
    return;
  }
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await sql`BEGIN IMMEDIATE`.execute(db);
    try {
      for (const [table, columns] of Object.entries(PROVENANCE))
        await rebuildSqliteTable(db, table, columns);
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

/** Re-creates a SQLite table from its own definition with `columns` made nullable. */
async function rebuildSqliteTable(db: Db, table: string, columns: string[]): Promise<void> {
  const schema = await sql<{ type: string; name: string; sql: string | null }>`
    SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ${table}`.execute(db);
  const definition = schema.rows.find((r) => r.type === 'table')?.sql;
  if (!definition) throw new Error(`table ${table} not found`);
  let rebuilt = definition.replace(`CREATE TABLE "${table}"`, `CREATE TABLE "${table}_rebuilt"`);
  for (const column of columns) {
    const before = rebuilt;
    rebuilt = rebuilt.replace(`"${column}" text not null`, `"${column}" text`);
    if (rebuilt === before) throw new Error(`${table}.${column}: unexpected definition`);
  }
  if (table === 'observation_revision')
    rebuilt = rebuilt.replace(
      /\)$/,
      `, constraint "observation_revision_provenance_ck" check ("import_batch_id" is not null
        or ("source" is not null and "author" is not null and "changed_at" is not null)))`,
    );
  const sequence = await sql<{ seq: number }>`
    SELECT seq FROM sqlite_sequence WHERE name = ${table}`.execute(db);
  await sql.raw(rebuilt).execute(db);
  await sql.raw(`INSERT INTO "${table}_rebuilt" SELECT * FROM "${table}"`).execute(db);
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
  throw new Error(
    'The provenance-per-batch migration is not reversible: restore from a backup instead.',
  );
}

export const provenancePerBatchSchema: Migration = { up, down };
