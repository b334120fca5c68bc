import { CompiledQuery, type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';
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

/**
 * Inserts new observations with their first revision, naming the import batch and file row,
 * in chunks (`onChunk` after each). Runs inside the caller's transaction. On SQLite, ids are
 * assigned from the current maximum, which is safe because the transaction holds the write
 * lock from its first write on; on PostgreSQL the identity sequence assigns them and the
 * revisions are joined back on the (unit, indicator, period) key.
 */
export async function insertObservationsBulk(
  trx: Kysely<Database>,
  values: NewValue[],
  p: WriteProvenance,
  onChunk?: (written: number) => Promise<void> | void,
): Promise<void> {
  if (dialectOf(trx as unknown as Kysely<unknown>) === 'postgres') {
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
    return;
  }
  const max = await sql<{ m: number | null }>`SELECT max(id) AS m FROM observation`.execute(trx);
  let nextId = Number(max.rows[0]?.m ?? 0) + 1;
  const constants = [p.source, p.author, p.at];
  for (let start = 0; start < values.length; start += SQLITE_ROWS) {
    const chunk = values.slice(start, start + SQLITE_ROWS);
    // Plain SQL text with positional parameters: building the statement through the query
    // builder costs more than SQLite spends inserting the rows.
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
