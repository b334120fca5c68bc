// The SQLite driver's durability (decision 0190): the answer to a write comes after the WAL is
// synced, the connection serves others while the sync runs, writes made during a sync share the
// next one, a failed sync fails the write. SQLite only: PostgreSQL syncs in its own server.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/connect.js';
import type { SqliteCheckpointer } from '../../src/db/sqlite-checkpointer.js';
import { DurableSqliteDriver, WAL_CHECKPOINT_BYTES } from '../../src/db/sqlite-driver.js';

interface Db {
  note: { id: Generated<number>; text: string };
}

/** A sync that waits until the test lets it finish: the files it was asked for, in order. */
function heldSyncs() {
  const calls: { file: string; finish: (error?: Error) => void }[] = [];
  const syncFile = (file: string) =>
    new Promise<number | undefined>((resolve, reject) => {
      calls.push({ file, finish: (error) => (error ? reject(error) : resolve(undefined)) });
    });
  return { calls, syncFile };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(syncFile?: (file: string) => Promise<number | undefined>) {
  const dir = mkdtempSync(join(tmpdir(), 'munirank-driver-'));
  dirs.push(dir);
  const file = join(dir, 'db.sqlite');
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.exec('create table note (id integer primary key, text text not null)');
  const driver = new DurableSqliteDriver(database, syncFile);
  const db = new Kysely<Db>({
    dialect: new (class extends SqliteDialect {
      override createDriver() {
        return driver;
      }
    })({ database }),
  });
  return { db, file, database, driver };
}

/** Whether a promise has settled, after the event loop has run what it could. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setImmediate(r));
  return done;
}

const insert = (db: Kysely<Db>, text: string) => db.insertInto('note').values({ text }).execute();

describe('SQLite commits synced off the event loop', () => {
  it('answers a write after its WAL is synced, and serves a read meanwhile', async () => {
    const { calls, syncFile } = heldSyncs();
    const { db, file } = open(syncFile);
    const write = insert(db, 'первая');
    expect(await settled(write)).toBe(false);
    expect(calls.map((c) => c.file)).toEqual([`${file}-wal`]);
    // The connection is free while the sync runs: a read answers and sees the commit.
    const rows = await db.selectFrom('note').select('text').execute();
    expect(rows).toEqual([{ text: 'первая' }]);
    expect(await settled(write)).toBe(false);
    calls[0]?.finish();
    await write;
    expect(calls).toHaveLength(1);
    await db.destroy();
  });

  it('lets the writes made during a sync share the next one', async () => {
    const { calls, syncFile } = heldSyncs();
    const { db } = open(syncFile);
    const first = insert(db, 'a');
    await settled(first);
    const others = ['b', 'c', 'd', 'e', 'f'].map((t) =>
      db.transaction().execute((trx) => insert(trx, t)),
    );
    await settled(Promise.all(others));
    expect(calls).toHaveLength(1);
    calls[0]?.finish();
    await first;
    expect(await settled(Promise.all(others))).toBe(false);
    // Six commits, two syncs: the second began after all five were written.
    expect(calls).toHaveLength(2);
    calls[1]?.finish();
    await Promise.all(others);
    expect(calls).toHaveLength(2);
    expect((await db.selectFrom('note').select('text').execute()).length).toBe(6);
    await db.destroy();
  });

  it('waits for no sync after reads alone, and for one after a raw write', async () => {
    const { calls, syncFile } = heldSyncs();
    const { db, database } = open(syncFile);
    await db.selectFrom('note').selectAll().execute();
    await db.transaction().execute((trx) => trx.selectFrom('note').selectAll().execute());
    expect(calls).toHaveLength(0);
    // A row written through the raw handle inside a transaction (the bulk import path) counts.
    const raw = db.transaction().execute(async () => {
      database.prepare('insert into note (text) values (?)').run('напрямую');
    });
    expect(await settled(raw)).toBe(false);
    expect(calls).toHaveLength(1);
    calls[0]?.finish();
    await raw;
    await db.destroy();
  });

  it('fails the write whose sync failed, and goes on serving', async () => {
    const { calls, syncFile } = heldSyncs();
    const { db } = open(syncFile);
    const write = insert(db, 'x');
    await settled(write);
    calls[0]?.finish(new Error('EIO: ошибка ввода-вывода'));
    await expect(write).rejects.toThrow('EIO');
    const next = insert(db, 'y');
    await settled(next);
    calls[1]?.finish();
    await next;
    expect(calls).toHaveLength(2);
    await db.destroy();
  });

  it('rolls a failed transaction back without a trace and frees the connection', async () => {
    const { db } = open();
    await expect(
      db.transaction().execute(async (trx) => {
        await insert(trx, 'откатится');
        throw new Error('отказ');
      }),
    ).rejects.toThrow('отказ');
    await insert(db, 'останется');
    expect(await db.selectFrom('note').select('text').execute()).toEqual([{ text: 'останется' }]);
    await db.destroy();
  });

  it('reads a changed table through a statement prepared before the change', async () => {
    const { db } = open();
    await insert(db, 'до');
    const select = () => db.selectFrom('note').selectAll().execute();
    expect(await select()).toEqual([{ id: 1, text: 'до' }]);
    await db.schema.alterTable('note').addColumn('kind', 'text').execute();
    expect(await select()).toEqual([{ id: 1, text: 'до', kind: null }]);
    await db.destroy();
  });

  it('keeps what openSqlite commits with the real fdatasync after the file is reopened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'munirank-driver-'));
    dirs.push(dir);
    const file = join(dir, 'db.sqlite');
    const handle = openSqlite(file);
    const db = handle.db as unknown as Kysely<Db>;
    await db.schema
      .createTable('note')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('text', 'text')
      .execute();
    await Promise.all(['1', '2', '3'].map((t) => insert(db, t)));
    await handle.close();
    const again = new SqliteDatabase(file, { readonly: true });
    expect(again.prepare('select count(*) as n from note').get()).toEqual({ n: 3 });
    again.close();
  });
});

describe('SQLite checkpoints in a thread of their own (decision 0240)', () => {
  /** 5 MB of text: past the 4 MiB of log after which a checkpoint is asked for. */
  const large = 'ж'.repeat(2_600_000);

  it('copies a large commit into the database file after the commit, not inside it', async () => {
    const { db, file, database, driver } = open();
    expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await insert(db, 'маленькая');
    expect(driver.checkpointer?.runs).toBe(0);
    const before = statSync(file).size;
    await insert(db, large);
    // The commit has been answered; its 1,300 pages are in the log, not yet in the file.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(WAL_CHECKPOINT_BYTES);
    expect(statSync(file).size).toBe(before);
    const result = await driver.checkpointer?.request();
    expect(result?.busy).toBe(0);
    expect(result?.checkpointed).toBe(result?.log);
    expect(result?.log).toBeGreaterThan(1_000);
    expect(statSync(file).size).toBeGreaterThan(5_000_000);
    // The next write starts the log again and shrinks it back to the limit.
    await insert(db, 'после');
    expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(WAL_CHECKPOINT_BYTES);
    expect(
      (await db.selectFrom('note').select('text').orderBy('id').execute()).map((r) =>
        r.text.slice(0, 9),
      ),
    ).toEqual(['маленькая', 'жжжжжжжжж', 'после']);
    await db.destroy();
    // Closed: the thread's connection first, then the last one, which empties the log.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = new SqliteDatabase(file, { readonly: true });
    expect(again.prepare('select length(text) as n from note where id = 2').get()).toEqual({
      n: 2_600_000,
    });
    again.close();
  });

  it('meets the asks made during a checkpoint with one more run, and none after close', async () => {
    const { db, driver } = open();
    await insert(db, large);
    const checkpointer = driver.checkpointer as SqliteCheckpointer;
    await checkpointer.request();
    const runs = checkpointer.runs;
    await insert(db, large);
    const asks = [checkpointer.request(), checkpointer.request(), checkpointer.request()];
    const results = await Promise.all(asks);
    expect(checkpointer.runs - runs).toBeLessThanOrEqual(2);
    expect(results.at(-1)?.checkpointed).toBe(results.at(-1)?.log);
    // An ask waiting out the 200 ms between runs is let go by close, which does not wait for it.
    const waiting = checkpointer.request();
    await db.destroy();
    expect(await waiting).toEqual({ busy: 0, log: 0, checkpointed: 0 });
    expect(await checkpointer.request()).toBeNull();
  });
});
