import { describe, expect, it } from 'vitest';
import { takeInventory } from '../../src/db/backup/database-inventory.js';
import { copySqliteToPostgres } from '../../src/db/copy-to-postgres/copy-sqlite-to-postgres.js';
import { testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

const [sqlite, postgres] = testDatabases();

describe.skipIf(!postgres)('copySqliteToPostgres', () => {
  it('copies every row without a progress callback, and audits in the same transaction', async () => {
    if (!sqlite || !postgres) return;
    const source = await createDemoDatabase(sqlite);
    const target = await postgres.create({ migrate: false });
    try {
      const audited: number[] = [];
      const copied = await copySqliteToPostgres(source.handle, target.handle, {
        audit: async (_, inventory) => {
          audited.push(inventory.rowCounts.observation ?? -1);
        },
      });
      expect(audited).toEqual([99]);
      expect(await takeInventory(target.handle.db)).toEqual(copied);
      expect(copied.rowCounts).toMatchObject({
        municipality: 42,
        observation: 99,
        rating_snapshot: 2,
      });
      // the next id after the copied ones
      const next = await target.handle.db
        .insertInto('region')
        .values({ code: 'next', name: 'Следующий', created_at: '2026-12-05T00:00:00Z' })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(next.id).toBe(2);
    } finally {
      await target.dispose();
      await source.dispose();
    }
  });
});
