import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

describe.each(testDatabases())('periods compare byte by byte (migration 0012) on $name', (kind) => {
  let instance: TestDatabaseInstance;
  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
  });
  afterAll(async () => instance?.dispose());

  it('orders and finds the demo’s periods as their bytes do', async () => {
    const { rows } = await sql<{ period: string }>`
      SELECT DISTINCT period FROM observation WHERE period LIKE '2017%' ORDER BY period`.execute(
      instance.handle.db,
    );
    expect(rows.map((r) => r.period)).toEqual(['2017-01', '2017-02', '2017-03-01']);
    const { rows: last } = await sql<{ period: string }>`
      SELECT max(period) AS period FROM observation`.execute(instance.handle.db);
    expect(last[0]?.period).toBe('2022');
  });

  it.runIf(kind.name === 'postgres')('declares the column COLLATE "C" on PostgreSQL', async () => {
    const { rows } = await sql<{ collation: string | null }>`
      SELECT collation_name AS collation FROM information_schema.columns
      WHERE table_name = 'observation' AND column_name = 'period'`.execute(instance.handle.db);
    expect(rows).toEqual([{ collation: 'C' }]);
  });
});
