import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { readDemoDataset } from '../../src/demo/read-demo-dataset.js';
import { commitImport } from '../../src/server/features/imports/import-service.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { useOrenburgDemo } from '../support/demo-database.js';

// 42 units × 2,400 days: a large first load, which on PostgreSQL goes to the server in one
// COPY while the file is still being checked (the demo holds a hundred values: the import
// more than doubles the table).
const DAYS = 2400;
const names = readDemoDataset().municipalities.map((m) => m.name);
const rows: string[] = [];
for (const unit of names)
  for (let d = 0; d < DAYS; d += 1) {
    const day = new Date(Date.UTC(2030, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    rows.push(`${unit};esia_total;${day};${(d * 37) % 5000}`);
  }
const csv = (extra: string[] = []) =>
  new TextEncoder().encode(`ОМСУ;Показатель;Период;Значение\n${[...rows, ...extra].join('\n')}\n`);

/** Indexes and constraints of observation, as the database states them. */
async function keysOf(instance: TestDatabaseInstance, dialect: string): Promise<string[]> {
  const db = instance.handle.db;
  const found =
    dialect === 'postgres'
      ? await sql<{
          d: string;
        }>`SELECT indexdef AS d FROM pg_indexes WHERE tablename = 'observation'
          UNION ALL SELECT pg_get_constraintdef(oid) FROM pg_constraint
          WHERE conrelid = 'observation'::regclass OR confrelid = 'observation'::regclass`.execute(
          db,
        )
      : await sql<{ d: string }>`SELECT coalesce(sql, name) AS d FROM sqlite_master
          WHERE tbl_name = 'observation'`.execute(db);
  return found.rows.map((r) => r.d).sort();
}

describe.each(testDatabases())('a large first load on $name', (kind) => {
  const demo = useOrenburgDemo(kind);

  it('writes every new value once, under its batch and row, and gives the keys back', async () => {
    const db = demo.db;
    const keys = await keysOf(demo.instance, kind.name);
    const result = await commitImport(
      db,
      demo.regionId,
      { fileName: 'esia-daily.csv', bytes: csv(), sourceSystem: 'ЕСИА' },
      'тест',
    );
    expect(result.outcome).toBe('committed');
    expect(result.preview.counts).toMatchObject({ insert: names.length * DAYS, update: 0 });
    const batch = await db
      .selectFrom('import_batch')
      .select(['id', 'inserted'])
      .where('id', '=', result.batchId as number)
      .executeTakeFirstOrThrow();
    expect(batch.inserted).toBe(names.length * DAYS);
    const written = await sql<{ n: number; rows: number; lowest: number; highest: number }>`
      SELECT count(*) AS n, count(DISTINCT source_row) AS rows, min(source_row) AS lowest,
        max(source_row) AS highest
      FROM observation WHERE import_batch_id = ${batch.id}`.execute(db);
    expect(written.rows[0]).toEqual({
      n: names.length * DAYS,
      rows: names.length * DAYS,
      lowest: 2,
      highest: names.length * DAYS + 1,
    });
    // The 400th day of the third unit: row 2 + 2 · 2,400 + 399, value 399 · 37 mod 5,000.
    const one = await db
      .selectFrom('observation')
      .innerJoin('municipality', 'municipality.id', 'observation.municipality_id')
      .select(['observation.value', 'observation.source_row'])
      .where('municipality.name', '=', names[2] as string)
      .where('observation.period', '=', '2031-02-04')
      .executeTakeFirstOrThrow();
    expect(one).toEqual({ value: (399 * 37) % 5000, source_row: 2 + 2 * DAYS + 399 });
    expect(await keysOf(demo.instance, kind.name)).toEqual(keys);
  });

  it('compares with what is stored when a large file repeats stored values', async () => {
    // A fresh database again: the same file more than doubles it, and one more row changes a
    // value the demo stores (г.Бузулук: 10 176 registered in ЕСИА on 1 March 2017, Table 2).
    await demo.reload();
    const fresh = demo.db;
    const stored = await fresh
      .selectFrom('observation')
      .innerJoin('municipality', 'municipality.id', 'observation.municipality_id')
      .innerJoin('indicator', 'indicator.id', 'observation.indicator_id')
      .select(['observation.id', 'observation.value', 'municipality.name', 'indicator.code'])
      .where('indicator.code', '=', 'esia_total')
      .where('observation.period', '=', '2017-03-01')
      .orderBy('observation.id')
      .executeTakeFirstOrThrow();
    const result = await commitImport(
      fresh,
      demo.regionId,
      {
        fileName: 'esia-daily-and-january.csv',
        bytes: csv([`${stored.name};esia_total;2017-03-01;${(stored.value ?? 0) + 1}`]),
      },
      'тест',
    );
    expect(stored).toMatchObject({ name: 'г.Бузулук', value: 10176 });
    expect(result.preview.counts).toMatchObject({ insert: names.length * DAYS, update: 1 });
    const changed = await fresh
      .selectFrom('observation')
      .select(['value', 'revision'])
      .where('id', '=', stored.id)
      .executeTakeFirstOrThrow();
    expect(changed).toEqual({ value: 10177, revision: 2 });
    const total = await sql<{ n: number }>`
      SELECT count(*) AS n FROM observation WHERE import_batch_id = ${result.batchId}`.execute(
      fresh,
    );
    expect(Number(total.rows[0]?.n)).toBe(names.length * DAYS + 1);
  });
});
