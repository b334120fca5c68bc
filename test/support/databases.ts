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
          const drop = new pg.Client({ connectionString: adminUrl });
          await drop.connect();
          await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await drop.end();
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
