import { open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
} from 'kysely';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { SqliteColumnReaders } from './sqlite-column-readers.js';

/**
 * Makes the write-ahead log durable off the event loop. `flush()` resolves once every commit
 * made before the call is on disk: one fdatasync of the WAL file runs at a time in libuv's
 * thread pool, and the commits that arrive while it runs share the next one (group commit).
 * An in-memory or read-only database has nothing to sync.
 */
export class WalSync {
  #running: Promise<void> | null = null;
  #queued: Promise<void> | null = null;
  /** The log's size in bytes at the last sync that reported it (0 before). */
  walBytes = 0;

  constructor(
    private readonly walFile: string | null,
    /** Syncs the file; may give its size, which decides when the log is checkpointed. */
    private readonly syncFile: (file: string) => Promise<number | undefined> = syncToDisk(),
  ) {}

  flush(): Promise<void> {
    if (this.walFile === null) return Promise.resolve();
    if (this.#queued) return this.#queued;
    if (!this.#running) return this.#start();
    // The running sync may have started before this commit was written: wait for the next.
    this.#queued = this.#running
      .catch(() => {})
      .then(() => {
        this.#queued = null;
        return this.#running ?? this.#start();
      });
    return this.#queued;
  }

  /** Resolves when the syncs asked for so far have finished, whatever their outcome. */
  async idle(): Promise<void> {
    await (this.#queued ?? this.#running)?.catch(() => {});
  }

  #start(): Promise<void> {
    const run = this.syncFile(this.walFile as string)
      .then((bytes) => {
        if (bytes !== undefined) this.walBytes = bytes;
      })
      .finally(() => {
        if (this.#running === run) this.#running = null;
      });
    this.#running = run;
    return run;
  }
}

/**
 * fdatasync of a file, and once of its directory, so that a file made since is found again;
 * gives the file's size.
 */
function syncToDisk() {
  let directorySynced = false;
  return async (file: string) => {
    // Opened for each sync: the log can be deleted and made again by the last connection to
    // close, and an fdatasync through any descriptor flushes the file itself.
    const handle = await open(file, 'r');
    let bytes: number;
    try {
      await handle.datasync();
      bytes = (await handle.stat()).size;
    } finally {
      await handle.close();
    }
    if (directorySynced) return bytes;
    const directory = await open(dirname(file), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
    directorySynced = true;
    return bytes;
  };
}

/** The statements a connection prepared, by SQL text, the least recently used dropped first. */
class StatementCache {
  readonly #statements = new Map<string, SqliteDatabase.Statement>();

  constructor(
    private readonly database: SqliteDatabase.Database,
    private readonly size: number,
  ) {}

  get(sql: string): SqliteDatabase.Statement {
    const cached = this.#statements.get(sql);
    if (cached) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.database.prepare(sql);
    this.#statements.set(sql, statement);
    if (this.#statements.size > this.size) {
      const oldest = this.#statements.keys().next().value as string;
      this.#statements.delete(oldest);
    }
    return statement;
  }
}

/**
 * The log's size past which it is checkpointed: about SQLite's own threshold of 1,000 pages
 * of 4 KiB.
 */
export const WAL_CHECKPOINT_BYTES = 4 * 1024 * 1024;

/** Statements that only open or close a transaction: they write nothing of their own. */
const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

/** One holder's use of the single connection: what it wrote decides whether it waits for a sync. */
class HeldConnection implements DatabaseConnection {
  #wrote = false;
  readonly #changesAtStart: number;

  constructor(
    private readonly database: SqliteDatabase.Database,
    private readonly statements: StatementCache,
    private readonly counter: { statementsSent: number },
  ) {
    this.#changesAtStart = this.#totalChanges();
  }

  /** Whether this holder changed anything: by a statement of its own or through the raw handle. */
  wrote(): boolean {
    return this.#wrote || this.#totalChanges() !== this.#changesAtStart;
  }

  #totalChanges(): number {
    return this.statements.get('select total_changes() as n').pluck().get() as number;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    this.counter.statementsSent += 1;
    const statement = this.statements.get(sql);
    if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
    // A change of schema or settings writes too, though it counts no changed rows.
    if (!TRANSACTION_CONTROL.test(sql)) this.#wrote = true;
    const { changes, lastInsertRowid } = statement.run(parameters);
    return Promise.resolve({
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
      rows: [],
    });
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query))
      throw new Error('SQLite streams only SELECT queries');
    this.counter.statementsSent += 1;
    // A statement of its own: a cached one could be asked to run while this one iterates.
    const statement = this.database.prepare(compiledQuery.sql);
    for (const row of statement.iterate(compiledQuery.parameters)) yield { rows: [row as R] };
  }
}

/** A first-come, first-served lock on the one connection. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();

  async lock(): Promise<() => void> {
    let unlock: () => void = () => {};
    const next = new Promise<void>((resolve) => {
      unlock = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => next);
    await previous;
    return unlock;
  }
}

/**
 * Kysely's driver for better-sqlite3, with `synchronous=NORMAL` on the connection and the
 * durability of `synchronous=FULL` kept by the driver: whoever wrote gives the connection back
 * first and then waits for the WAL to be on disk (see WalSync), so the answer to a save still
 * comes after its data is durable, while the event loop and the next writers go on. Statements
 * are prepared once per SQL text. See docs/decisions/0190-sqlite-commits-synced-off-the-event-loop.md.
 */
export class DurableSqliteDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #unlocks = new Map<HeldConnection, () => void>();
  readonly #statements: StatementCache;
  readonly #sync: WalSync;
  readonly #checkpointer: SqliteCheckpointer | null;
  /** Threads that read a large period's values (decision 0250): absent without a WAL. */
  readonly readers: SqliteColumnReaders | null;
  /** Statements run through Kysely so far, BEGIN and COMMIT included. */
  statementsSent = 0;

  constructor(
    readonly database: SqliteDatabase.Database,
    /** How the WAL file is made durable; the default is fdatasync (tests watch the order). */
    syncFile?: (file: string) => Promise<number | undefined>,
  ) {
    this.#statements = new StatementCache(database, 500);
    const wal =
      !database.memory &&
      !database.readonly &&
      String(database.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    this.#sync = new WalSync(wal ? `${resolve(database.name)}-wal` : null, syncFile);
    this.#checkpointer = wal ? new SqliteCheckpointer(resolve(database.name)) : null;
    this.readers = wal ? new SqliteColumnReaders(resolve(database.name)) : null;
    if (wal) {
      // Checkpoints run in their own thread (decision 0240): none inside a COMMIT.
      database.pragma('wal_autocheckpoint = 0');
      // A log emptied by a checkpoint shrinks back to this size when it starts again, so that
      // its size says how much was written since: past it, a checkpoint is asked for.
      database.pragma(`journal_size_limit = ${WAL_CHECKPOINT_BYTES}`);
    }
  }

  /** The checkpoints' thread, for tests and the journal: absent without a WAL. */
  get checkpointer(): SqliteCheckpointer | null {
    return this.#checkpointer;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const unlock = await this.#mutex.lock();
    const connection = new HeldConnection(this.database, this.#statements, this);
    this.#unlocks.set(connection, unlock);
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const held = connection as HeldConnection;
    const wrote = held.wrote();
    this.#unlocks.get(held)?.();
    this.#unlocks.delete(held);
    if (!wrote) return;
    await this.#sync.flush();
    if (this.#sync.walBytes > WAL_CHECKPOINT_BYTES) void this.#checkpointer?.request();
  }

  /** Waits for the syncs and the checkpoint under way, then closes the database. */
  async destroy(): Promise<void> {
    await this.#sync.idle();
    await this.#checkpointer?.close();
    await this.readers?.close();
    this.database.close();
  }
}
