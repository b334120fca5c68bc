import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BinaryCopy } from '../binary-copy.js';

export interface TargetColumn {
  name: string;
  /** PostgreSQL's `information_schema.columns.data_type`. */
  type: string;
}

/** Rows handed to the server per part of the COPY. */
const PART_ROWS = 5000;

function writeField(payload: BinaryCopy, value: unknown, column: TargetColumn, where: string) {
  if (value === null || value === undefined) return payload.null();
  switch (column.type) {
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 2 ** 31)
        return payload.int4(value);
      break;
    case 'double precision':
      if (typeof value === 'number') return payload.float8(value);
      break;
    case 'text':
    case 'character varying':
      if (typeof value === 'string') return payload.text(value);
      if (typeof value === 'number') return payload.text(String(value));
      break;
    case 'bytea':
      if (value instanceof Uint8Array) return payload.bytes(value);
      break;
  }
  throw new Error(
    `${where}, столбец ${column.name}: значение ${JSON.stringify(value)?.slice(0, 60)} ` +
      `не подходит для типа PostgreSQL «${column.type}»; ничего не перенесено.`,
  );
}

/**
 * Copies every row of one SQLite table into the PostgreSQL table of the same name with one
 * binary COPY on `client` (inside the caller's transaction), ids included, in parts.
 * Returns the number of rows copied.
 */
export async function copyTable(
  source: SqliteDatabase.Database,
  client: pg.PoolClient,
  table: string,
  columns: readonly TargetColumn[],
): Promise<number> {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const rows = source.prepare(`SELECT ${names} FROM "${table}" ORDER BY rowid`).raw(true).iterate();
  const payload = new BinaryCopy().start();
  let copied = 0;
  async function* parts() {
    for (const row of rows as Iterable<unknown[]>) {
      copied += 1;
      payload.row(columns.length);
      for (let k = 0; k < columns.length; k += 1)
        writeField(
          payload,
          row[k],
          columns[k] as TargetColumn,
          `таблица ${table}, строка ${copied}`,
        );
      if (copied % PART_ROWS === 0) yield payload.take();
    }
    yield payload.finish();
  }
  await pipeline(
    Readable.from(parts()),
    client.query(copyFrom(`COPY "${table}" (${names}) FROM STDIN BINARY`)),
  );
  return copied;
}
