// A database of 1,000,000 observations (500 units × 20 indicators × 100 months), then:
// `munirank backup` and `restore` on SQLite beside a plain copy of the database file, on
// PostgreSQL beside a plain `pg_dump -Fc` and `pg_restore`, and `migrate-to-postgres` of the
// SQLite database. The goal of the issue: a backup of a 1M-observation database under 10 s.
// Nothing here asserts a time. BENCH_ROWS=100000 for a shorter run. PostgreSQL parts are
// skipped with a notice when MUNIRANK_TEST_POSTGRES_URL (default: the local server) is down.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createBackup } from '../src/db/backup/create-backup.js';
import { splitPassword } from '../src/db/backup/pg-tools.js';
import { restoreBackup } from '../src/db/backup/restore-backup.js';
import { type DatabaseHandle, openPostgres, openSqlite } from '../src/db/connect.js';
import { copySqliteToPostgres } from '../src/db/copy-to-postgres/copy-sqlite-to-postgres.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { insertMunicipality } from '../src/db/repositories/municipality-repository.js';
import { insertRegion } from '../src/db/repositories/region-repository.js';
import { insertBenchIndicator } from './bench-seed.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const UNITS = 500;
const INDICATORS = 20;
const PERIODS = Math.ceil(ROWS / (UNITS * INDICATORS));
const ADMIN =
  process.env.MUNIRANK_TEST_POSTGRES_URL ?? 'postgres://munirank:munirank@127.0.0.1:5432/postgres';

async function seed(handle: DatabaseHandle): Promise<void> {
  await migrateToLatest(handle.db);
  await handle.db.transaction().execute(async (trx) => {
    const regionId = await insertRegion(trx, 'bench', 'Регион для замера');
    for (let u = 0; u < UNITS; u += 1)
      await insertMunicipality(trx, {
        region_id: regionId,
        code: `unit-${u + 1}`,
        name: `Муниципальный район № ${u + 1}`,
        kind: 'municipal_district',
        oktmo: null,
        valid_from: null,
        valid_to: null,
        successor_id: null,
      });
    for (let i = 0; i < INDICATORS; i += 1)
      await insertBenchIndicator(trx, regionId, {
        code: `ind_${i}`,
        name: `Показатель ${i}`,
        unit: 'чел.',
      });
  });
  // Unit, indicator and month from the row number; ids are 1… in a fresh database. Literals,
  // not parameters: SQLite would take a bound number as real and divide without truncating.
  const periods = sql.lit(PERIODS);
  const perUnit = sql.lit(INDICATORS * PERIODS);
  const indicators = sql.lit(INDICATORS);
  const last = sql.lit(ROWS - 1);
  const rows =
    handle.dialect === 'postgres'
      ? sql`SELECT x FROM generate_series(0, ${last}) AS x`
      : sql`WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < ${last}) SELECT x FROM n`;
  const month =
    handle.dialect === 'postgres'
      ? sql`(2000 + (x % ${periods}) / 12)::text || '-' || lpad(((x % ${periods}) % 12 + 1)::text, 2, '0')`
      : sql`printf('%04d-%02d', 2000 + (x % ${periods}) / 12, (x % ${periods}) % 12 + 1)`;
  await sql`INSERT INTO observation (municipality_id, indicator_id, period, value, source, revision, is_illustrative)
    SELECT x / ${perUnit} + 1, (x / ${periods}) % ${indicators} + 1, ${month},
      (x * 7919) % 100000 + 0.25, 'замер', 1, 0 FROM (${rows}) AS r`.execute(handle.db);
}

async function timed<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [(performance.now() - started) / 1000, result];
}

const mb = (file: string) => (statSync(file).size / 1e6).toFixed(0);
const line = (what: string, seconds: number, base: number, baseName: string) =>
  console.log(
    `${what.padEnd(34)} ${seconds.toFixed(2).padStart(6)} с   ${baseName} ${base.toFixed(2)} с (×${(seconds / base).toFixed(2)})`,
  );

async function newPostgres(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: ADMIN });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL недоступен (${(error as Error).message}): его замеры пропущены.`);
    return null;
  }
  const name = `munirank_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: ADMIN });
      await again.connect();
      // An autovacuum worker after the load may refuse FORCE (42501); a plain DROP waits for it.
      for (let attempt = 0; attempt < 10; attempt += 1) {
        try {
          await again.query(`DROP DATABASE IF EXISTS ${name}`);
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
      await again.end();
    },
  };
}

function pgTool(program: string, args: string[], url: string): void {
  const { url: bare, env } = splitPassword(url);
  const r = spawnSync(program, [...args, `--dbname=${bare}`], { env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${program}: ${r.stderr}`);
}

const dir = mkdtempSync(join(tmpdir(), 'munirank-backup-bench-'));
try {
  console.log(`Наблюдений: ${ROWS.toLocaleString('ru-RU')}`);
  const sqlite = openSqlite(join(dir, 'a', 'munirank.sqlite'));
  const [seedSeconds] = await timed(() => seed(sqlite));
  console.log(`SQLite заполнена за ${seedSeconds.toFixed(1)} с`);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(sqlite.db);
  const [copySeconds] = await timed(() => copyFileSync(sqlite.location, join(dir, 'plain.sqlite')));
  const backupFile = join(dir, 'sqlite.backup');
  const [backupSeconds] = await timed(() => createBackup(sqlite, backupFile, undefined));
  line(`SQLite: munirank backup (${mb(backupFile)} МБ)`, backupSeconds, copySeconds, 'копия файла');
  const [restoreSeconds] = await timed(() =>
    restoreBackup(backupFile, {
      databaseUrl: undefined,
      sqliteFile: join(dir, 'b', 'munirank.sqlite'),
    }),
  );
  line('SQLite: munirank restore', restoreSeconds, copySeconds, 'копия файла');

  const target = await newPostgres();
  if (target) {
    const to = openPostgres(target.url);
    try {
      const [moveSeconds] = await timed(() =>
        copySqliteToPostgres(sqlite, to, { audit: async () => {} }),
      );
      console.log(`${'migrate-to-postgres'.padEnd(34)} ${moveSeconds.toFixed(2).padStart(6)} с`);
      const dump = join(dir, 'plain.dump');
      const [dumpSeconds] = await timed(() =>
        pgTool('pg_dump', ['-Fc', `--file=${dump}`], target.url),
      );
      const pgFile = join(dir, 'postgres.backup');
      const [pgBackupSeconds] = await timed(() => createBackup(to, pgFile, target.url));
      line(
        `PostgreSQL: munirank backup (${mb(pgFile)} МБ)`,
        pgBackupSeconds,
        dumpSeconds,
        'pg_dump -Fc',
      );
      const empty = await newPostgres();
      const plain = await newPostgres();
      if (empty && plain) {
        const [plainRestore] = await timed(() =>
          pgTool('pg_restore', ['--single-transaction', '--no-owner', dump], plain.url),
        );
        const [pgRestoreSeconds] = await timed(() =>
          restoreBackup(pgFile, { databaseUrl: empty.url, sqliteFile: '' }),
        );
        line('PostgreSQL: munirank restore', pgRestoreSeconds, plainRestore, 'pg_restore');
        await empty.drop();
        await plain.drop();
      }
    } finally {
      await to.close();
      await target.drop();
    }
  }
  await sqlite.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
