// A period's values as columns at the units' positions (readPeriodColumns): the same on both
// databases and, on SQLite, whether the reader threads read them (decision 0250) or the
// connection does; one moment of the database; a writer in another process never waited for.
import SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawSqlite, sqliteColumnReaders } from '../../src/db/raw-connection.js';
import { insertIndicator } from '../../src/db/repositories/indicator-repository.js';
import { readPeriodColumns } from '../../src/db/repositories/observation-repository.js';
import { insertRegion } from '../../src/db/repositories/region-repository.js';
import type { Database } from '../../src/db/schema/index.js';
import { SqliteColumnReaders } from '../../src/db/sqlite-column-readers.js';
import { validateMethodology } from '../../src/engine/validate-methodology.js';
import { loadRatingData } from '../../src/server/features/rating/rating-inputs.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { insertMadeUpUnits } from '../support/made-up-units.js';
import { indicatorNode, methodologyOf } from '../support/rating-methodologies.js';

const PERIOD = '2026-11';

async function seed(db: Kysely<Database>, units: number, indicators: number) {
  return db.transaction().execute(async (trx) => {
    const regionId = await insertRegion(trx, `columns-${units}`, 'Регион для столбцов');
    const municipalities = await insertMadeUpUnits(trx, regionId, units);
    const ids: number[] = [];
    for (let k = 0; k < indicators; k++)
      ids.push(
        await insertIndicator(trx, {
          region_id: regionId,
          code: `I${k}`,
          name: `Показатель ${k}`,
          unit: 'ед.',
          direction: 'higher_better',
          periodicity: 'monthly',
          source_system: null,
          range_min: null,
          range_max: null,
          formula: null,
          decimals: 2,
          description: null,
        }),
      );
    return { regionId, municipalities, ids };
  });
}

function observation(
  municipality: number,
  indicator: number,
  value: number | null,
  period = PERIOD,
) {
  return {
    municipality_id: municipality,
    indicator_id: indicator,
    period,
    value,
    source: 'тест',
    author: 'тест',
    recorded_at: '2026-12-01T00:00:00.000Z',
    revision: 1,
    is_illustrative: 0,
  };
}

describe.each(testDatabases())('a period read as columns on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let db: Kysely<Database>;
  let u: number[];
  let ind: number[];

  beforeAll(async () => {
    instance = await kind.create();
    db = instance.handle.db;
    const seeded = await seed(db, 4, 3);
    u = seeded.municipalities;
    ind = seeded.ids;
    const [a, b, c, d] = u as [number, number, number, number];
    const [i1, i2, i3] = ind as [number, number, number];
    await db
      .insertInto('observation')
      .values([
        observation(a, i1, 1.5),
        observation(b, i1, 2.25),
        observation(c, i1, 3),
        // Another period: never read.
        observation(a, i1, 99, '2026-10'),
        // b has no row for I1; c's row holds no value.
        observation(a, i2, 10),
        observation(c, i2, null),
        // Only d, which is not among the units asked for: no column.
        observation(d, i3, 7),
      ])
      .execute();
  });
  afterAll(async () => {
    await instance?.dispose();
  });

  // Units asked for in an order of their own (a, c, b): each value lands at its unit's place.
  const expected = () => {
    const [i1, i2] = ind as [number, number];
    return new Map([
      [i1, [1.5, 3, 2.25]],
      [i2, [10, Number.NaN, Number.NaN]],
    ]);
  };
  const read = async (inThreadsFrom?: number) => {
    const [a, b, c] = u as [number, number, number];
    const columns = await readPeriodColumns(db, ind, PERIOD, [a, c, b], inThreadsFrom);
    return new Map([...columns].map(([id, column]) => [id, Array.from(column)]));
  };

  it('puts each value at its unit, NaN where none is stored, no column without a value', async () => {
    expect(await read()).toEqual(expected());
  });

  it('gives the same columns whoever reads them', async () => {
    // 1: the reader threads on SQLite (the connection on PostgreSQL); ∞: the connection.
    expect(await read(1)).toEqual(expected());
    expect(await read(Number.POSITIVE_INFINITY)).toEqual(expected());
  });

  it('reads inside a transaction what the transaction wrote', async () => {
    const [a, b, c] = u as [number, number, number];
    const [i1] = ind as [number];
    const seen = await db
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('observation')
          .set({ value: 4 })
          .where('municipality_id', '=', c)
          .where('indicator_id', '=', i1)
          .where('period', '=', PERIOD)
          .execute();
        const columns = await readPeriodColumns(trx, [i1], PERIOD, [a, c, b], 1);
        throw Object.assign(new Error('rolled back'), { columns });
      })
      .catch((error: { columns: Map<number, Float64Array> }) => {
        if (!error.columns) throw error;
        return error.columns;
      });
    expect(Array.from(seen.get(i1) ?? [])).toEqual([1.5, 4, 2.25]);
    expect(await read(1)).toEqual(expected());
  });
});

describe('SQLite reader threads', () => {
  let instance: TestDatabaseInstance;
  let db: Kysely<Database>;
  let file: string;
  let u: number[];
  let ind: number[];
  let regionId: number;
  // 100,000 values: a read the threads take at the default threshold.
  const UNITS = 2500;
  const INDICATORS = 40;

  beforeAll(async () => {
    const [sqlite] = testDatabases().filter((t) => t.name === 'sqlite');
    if (!sqlite) throw new Error('no SQLite test database');
    instance = await sqlite.create();
    db = instance.handle.db;
    file = instance.handle.location;
    const seeded = await seed(db, UNITS, INDICATORS);
    u = seeded.municipalities;
    ind = seeded.ids;
    regionId = seeded.regionId;
    // Unit i's value of indicator k is k * 10,000 + i.
    const rows = ind.flatMap((id, k) => u.map((m, i) => observation(m, id, k * 10_000 + i)));
    for (let at = 0; at < rows.length; at += 1000)
      await db
        .insertInto('observation')
        .values(rows.slice(at, at + 1000))
        .execute();
  });
  afterAll(async () => {
    await instance?.dispose();
  });

  const valueAt = (columns: Map<number, Float64Array>, k: number, i: number) =>
    columns.get(ind[k] as number)?.[i];

  it('read every value of a large period', async () => {
    const columns = await readPeriodColumns(db, ind, PERIOD, u, 1);
    expect(columns.size).toBe(INDICATORS);
    expect(valueAt(columns, 0, 0)).toBe(0);
    expect(valueAt(columns, 39, 1499)).toBe(391_499);
    expect(valueAt(columns, 17, 250)).toBe(170_250);
  });

  it('serve the inputs of a rating: the values an SQL query of its own reads, at each unit', async () => {
    const readers = sqliteColumnReaders(db as unknown as Kysely<unknown>);
    const before = readers?.reads ?? 0;
    const checked = validateMethodology(
      methodologyOf(
        'columns',
        'Столбцы',
        ind.map((_, k) => indicatorNode(`I${k}`, `Показатель ${k}`, { method: 'min-max' })),
      ),
    );
    if (!checked.ok) throw new Error('the methodology is invalid');
    const methodology = checked.methodology;
    const data = await loadRatingData(db, regionId, methodology, PERIOD);
    expect(readers?.reads).toBe(before + 1);
    const rows = await db
      .selectFrom('observation as o')
      .innerJoin('indicator as i', 'i.id', 'o.indicator_id')
      .innerJoin('municipality as m', 'm.id', 'o.municipality_id')
      .select(['i.code as indicator', 'm.code as unit', 'o.value'])
      .where('o.period', '=', PERIOD)
      .where('i.region_id', '=', regionId)
      .execute();
    expect(rows).toHaveLength(UNITS * INDICATORS);
    const at = new Map(data.units.map((unit, i) => [unit.code, i]));
    for (const row of rows)
      expect(data.values[row.indicator]?.[at.get(row.unit) as number]).toBe(row.value);
  });

  it('read one moment: what another connection commits once they started is not seen', async () => {
    // Threads of its own that pause after opening their moment, so that the commit below
    // lands before they read anything.
    const readers = new SqliteColumnReaders(file, 2, 300);
    const writer = new SqliteDatabase(file);
    const other = new SqliteDatabase(file);
    try {
      const first = ind[0] as number;
      const taken = await readers.read(writer, ind, PERIOD, u);
      if (!taken) throw new Error('the write lock was free, yet not taken');
      other
        .prepare('update observation set value = -1 where indicator_id = ? and municipality_id = ?')
        .run(first, u[0]);
      const columns = await taken.columns;
      expect(columns.find((c) => c.indicatorId === first)?.column[0]).toBe(0);
      // Read again, the change is there.
      const again = await readPeriodColumns(db, [first], PERIOD, u, 1);
      expect(again.get(first)?.[0]).toBe(-1);
      other
        .prepare('update observation set value = 0 where indicator_id = ? and municipality_id = ?')
        .run(first, u[0]);
    } finally {
      await readers.close();
      writer.close();
      other.close();
    }
  });

  it('fail, without holding the write lock, when they cannot open the file, and start afresh', async () => {
    const readers = new SqliteColumnReaders(`${file}.missing`, 2);
    const writer = new SqliteDatabase(file);
    try {
      await expect(readers.read(writer, ind, PERIOD, u)).rejects.toThrow();
      expect(writer.inTransaction).toBe(false);
      // Tried again, not given up for good: it fails again the same way.
      await expect(readers.read(writer, ind, PERIOD, u)).rejects.toThrow();
      expect(readers.reads).toBe(0);
    } finally {
      await readers.close();
      writer.close();
    }
  });

  it('leave the read to the connection, without waiting, while another process writes', async () => {
    const other = new SqliteDatabase(file);
    try {
      other.exec('begin immediate');
      const readers = sqliteColumnReaders(db as unknown as Kysely<unknown>);
      const taken = await db
        .connection()
        .execute(async (connection) =>
          readers?.read(
            rawSqlite(connection as unknown as Kysely<unknown>) as SqliteDatabase.Database,
            ind,
            PERIOD,
            u,
          ),
        );
      expect(taken).toBeNull();
      // The whole read still comes, from the connection, before the writer lets go.
      const columns = await readPeriodColumns(db, ind.slice(0, 2), PERIOD, u, 1);
      expect(valueAt(columns, 1, 3)).toBe(10_003);
      expect(other.inTransaction).toBe(true);
      other.exec('rollback');
    } finally {
      other.close();
    }
  });
});
