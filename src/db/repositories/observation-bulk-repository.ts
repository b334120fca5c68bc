import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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

/** Who wrote a set of values and from where: copied to every observation and revision. */
export interface WriteProvenance {
  source: string;
  author: string;
  at: string;
  batchId: number;
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
  const rows: ExistingObservation[] = [];
  for (let i = 0; i < periods.length; i += PERIOD_CHUNK) {
    rows.push(
      ...(await db
        .selectFrom('observation')
        .select(['id', 'municipality_id', 'indicator_id', 'period', 'value', 'revision'])
        .where('indicator_id', 'in', indicatorIds)
        .where('period', 'in', periods.slice(i, i + PERIOD_CHUNK))
        .execute()),
    );
  }
  return rows;
}

// SQLite binds at most 32,766 parameters per statement; PostgreSQL takes whole arrays.
const SQLITE_ROWS = 6000;
const POSTGRES_ROWS = 50_000;
/** Rows written between two progress reports (and, in the crash test, two pauses). */
const PROGRESS_ROWS = 100_000;
/** Rows per prepared multi-row INSERT on SQLite: prepared once, run again and again. */
const SQLITE_STATEMENT_ROWS = 200;

/**
 * Inserts new observations with their first revision, naming the import batch and file row
 * (`onChunk` after each part written). Runs inside the caller's transaction, on its own
 * connection. On SQLite: prepared multi-row INSERTs through better-sqlite3, ids assigned from
 * the current maximum (safe: the transaction holds the write lock from its first write on).
 * On PostgreSQL: COPY into a temporary table whose ids come from the identity sequence, then
 * one INSERT … SELECT into each table; large imports check the foreign keys once, set-wise.
 */
export async function insertObservationsBulk(
  trx: Kysely<Database>,
  values: NewValue[],
  p: WriteProvenance,
  onChunk?: (written: number) => Promise<void> | void,
): Promise<void> {
  if (values.length === 0) return;
  const raw = trx as unknown as Kysely<unknown>;
  if (dialectOf(raw) === 'postgres') {
    const client = await rawPostgresClient(raw);
    if (client) return copyObservations(trx, client, values, p, onChunk);
    return insertObservationsUnnest(trx, values, p, onChunk);
  }
  const sqlite = rawSqlite(raw);
  if (sqlite) return insertObservationsSqlite(trx, sqlite, values, p, onChunk);
  return insertObservationsSqliteKysely(trx, values, p, onChunk);
}

async function nextSqliteId(trx: Kysely<Database>): Promise<number> {
  const max = await sql<{ m: number | null }>`SELECT max(id) AS m FROM observation`.execute(trx);
  return Number(max.rows[0]?.m ?? 0) + 1;
}

async function insertObservationsSqlite(
  trx: Kysely<Database>,
  db: SqliteDatabase.Database,
  values: NewValue[],
  p: WriteProvenance,
  onChunk?: (written: number) => Promise<void> | void,
): Promise<void> {
  let nextId = await nextSqliteId(trx);
  const statements = new Map<
    number,
    { obs: SqliteDatabase.Statement; rev: SqliteDatabase.Statement }
  >();
  const prepare = (rows: number) => {
    let s = statements.get(rows);
    if (!s) {
      s = {
        obs: db.prepare(
          `INSERT INTO observation
            (id, municipality_id, indicator_id, period, value, source, author, recorded_at, revision, is_illustrative)
          SELECT column1, column2, column3, column4, column5, ?, ?, ?, 1, 0
          FROM (VALUES ${placeholders(rows, 5)})`,
        ),
        rev: db.prepare(
          `INSERT INTO observation_revision
            (observation_id, revision, old_value, new_value, source, author, changed_at, note, import_batch_id, source_row)
          SELECT column1, 1, NULL, column2, ?, ?, ?, NULL, ?, column3
          FROM (VALUES ${placeholders(rows, 3)})`,
        ),
      };
      statements.set(rows, s);
    }
    return s;
  };
  for (let start = 0; start < values.length; start += PROGRESS_ROWS) {
    const end = Math.min(values.length, start + PROGRESS_ROWS);
    for (let from = start; from < end; from += SQLITE_STATEMENT_ROWS) {
      const to = Math.min(end, from + SQLITE_STATEMENT_ROWS);
      const { obs, rev } = prepare(to - from);
      const obsParams: unknown[] = [p.source, p.author, p.at];
      const revParams: unknown[] = [p.source, p.author, p.at, p.batchId];
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
}

/** The same through Kysely, for a SQLite database opened elsewhere. */
async function insertObservationsSqliteKysely(
  trx: Kysely<Database>,
  values: NewValue[],
  p: WriteProvenance,
  onChunk?: (written: number) => Promise<void> | void,
): Promise<void> {
  let nextId = await nextSqliteId(trx);
  const constants = [p.source, p.author, p.at];
  for (let start = 0; start < values.length; start += SQLITE_ROWS) {
    const chunk = values.slice(start, start + SQLITE_ROWS);
    const observationParams: unknown[] = [...constants];
    const revisionParams: unknown[] = [...constants, p.batchId];
    for (const v of chunk) {
      observationParams.push(nextId, v.municipalityId, v.indicatorId, v.period, v.value);
      revisionParams.push(nextId, v.value, v.row);
      nextId += 1;
    }
    await trx.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO observation
          (id, municipality_id, indicator_id, period, value, source, author, recorded_at, revision, is_illustrative)
        SELECT column1, column2, column3, column4, column5, ?, ?, ?, 1, 0
        FROM (VALUES ${placeholders(chunk.length, 5)})`,
        observationParams,
      ),
    );
    await trx.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO observation_revision
          (observation_id, revision, old_value, new_value, source, author, changed_at, note, import_batch_id, source_row)
        SELECT column1, 1, NULL, column2, ?, ?, ?, NULL, ?, column3
        FROM (VALUES ${placeholders(chunk.length, 3)})`,
        revisionParams,
      ),
    );
    await onChunk?.(start + chunk.length);
  }
}

/** COPY text format: backslash, tab and line breaks escaped. */
const copyText = (text: string) =>
  /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;

async function copyObservations(
  trx: Kysely<Database>,
  client: pg.PoolClient,
  values: NewValue[],
  p: WriteProvenance,
  onChunk?: (written: number) => Promise<void> | void,
): Promise<void> {
  const seq = await sql<{
    s: string;
  }>`SELECT pg_get_serial_sequence('observation', 'id') AS s`.execute(trx);
  const sequence = seq.rows[0]?.s;
  if (!sequence) throw new Error('observation.id has no sequence');
  // Ids are drawn from the table's own sequence while the rows are copied, so that the
  // revisions can name their observation without joining back on the natural key.
  await client.query(
    `CREATE TEMPORARY TABLE import_stage (
      id integer NOT NULL DEFAULT nextval('${sequence.replace(/'/g, "''")}'::regclass),
      m integer NOT NULL, i integer NOT NULL, p text NOT NULL, v double precision NOT NULL,
      r integer NOT NULL) ON COMMIT DROP`,
  );
  const suspended = values.length >= SET_WISE_ROWS ? await suspendForeignKeys(client) : [];
  for (let start = 0; start < values.length; start += PROGRESS_ROWS) {
    const end = Math.min(values.length, start + PROGRESS_ROWS);
    if (start > 0) await client.query('TRUNCATE import_stage');
    const lines: string[] = new Array(end - start);
    for (let k = start; k < end; k += 1) {
      const v = values[k] as NewValue;
      lines[k - start] =
        `${v.municipalityId}\t${v.indicatorId}\t${copyText(v.period)}\t${v.value}\t${v.row}\n`;
    }
    const stream = client.query(copyFrom('COPY import_stage (m, i, p, v, r) FROM STDIN'));
    await pipeline(Readable.from([lines.join('')]), stream);
    await client.query(
      `INSERT INTO observation
        (id, municipality_id, indicator_id, period, value, source, author, recorded_at, revision, is_illustrative)
      SELECT id, m, i, p, v, $1, $2, $3, 1, 0 FROM import_stage`,
      [p.source, p.author, p.at],
    );
    await client.query(
      `INSERT INTO observation_revision
        (observation_id, revision, old_value, new_value, source, author, changed_at, note, import_batch_id, source_row)
      SELECT id, 1, NULL, v, $1, $2, $3, NULL, $4, r FROM import_stage`,
      [p.source, p.author, p.at, p.batchId],
    );
    await onChunk?.(end);
  }
  await client.query('DROP TABLE import_stage');
  // Re-created as they were: each validates every row of its table in one set-wise query, and
  // a row that breaks one fails the whole import.
  for (const fk of suspended)
    await client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${fk.name} ${fk.definition}`);
}

/** From this many new values on, the foreign keys are checked once set-wise, not per row. */
const SET_WISE_ROWS = 100_000;

interface ForeignKey {
  tbl: string;
  name: string;
  definition: string;
}

/**
 * Drops the foreign keys of observation and observation_revision inside the import's
 * transaction, to re-create them when the rows are in: four checks per value become four
 * queries per import. The drop locks those tables and the ones they reference until the
 * commit, so nobody sees them without their keys. When another session holds a lock for more
 * than two seconds, nothing is dropped and every row is checked as it is inserted.
 */
async function suspendForeignKeys(client: pg.PoolClient): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(
    `SELECT quote_ident(c.conname) AS name, c.conrelid::regclass::text AS tbl,
       pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c
     WHERE c.contype = 'f' AND c.conrelid IN ('observation'::regclass, 'observation_revision'::regclass)
     ORDER BY c.conrelid::regclass::text, c.conname`,
  );
  const timeout = await client.query<{ lock_timeout: string }>('SHOW lock_timeout');
  await client.query('SAVEPOINT suspend_foreign_keys');
  try {
    await client.query(`SET LOCAL lock_timeout = '2s'`);
    for (const fk of rows) await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.name}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '55P03') throw error;
    // Undoes the drops made so far and the timeout.
    await client.query('ROLLBACK TO SAVEPOINT suspend_foreign_keys');
    return [];
  }
  await client.query('RELEASE SAVEPOINT suspend_foreign_keys');
  await client.query(`SELECT set_config('lock_timeout', $1, true)`, [
    timeout.rows[0]?.lock_timeout ?? '0',
  ]);
  return rows;
}

/** The same with unnest arrays, for a PostgreSQL database opened elsewhere. */
async function insertObservationsUnnest(
  trx: Kysely<Database>,
  values: NewValue[],
  p: WriteProvenance,
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
        INSERT INTO observation
          (municipality_id, indicator_id, period, value, source, author, recorded_at, revision, is_illustrative)
        SELECT m, i, p, v, ${p.source}, ${p.author}, ${p.at}, 1, 0 FROM input
        RETURNING id, municipality_id, indicator_id, period, value
      )
      INSERT INTO observation_revision
        (observation_id, revision, old_value, new_value, source, author, changed_at, note, import_batch_id, source_row)
      SELECT o.id, 1, NULL, o.value, ${p.source}, ${p.author}, ${p.at}, NULL, ${p.batchId}::int, input.r
      FROM inserted o JOIN input ON o.municipality_id = input.m AND o.indicator_id = input.i AND o.period = input.p
    `.execute(trx);
    await onChunk?.(start + chunk.length);
  }
}

/**
 * `(?,?),(?,?)…` for `rows` rows of `width` parameters. Anonymous parameters bind in order of
 * appearance, so the constants in the SELECT list come first.
 */
function placeholders(rows: number, width: number): string {
  const row = `(${new Array(width).fill('?').join(',')})`;
  return new Array(rows).fill(row).join(',');
}

/** Sets new values on existing observations, bumps their revision and appends old → new. */
export async function updateObservationsBulk(
  trx: Kysely<Database>,
  changes: ChangedValue[],
  p: WriteProvenance,
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
          source = ${p.source}, author = ${p.author}, recorded_at = ${p.at}
        FROM unnest(${ids}::int[], ${news}::float8[], ${revs}::int[]) AS t(id, v, rev)
        WHERE o.id = t.id`.execute(trx);
      await sql`
        INSERT INTO observation_revision
          (observation_id, revision, old_value, new_value, source, author, changed_at, note, import_batch_id, source_row)
        SELECT t.id, t.rev, t.old, t.v, ${p.source}, ${p.author}, ${p.at}, NULL, ${p.batchId}::int, t.r
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
          source = ${p.source}, author = ${p.author}, recorded_at = ${p.at}
        FROM (VALUES ${rows}) AS v WHERE observation.id = v.column1`.execute(trx);
      await sql`
        INSERT INTO observation_revision
          (observation_id, revision, old_value, new_value, source, author, changed_at, note, import_batch_id, source_row)
        SELECT column1, column3, column4, column2, ${p.source}, ${p.author}, ${p.at}, NULL, ${p.batchId}, column5
        FROM (VALUES ${rows})`.execute(trx);
    }
    await onChunk?.(start + chunk.length);
  }
}
