import { sql } from 'kysely';
import type { DatabaseHandle } from './connect.js';

/**
 * Removes every table, trigger and function of the application (used by `demo reset`).
 * On PostgreSQL the public schema is recreated; on SQLite tables are dropped with foreign
 * keys off, so that append-only triggers (which guard against DELETE, not DROP) stay intact
 * for everything else.
 */
export async function wipeDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect === 'postgres') {
    await handle.db.transaction().execute(async (trx) => {
      await sql`DROP SCHEMA public CASCADE`.execute(trx);
      await sql`CREATE SCHEMA public`.execute(trx);
    });
    return;
  }
  await sql`PRAGMA foreign_keys = OFF`.execute(handle.db);
  try {
    await handle.db.transaction().execute(async (trx) => {
      const tables = await sql<{ name: string }>`
        SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(
        trx,
      );
      for (const { name } of tables.rows) await sql`DROP TABLE ${sql.id(name)}`.execute(trx);
    });
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(handle.db);
  }
}
