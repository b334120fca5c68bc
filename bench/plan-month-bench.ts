// Table 2 for one month over 2,500 municipalities with 24 months of data (the year and the
// one before, for the seasonal forecast), computed from the stored values on SQLite by the
// service pages, the CLI and documents call — beside a baseline measured in the same run:
// reading the twelve monthly values of the year alone. The goal: under 100 ms. Both are
// timed in the compiled code of dist/ (brought up to date first), in a node process started
// with munirank's flags (bench/plan-month-measure.mjs), as the server, the CLI and documents
// run it; the region is seeded through the sources.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insertable, Kysely } from 'kysely';
import { openSqlite } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { insertPlanRule } from '../src/db/repositories/plan-rule-repository.js';
import { insertRegion } from '../src/db/repositories/region-repository.js';
import type { Database } from '../src/db/schema/index.js';
import { buildDist, cliNodeFlags, root } from './bench-dist.js';
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

buildDist();
const dir = mkdtempSync(join(tmpdir(), 'munirank-plan-bench-'));
const file = join(dir, 'bench.sqlite');
const seeding = openSqlite(file);
await migrateToLatest(seeding.db);
const { regionId, monthly } = await seed(seeding.db);
await seeding.close();
const flags = cliNodeFlags();
console.log(
  `Код собран в dist/ (tsc -p tsconfig.build.json); каждый замер — отдельный процесс node без tsx.`,
);
/** One child process measuring Table 2 and the baseline with the given node flags. */
function measure(nodeFlags: string[]) {
  const r = spawnSync(
    process.execPath,
    [
      ...nodeFlags,
      join(root, 'bench', 'plan-month-measure.mjs'),
      file,
      String(regionId),
      String(monthly),
      String(RUNS),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`замер Таблицы 2: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as {
    rows: number;
    table2: { wall: number; cpu: number };
    baseline: { wall: number; cpu: number };
  };
}
const figure = (x: { wall: number; cpu: number }) =>
  `${x.wall.toFixed(1)} мс, процессорное время ${x.cpu.toFixed(1)} мс`;
try {
  for (const [title, nodeFlags] of [
    [`с флагами munirank (${flags.join(' ')})`, flags],
    ['для сравнения — node с размерами памяти по умолчанию', []],
  ] as const) {
    const { rows, table2, baseline } = measure([...nodeFlags]);
    console.log(`Таблица 2 за декабрь, ${title}: ОМСУ ${rows}, месяцев данных ${months.length}`);
    console.log(`  расчёт с прогнозами (медиана из ${RUNS}): ${figure(table2)} (цель < 100 мс)`);
    console.log(`  только чтение тех же значений за месяцы:  ${figure(baseline)}`);
    console.log(`  отношение: ${(table2.wall / baseline.wall).toFixed(2)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
