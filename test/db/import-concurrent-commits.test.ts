import { describe, expect, it } from 'vitest';
import { commitImport } from '../../src/server/features/imports/import-service.js';
import { testDatabases } from '../support/databases.js';
import { useOrenburgDemo } from '../support/demo-database.js';
import { utf8 } from '../support/import-fixtures.js';

const FILE = [
  'ОМСУ;Показатель;Период;Значение',
  'г.Бузулук;esia_new;2030-01;101',
  'г.Бузулук;esia_new;2030-02;102',
  'г.Орск;esia_new;2030-01;201',
].join('\n');

describe.each(testDatabases())('two commits of the same file at once on $name', (kind) => {
  const demo = useOrenburgDemo(kind);

  it('commit one after the other: the second sees the first one’s values and writes nothing', async () => {
    const db = demo.db;
    const commit = (author: string) =>
      // The pause keeps the first transaction open after its writes, while the second starts.
      commitImport(db, demo.regionId, { fileName: 'март.csv', bytes: utf8(FILE) }, author, {
        chunkDelayMs: 300,
      });
    const results = await Promise.all([commit('первый'), commit('второй')]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['committed', 'no-changes']);
    const committed = results.find((r) => r.outcome === 'committed');
    expect(committed?.preview.counts.insert).toBe(3);
    const written = await db
      .selectFrom('observation')
      .select(['period', 'value', 'revision'])
      .where('period', 'like', '2030-%')
      .orderBy('value')
      .execute();
    expect(written).toEqual([
      { period: '2030-01', value: 101, revision: 1 },
      { period: '2030-02', value: 102, revision: 1 },
      { period: '2030-01', value: 201, revision: 1 },
    ]);
    const batches = await db.selectFrom('import_batch').select('id').execute();
    expect(batches).toEqual([{ id: committed?.batchId }]);
  });
});
