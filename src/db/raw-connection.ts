import type SqliteDatabase from 'better-sqlite3';
import {
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  sql,
} from 'kysely';
import type pg from 'pg';
import { LazyBeginPostgresDriver } from './postgres-lazy-begin.js';
import type { SqliteColumnReaders } from './sqlite-column-readers.js';
import { DurableSqliteDriver } from './sqlite-driver.js';

/**
 * The bulk write path needs what Kysely does not expose: better-sqlite3's prepared statements
 * and PostgreSQL's COPY on the transaction's own connection. Kysely hands one adapter object to
 * a database and to every transaction on it, so these adapters carry the way to the driver.
 */
class RawSqliteAdapter extends SqliteAdapter {
  constructor(
    readonly database: SqliteDatabase.Database,
    readonly readers: SqliteColumnReaders | null,
  ) {
    super();
  }
}

class TrackingPostgresAdapter extends PostgresAdapter {
  /** Every open pool connection by its server process id. */
  readonly clients = new Map<number, pg.PoolClient>();
}

/**
 * SQLite through Kysely, with the better-sqlite3 handle reachable from any transaction and
 * commits made durable off the event loop (DurableSqliteDriver).
 */
export function rawSqliteDialect(
  database: SqliteDatabase.Database,
): SqliteDialect & { statementsSent(): number } {
  const driver = new DurableSqliteDriver(database);
  const adapter = new RawSqliteAdapter(database, driver.readers);
  return new (class extends SqliteDialect {
    override createAdapter(): DialectAdapter {
      return adapter;
    }
    override createDriver(): Driver {
      return driver;
    }
    /** Statements Kysely ran on the connection, BEGIN and COMMIT included. */
    statementsSent(): number {
      return driver.statementsSent;
    }
  })({ database });
}

/**
 * PostgreSQL through Kysely, with each pool connection reachable by its process id and a
 * transaction's BEGIN sent with its advisory lock (LazyBeginPostgresDriver).
 */
export function trackingPostgresDialect(pool: pg.Pool): PostgresDialect {
  const adapter = new TrackingPostgresAdapter();
  pool.on('connect', (client) => {
    const pid = (client as pg.PoolClient & { processID: number | null }).processID;
    if (pid !== null) adapter.clients.set(pid, client);
  });
  pool.on('remove', (client) => {
    for (const [pid, c] of adapter.clients) if (c === client) adapter.clients.delete(pid);
  });
  return new (class extends PostgresDialect {
    override createAdapter(): DialectAdapter {
      return adapter;
    }
    override createDriver(): Driver {
      return new LazyBeginPostgresDriver({ pool });
    }
  })({ pool });
}

/**
 * The better-sqlite3 handle under a Kysely database or transaction, or null (PostgreSQL, or
 * opened elsewhere). SQLite has one connection: statements run on it join the open
 * transaction, and the caller holds it for the whole transaction callback.
 */
export function rawSqlite(db: Kysely<unknown>): SqliteDatabase.Database | null {
  const adapter = db.getExecutor().adapter;
  return adapter instanceof RawSqliteAdapter ? adapter.database : null;
}

/** The threads that read a large period's values of a SQLite file (decision 0250), or null. */
export function sqliteColumnReaders(db: Kysely<unknown>): SqliteColumnReaders | null {
  const adapter = db.getExecutor().adapter;
  return adapter instanceof RawSqliteAdapter ? adapter.readers : null;
}

/**
 * The pg client a Kysely transaction runs on, found by asking the server which process the
 * transaction talks to; null when the database was not opened with `trackingPostgresDialect`.
 * Use it only inside that transaction, and only while no Kysely query runs on it.
 */
export async function rawPostgresClient(trx: Kysely<unknown>): Promise<pg.PoolClient | null> {
  const adapter = trx.getExecutor().adapter;
  if (!(adapter instanceof TrackingPostgresAdapter)) return null;
  const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
  const pid = rows[0]?.pid;
  return pid === undefined ? null : (adapter.clients.get(pid) ?? null);
}
