import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema/index.js';
import { listRevisions } from '../../src/server/features/imports/revision-service.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { demoDatabaseAt, insertPastBatch, writePastChange } from '../support/migration-fixture.js';
import { fingerprintTables, IMPORT_TABLES } from '../support/table-fingerprint.js';

// The tables of an import as they were before migration 0008 (indicator aliases came later).
const TABLES_AT_0008 = IMPORT_TABLES.filter((t) => t !== 'indicator_alias');

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
      let migrateTo: (name: string) => Promise<void>;
      ({ instance, migrateTo } = await demoDatabaseAt(kind, BEFORE));
      // An import as the schema before 0008 stored it: provenance text on every row.
      const observation = await db()
        .selectFrom('observation')
        .select(['id', 'value'])
        .orderBy('id')
        .executeTakeFirstOrThrow();
      observationId = observation.id;
      const at = '2026-03-01T10:00:00.000Z';
      batchId = await insertPastBatch(db(), {
        fileName: 'старый.csv',
        sha256: 'ab'.repeat(32),
        author: 'старый импорт',
        importedAt: at,
      });
      await writePastChange(db(), {
        observationId,
        oldValue: observation.value,
        newValue: 4242,
        batchId,
        row: 7,
        provenance: {
          source: `импорт №${batchId}: «старый.csv» (ЕСИА)`,
          author: 'старый импорт',
          at,
        },
      });
      before = await listRevisions(db(), observationId);
      fingerprint = await fingerprintTables(db(), TABLES_AT_0008);
      objects = await schemaObjects(db(), kind.name);
      await migrateTo('2026-11-25-0008-provenance-per-batch');
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
      expect(await fingerprintTables(db(), TABLES_AT_0008)).toEqual(fingerprint);
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
