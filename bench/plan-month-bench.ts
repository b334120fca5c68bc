// Table 2 for one month over 2,500 municipalities with 24 months of data (the year and the
// one before, for the seasonal forecast), computed from the stored values on SQLite by the
// service pages, the CLI and documents call — beside a baseline measured in the same run:
// reading the twelve monthly values of the year alone. The goal: under 100 ms. Both are
// timed in the compiled code of dist/ (brought up to date first), as pages, the CLI and
// documents run it; the region is seeded through the sources.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insertable, Kysely } from 'kysely';
import { openSqlite } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { insertPlanRule } from '../src/db/repositories/plan-rule-repository.js';
import { insertRegion } from '../src/db/repositories/region-repository.js';
import type { Database } from '../src/db/schema/index.js';
import { buildDist, fromDist } from './bench-dist.js';
import { insertBenchIndicator } from './bench-seed.js';

const UNITS = 2500;
const RUNS = 20;
const months = [2016, 2017].flatMap((y) =>
  Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`),
);

async function insertChunked<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 500) as never)
      .execute();
}

async function seed(db: Kysely<Database>) {
  return db.transaction().execute(async (trx) => {
    const regionId = await insertRegion(trx, 'bench', 'Регион для замера');
    const indicator = (code: string, periodicity: 'monthly' | 'on_date') =>
      insertBenchIndicator(trx, regionId, { code, name: code, unit: 'чел.', periodicity });
    const total = await indicator('esia_total', 'on_date');
    const monthly = await indicator('esia_new', 'monthly');
    await insertChunked(
      trx,
      'municipality',
      Array.from({ length: UNITS }, (_, u) => ({
        region_id: regionId,
        code: `unit-${u + 1}`,
        name: `Муниципальный район № ${u + 1}`,
        kind: 'municipal_district' as const,
        oktmo: null,
        valid_from: null,
        valid_to: null,
        successor_id: null,
      })),
    );
    const ids = (await trx.selectFrom('municipality').select('id').execute()).map((r) => r.id);
    const now = new Date().toISOString();
    await insertChunked(
      trx,
      'observation',
      ids.flatMap((id, u) =>
        months.map((period, m) => ({
          municipality_id: id,
          indicator_id: monthly,
          period,
          value: 100 + ((u * 31 + m * 7) % 400),
          source: 'замер',
          author: 'замер',
          recorded_at: now,
          revision: 1,
          is_illustrative: 1,
        })),
      ),
    );
    await insertChunked(
      trx,
      'reference_value',
      ids.map((id, u) => ({
        municipality_id: id,
        year: 2017,
        kind: 'econ_active_14_72' as const,
        value: 20_000 + u,
        is_illustrative: 1,
        source: 'замер',
      })),
    );
    await insertChunked(
      trx,
      'plan_target',
      ids.map((id, u) => ({
        municipality_id: id,
        indicator_id: total,
        year: 2017,
        start_value: 1000 + u,
        target_value: 0,
        rule: null,
        source: 'замер',
        is_illustrative: 1,
        set_by_hand: 0,
      })),
    );
    await insertPlanRule(trx, {
      region_id: regionId,
      indicator_id: total,
      year: 2017,
      kind: 'share',
      value: 20,
      reference_kind: 'econ_active_14_72',
      monthly_indicator_id: monthly,
      updated_at: now,
      updated_by: 'замер',
    });
    return { regionId, monthly };
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Median wall time of RUNS runs, and median processor time of the process over them (its
 * threads' together, collector's included): on a machine shared with other work the wall
 * time waits for a core, the processor time much less.
 */
async function time(run: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await run();
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

buildDist();
const compiled = {
  connect: await fromDist<typeof import('../src/db/connect.js')>('db/connect.js'),
  observations: await fromDist<typeof import('../src/db/repositories/observation-repository.js')>(
    'db/repositories/observation-repository.js',
  ),
  planMonth: await fromDist<typeof import('../src/server/features/plans/plan-month-service.js')>(
    'server/features/plans/plan-month-service.js',
  ),
};
const { computePlanMonth } = compiled.planMonth;
const { findObservationValues } = compiled.observations;
const dir = mkdtempSync(join(tmpdir(), 'munirank-plan-bench-'));
const file = join(dir, 'bench.sqlite');
const seeding = openSqlite(file);
await migrateToLatest(seeding.db);
const { regionId, monthly } = await seed(seeding.db);
await seeding.close();
const handle = compiled.connect.openSqlite(file);
console.log('Код собран в dist/ (tsc -p tsconfig.build.json); замеряется скомпилированный код.');
try {
  const query = { indicatorCode: 'esia_total', month: '2017-12' };
  const report = await computePlanMonth(handle.db, regionId, query);
  const table2 = await time(() => computePlanMonth(handle.db, regionId, query));
  const baseline = await time(() => findObservationValues(handle.db, monthly, months.slice(12)));
  console.log(`Таблица 2 за декабрь: ОМСУ ${report.rows.length}, месяцев данных ${months.length}`);
  console.log(
    `  расчёт с прогнозами (медиана из ${RUNS}): ${table2.wall.toFixed(1)} мс (цель < 100 мс), процессорное время ${table2.cpu.toFixed(1)} мс`,
  );
  console.log(
    `  только чтение тех же значений за месяцы:  ${baseline.wall.toFixed(1)} мс, процессорное время ${baseline.cpu.toFixed(1)} мс`,
  );
  console.log(`  отношение: ${(table2.wall / baseline.wall).toFixed(2)}`);
} finally {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
}
