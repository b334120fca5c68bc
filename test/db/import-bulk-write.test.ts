import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertImportBatch } from '../../src/db/repositories/import-batch-repository.js';
import {
  findObservationsFor,
  insertObservationsBulk,
  type NewValue,
} from '../../src/db/repositories/observation-bulk-repository.js';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

// Large enough for the set-wise foreign key check on PostgreSQL (from 100,000 values on).
const DAYS = 3000;

describe.each(testDatabases())('bulk write of a large import on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let regionId: number;
  let units: number[];
  let indicator: number;
  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    regionId = (await findRegionId(instance.handle.db, 'orenburg')) ?? -1;
    units = (
      await instance.handle.db.selectFrom('municipality').select('id').orderBy('id').execute()
    ).map((r) => r.id);
    indicator = (
      await instance.handle.db
        .selectFrom('indicator')
        .select('id')
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => instance?.dispose());
  const db = () => instance.handle.db;

  const valuesFor = (count: number): NewValue[] => {
    const values: NewValue[] = [];
    for (let d = 0; values.length < count; d += 1) {
      const day = new Date(Date.UTC(2100, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      for (const u of units)
        values.push({
          municipalityId: u,
          indicatorId: indicator,
          period: day,
          value: d,
          row: values.length + 2,
        });
    }
    return values.slice(0, count);
  };
  const foreignKeys = async () =>
    kind.name === 'postgres'
      ? (
          await sql<{ n: number }>`SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'
            AND conrelid IN ('observation'::regclass, 'observation_revision'::regclass)`.execute(
            db(),
          )
        ).rows[0]?.n
      : null;
  /** The indexes of observation: dropped and built again inside a large import's transaction. */
  const indexes = async () =>
    (kind.name === 'postgres'
      ? await sql<{ name: string }>`SELECT indexdef AS name FROM pg_indexes
          WHERE tablename = 'observation' ORDER BY indexname`.execute(db())
      : await sql<{ name: string }>`SELECT coalesce(sql, name) AS name FROM sqlite_master
          WHERE type = 'index' AND tbl_name = 'observation' ORDER BY name`.execute(db())
    ).rows.map((r) => r.name);
  const written = async () =>
    Number(
      (
        await sql<{
          n: number;
        }>`SELECT count(*) AS n FROM observation WHERE period >= '2100-01-01'`.execute(db())
      ).rows[0]?.n,
    );
  const write = (values: NewValue[]) =>
    db()
      .transaction()
      .execute(async (trx) => {
        const at = '2026-11-25T00:00:00.000Z';
        const batchId = await insertImportBatch(trx, {
          region_id: regionId,
          file_name: 'big.csv',
          file_sha256: 'x',
          file_size: 1,
          source_system: null,
          read_as: 'CSV',
          mapping_name: null,
          author: 'тест',
          imported_at: at,
          values_read: values.length,
          inserted: values.length,
          updated: 0,
          unchanged: 0,
        });
        await insertObservationsBulk(trx, values, batchId);
        return batchId;
      });

  it('refuses the whole import when one value names no municipality; keys stay in place', async () => {
    const keys = await foreignKeys();
    const before = await indexes();
    expect(before).toContainEqual(expect.stringContaining('observation_indicator_period_value_ix'));
    const values = valuesFor(Math.max(100_001, units.length * DAYS));
    const last = values[values.length - 1] as NewValue;
    values[values.length - 1] = { ...last, municipalityId: 999_999 };
    await expect(write(values)).rejects.toThrow();
    expect(await written()).toBe(0);
    expect(await foreignKeys()).toBe(keys);
    expect(await indexes()).toEqual(before);
  });

  it('refuses the whole import when a value is already stored; the rebuilt unique key says so', async () => {
    const keys = await foreignKeys();
    const before = await indexes();
    const stored = await db()
      .selectFrom('observation')
      .select(['municipality_id', 'indicator_id', 'period'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const values = valuesFor(100_001);
    values[50_000] = {
      municipalityId: stored.municipality_id,
      indicatorId: stored.indicator_id,
      period: stored.period,
      value: 1,
      row: 50_002,
    };
    await expect(write(values)).rejects.toThrow(/unique|UNIQUE|observation_uq/);
    expect(await written()).toBe(0);
    expect(await foreignKeys()).toBe(keys);
    expect(await indexes()).toEqual(before);
  });

  it('writes every value naming the batch and row, its first revision kept in place', async () => {
    const keys = await foreignKeys();
    const before = await indexes();
    const count = 100_001;
    const values = valuesFor(count);
    const batchId = await write(values);
    expect(await written()).toBe(count);
    const named = await sql<{ n: number; rows: number; first: number }>`
      SELECT count(*) AS n, count(DISTINCT source_row) AS rows, min(source_row) AS first
      FROM observation WHERE import_batch_id = ${batchId} AND revision = 1`.execute(db());
    expect(named.rows[0]).toEqual({ n: count, rows: count, first: 2 });
    // No revision rows until a value changes: its history reads revision 1 from the row.
    const revisions = await sql<{ n: number }>`
      SELECT count(*) AS n FROM observation_revision r JOIN observation o ON o.id = r.observation_id
      WHERE o.period >= '2100-01-01'`.execute(db());
    expect(Number(revisions.rows[0]?.n)).toBe(0);
    expect(await foreignKeys()).toBe(keys);
    expect(await indexes()).toEqual(before);
    // The rebuilt index answers the comparison query of the next import.
    const found = await sql<{ n: number }>`SELECT count(*) AS n FROM observation
      WHERE indicator_id = ${indicator} AND period = '2100-01-02'`.execute(db());
    expect(Number(found.rows[0]?.n)).toBe(units.length);
    // One provenance for the whole batch: no text on the rows.
    const texts = await sql<{ n: number }>`
      SELECT count(*) AS n FROM observation o WHERE o.import_batch_id = ${batchId}
        AND (o.source IS NOT NULL OR o.author IS NOT NULL OR o.recorded_at IS NOT NULL)`.execute(
      db(),
    );
    expect(Number(texts.rows[0]?.n)).toBe(0);
    // The next import of the same values reads every one of them back to compare.
    const periods = [...new Set(values.map((v) => v.period))];
    const stored = await findObservationsFor(db(), [indicator], periods);
    expect(stored.length).toBe(count);
    expect(stored.find((o) => o.period === '2100-01-03' && o.municipality_id === units[0])).toEqual(
      expect.objectContaining({ value: 2, revision: 1 }),
    );
  });
});
