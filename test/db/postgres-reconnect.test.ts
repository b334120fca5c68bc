import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';

const postgres = testDatabases().filter((d) => d.name === 'postgres');

// PostgreSQL only: SQLite has no server that could close a connection.
describe.each(postgres)('a connection closed by the server on $name', (kind) => {
  let instance: TestDatabaseInstance;
  beforeAll(async () => {
    instance = await kind.create();
  });
  afterAll(async () => instance?.dispose());

  it('is discarded by the pool: the process keeps running and the next query reconnects', async () => {
    const db = instance.handle.db;
    const pidOf = async () =>
      (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]?.pid;
    const first = await pidOf();
    expect(typeof first).toBe('number');

    const admin = new pg.Client({ connectionString: inject('postgresUrl') ?? '' });
    await admin.connect();
    const killed = await admin.query('SELECT pg_terminate_backend($1) AS ok', [first]);
    await admin.end();
    expect(killed.rows[0].ok).toBe(true);
    // Give the pool time to hear of the closed idle connection (an 'error' event on the pool).
    await new Promise((r) => setTimeout(r, 300));

    const second = await pidOf();
    expect(typeof second).toBe('number');
    expect(second).not.toBe(first);
    const count = await db
      .selectFrom('municipality')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
