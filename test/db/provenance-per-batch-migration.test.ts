import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema/index.js';
import { loadDemo } from '../../src/demo/load-demo.js';
import { readDemoDataset } from '../../src/demo/read-demo-dataset.js';
import { listRevisions } from '../../src/server/features/imports/revision-service.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { fingerprintTables } from '../support/table-fingerprint.js';

const BEFORE = '2026-11-25-0007-plan-measures';

/** Indexes and triggers of the two rebuilt tables (SQLite), or their constraints (PostgreSQL). */
async function schemaObjects(db: Kysely<Database>, dialect: string): Promise<string[]> {
  const rows =
    dialect === 'postgres'
      ? await sql<{ name: string }>`
          SELECT conname AS name FROM pg_constraint
          WHERE conrelid IN ('observation'::regclass, 'observation_revision'::regclass)
          UNION ALL SELECT indexname FROM pg_indexes
          WHERE tablename IN ('observation', 'observation_revision')
          UNION ALL SELECT tgname FROM pg_trigger
          WHERE tgrelid = 'observation_revision'::regclass AND NOT tgisinternal`.execute(db)
      : await sql<{ name: string }>`SELECT type || ' ' || name AS name FROM sqlite_master
          WHERE tbl_name IN ('observation', 'observation_revision') AND type <> 'table'`.execute(
          db,
        );
  return rows.rows.map((r) => r.name).sort();
}

describe.each(testDatabases())(
  'provenance stored once per batch (migration 0008) on $name',
  (kind) => {
    let instance: TestDatabaseInstance;
    let observationId: number;
    let batchId: number;
    let before: Awaited<ReturnType<typeof listRevisions>>;
    let fingerprint: Record<string, string>;
    let objects: string[];
    const db = () => instance.handle.db;

    beforeAll(async () => {
      instance = await kind.create({ migrate: false });
      const migrator = new Migrator({
        db: db(),
        provider: { getMigrations: async () => MIGRATIONS },
        migrationTableName: 'schema_migration',
        migrationLockTableName: 'schema_migration_lock',
      });
      const up = await migrator.migrateTo(BEFORE);
      if (up.error) throw up.error;
      await loadDemo(db(), readDemoDataset());
      // An import as the schema before 0008 stored it: provenance text on every row.
      const observation = await db()
        .selectFrom('observation')
        .select(['id', 'value'])
        .orderBy('id')
        .executeTakeFirstOrThrow();
      observationId = observation.id;
      const regionId = (await db().selectFrom('region').select('id').executeTakeFirstOrThrow()).id;
      const at = '2026-03-01T10:00:00.000Z';
      batchId = (
        await db()
          .insertInto('import_batch')
          .values({
            region_id: regionId,
            file_name: 'старый.csv',
            file_sha256: 'ab'.repeat(32),
            file_size: 10,
            source_system: 'ЕСИА',
            read_as: 'CSV',
            mapping_name: null,
            author: 'старый импорт',
            imported_at: at,
            values_read: 1,
            inserted: 0,
            updated: 1,
            unchanged: 0,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const provenance = {
        source: `импорт №${batchId}: «старый.csv» (ЕСИА)`,
        author: 'старый импорт',
      };
      await db()
        .updateTable('observation')
        .set({ value: 4242, revision: 2, ...provenance, recorded_at: at })
        .where('id', '=', observationId)
        .execute();
      await db()
        .insertInto('observation_revision')
        .values({
          observation_id: observationId,
          revision: 2,
          old_value: observation.value,
          new_value: 4242,
          ...provenance,
          changed_at: at,
          note: null,
          import_batch_id: batchId,
          source_row: 7,
        })
        .execute();
      before = await listRevisions(db(), observationId);
      fingerprint = await fingerprintTables(db());
      objects = await schemaObjects(db(), kind.name);
      const done = await migrator.migrateTo('2026-11-25-0008-provenance-per-batch');
      if (done.error) throw done.error;
    });
    afterAll(async () => instance?.dispose());

    it('keeps every stored row and its history as they read before', async () => {
      expect(before.at(-1)).toMatchObject({
        revision: 2,
        newValue: 4242,
        author: 'старый импорт',
        changedAt: '2026-03-01T10:00:00.000Z',
        source: `импорт №${batchId}: «старый.csv» (ЕСИА)`,
        batch: { id: batchId, fileName: 'старый.csv', row: 7 },
      });
      expect(await listRevisions(db(), observationId)).toEqual(before);
      expect(await fingerprintTables(db())).toEqual(fingerprint);
      expect(await schemaObjects(db(), kind.name)).toEqual(
        objects
          .concat(kind.name === 'postgres' ? ['observation_revision_provenance_ck'] : [])
          .sort(),
      );
    });

    it('keeps the tables append-only, keyed and checked', async () => {
      const revision = (values: { observation_id: number; import_batch_id: number | null }) =>
        db()
          .insertInto('observation_revision')
          .values({
            ...values,
            revision: 9,
            old_value: null,
            new_value: 1,
            source: null,
            author: null,
            changed_at: null,
            note: null,
            source_row: null,
          })
          .execute();
      // Without a batch, a revision must name its own provenance.
      await expect(
        revision({ observation_id: observationId, import_batch_id: null }),
      ).rejects.toThrow();
      await expect(
        revision({ observation_id: 99_999_999, import_batch_id: batchId }),
      ).rejects.toThrow();
      await expect(
        db()
          .updateTable('observation_revision')
          .set({ note: 'правка' })
          .where('id', '>', 0)
          .execute(),
      ).rejects.toThrow(/append-only/);
      const max = await db()
        .selectFrom('observation')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirstOrThrow();
      const { id } = await db()
        .insertInto('observation')
        .values({
          municipality_id: (
            await db().selectFrom('municipality').select('id').executeTakeFirstOrThrow()
          ).id,
          indicator_id: (await db().selectFrom('indicator').select('id').executeTakeFirstOrThrow())
            .id,
          period: '2099',
          value: 1,
          source: null,
          author: null,
          recorded_at: null,
          revision: 1,
          is_illustrative: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(id).toBe(Number(max.m) + 1);
    });
  },
);
