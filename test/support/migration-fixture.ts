import { type Kysely, Migrator } from 'kysely';
import { MIGRATIONS } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema/index.js';
import { loadDemo } from '../../src/demo/load-demo.js';
import { readDemoDataset } from '../../src/demo/read-demo-dataset.js';
import type { TestDatabase, TestDatabaseInstance } from './databases.js';

/**
 * A fresh database migrated up to `migration` (inclusive) with the demo data loaded, to test
 * what a later migration does to rows stored the old way; `migrateTo` goes further.
 */
export async function demoDatabaseAt(
  kind: TestDatabase,
  migration: string,
): Promise<{ instance: TestDatabaseInstance; migrateTo: (name: string) => Promise<void> }> {
  const instance = await kind.create({ migrate: false });
  const migrator = new Migrator({
    db: instance.handle.db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const migrateTo = async (name: string) => {
    const result = await migrator.migrateTo(name);
    if (result.error) throw result.error;
  };
  await migrateTo(migration);
  const names = Object.keys(MIGRATIONS);
  await loadDemo(instance.handle.db, readDemoDataset(), {
    planRules: names.indexOf(migration) >= names.indexOf('2026-12-05-0030-plan-rules'),
  });
  return { instance, migrateTo };
}

/** An import batch of one updated value, as an earlier import stored it. */
export async function insertPastBatch(
  db: Kysely<Database>,
  batch: { fileName: string; sha256: string; author: string; importedAt: string },
): Promise<number> {
  const regionId = (await db.selectFrom('region').select('id').executeTakeFirstOrThrow()).id;
  const row = await db
    .insertInto('import_batch')
    .values({
      region_id: regionId,
      file_name: batch.fileName,
      file_sha256: batch.sha256,
      file_size: 10,
      source_system: 'ЕСИА',
      read_as: 'CSV',
      mapping_name: null,
      author: batch.author,
      imported_at: batch.importedAt,
      values_read: 1,
      inserted: 0,
      updated: 1,
      unchanged: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Revision 2 of a value written by `batchId` from file row `row`, as an earlier schema stored
 * it: with provenance text on both rows (before 0008) or none (`provenance` null, 0008–0010).
 */
export async function writePastChange(
  db: Kysely<Database>,
  change: {
    observationId: number;
    oldValue: number | null;
    newValue: number;
    batchId: number;
    row: number;
    provenance: { source: string; author: string; at: string } | null;
  },
): Promise<void> {
  const own = change.provenance;
  await db
    .updateTable('observation')
    .set({
      value: change.newValue,
      revision: 2,
      source: own?.source ?? null,
      author: own?.author ?? null,
      recorded_at: own?.at ?? null,
    })
    .where('id', '=', change.observationId)
    .execute();
  await db
    .insertInto('observation_revision')
    .values({
      observation_id: change.observationId,
      revision: 2,
      old_value: change.oldValue,
      new_value: change.newValue,
      source: own?.source ?? null,
      author: own?.author ?? null,
      changed_at: own?.at ?? null,
      note: null,
      import_batch_id: change.batchId,
      source_row: change.row,
    })
    .execute();
}
