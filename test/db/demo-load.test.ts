import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.js';
import { readDemoDataset } from '../../src/demo/read-demo-dataset.js';
import { getSnapshot, listSnapshots } from '../../src/server/features/rating/rating-service.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { useOrenburgDemo } from '../support/demo-database.js';

const count = async (instance: TestDatabaseInstance, table: string) => {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(
    instance.handle.db,
  );
  return Number(r.rows[0]?.n);
};

const TABLES = [
  'region',
  'municipality',
  'municipality_alias',
  'indicator',
  'observation',
  'observation_revision',
  'rating_snapshot',
  'snapshot_publication',
  'plan_target',
  'plan_report',
  'printed_figure',
  'reference_value',
];

describe.each(testDatabases())('demo data set on $name', (kind) => {
  const demo = useOrenburgDemo(kind);

  it('holds the 41 units of Table 1 and ZATO Komarovsky', async () => {
    expect(await count(demo.instance, 'municipality')).toBe(42);
  });

  it('stores Table 1 as a published snapshot with the seed values, clean of markup', async () => {
    const view = await getSnapshot(
      demo.instance.handle.db,
      demo.regionId,
      'orenburg-2016-03-table1',
    );
    expect(view.asOf).toBe('2016-03-01');
    expect(view.rows).toHaveLength(41);
    expect(view.rows[0]).toMatchObject({
      place: 1,
      municipality: { name: 'Соль-Илецкий городской округ' },
      values: { rating_2016: 0.574, esia_per_1000: 34.71 },
    });
    const pervomaysky = view.rows.find((r) => r.place === 9);
    expect(pervomaysky).toMatchObject({
      municipality: { name: 'Первомайский район' },
      values: { rating_2016: 0.272, esia_per_1000: 11.98 },
    });
    expect(view.rows[40]).toMatchObject({
      place: 41,
      municipality: { name: 'Абдулинский городской округ' },
      values: { rating_2016: 0.053, esia_per_1000: 10.6 },
    });
    expect(view.rows.map((r) => r.place)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(JSON.stringify(view)).not.toMatch(/<\/?(b|a)\b/);
    expect(view.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(view.publishedAt).not.toBeNull();
  });

  it('stores the 2022 top-10 with exact places only where the source gives them', async () => {
    const view = await getSnapshot(demo.instance.handle.db, demo.regionId, 'orenburg-2022-top10');
    expect(view.rows.map((r) => [r.placeLabel, r.municipality.name])).toEqual([
      ['1', 'Бузулукский район'],
      ['2', 'ЗАТО Комаровский'],
      ['3', 'Саракташский район'],
      ['4–10', 'г.Бузулук'],
      ['4–10', 'Сорочинский городской округ'],
      ['4–10', 'Илекский район'],
      ['4–10', 'Новоорский район'],
      ['4–10', 'Северный район'],
      ['4–10', 'Тюльганский район'],
      ['4–10', 'Ташлинский район'],
    ]);
    expect(view.rows[1]?.values).toEqual({ sed_signed_share: 99.1, sed_active_staff_share: 98.4 });
    const summaries = await listSnapshots(demo.instance.handle.db, demo.regionId);
    expect(summaries.map((s) => s.code)).toEqual([
      'orenburg-2022-top10',
      'orenburg-2016-03-table1',
    ]);
  });

  it('is idempotent: a second load reports so and changes nothing', async () => {
    const before = await Promise.all(TABLES.map((t) => count(demo.instance, t)));
    expect(await loadDemo(demo.instance.handle.db, readDemoDataset())).toBe('already-loaded');
    expect(await Promise.all(TABLES.map((t) => count(demo.instance, t)))).toEqual(before);
  });

  it('refuses to change or delete a snapshot or a revision', async () => {
    const db = demo.db;
    await expect(
      db.updateTable('rating_snapshot').set({ title: 'подмена' }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('rating_snapshot').execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('observation_revision').execute()).rejects.toThrow(/append-only/);
    const view = await getSnapshot(db, demo.regionId, 'orenburg-2016-03-table1');
    expect(view.title).toBe('Рейтинг ОМСУ по уровню развития информационного общества');
  });
});
