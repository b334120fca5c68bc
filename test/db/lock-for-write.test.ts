import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockForWrite } from '../../src/db/lock-for-write.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';

// On PostgreSQL the driver sends a transaction's BEGIN with its advisory lock in one message;
// what a transaction does must not change for it.
describe.each(testDatabases())('lockForWrite on $name', (kind) => {
  let instance: TestDatabaseInstance;
  const postgres = kind.name === 'postgres';

  beforeAll(async () => {
    instance = await kind.create();
    await sql`create table lock_probe (n integer not null)`.execute(instance.handle.db);
  });
  afterAll(async () => {
    await instance?.dispose();
  });

  const sent = () => instance.handle.statementsSent();
  const rows = async () =>
    (await sql<{ n: number }>`select n from lock_probe order by n`.execute(instance.handle.db))
      .rows;

  it('a transaction that locks and writes commits its write, and the lock is released', async () => {
    const db = instance.handle.db;
    const before = sent();
    await db.transaction().execute(async (trx) => {
      await lockForWrite(trx, 'municipalityData', 101);
      await sql`insert into lock_probe (n) values (${1})`.execute(trx);
    });
    // BEGIN and lock together on PostgreSQL; SQLite has no lock to take.
    expect(sent() - before).toBe(3);
    expect(await rows()).toEqual([{ n: 1 }]);
    if (postgres) {
      const held = await sql<{ n: number }>`
        select count(*) as n from pg_locks where locktype = 'advisory' and objid = 101
      `.execute(db);
      expect(held.rows[0]?.n).toBe(0);
    }
  });

  it('a transaction that fails after its lock rolls everything back', async () => {
    const db = instance.handle.db;
    await expect(
      db.transaction().execute(async (trx) => {
        await lockForWrite(trx, 'municipalityData', 102);
        await sql`insert into lock_probe (n) values (${2})`.execute(trx);
        throw new Error('отказ');
      }),
    ).rejects.toThrow('отказ');
    expect(await rows()).toEqual([{ n: 1 }]);
  });

  it('a second transaction on the same id waits for the first to commit', async () => {
    const db = instance.handle.db;
    const order: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let locked: () => void = () => {};
    const first = db.transaction().execute(async (trx) => {
      await lockForWrite(trx, 'municipalityData', 103);
      locked();
      await held;
      order.push('first');
    });
    await new Promise<void>((r) => {
      locked = r;
    });
    const second = db.transaction().execute(async (trx) => {
      await lockForWrite(trx, 'municipalityData', 103);
      order.push('second');
    });
    await new Promise((r) => setTimeout(r, 100));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });

  it('a transaction that sends nothing sends no BEGIN or COMMIT on PostgreSQL', async () => {
    const before = sent();
    await instance.handle.db.transaction().execute(async () => {});
    expect(sent() - before).toBe(postgres ? 0 : 2);
  });
});
