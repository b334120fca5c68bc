import type { Kysely } from 'kysely';
import { rawSqlite, sqliteColumnReaders } from '../raw-connection.js';
import type { Database } from '../schema/index.js';
import { PERIOD_COLUMN_SQL, type PeriodColumn } from '../sqlite-column-readers.js';

export interface NewObservation {
  municipalityId: number;
  indicatorId: number;
  period: string;
  value: number | null;
  source: string;
  author: string;
  isIllustrative?: boolean;
}

/** Records a first value and its first revision (old value: none). */
export async function insertObservation(db: Kysely<Database>, o: NewObservation): Promise<number> {
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto('observation')
    .values({
      municipality_id: o.municipalityId,
      indicator_id: o.indicatorId,
      period: o.period,
      value: o.value,
      source: o.source,
      author: o.author,
      recorded_at: now,
      revision: 1,
      is_illustrative: o.isIllustrative ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('observation_revision')
    .values({
      observation_id: id,
      revision: 1,
      old_value: null,
      new_value: o.value,
      source: o.source,
      author: o.author,
      changed_at: now,
      note: null,
    })
    .execute();
  return id;
}

/** Values of one indicator for a set of periods, keyed by municipality id then period. */
export async function findObservationValues(
  db: Kysely<Database>,
  indicatorId: number,
  periods: string[],
): Promise<Map<number, Map<string, number | null>>> {
  const result = new Map<number, Map<string, number | null>>();
  if (periods.length === 0) return result;
  const rows = await db
    .selectFrom('observation')
    .select(['municipality_id', 'period', 'value'])
    .where('indicator_id', '=', indicatorId)
    .where('period', 'in', periods)
    .execute();
  for (const r of rows) {
    const byPeriod = result.get(r.municipality_id) ?? new Map<string, number | null>();
    byPeriod.set(r.period, r.value);
    result.set(r.municipality_id, byPeriod);
  }
  return result;
}

/**
 * Values of one indicator for a list of periods, keyed by municipality id: each municipality's
 * values in the order of `periods` (distinct), null where none is stored. One array a
 * municipality rather than a map, and one query a period, whose rows carry no period text to
 * make and look up: a table of thousands of municipalities reads every one of them.
 */
export async function findObservationSeries(
  db: Kysely<Database>,
  indicatorId: number,
  periods: readonly string[],
): Promise<Map<number, (number | null)[]>> {
  const result = new Map<number, (number | null)[]>();
  const byPeriod = await Promise.all(
    periods.map((period) =>
      db
        .selectFrom('observation')
        .select(['municipality_id', 'value'])
        .where('indicator_id', '=', indicatorId)
        .where('period', '=', period)
        .execute(),
    ),
  );
  byPeriod.forEach((rows, at) => {
    for (const r of rows) {
      let series = result.get(r.municipality_id);
      if (series === undefined) {
        series = new Array<number | null>(periods.length).fill(null);
        result.set(r.municipality_id, series);
      }
      series[at] = r.value;
    }
  });
  return result;
}

/** A region's indicators by id, of those among `indicatorCodes` that exist: code by id. */
export async function findIndicatorCodesById(
  db: Kysely<Database>,
  regionId: number,
  indicatorCodes: string[],
): Promise<Map<number, string>> {
  if (indicatorCodes.length === 0) return new Map();
  const indicators = await db
    .selectFrom('indicator')
    .select(['id', 'code'])
    .where('region_id', '=', regionId)
    .where('code', 'in', indicatorCodes)
    .execute();
  return new Map(indicators.map((i) => [i.id, i.code]));
}

/**
 * How many values (units × indicators) a period's read must reach to be shared by SQLite's
 * reader threads: below it, starting them costs more than they save.
 */
export const READ_IN_THREADS_FROM = 100_000;

/**
 * One period's values of the given indicators (by id) at the positions of `unitIds`, NaN
 * where none is stored: a column for each indicator with a value at one of the units at
 * least. By id rather than joined to the indicator's code: joined, SQLite took twice as long
 * over 1.2 million rows (20,000 units × 60) and made each row a new copy of the code's text.
 *
 * What is read is one moment of the database. On SQLite a read of at least
 * READ_IN_THREADS_FROM values, made outside a transaction, is shared by the reader threads
 * (decision 0250); a smaller one, one inside a transaction (which must see its own writes) or
 * one made while another process writes is read on the connection itself.
 */
export async function readPeriodColumns(
  db: Kysely<Database>,
  indicatorIds: readonly number[],
  period: string,
  unitIds: readonly number[],
  inThreadsFrom = READ_IN_THREADS_FROM,
): Promise<Map<number, Float64Array>> {
  const columns = new Map<number, Float64Array>();
  if (indicatorIds.length === 0 || unitIds.length === 0) return columns;
  const position = new Map(unitIds.map((id, at) => [id, at]));
  const put = (indicatorId: number, municipalityIds: number[], values: (number | null)[]) => {
    let column = columns.get(indicatorId);
    for (let k = 0; k < municipalityIds.length; k += 1) {
      const at = position.get(municipalityIds[k] as number);
      if (at === undefined) continue;
      if (column === undefined) {
        column = new Float64Array(unitIds.length).fill(Number.NaN);
        columns.set(indicatorId, column);
      }
      column[at] = values[k] ?? Number.NaN;
    }
  };
  const readers = sqliteColumnReaders(db as unknown as Kysely<unknown>);
  const useThreads =
    readers !== null && !db.isTransaction && indicatorIds.length * unitIds.length >= inThreadsFrom;
  // The connection is held for the read, as Kysely holds it for its own queries: on SQLite's
  // one connection no other request's transaction is open meanwhile. A transaction holds it.
  const held = <T>(read: (connection: Kysely<Database>) => Promise<T>) =>
    db.isTransaction ? read(db) : db.connection().execute(read);
  const inThreads = await held(async (connection) => {
    const sqlite = rawSqlite(connection as unknown as Kysely<unknown>);
    if (sqlite) {
      // The connection is let go once the threads hold their moment of the database.
      // A thread that cannot start (memory short, the file gone) loses nothing: read here.
      const taken =
        useThreads && readers
          ? await readers.read(sqlite, indicatorIds, period, unitIds).catch(() => null)
          : null;
      if (taken) return taken;
      // Each column read as plain values, in the order of the covering index (municipality
      // id): a row as an array or object cost three times the read itself (150,000 rows:
      // 36 ms against 65–120 ms). Ids and values in one read transaction, so that they match.
      const ids = sqlite.prepare(PERIOD_COLUMN_SQL.ids).pluck(true);
      const values = sqlite.prepare(PERIOD_COLUMN_SQL.values).pluck(true);
      sqlite.transaction(() => {
        for (const id of indicatorIds) {
          const municipalityIds = ids.all(id, period) as number[];
          if (municipalityIds.length > 0)
            put(id, municipalityIds, values.all(id, period) as (number | null)[]);
        }
      })();
      return null;
    }
    const rows = await connection
      .selectFrom('observation')
      .select(['municipality_id', 'indicator_id', 'value'])
      .where('indicator_id', 'in', [...indicatorIds])
      .where('period', '=', period)
      .orderBy('indicator_id')
      .orderBy('municipality_id')
      .execute();
    for (let from = 0; from < rows.length; ) {
      const id = (rows[from] as (typeof rows)[number]).indicator_id;
      let to = from;
      while (to < rows.length && (rows[to] as (typeof rows)[number]).indicator_id === id) to += 1;
      const part = rows.slice(from, to);
      put(
        id,
        part.map((r) => r.municipality_id),
        part.map((r) => r.value),
      );
      from = to;
    }
    return null;
  });
  if (inThreads === null) return columns;
  let read: PeriodColumn[];
  try {
    read = await inThreads.columns;
  } catch {
    // So does a thread that fails while it reads.
    return readPeriodColumns(db, indicatorIds, period, unitIds, Number.POSITIVE_INFINITY);
  }
  for (const { indicatorId, column } of read) columns.set(indicatorId, column);
  return columns;
}

/**
 * The latest period holding a value of any of the indicators (byte order sorts `YYYY-MM`
 * periods by time), or null when none has one.
 */
export async function findLatestPeriodOf(
  db: Kysely<Database>,
  regionId: number,
  indicatorCodes: string[],
): Promise<string | null> {
  if (indicatorCodes.length === 0) return null;
  const row = await db
    .selectFrom('observation')
    .innerJoin('indicator', 'indicator.id', 'observation.indicator_id')
    .select((eb) => eb.fn.max('observation.period').as('period'))
    .where('indicator.region_id', '=', regionId)
    .where('indicator.code', 'in', indicatorCodes)
    .where('observation.value', 'is not', null)
    .executeTakeFirst();
  return row?.period ?? null;
}
