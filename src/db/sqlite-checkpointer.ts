import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What one checkpoint did: frames in the log, frames copied into the database, whether a reader kept some. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * The thread's program: its own connection to the database file, which copies the write-ahead
 * log into the database when asked (a PASSIVE checkpoint: it waits for no reader and no
 * writer) and syncs the database file after (synchronous=FULL, SQLite's default).
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message ? error.message : error) });
  }
});
`;

const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Checkpoints of a WAL database in a thread of their own (decision 0240). SQLite's automatic
 * checkpoint runs inside the COMMIT that fills the log past 1,000 pages, on the event loop:
 * it copies every page written since the last one into the database file and syncs that file
 * (38 of the 200 ms a 2,500-unit rating took to store). The connection therefore runs with
 * `wal_autocheckpoint=0`, and the driver asks for a checkpoint here once the log has grown
 * past the same size. One runs at a time; asks made meanwhile are met by one more run after
 * it, at least `spacingMs` later, so that pages written again and again are copied once per run.
 * The thread is started at the first ask and does not keep the process alive.
 */
export class SqliteCheckpointer {
  #worker: Worker | null = null;
  #running: Promise<CheckpointResult> | null = null;
  #again = false;
  #closed = false;
  #lastEnded = 0;
  #waiting: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
  /** The last failure, kept for the journal's reader; a failed checkpoint loses nothing. */
  lastError: string | null = null;
  runs = 0;

  constructor(
    private readonly file: string,
    private readonly spacingMs = 200,
  ) {}

  /** Asks for a checkpoint; resolves with the run that covers the ask (tests wait for it). */
  request(): Promise<CheckpointResult | null> {
    if (this.#closed) return Promise.resolve(null);
    if (this.#running) {
      this.#again = true;
      return this.#running.then(() => this.#running ?? this.request());
    }
    const wait = Math.max(0, this.#lastEnded + this.spacingMs - performance.now());
    const run = new Promise<void>((resolve) => {
      // Not kept alive by the wait: close() lets it go at once.
      this.#waiting = { timer: setTimeout(resolve, wait).unref(), resolve };
    })
      .then(() => {
        this.#waiting = null;
        return this.#checkpoint();
      })
      .finally(() => {
        this.#lastEnded = performance.now();
        this.#running = null;
        if (this.#again && !this.#closed) {
          this.#again = false;
          void this.request();
        }
      });
    this.#running = run;
    return run;
  }

  #checkpoint(): Promise<CheckpointResult> {
    if (this.#closed) return Promise.resolve({ busy: 0, log: 0, checkpointed: 0 });
    this.#worker ??= this.#start();
    const worker = this.#worker;
    return new Promise<CheckpointResult>((resolve, reject) => {
      const onExit = () => reject(new Error('поток контрольных точек SQLite завершился'));
      worker.once('exit', onExit);
      worker.once('message', (message: { result?: CheckpointResult; error?: string }) => {
        worker.off('exit', onExit);
        if (message.error !== undefined) reject(new Error(message.error));
        else resolve(message.result as CheckpointResult);
      });
      worker.ref();
      worker.postMessage('checkpoint');
    })
      .then((result) => {
        this.runs += 1;
        this.lastError = null;
        return result;
      })
      .catch((error: Error) => {
        this.lastError = error.message;
        return { busy: 1, log: 0, checkpointed: 0 };
      })
      .finally(() => worker.unref());
  }

  #start(): Worker {
    const worker = new Worker(PROGRAM, {
      eval: true,
      workerData: { module: betterSqlite, file: this.file },
    });
    worker.unref();
    worker.on('error', (error) => {
      this.lastError = error.message;
    });
    worker.on('exit', () => {
      if (this.#worker === worker) this.#worker = null;
    });
    return worker;
  }

  /** Waits for the running checkpoint, then closes the thread's connection. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#again = false;
    if (this.#waiting) {
      clearTimeout(this.#waiting.timer);
      this.#waiting.resolve();
    }
    await this.#running?.catch(() => {});
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Kept alive until the thread has closed its connection.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }
}
