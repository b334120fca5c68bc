// `npm run bench engine` (with engine-bench.ts and engine-path-bench.ts): what POST
// /api/ratings does — a region's stored data of a period read from SQLite, the rating
// computed with explanations, the snapshot's content built, its canonical JSON and hash, the
// draft stored with its audit record — through the service the route calls, beside the
// engine alone on the same data in the same run, for 2,500 × 60 and 20,000 × 60. Goal: under
// 150 ms and under 1 s. Prints figures; asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { insertRegion } from '../src/db/repositories/region-repository.js';
import { insertUser } from '../src/db/repositories/user-repository.js';
import { computeRating } from '../src/engine/compute-rating.js';
import { drawRandom } from '../src/engine/prng.js';
import type { AuditContext } from '../src/server/features/access/audit.js';
import { loadRatingData } from '../src/server/features/rating/rating-inputs.js';
import { computeStoredRating } from '../src/server/features/rating/rating-staff-service.js';
import {
  computeSnapshot,
  publishSnapshot,
} from '../src/server/features/rating/snapshot-service.js';
import { insertMadeUpUnits } from '../test/support/made-up-units.js';
import { benchMethodology, INDICATORS, time, timeAsync } from './bench-index.js';
import { insertBenchIndicator } from './bench-seed.js';

const PERIOD = '2026-11';
const PREVIOUS_PERIOD = '2026-10';
const ms = (x: number) => `${x.toFixed(1)} мс`;
const range = (x: { min: number; median: number }) => `${ms(x.min)} / ${ms(x.median)}`;
const dir = mkdtempSync(join(tmpdir(), 'munirank-store-bench-'));
console.log('POST /api/ratings (данные из базы → черновик в базе, SQLite): минимум / медиана.');

for (const [n, runs] of [
  [2_500, 9],
  [20_000, 3],
].filter(([n]) => !process.env.BENCH_UNITS || String(n) === process.env.BENCH_UNITS) as [
  number,
  number,
][]) {
  const handle = openSqlite(join(dir, `db-${n}.sqlite`));
  const db = handle.db;
  await migrateToLatest(db);
  const now = new Date().toISOString();
  const random = drawRandom(2024, n);
  const regionId = await db.transaction().execute(async (trx) => {
    const id = await insertRegion(trx, `store-bench-${n}`, 'Регион для замера расчёта');
    const municipalities = await insertMadeUpUnits(trx, id, n);
    for (let k = 0; k < INDICATORS; k++) {
      const indicator = await insertBenchIndicator(trx, id, {
        code: `I${k}`,
        name: `Показатель ${k}`,
        unit: 'ед.',
      });
      // The period's values, 1 % missing, as the data file of engine-path-bench has them.
      const rows = municipalities.flatMap((municipality) =>
        random() < 0.01
          ? []
          : [
              {
                municipality_id: municipality,
                indicator_id: indicator,
                period: PERIOD,
                value: Math.round(random() * 100_000) / 1000,
                source: 'замер',
                author: 'замер',
                recorded_at: now,
                revision: 1,
                is_illustrative: 0,
              },
            ],
      );
      for (let at = 0; at < rows.length; at += 500)
        await trx
          .insertInto('observation')
          .values(rows.slice(at, at + 500))
          .execute();
    }
    return id;
  });
  const userId = await insertUser(db, {
    username: 'analyst',
    display_name: 'Аналитик',
    role: 'analyst',
    status: 'active',
    password_hash: 'не используется',
    must_change_password: 0,
    is_demo: 0,
    created_at: now,
    updated_at: now,
    password_changed_at: now,
    last_login_at: null,
  });
  const context: AuditContext = {
    actor: {
      kind: 'user',
      userId,
      username: 'analyst',
      role: 'analyst',
      municipalityIds: [],
      mustChangePassword: false,
      sessionIdHash: null,
    },
    ip: null,
    userAgent: null,
    at: new Date(),
  };
  const m = benchMethodology();
  const data = await loadRatingData(db, regionId, m, PERIOD);
  const engine = time(runs, () => computeRating(m, data));
  const post = (code: string) =>
    computeStoredRating(
      db,
      regionId,
      { code, title: 'Замер', period: PERIOD, asOf: '2026-12-01', methodology: m },
      context,
    );
  const first = await timeAsync(runs, (r) => post(`first-${r}`));
  // As every month after the first: the previous month's rating is published, and its places
  // are read for the change of place (the same data, stored as October's).
  await computeSnapshot(db, {
    regionId,
    code: 'previous',
    title: 'Предыдущий месяц',
    period: PREVIOUS_PERIOD,
    asOf: '2026-11-01',
    methodology: m,
    data,
    source: { document: 'замер', table: null, note: null },
  });
  await publishSnapshot(db, regionId, 'previous', 'analyst');
  const monthly = await timeAsync(runs, (r) => post(`monthly-${r}`));
  console.log(
    `${n} × ${INDICATORS}: POST /api/ratings, первый расчёт региона ${range(first)}; ` +
      `при опубликованном рейтинге прошлого месяца (места для изменения места) ` +
      `${range(monthly)}; движок с объяснениями отдельно ${range(engine)} ` +
      `(${((100 * engine.median) / monthly.median).toFixed(0)} % пути).`,
  );
  await db.destroy();
}
rmSync(dir, { recursive: true, force: true });
