// Imports 1,000,000 observations from a generated long-format CSV (decoded, parsed, matched,
// validated, compared with the database and written with provenance, in one transaction) and
// prints rows/s on SQLite and PostgreSQL beside a baseline of plain batched inserts of the same
// rows into an unindexed table, measured in the same run, and the CPU time this process spent
// importing (on a shared machine wall time varies with the load; CPU time much less so; the
// PostgreSQL server's own CPU time is not in it). Then the same file is imported again: every
// value is compared with the stored one and nothing is written. PostgreSQL is skipped with a
// notice when MUNIRANK_TEST_POSTGRES_URL (default: the local test server) is not reachable.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BinaryCopy } from '../src/db/binary-copy.js';
import { type DatabaseHandle, openPostgres, openSqlite } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { rawPostgresClient } from '../src/db/raw-connection.js';
import { insertMunicipality } from '../src/db/repositories/municipality-repository.js';
import { insertRegion } from '../src/db/repositories/region-repository.js';
import type { Database } from '../src/db/schema/index.js';
import { commitImport } from '../src/server/features/imports/import-service.js';
import { insertBenchIndicator } from './bench-seed.js';

const UNITS = 500;
const INDICATORS = 20;
const PERIODS = 100;
const TOTAL = UNITS * INDICATORS * PERIODS;
const unitName = (u: number) => `Муниципальный район № ${u + 1}`;
const period = (p: number) =>
  `${2010 + Math.floor(p / 12)}-${String((p % 12) + 1).padStart(2, '0')}`;
const sampleValue = (n: number) => (n * 7919) % 100_000;

function generateCsv(): Uint8Array {
  const lines = ['ОМСУ;Показатель;Период;Значение'];
  let n = 0;
  for (let u = 0; u < UNITS; u += 1)
    for (let i = 0; i < INDICATORS; i += 1)
      for (let p = 0; p < PERIODS; p += 1) {
        const v = sampleValue(n++);
        // Every third value as Russian documents print it: thousands with a no-break space.
        const text =
          n % 3 === 0 && v >= 1000
            ? `${Math.floor(v / 1000)}\u00a0${String(v % 1000).padStart(3, '0')}`
            : String(v);
        lines.push(`${unitName(u)};ind_${i};${period(p)};${text}`);
      }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

async function seedRegistry(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const regionId = await insertRegion(trx, 'bench', 'Регион для замера');
    for (let u = 0; u < UNITS; u += 1)
      await insertMunicipality(trx, {
        region_id: regionId,
        code: `unit-${u + 1}`,
        name: unitName(u),
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
    return regionId;
  });
}

/** The bench's rows in order, as the baselines write them. */
function benchRow(idx: number) {
  return {
    m: Math.floor(idx / (INDICATORS * PERIODS)) + 1,
    i: Math.floor(idx / PERIODS) % INDICATORS,
    p: period(idx % PERIODS),
    v: sampleValue(idx),
  };
}

/**
 * PostgreSQL only: the same million rows by one binary COPY into an unindexed table, the
 * fastest way in; what the machine's PostgreSQL can take at all, to read the import beside.
 */
async function copyBaseline(handle: DatabaseHandle): Promise<number> {
  await sql`CREATE TABLE bench_copy (m integer, i integer, p text, v double precision)`.execute(
    handle.db,
  );
  const start = performance.now();
  await handle.db.transaction().execute(async (trx) => {
    const client = await rawPostgresClient(trx as unknown as Kysely<unknown>);
    if (!client) throw new Error('нет соединения PostgreSQL для COPY');
    const payload = new BinaryCopy().start();
    async function* parts() {
      for (let from = 0; from < TOTAL; from += 50_000) {
        const to = Math.min(TOTAL, from + 50_000);
        for (let idx = from; idx < to; idx += 1) {
          const r = benchRow(idx);
          payload.row(4).int4(r.m).int4(r.i).text(r.p).float8(r.v);
        }
        yield to < TOTAL ? payload.take() : payload.finish();
      }
    }
    await pipeline(
      Readable.from(parts()),
      client.query(copyFrom('COPY bench_copy (m, i, p, v) FROM STDIN BINARY')),
    );
  });
  return TOTAL / ((performance.now() - start) / 1000);
}

/** Plain batched inserts of the same million rows into an unindexed table: the baseline. */
async function baseline(handle: DatabaseHandle): Promise<number> {
  const db = handle.db;
  await sql`CREATE TABLE bench_plain (m integer, i integer, p text, v double precision)`.execute(
    db,
  );
  const start = performance.now();
  await db.transaction().execute(async (trx) => {
    const size = handle.dialect === 'postgres' ? 50_000 : 8000;
    for (let from = 0; from < TOTAL; from += size) {
      const n = Math.min(size, TOTAL - from);
      const m = new Array<number>(n);
      const ind = new Array<number>(n);
      const per = new Array<string>(n);
      const val = new Array<number>(n);
      for (let k = 0; k < n; k += 1) {
        const r = benchRow(from + k);
        m[k] = r.m;
        ind[k] = r.i;
        per[k] = r.p;
        val[k] = r.v;
      }
      if (handle.dialect === 'postgres')
        await sql`INSERT INTO bench_plain SELECT * FROM unnest(${m}::int[], ${ind}::int[], ${per}::text[], ${val}::float8[])`.execute(
          trx,
        );
      else
        await sql`INSERT INTO bench_plain SELECT column1, column2, column3, column4 FROM (VALUES ${sql.join(
          m.map((_, k) => sql`(${m[k]}, ${ind[k]}, ${per[k]}, ${val[k]})`),
        )})`.execute(trx);
    }
  });
  return TOTAL / ((performance.now() - start) / 1000);
}

async function measure(name: string, handle: DatabaseHandle, csv: Uint8Array) {
  await migrateToLatest(handle.db);
  const regionId = await seedRegistry(handle.db);
  const plain = await baseline(handle);
  const copied = handle.dialect === 'postgres' ? await copyBaseline(handle) : null;
  const first = await timedImport(handle, regionId, csv);
  const written = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM observation WHERE import_batch_id IS NOT NULL AND source_row IS NOT NULL`.execute(
    handle.db,
  );
  if (first.result.preview.counts.insert !== TOTAL || Number(written.rows[0]?.n) !== TOTAL)
    throw new Error(`${name}: записано ${written.rows[0]?.n} вместо ${TOTAL}`);
  const rate = TOTAL / first.seconds;
  console.log(
    `${name.padEnd(10)} импорт: ${Math.round(rate).toLocaleString('ru-RU')} строк/с (${first.detail}); ` +
      `простые пакетные вставки: ${Math.round(plain).toLocaleString('ru-RU')} строк/с; отношение ${(rate / plain).toFixed(2)}` +
      (copied === null
        ? ''
        : `; COPY в таблицу без индексов: ${Math.round(copied).toLocaleString('ru-RU')} строк/с, отношение ${(rate / copied).toFixed(2)}`),
  );
  // The same file again: every value is compared with the stored one and nothing is written.
  const again = await timedImport(handle, regionId, csv);
  if (again.result.outcome !== 'no-changes')
    throw new Error(`${name}: повторный импорт что-то записал`);
  console.log(
    `${name.padEnd(10)} повторный импорт того же файла (изменений нет): ` +
      `${Math.round(TOTAL / again.seconds).toLocaleString('ru-RU')} строк/с (${again.detail})`,
  );
}

/** One commit of the bench file, timed by phase, with the CPU time of this process. */
async function timedImport(handle: DatabaseHandle, regionId: number, csv: Uint8Array) {
  const phases = new Map<string, number>();
  let phaseStart = performance.now();
  let current = '';
  // Each import starts from a collected heap, as a server's would between two files: not
  // with the garbage of the run before it (the other database's million rows) still to sweep.
  (globalThis as { gc?: () => void }).gc?.();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const result = await commitImport(
    handle.db,
    regionId,
    { fileName: 'bench.csv', bytes: csv, sourceSystem: 'ЕСИА' },
    'бенчмарк',
    {
      onProgress: (p) => {
        if (p.phase === current) return;
        const now = performance.now();
        if (current) phases.set(current, now - phaseStart);
        current = p.phase;
        phaseStart = now;
      },
    },
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  phases.set(current, performance.now() - phaseStart);
  const detail =
    `${seconds.toFixed(2)} с: ` +
    [...phases].map(([k, ms]) => `${k} ${(ms / 1000).toFixed(2)} с`).join(', ') +
    `; процессор этого процесса ${((cpu.user + cpu.system) / 1e6).toFixed(2)} с`;
  return { result, seconds, detail };
}

const csv = generateCsv();
console.log(
  `CSV: ${TOTAL.toLocaleString('ru-RU')} строк, ${(csv.length / 1e6).toFixed(1)} МБ (длинный формат, «;», UTF-8)`,
);

const dir = mkdtempSync(join(tmpdir(), 'munirank-bench-'));
const sqlite = openSqlite(join(dir, 'bench.sqlite'));
try {
  await measure('SQLite', sqlite, csv);
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Autovacuum may be busy with the fresh rows, and FORCE cannot end its worker: wait for it. */
async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if (attempt === 20) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const adminUrl =
  process.env.MUNIRANK_TEST_POSTGRES_URL ?? 'postgres://munirank:munirank@127.0.0.1:5432/postgres';
const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
const dbName = `munirank_bench_${randomBytes(4).toString('hex')}`;
try {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
} catch (error) {
  console.log(
    `PostgreSQL недоступен (${error instanceof Error ? error.message : error}): замер пропущен.`,
  );
  process.exit(0);
}
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const postgres = openPostgres(url.toString());
try {
  await measure('PostgreSQL', postgres, csv);
} finally {
  await postgres.close();
  await dropDatabase(admin, dbName);
  await admin.end();
}
