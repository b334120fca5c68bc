import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/db/schema/index.js';

/** Tables an import may write to. */
export const IMPORT_TABLES = [
  'observation',
  'observation_revision',
  'import_batch',
  'import_mapping',
  'municipality_alias',
  'indicator_alias',
];

/** Row count and SHA-256 of every row of each table, in id order: equal means unchanged. */
export async function fingerprintTables(db: Kysely<Database>, tables = IMPORT_TABLES) {
  const result: Record<string, string> = {};
  for (const table of tables) {
    const rows = await sql<
      Record<string, unknown>
    >`SELECT * FROM ${sql.table(table)} ORDER BY id`.execute(db);
    const hash = createHash('sha256');
    for (const row of rows.rows) hash.update(JSON.stringify(Object.entries(row).sort()));
    result[table] = `${rows.rows.length}:${hash.digest('hex')}`;
  }
  return result;
}
