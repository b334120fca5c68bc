import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BinaryCopy } from '../binary-copy.js';
import { dialectOf } from '../dialect-of.js';
import { rawPostgresClient, rawSqlite } from '../raw-connection.js';
import type { Database } from '../schema/index.js';

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

/** Current values of the given indicators in the given periods (the only ones an import touches). */
export async function findObservationsFor(
  db: Kysely<Database>,
  indicatorIds: number[],
  periods: string[],
): Promise<ExistingObservation[]> {
  if (indicatorIds.length === 0 || periods.length === 0) return [];
  let rows: ExistingObservation[] = [];
  for (let i = 0; i < periods.length; i += PERIOD_CHUNK) {
    const part = await db
      .selectFrom('observation')
      .select(['id', 'municipality_id', 'indicator_id', 'period', 'value', 'revision'])
      .where('indicator_id', 'in', indicatorIds)
      .where('period', 'in', periods.slice(i, i + PERIOD_CHUNK))
      .execute();
    // Not push(...part): a million arguments overflow the stack.
    rows = rows.length === 0 ? part : rows.concat(part);
  }
  return rows;
}

// SQLite binds at most 32,766 parameters per statement; PostgreSQL takes whole arrays.
const SQLITE_ROWS = 6000;
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
 * Inserts new observations with their first revision, naming the import batch and file row;
 * their provenance is the batch's (no text per row). `onChunk` after each part written. Runs
 * inside the caller's transaction, on its own connection. On SQLite: prepared multi-row
 * INSERTs through better-sqlite3, ids assigned from the current maximum (safe: the transaction
 * holds the write lock from its first write on). On PostgreSQL: ids reserved from the identity
 * sequence under a lock that keeps other writers of `observation` out, then COPY straight into
 * both tables; large imports check the foreign keys once, set-wise.
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
  '(id, municipality_id, indicator_id, period, value, revision, is_illustrative)';
const REVISION_COLUMNS = '(observation_id, revision, new_value, import_batch_id, source_row)';

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
  const statements = new Map<
    number,
    { obs: SqliteDatabase.Statement; rev: SqliteDatabase.Statement }
  >();
  const prepare = (rows: number) => {
    let s = statements.get(rows);
    if (!s) {
      s = {
        obs: db.prepare(
          `INSERT INTO observation ${OBSERVATION_COLUMNS} VALUES ${repeat(rows, '(?,?,?,?,?,1,0)')}`,
        ),
        rev: db.prepare(
          `INSERT INTO observation_revision ${REVISION_COLUMNS}
           VALUES ${repeat(rows, `(?,1,?,${Number(batchId)},?)`)}`,
        ),
      };
      statements.set(rows, s);
    }
    return s;
  };
  const obsParams: unknown[] = [];
  const revParams: unknown[] = [];
  for (let start = 0; start < values.length; start += PROGRESS_ROWS) {
    const end = Math.min(values.length, start + PROGRESS_ROWS);
    for (let from = start; from < end; from += SQLITE_STATEMENT_ROWS) {
      const to = Math.min(end, from + SQLITE_STATEMENT_ROWS);
      const { obs, rev } = prepare(to - from);
      obsParams.length = 0;
      revParams.length = 0;
      for (let k = from; k < to; k += 1) {
        const v = values[k] as NewValue;
        obsParams.push(nextId, v.municipalityId, v.indicatorId, v.period, v.value);
        revParams.push(nextId, v.value, v.row);
        nextId += 1;
      }
      obs.run(obsParams);
      rev.run(revParams);
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
    const observationParams: unknown[] = [];
    const revisionParams: unknown[] = [];
    for (const v of chunk) {
      observationParams.push(nextId, v.municipalityId, v.indicatorId, v.period, v.value);
      revisionParams.push(nextId, v.value, v.row);
      nextId += 1;
    }
    await trx.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO observation ${OBSERVATION_COLUMNS} VALUES ${repeat(chunk.length, '(?,?,?,?,?,1,0)')}`,
        observationParams,
      ),
    );
    await trx.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO observation_revision ${REVISION_COLUMNS}
         VALUES ${repeat(chunk.length, `(?,1,?,${Number(batchId)},?)`)}`,
        revisionParams,
      ),
    );
    await onChunk?.(start + chunk.length);
  }
}

async function copyRows(client: pg.PoolClient, statement: string, rows: Buffer): Promise<void> {
  await pipeline(Readable.from([rows]), client.query(copyFrom(statement)));
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
  const large = values.length >= SET_WISE_ROWS;
  const suspended = large
    ? await suspendConstraints(client, worthRebuilding(values.length, rows[0]?.stored ?? 0))
    : { foreignKeys: [], indexes: [] };
  const observations = new BinaryCopy();
  const revisions = new BinaryCopy();
  for (let start = 0; start < values.length; start += PROGRESS_ROWS) {
    const end = Math.min(values.length, start + PROGRESS_ROWS);
    observations.start();
    revisions.start();
    for (let k = start; k < end; k += 1) {
      const v = values[k] as NewValue;
      const id = first + k;
      observations.row(5).int4(id).int4(v.municipalityId).int4(v.indicatorId).text(v.period);
      observations.float8(v.value);
      revisions.row(5).int4(id).int4(1).float8(v.value).int4(batchId).int4(v.row);
    }
    await copyRows(
      client,
      'COPY observation (id, municipality_id, indicator_id, period, value) FROM STDIN BINARY',
      observations.finish(),
    );
    await copyRows(
      client,
      `COPY observation_revision ${REVISION_COLUMNS} FROM STDIN BINARY`,
      revisions.finish(),
    );
    await onChunk?.(end);
  }
  for (const definition of suspended.indexes) await client.query(definition);
  // Re-created as they were: each validates every row of its table in one set-wise query, and
  // a row that breaks one fails the whole import.
  for (const fk of suspended.foreignKeys)
    await client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${fk.name} ${fk.definition}`);
}

/** From this many new values on, the foreign keys are checked once set-wise, not per row. */
const SET_WISE_ROWS = 100_000;

interface Suspended {
  /** Foreign keys of observation and observation_revision, to add again as they were. */
  foreignKeys: { tbl: string; name: string; definition: string }[];
  /** `CREATE INDEX` statements of the secondary indexes of observation, to run again. */
  indexes: string[];
}

/**
 * Drops the foreign keys of observation and observation_revision (and, with `indexes`, the
 * secondary indexes of observation) inside the import's transaction, to re-create them when
 * the rows are in: four checks per value become four queries per import. The drop locks those
 * tables and the ones they reference until the commit, so nobody sees them without their keys.
 * When another session holds a lock for more than two seconds, nothing is dropped and every
 * row is checked as it is inserted.
 */
async function suspendConstraints(client: pg.PoolClient, indexes: boolean): Promise<Suspended> {
  const { rows: foreignKeys } = await client.query<Suspended['foreignKeys'][number]>(
    `SELECT quote_ident(c.conname) AS name, c.conrelid::regclass::text AS tbl,
       pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c
     WHERE c.contype = 'f' AND c.conrelid IN ('observation'::regclass, 'observation_revision'::regclass)
     ORDER BY c.conrelid::regclass::text, c.conname`,
  );
  // Indexes that back no constraint (the unique and primary keys stay).
  const { rows: secondary } = indexes
    ? await client.query<{ name: string; definition: string }>(
        `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i
         WHERE i.indrelid = 'observation'::regclass
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
         ORDER BY 1`,
      )
    : { rows: [] };
  const timeout = await client.query<{ lock_timeout: string }>('SHOW lock_timeout');
  await client.query('SAVEPOINT suspend_constraints');
  try {
    await client.query(`SET LOCAL lock_timeout = '2s'`);
    for (const fk of foreignKeys)
      await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.name}`);
    for (const ix of secondary) await client.query(`DROP INDEX ${ix.name}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '55P03') throw error;
    // Undoes the drops made so far and the timeout.
    await client.query('ROLLBACK TO SAVEPOINT suspend_constraints');
    return { foreignKeys: [], indexes: [] };
  }
  await client.query('RELEASE SAVEPOINT suspend_constraints');
  await client.query(`SELECT set_config('lock_timeout', $1, true)`, [
    timeout.rows[0]?.lock_timeout ?? '0',
  ]);
  return { foreignKeys, indexes: secondary.map((ix) => ix.definition) };
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
      WITH input AS (
        SELECT * FROM unnest(
          ${chunk.map((v) => v.municipalityId)}::int[], ${chunk.map((v) => v.indicatorId)}::int[],
          ${chunk.map((v) => v.period)}::text[], ${chunk.map((v) => v.value)}::float8[],
          ${chunk.map((v) => v.row)}::int[]) AS t(m, i, p, v, r)
      ), inserted AS (
        INSERT INTO observation (municipality_id, indicator_id, period, value, revision, is_illustrative)
        SELECT m, i, p, v, 1, 0 FROM input
        RETURNING id, municipality_id, indicator_id, period, value
      )
      INSERT INTO observation_revision ${sql.raw(REVISION_COLUMNS)}
      SELECT o.id, 1, o.value, ${batchId}::int, input.r
      FROM inserted o JOIN input ON o.municipality_id = input.m AND o.indicator_id = input.i AND o.period = input.p
    `.execute(trx);
    await onChunk?.(start + chunk.length);
  }
}

/** `row,row,…`: `rows` copies of one row's VALUES tuple. */
function repeat(rows: number, row: string): string {
  return new Array(rows).fill(row).join(',');
}

/**
 * Sets new values on existing observations, bumps their revision and appends old → new naming
 * the batch and row; the observation's own provenance becomes its new revision's (null).
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
    if (postgres) {
      const ids = chunk.map((c) => c.observationId);
      const news = chunk.map((c) => c.newValue);
      const revs = chunk.map((c) => c.revision);
      await sql`
        UPDATE observation AS o SET value = t.v, revision = t.rev,
          source = NULL, author = NULL, recorded_at = NULL
        FROM unnest(${ids}::int[], ${news}::float8[], ${revs}::int[]) AS t(id, v, rev)
        WHERE o.id = t.id`.execute(trx);
      await sql`
        INSERT INTO observation_revision
          (observation_id, revision, old_value, new_value, import_batch_id, source_row)
        SELECT t.id, t.rev, t.old, t.v, ${batchId}::int, t.r
        FROM unnest(${ids}::int[], ${revs}::int[], ${chunk.map((c) => c.oldValue)}::float8[],
          ${news}::float8[], ${chunk.map((c) => c.row)}::int[]) AS t(id, rev, old, v, r)`.execute(
        trx,
      );
    } else {
      const rows = sql.join(
        chunk.map(
          (c) => sql`(${c.observationId}, ${c.newValue}, ${c.revision}, ${c.oldValue}, ${c.row})`,
        ),
      );
      await sql`
        UPDATE observation SET value = v.column2, revision = v.column3,
          source = NULL, author = NULL, recorded_at = NULL
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
