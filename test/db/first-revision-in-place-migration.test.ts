import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { listCurrentValues } from '../../src/db/repositories/value-browser-repository.js';
import { listRevisions } from '../../src/server/features/imports/revision-service.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { demoDatabaseAt, insertPastBatch, writePastChange } from '../support/migration-fixture.js';

const BEFORE = '2026-11-25-0010-data-sets';

describe.each(testDatabases())(
  'first revision kept in the value row (migration 0011) on $name',
  (kind) => {
    let instance: TestDatabaseInstance;
    let observationId: number;
    let batchId: number;
    let before: Awaited<ReturnType<typeof listRevisions>>;
    const db = () => instance.handle.db;

    beforeAll(async () => {
      ({ instance } = await demoDatabaseAt(kind, BEFORE));
      // An imported change as 0008–0010 stored it: no provenance on the value, the batch and
      // row on its current revision.
      const observation = await db()
        .selectFrom('observation')
        .select(['id', 'value'])
        .orderBy('id')
        .executeTakeFirstOrThrow();
      observationId = observation.id;
      batchId = await insertPastBatch(db(), {
        fileName: 'уточнение.csv',
        sha256: 'cd'.repeat(32),
        author: 'аналитик',
        importedAt: '2026-04-01T09:00:00.000Z',
      });
      await writePastChange(db(), {
        observationId,
        oldValue: observation.value,
        newValue: 777,
        batchId,
        row: 5,
        provenance: null,
      });
      before = await listRevisions(db(), observationId);
      await migrateToLatest(db());
    });
    afterAll(async () => instance?.dispose());

    it('names the batch and row of each imported value on the value itself', async () => {
      const rows = await db()
        .selectFrom('observation')
        .select(['id', 'import_batch_id', 'source_row'])
        .where('import_batch_id', 'is not', null)
        .execute();
      expect(rows).toEqual([{ id: observationId, import_batch_id: batchId, source_row: 5 }]);
      const others = await db()
        .selectFrom('observation')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('import_batch_id', 'is', null)
        .where('source', 'is', null)
        .executeTakeFirstOrThrow();
      expect(Number(others.n)).toBe(0);
    });

    it('reads the same history and the batch in the values browser', async () => {
      expect(before.map((r) => r.revision)).toEqual([1, 2]);
      expect(await listRevisions(db(), observationId)).toEqual(before);
      const regionId = (await db().selectFrom('region').select('id').executeTakeFirstOrThrow()).id;
      const page = await listCurrentValues(
        db(),
        { regionId, municipalityIds: null, indicatorId: null, periodPrefix: null },
        { limit: 10_000, offset: 0 },
      );
      expect(page.find((v) => v.id === observationId)).toMatchObject({
        value: 777,
        batch_id: batchId,
        batch_file_name: 'уточнение.csv',
        batch_author: 'аналитик',
      });
    });
  },
);
