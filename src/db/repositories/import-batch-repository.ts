import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ImportBatchTable } from '../schema/import-batch.js';
import type { Database } from '../schema/index.js';

export type ImportBatchRow = Selectable<ImportBatchTable>;

export async function insertImportBatch(
  db: Kysely<Database>,
  values: Insertable<ImportBatchTable>,
): Promise<number> {
  const row = await db
    .insertInto('import_batch')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Earlier imports of a file with these exact bytes, newest first. */
export async function findBatchesByHash(
  db: Kysely<Database>,
  regionId: number,
  sha256: string,
): Promise<ImportBatchRow[]> {
  return db
    .selectFrom('import_batch')
    .selectAll()
    .where('region_id', '=', regionId)
    .where('file_sha256', '=', sha256)
    .orderBy('id', 'desc')
    .execute();
}

export async function listImportBatches(
  db: Kysely<Database>,
  regionId: number,
  limit: number,
): Promise<ImportBatchRow[]> {
  return db
    .selectFrom('import_batch')
    .selectAll()
    .where('region_id', '=', regionId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
