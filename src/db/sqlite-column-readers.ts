import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/** One indicator's values of a period at the units' positions, NaN where none is stored. */
export interface PeriodColumn {
  indicatorId: number;
  column: Float64Array;
}

/**
 * A period's column of one indicator as two plucked queries (indicator id, period), in the
 * covering index's order: the municipality ids, and the values at the same positions. Read
 * so by the threads and by the connection itself (readPeriodColumns).
 */
const WHERE = 'where indicator_id = ? and period = ? order by municipality_id';
export const PERIOD_COLUMN_SQL = {
  ids: `select municipality_id from observation ${WHERE}`,
  values: `select value from observation ${WHERE}`,
} as const;

/**
 * The thread's program: its own read-only connection to the database file. Asked for a
 * period's values of some indicators, it opens a read transaction, says so (`started`: from
 * then on it reads the database as it was at that moment, whatever is committed after), reads
 * each indicator's municipality ids and values as two plucked columns in the covering
 * index's order, puts each value at its unit's position and hands the columns over.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 10000');
const ids = db.prepare(${JSON.stringify(PERIOD_COLUMN_SQL.ids)}).pluck(true);
const values = db.prepare(${JSON.stringify(PERIOD_COLUMN_SQL.values)}).pluck(true);
const firstRead = db.prepare('select count(*) from sqlite_schema').pluck(true);
parentPort.postMessage({ ready: true });
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  const { indicatorIds, period, unitIds } = message;
  try {
    db.exec('begin');
    try {
      firstRead.get();
      parentPort.postMessage({ started: true });
      // Tests only: a pause in which another connection commits, not to be seen here.
      if (workerData.pauseMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.pauseMs);
      const position = new Map();
      for (let i = 0; i < unitIds.length; i++) position.set(unitIds[i], i);
      const columns = [];
      for (const indicatorId of indicatorIds) {
        const municipalities = ids.all(indicatorId, period);
        if (municipalities.length === 0) continue;
        const stored = values.all(indicatorId, period);
        let column = null;
        for (let k = 0; k < municipalities.length; k++) {
          const at = position.get(municipalities[k]);
          if (at === undefined) continue;
          if (column === null) column = new Float64Array(unitIds.length).fill(NaN);
          const value = stored[k];
          column[at] = value === null ? NaN : value;
        }
        if (column !== null) columns.push({ indicatorId, column });
      }
      parentPort.postMessage({ columns }, columns.map((c) => c.column.buffer));
    } finally {
      if (db.inTransaction) db.exec('commit');
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message ? error.message : error) });
  }
});
`;

const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');

type Reply = { ready?: true; started?: true; columns?: PeriodColumn[]; error?: string };

/** A thread with its connection, and the replies it is awaited for, in order. */
class ReaderThread {
  readonly #waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  readonly worker: Worker;
  failed: Error | null = null;

  constructor(file: string, pauseMs: number) {
    this.worker = new Worker(PROGRAM, {
      eval: true,
      workerData: { module: betterSqlite, file, pauseMs },
    });
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => {
      // An error ends the ask under way: every reply awaited for it fails.
      if (reply.error !== undefined) {
        const error = new Error(reply.error);
        for (const w of this.#waiting.splice(0)) w.reject(error);
      } else this.#waiting.shift()?.resolve(reply);
    });
    const fail = (error: Error) => {
      this.failed = error;
      for (const w of this.#waiting.splice(0)) w.reject(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new Error('поток чтения SQLite завершился')));
  }

  /** The next reply; the thread keeps the process alive until it comes. */
  reply(): Promise<Reply> {
    if (this.failed) return Promise.reject(this.failed);
    this.worker.ref();
    return new Promise<Reply>((resolve, reject) => this.#waiting.push({ resolve, reject })).finally(
      () => {
        if (this.#waiting.length === 0) this.worker.unref();
      },
    );
  }
}

/**
 * A large period's values read by threads of their own, each with its own connection
 * (decision 0250). better-sqlite3 makes a JavaScript value of each stored value on the thread
 * that asks, and at 20,000 units × 60 indicators that was 410–450 ms of the event loop's time;
 * two threads read the halves at once, and the event loop serves other requests meanwhile.
 *
 * What they read is one moment of the database, as a single read transaction would be: the
 * writer's connection takes the write lock (BEGIN IMMEDIATE) before the threads open their
 * read transactions and lets it go once all have, so no commit falls between them. When
 * another process holds the write lock, `read` gives null at once and the caller reads on its
 * own connection. The threads start at the first read and do not keep the process alive.
 */
export class SqliteColumnReaders {
  #threads: Promise<ReaderThread[]> | null = null;
  #tail: Promise<void> = Promise.resolve();
  #closed = false;
  /** Reads the threads have answered, for tests and the journal. */
  reads = 0;

  constructor(
    private readonly file: string,
    private readonly count = Math.max(1, Math.min(4, availableParallelism())),
    /** Tests only: how long each thread waits between opening its moment and reading. */
    private readonly pauseMs = 0,
  ) {}

  /**
   * The period's columns of `indicatorIds` at the positions of `unitIds` (none for an
   * indicator without a value at any of them), read at one moment; null when the write lock
   * could not be taken at once. `writer` is the connection that writes to the file, held by
   * the caller and outside any transaction; it resolves once the threads hold their moment
   * (the caller may then let the connection go), with the columns still to come.
   */
  async read(
    writer: SqliteDatabase.Database,
    indicatorIds: readonly number[],
    period: string,
    unitIds: readonly number[],
  ): Promise<{ columns: Promise<PeriodColumn[]> } | null> {
    if (this.#closed) return null;
    // One read at a time: a thread answers its asks in order.
    const previous = this.#tail;
    let done: () => void = () => {};
    this.#tail = new Promise<void>((resolve) => {
      done = resolve;
    });
    await previous;
    let columns: Promise<PeriodColumn[]> | null = null;
    try {
      const threads = await this.#ready();
      if (!takeWriteLock(writer)) return null;
      const asks = threads.map((thread, t) => {
        const started = thread.reply();
        const finished = thread.reply();
        // Settled even when `started` fails first; awaited below otherwise.
        finished.catch(() => {});
        const share = indicatorIds.filter((_, i) => i % threads.length === t);
        thread.worker.postMessage({ indicatorIds: share, period, unitIds });
        return { started, finished };
      });
      try {
        await Promise.all(asks.map((ask) => ask.started));
      } finally {
        writer.exec('commit');
      }
      columns = Promise.all(asks.map((ask) => ask.finished)).then(
        (replies) => {
          this.reads += 1;
          return replies.flatMap((reply) => reply.columns ?? []);
        },
        (error: Error) => this.#failed(error),
      );
      return { columns };
    } catch (error) {
      return this.#failed(error as Error);
    } finally {
      if (columns) columns.finally(done).catch(() => {});
      else done();
    }
  }

  /** The threads are stopped after a failure, and started afresh at the next read. */
  #failed(error: Error): never {
    const threads = this.#threads;
    this.#threads = null;
    void threads?.then(stop, () => {});
    throw error;
  }

  #ready(): Promise<ReaderThread[]> {
    this.#threads ??= (async () => {
      const threads = Array.from(
        { length: this.count },
        () => new ReaderThread(this.file, this.pauseMs),
      );
      try {
        await Promise.all(threads.map((t) => t.reply()));
      } catch (error) {
        // One that cannot open the file: the others are stopped too.
        stop(threads);
        throw error;
      }
      return threads;
    })().catch((error: Error) => {
      this.#threads = null;
      throw error;
    });
    return this.#threads;
  }

  /** Waits for the read under way, then closes the threads' connections. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#tail;
    const threads = await this.#threads?.catch(() => []);
    this.#threads = null;
    await Promise.all(
      (threads ?? []).map(async (thread) => {
        if (thread.failed) return;
        const exited = new Promise<void>((resolve) => thread.worker.once('exit', () => resolve()));
        thread.worker.ref();
        thread.worker.postMessage('close');
        await exited;
      }),
    );
  }
}

/** Ends the threads at once, their connections with them (nothing of theirs is written). */
function stop(threads: readonly ReaderThread[]): void {
  for (const thread of threads) void thread.worker.terminate();
}

/** BEGIN IMMEDIATE without waiting: false when another connection holds the write lock. */
function takeWriteLock(writer: SqliteDatabase.Database): boolean {
  const timeout = writer.pragma('busy_timeout', { simple: true }) as number;
  writer.pragma('busy_timeout = 0');
  try {
    writer.exec('begin immediate');
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw error;
  } finally {
    writer.pragma(`busy_timeout = ${timeout}`);
  }
}
