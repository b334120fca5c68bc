import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openPostgres, openSqlite } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export interface TestDatabaseInstance {
  handle: DatabaseHandle;
  /** What a child process needs to open the same database: DATABASE_URL or a data directory. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty database; `dispose` drops it. */
  create(options?: { migrate?: boolean }): Promise<TestDatabaseInstance>;
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  async create({ migrate = true } = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'munirank-test-'));
    const file = join(dir, 'munirank.sqlite');
    const handle = openSqlite(file);
    if (migrate) await migrateToLatest(handle.db);
    return {
      handle,
      env: { MUNIRANK_DATA_DIR: dir },
      async dispose() {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/**
 * Drops a test database, ending what is still connected to it (a child process killed on
 * purpose, a pool not yet closed). FORCE may only end the test role's own connections: an
 * autovacuum worker busy on the database after a large load makes it fail with 42501. A
 * plain DROP then waits for that worker itself (the server asks it to stop), so it is
 * tried next, a few times, while the worker finishes.
 */
async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const drop = new pg.Client({ connectionString: adminUrl });
  await drop.connect();
  try {
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
    for (let attempt = 1; ; attempt++) {
      try {
        await drop.query(`DROP DATABASE IF EXISTS ${name}`);
        break;
      } catch (again) {
        // 55006: another session still uses it (the server waited 5 s for it to leave).
        if ((again as { code?: string }).code !== '55006' || attempt === 5) throw again;
      }
    }
  } finally {
    await drop.end();
  }
}

function postgres(adminUrl: string): TestDatabase {
  return {
    name: 'postgres',
    async create({ migrate = true } = {}) {
      const name = `munirank_t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const handle = openPostgres(url.toString());
      if (migrate) await migrateToLatest(handle.db);
      return {
        handle,
        env: { DATABASE_URL: url.toString() },
        async dispose() {
          await handle.close();
          await dropDatabase(adminUrl, name);
        },
      };
    },
  };
}

/** The databases every database test runs on: SQLite always, PostgreSQL where reachable. */
export function testDatabases(): TestDatabase[] {
  const url = inject('postgresUrl');
  return url ? [sqlite, postgres(url)] : [sqlite];
}
