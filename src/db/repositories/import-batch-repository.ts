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

/**
 * The imports that wrote a value of a month (`YYYY-MM`, a day in it, or `closingDay`: the
 * first day after it, where the month's stocks counted on a date are stored), in their
 * current version or in an earlier revision; oldest first.
 */
export async function listBatchesOfMonth(
  db: Kysely<Database>,
  regionId: number,
  month: string,
  closingDay: string,
): Promise<ImportBatchRow[]> {
  return db
    .selectFrom('import_batch as b')
    .selectAll('b')
    .where('b.region_id', '=', regionId)
    .where((eb) =>
      eb.or([
        eb(
          'b.id',
          'in',
          eb
            .selectFrom('observation as o')
            .select('o.import_batch_id')
            .where((o) =>
              o.or([o('o.period', 'in', [month, closingDay]), o('o.period', 'like', `${month}-%`)]),
            ),
        ),
        eb(
          'b.id',
          'in',
          eb
            .selectFrom('observation_revision as r')
            .innerJoin('observation as o', 'o.id', 'r.observation_id')
            .select('r.import_batch_id')
            .where((o) =>
              o.or([o('o.period', 'in', [month, closingDay]), o('o.period', 'like', `${month}-%`)]),
            ),
        ),
      ]),
    )
    .orderBy('b.id')
    .execute();
}
