// The SQLite driver's durability (decision 0190): the answer to a write comes after the WAL is
// synced, the connection serves others while the sync runs, writes made during a sync share the
// next one, a failed sync fails the write. SQLite only: PostgreSQL syncs in its own server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/connect.js';
import { DurableSqliteDriver } from '../../src/db/sqlite-driver.js';

interface Db {
  note: { id: Generated<number>; text: string };
}

/** A sync that waits until the test lets it finish: the files it was asked for, in order. */
function heldSyncs() {
  const calls: { file: string; finish: (error?: Error) => void }[] = [];
  const syncFile = (file: string) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ file, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { calls, syncFile };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(syncFile?: (file: string) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'munirank-driver-'));
  dirs.push(dir);
  const file = join(dir, 'db.sqlite');
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.exec('create table note (id integer primary key, text text not null)');
  const db = new Kysely<Db>({
    dialect: new (class extends SqliteDialect {
      override createDriver() {
        return new DurableSqliteDriver(database, syncFile);
      }
    })({ database }),
  });
  return { db, file, database };
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
