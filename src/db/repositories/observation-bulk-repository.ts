import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BinaryCopy } from '../binary-copy.js';
import { dialectOf } from '../dialect-of.js';
import { rawPostgresClient, rawSqlite } from '../raw-connection.js';
import type { Database } from '../schema/index.js';
import { materializeFirstRevisions } from './observation-revision-repository.js';

export interface ExistingObservation {
  id: number;
  municipality_id: number;
  indicator_id: number;
  period: string;
  value: number | null;
  revision: number;
}

export interface NewValue {
  municipalityId: number;
  indicatorId: number;
  period: string;
  value: number;
  row: number;
}

export interface ChangedValue {
  observationId: number;
  oldValue: number | null;
  newValue: number;
  /** The revision this change creates (the stored one + 1). */
  revision: number;
  row: number;
}

const PERIOD_CHUNK = 500;

/**
 * Current values of the given indicators in the given periods (the only ones an import
 * touches), but for those of batch `besides` (a SpeculativeCopy's own rows).
 */
export async function findObservationsFor(
  db: Kysely<Database>,
  indicatorIds: number[],
  periods: string[],
  besides?: number,
): Promise<ExistingObservation[]> {
  if (indicatorIds.length === 0 || periods.length === 0) return [];
  let rows: ExistingObservation[] = [];
  for (let i = 0; i < periods.length; i += PERIOD_CHUNK) {
    let query = db
      .selectFrom('observation')
      .select(['id', 'municipality_id', 'indicator_id', 'period', 'value', 'revision'])
      .where('indicator_id', 'in', indicatorIds)
      .where('period', 'in', periods.slice(i, i + PERIOD_CHUNK));
    if (besides !== undefined)
      query = query.where((eb) =>
        eb.or([eb('import_batch_id', 'is', null), eb('import_batch_id', '!=', besides)]),
      );
    const part = await query.execute();
    // Not push(...part): a million arguments overflow the stack.
    rows = rows.length === 0 ? part : rows.concat(part);
  }
  return rows;
}

// SQLite binds at most 32,766 parameters per statement; PostgreSQL takes whole arrays.
const SQLITE_ROWS = 5000;
const POSTGRES_ROWS = 50_000;
/** Rows written between two progress reports (and, in the crash test, two pauses). */
const PROGRESS_ROWS = 50_000;
/** Rows per prepared multi-row INSERT on SQLite: prepared once, run again and again. */
const SQLITE_STATEMENT_ROWS = 200;
/**
 * From this many new values on, and when they are at least a quarter of the rows already
 * stored, the secondary indexes of `observation` are dropped inside the transaction and built
 * again once the rows are in: one sort instead of a scattered insert per value.
 */
const REBUILD_MIN_ROWS = 100_000;

/** Whether building the secondary indexes anew beats inserting into them (see above). */
const worthRebuilding = (newRows: number, storedRows: number) =>
  newRows >= REBUILD_MIN_ROWS && newRows * 4 >= storedRows;

/**
 * Inserts new observations naming the import batch and file row; their provenance is the
 * batch's (no text per row), and their first revision stays in the row until the value first
 * changes (`materializeFirstRevisions`). `onChunk` after each part written. Runs inside the
 * caller's transaction, on its own connection. On SQLite: prepared multi-row INSERTs through
 * better-sqlite3, ids assigned from the current maximum (safe: the transaction holds the write
 * lock from its first write on). On PostgreSQL: ids reserved from the identity sequence under
 * a lock that keeps other writers of `observation` out, then one COPY streamed in parts; large
 * imports check keys once, set-wise.
 */
export async function insertObservationsBulk(
  trx: Kysely<Database>,
  values: NewValue[],
  batchId: number,
  onChunk?: (written: number) => Promise<void> | void,
): Promise<void> {
  if (values.length === 0) return;
  const raw = trx as unknown as Kysely<unknown>;
  if (dialectOf(raw) === 'postgres') {
    const client = await rawPostgresClient(raw);
    if (client) return copyObservations(client, values, batchId, onChunk);
    return insertObservationsUnnest(trx, values, batchId, onChunk);
  }
  const sqlite = rawSqlite(raw);
  if (sqlite) return insertObservationsSqlite(sqlite, values, batchId, onChunk);
  return insertObservationsSqliteKysely(trx, values, batchId, onChunk);
}

async function nextSqliteId(trx: Kysely<Database>): Promise<number> {
  const max = await sql<{ m: number | null }>`SELECT max(id) AS m FROM observation`.execute(trx);
  return Number(max.rows[0]?.m ?? 0) + 1;
}

const OBSERVATION_COLUMNS =
  '(id, municipality_id, indicator_id, period, value, revision, is_illustrative, import_batch_id, source_row)';

async function insertObservationsSqlite(
  db: SqliteDatabase.Database,
  values: NewValue[],
  batchId: number,
  onChunk?: (written: number) => Promise<void> | void,
): Promise<void> {
  const maxId = db.prepare('SELECT max(id) AS m FROM observation').get() as { m: number | null };
  let nextId = (maxId.m ?? 0) + 1;
  // DDL inside the write transaction: other connections keep seeing the committed schema
  // with its indexes until the commit, and a rollback or a crash restores them.
  const indexes = worthRebuilding(values.length, nextId - 1)
    ? (
        db
          .prepare(
            `SELECT name, sql FROM sqlite_master
             WHERE type = 'index' AND tbl_name = 'observation' AND sql IS NOT NULL`,
          )
          .all() as { name: string; sql: string }[]
      ).map((ix) => {
        db.exec(`DROP INDEX "${ix.name}"`);
        return ix.sql;
      })
    : [];
  const statements = new Map<number, SqliteDatabase.Statement>();
  const prepare = (rows: number) => {
    let statement = statements.get(rows);
    if (!statement) {
      statement = db.prepare(
        `INSERT INTO observation ${OBSERVATION_COLUMNS}
         VALUES ${repeat(rows, `(?,?,?,?,?,1,0,${Number(batchId)},?)`)}`,
      );
      statements.set(rows, statement);
    }
    return statement;
  };
  const params: unknown[] = [];
  for (let start = 0; start < values.length; start += PROGRESS_ROWS) {
    const end = Math.min(values.length, start + PROGRESS_ROWS);
    for (let from = start; from < end; from += SQLITE_STATEMENT_ROWS) {
      const to = Math.min(end, from + SQLITE_STATEMENT_ROWS);
      params.length = 0;
      for (let k = from; k < to; k += 1) {
        const v = values[k] as NewValue;
        params.push(nextId, v.municipalityId, v.indicatorId, v.period, v.value, v.row);
        nextId += 1;
      }
      prepare(to - from).run(params);
    }
    await onChunk?.(end);
  }
  for (const definition of indexes) db.exec(definition);
}

/** The same through Kysely, for a SQLite database opened elsewhere. */
async function insertObservationsSqliteKysely(
  trx: Kysely<Database>,
  values: NewValue[],
  batchId: number,
  onChunk?: (written: number) => Promise<void> | void,
): Promise<void> {
  let nextId = await nextSqliteId(trx);
  for (let start = 0; start < values.length; start += SQLITE_ROWS) {
    const chunk = values.slice(start, start + SQLITE_ROWS);
    const params: unknown[] = [];
    for (const v of chunk) {
      params.push(nextId, v.municipalityId, v.indicatorId, v.period, v.value, v.row);
      nextId += 1;
    }
    await trx.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO observation ${OBSERVATION_COLUMNS}
         VALUES ${repeat(chunk.length, `(?,?,?,?,?,1,0,${Number(batchId)},?)`)}`,
        params,
      ),
    );
    await onChunk?.(start + chunk.length);
  }
}

/**
 * PostgreSQL: keeps every other writer of observation out until the caller's transaction ends
 * (readers go on). An import takes it before it compares the file with the database, so two
 * imports commit one after the other, each against what the other wrote, and a large one can
 * then drop keys without waiting on the other's reads. SQLite: nothing (one writer at a time).
 */
export async function lockObservationsForWriting(trx: Kysely<Database>): Promise<void> {
  if (dialectOf(trx as unknown as Kysely<unknown>) !== 'postgres') return;
  await sql`LOCK TABLE observation IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
}

async function copyObservations(
  client: pg.PoolClient,
  values: NewValue[],
  batchId: number,
  onChunk?: (written: number) => Promise<void> | void,
): Promise<void> {
  // No other session inserts into observation (nor draws from its sequence) until the commit.
  await client.query('LOCK TABLE observation IN SHARE ROW EXCLUSIVE MODE');
  const { rows } = await client.query<{ last: string; stored: number | null }>(
    `SELECT setval(s::regclass, nextval(s::regclass) + $1 - 1) AS last,
       (SELECT max(id) FROM observation) AS stored
     FROM pg_get_serial_sequence('observation', 'id') AS s`,
    [values.length],
  );
  const last = Number(rows[0]?.last);
  const first = last - values.length + 1;
  const stored = rows[0]?.stored ?? 0;
  const suspended =
    values.length >= SET_WISE_ROWS
      ? await suspendKeys(client, {
          indexes: worthRebuilding(values.length, stored),
          keys: values.length >= stored,
        })
      : NOTHING_SUSPENDED;
  // One COPY, handed over in parts: the server stores one part while the next is encoded.
  const payload = new BinaryCopy().start();
  async function* parts() {
    for (let start = 0; start < values.length; start += PROGRESS_ROWS) {
      const end = Math.min(values.length, start + PROGRESS_ROWS);
      for (let k = start; k < end; k += 1)
        copyFields(payload.row(7).int4(first + k), values[k] as NewValue, batchId);
      yield end < values.length ? payload.take() : payload.finish();
      await onChunk?.(end);
    }
  }
  await pipeline(
    Readable.from(parts()),
    client.query(copyFrom(`COPY observation (id, ${COPY_COLUMNS}) FROM STDIN BINARY`)),
  );
  await restoreKeys(client, suspended);
}

/** From this many new values on, the foreign keys are checked once set-wise, not per row. */
export const SET_WISE_ROWS = 100_000;

/** The columns of observation a COPY fills from a NewValue (after the id, where given). */
const COPY_COLUMNS = 'municipality_id, indicator_id, period, value, import_batch_id, source_row';

/** Writes a value's COPY_COLUMNS into the row begun in `payload`. */
function copyFields(payload: BinaryCopy, v: NewValue, batchId: number): void {
  payload.int4(v.municipalityId).int4(v.indicatorId);
  payload.text(v.period).float8(v.value).int4(batchId).int4(v.row);
}

/**
 * New values streamed into one COPY while the file is still being checked (PostgreSQL): the
 * server stores them on its own core while this process checks the rest. Started under a
 * savepoint, with the keys of `observation` suspended as for any large import, for a batch
 * whose id is reserved first (its row is inserted once the counts are known, before `keep`).
 * Nothing else may run on the transaction between `startSpeculativeCopy` and `end`.
 */
export interface SpeculativeCopy {
  readonly batchId: number;
  /** Values written so far. */
  readonly written: number;
  /**
   * Hands values[from, to) that `include` accepts to the COPY, synchronously (the socket
   * takes what it can at once).
   */
  write(
    values: readonly NewValue[],
    from: number,
    to: number,
    include: (v: NewValue) => boolean,
  ): void;
  /**
   * Ends the COPY, or with an error aborts it; resolves once the server has answered: false
   * when the COPY failed (then only `discard` may follow).
   */
  end(error?: Error): Promise<boolean>;
  /** Keeps the rows: the keys come back, checking every row (the batch row must exist). */
  keep(): Promise<void>;
  /** Undoes the rows and the suspension: back to the savepoint taken first. */
  discard(): Promise<void>;
}

/**
 * Starts a SpeculativeCopy on PostgreSQL for about `expected` new values; null elsewhere,
 * when the values would not at least double the table (its keys then stay, and a value
 * already stored would fail the COPY instead of being compared), or when another session
 * holds a lock the key suspension would wait for.
 */
export async function startSpeculativeCopy(
  trx: Kysely<Database>,
  expected: number,
): Promise<SpeculativeCopy | null> {
  const raw = trx as unknown as Kysely<unknown>;
  if (dialectOf(raw) !== 'postgres') return null;
  const client = await rawPostgresClient(raw);
  if (!client) return null;
  await client.query('LOCK TABLE observation IN SHARE ROW EXCLUSIVE MODE');
  const { rows } = await client.query<{ batch: string; stored: number | null }>(
    `SELECT nextval(pg_get_serial_sequence('import_batch', 'id')) AS batch,
       (SELECT max(id) FROM observation) AS stored`,
  );
  const batchId = Number(rows[0]?.batch);
  const stored = rows[0]?.stored ?? 0;
  if (expected < stored) return null;
  await client.query('SAVEPOINT speculative_copy');
  const undo = async () => {
    await client.query('ROLLBACK TO SAVEPOINT speculative_copy');
    await client.query('RELEASE SAVEPOINT speculative_copy');
  };
  const suspended = await suspendKeys(client, { indexes: true, keys: true });
  if (suspended === NOTHING_SUSPENDED) {
    await undo();
    return null;
  }
  // Ids from the identity default, row by row on the server: the count is not known yet.
  const copy = client.query(copyFrom(`COPY observation (${COPY_COLUMNS}) FROM STDIN BINARY`));
  let failure: Error | null = null;
  copy.on('error', (error: Error) => {
    failure ??= error;
  });
  const done = finished(copy).catch((error: Error) => {
    failure ??= error;
  });
  const payload = new BinaryCopy().start();
  // The stream holds writes back until the server has answered the COPY: wait for that with
  // the payload's header, so that what the check writes next goes to the socket at once.
  await new Promise<void>((resolve, reject) =>
    copy.write(payload.take(), (error) => (error ? reject(error) : resolve())),
  );
  let written = 0;
  return {
    batchId,
    get written() {
      return written;
    },
    write(values, from, to, include) {
      if (to <= from || failure) return;
      for (let k = from; k < to; k += 1) {
        const v = values[k] as NewValue;
        if (!include(v)) continue;
        copyFields(payload.row(6), v, batchId);
        written += 1;
      }
      try {
        copy.write(payload.take());
      } catch (error) {
        // The server ended the COPY (its error comes through `done`): nothing more to send.
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    },
    async end(error) {
      if (error) copy.destroy(error);
      else if (!failure) copy.end(payload.finish());
      else copy.destroy(failure);
      await done;
      return failure === null && !error;
    },
    async keep() {
      await restoreKeys(client, suspended);
      await client.query('RELEASE SAVEPOINT speculative_copy');
    },
    discard: undo,
  };
}

interface Suspended {
  /** Foreign keys dropped, to add again as they were (`ALTER TABLE tbl ADD CONSTRAINT …`). */
  foreignKeys: { tbl: string; name: string; definition: string }[];
  /** Primary and unique keys of observation dropped, to add again as they were. */
  keys: { name: string; definition: string }[];
  /** `CREATE INDEX` statements of the secondary indexes of observation, to run again. */
  indexes: string[];
}

const NOTHING_SUSPENDED: Suspended = { foreignKeys: [], keys: [], indexes: [] };

/**
 * Drops, inside the import's transaction, what makes each inserted row expensive, to re-create
 * it once the rows are in (`restoreKeys`): the foreign keys of observation (three trigger
 * checks per value become three set-wise queries); with `indexes`, its secondary indexes;
 * with `keys`, its primary and unique keys (an index entry and its WAL record per value
 * become one sorted build) and the foreign key that points at the primary key. The drop
 * locks those tables and the ones they reference until the commit, so nobody sees them
 * without their keys. When another session holds a lock for more than two seconds, nothing
 * is dropped and every row is checked as it is inserted.
 */
async function suspendKeys(
  client: pg.PoolClient,
  what: { indexes: boolean; keys: boolean },
): Promise<Suspended> {
  const { rows: foreignKeys } = await client.query<Suspended['foreignKeys'][number]>(
    `SELECT quote_ident(c.conname) AS name, c.conrelid::regclass::text AS tbl,
       pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c
     WHERE c.contype = 'f'
       AND (c.conrelid = 'observation'::regclass OR ($1 AND c.confrelid = 'observation'::regclass))
     ORDER BY c.conrelid::regclass::text, c.conname`,
    [what.keys],
  );
  const { rows: keys } = what.keys
    ? await client.query<Suspended['keys'][number]>(
        `SELECT quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c
         WHERE c.contype IN ('p', 'u') AND c.conrelid = 'observation'::regclass
         ORDER BY c.contype, c.conname`,
      )
    : { rows: [] };
  // Indexes that back no constraint.
  const { rows: secondary } = what.indexes
    ? await client.query<{ name: string; definition: string }>(
        `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i
         WHERE i.indrelid = 'observation'::regclass
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
         ORDER BY 1`,
      )
    : { rows: [] };
  const timeout = await client.query<{ lock_timeout: string }>('SHOW lock_timeout');
  await client.query('SAVEPOINT suspend_keys');
  try {
    await client.query(`SET LOCAL lock_timeout = '2s'`);
    for (const fk of foreignKeys)
      await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.name}`);
    for (const key of keys)
      await client.query(`ALTER TABLE observation DROP CONSTRAINT ${key.name}`);
    for (const ix of secondary) await client.query(`DROP INDEX ${ix.name}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '55P03') throw error;
    // Undoes the drops made so far and the timeout.
    await client.query('ROLLBACK TO SAVEPOINT suspend_keys');
    return NOTHING_SUSPENDED;
  }
  await client.query('RELEASE SAVEPOINT suspend_keys');
  await client.query(`SELECT set_config('lock_timeout', $1, true)`, [
    timeout.rows[0]?.lock_timeout ?? '0',
  ]);
  return { foreignKeys, keys, indexes: secondary.map((ix) => ix.definition) };
}

/**
 * Re-creates what `suspendKeys` dropped, as it was: each key and foreign key checks every row
 * of its table in one set-wise pass, and a row that breaks one fails the whole import. The
 * primary key comes back before the foreign key that points at it.
 */
async function restoreKeys(client: pg.PoolClient, suspended: Suspended): Promise<void> {
  if (suspended.keys.length + suspended.indexes.length > 0)
    // The default (64 MB, shared by the parallel workers) sends a million-row build to disk;
    // for this transaction only.
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const key of suspended.keys)
    await client.query(`ALTER TABLE observation ADD CONSTRAINT ${key.name} ${key.definition}`);
  for (const definition of suspended.indexes) await client.query(definition);
  for (const fk of suspended.foreignKeys)
    await client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${fk.name} ${fk.definition}`);
}

/** The same with unnest arrays, for a PostgreSQL database opened elsewhere. */
async function insertObservationsUnnest(
  trx: Kysely<Database>,
  values: NewValue[],
  batchId: number,
  onChunk?: (written: number) => Promise<void> | void,
): Promise<void> {
  for (let start = 0; start < values.length; start += POSTGRES_ROWS) {
    const chunk = values.slice(start, start + POSTGRES_ROWS);
    await sql`
      INSERT INTO observation
        (municipality_id, indicator_id, period, value, revision, is_illustrative, import_batch_id, source_row)
      SELECT m, i, p, v, 1, 0, ${batchId}::int, r FROM unnest(
        ${chunk.map((v) => v.municipalityId)}::int[], ${chunk.map((v) => v.indicatorId)}::int[],
        ${chunk.map((v) => v.period)}::text[], ${chunk.map((v) => v.value)}::float8[],
        ${chunk.map((v) => v.row)}::int[]) AS t(m, i, p, v, r)`.execute(trx);
    await onChunk?.(start + chunk.length);
  }
}

/** `row,row,…`: `rows` copies of one row's VALUES tuple. */
function repeat(rows: number, row: string): string {
  return new Array(rows).fill(row).join(',');
}

/**
 * Sets new values on existing observations, bumps their revision and appends old → new naming
 * the batch and row (after writing out revision 1 where it was still in place); the
 * observation's provenance becomes the batch's and row's.
 */
export async function updateObservationsBulk(
  trx: Kysely<Database>,
  changes: ChangedValue[],
  batchId: number,
  onChunk?: (written: number) => Promise<void> | void,
): Promise<void> {
  const postgres = dialectOf(trx as unknown as Kysely<unknown>) === 'postgres';
  const size = postgres ? POSTGRES_ROWS : SQLITE_ROWS;
  for (let start = 0; start < changes.length; start += size) {
    const chunk = changes.slice(start, start + size);
    await materializeFirstRevisions(
      trx,
      chunk.filter((c) => c.revision === 2).map((c) => c.observationId),
    );
    if (postgres) {
      const ids = chunk.map((c) => c.observationId);
      const news = chunk.map((c) => c.newValue);
      const revs = chunk.map((c) => c.revision);
      const sourceRows = chunk.map((c) => c.row);
      await sql`
        UPDATE observation AS o SET value = t.v, revision = t.rev,
          source = NULL, author = NULL, recorded_at = NULL,
          import_batch_id = ${batchId}::int, source_row = t.r
        FROM unnest(${ids}::int[], ${news}::float8[], ${revs}::int[], ${sourceRows}::int[])
          AS t(id, v, rev, r)
        WHERE o.id = t.id`.execute(trx);
      await sql`
        INSERT INTO observation_revision
          (observation_id, revision, old_value, new_value, import_batch_id, source_row)
        SELECT t.id, t.rev, t.old, t.v, ${batchId}::int, t.r
        FROM unnest(${ids}::int[], ${revs}::int[], ${chunk.map((c) => c.oldValue)}::float8[],
          ${news}::float8[], ${sourceRows}::int[]) AS t(id, rev, old, v, r)`.execute(trx);
    } else {
      const rows = sql.join(
        chunk.map(
          (c) => sql`(${c.observationId}, ${c.newValue}, ${c.revision}, ${c.oldValue}, ${c.row})`,
        ),
      );
      await sql`
        UPDATE observation SET value = v.column2, revision = v.column3,
          source = NULL, author = NULL, recorded_at = NULL,
          import_batch_id = ${batchId}, source_row = v.column5
        FROM (VALUES ${rows}) AS v WHERE observation.id = v.column1`.execute(trx);
      await sql`
        INSERT INTO observation_revision
          (observation_id, revision, old_value, new_value, import_batch_id, source_row)
        SELECT column1, column3, column4, column2, ${batchId}, column5
        FROM (VALUES ${rows})`.execute(trx);
    }
    await onChunk?.(start + chunk.length);
  }
}
