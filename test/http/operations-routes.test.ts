import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import { validateMethodology } from '../../src/engine/validate-methodology.js';
import { buildApp } from '../../src/server/app.js';
import { ImportJobs } from '../../src/server/features/imports/import-jobs.js';
import { computeSnapshot } from '../../src/server/features/rating/snapshot-service.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

/** The value of one series in a metrics text, 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe.each(testDatabases())('health, readiness and metrics on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  const token = 'metrics-token-for-tests';
  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    app = await buildApp({
      db: instance.handle.db,
      regionCode: 'orenburg',
      metricsAccess: { token, allow: null },
      poolStats: instance.handle.poolStats,
      statementsSent: instance.handle.statementsSent,
    });
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });

  it('answers /healthz and /readyz, and says why it is not ready', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready' });
    const db = instance.handle.db;
    await sql`DELETE FROM schema_migration WHERE name = '2026-12-05-0030-plan-rules'`.execute(db);
    try {
      const res = await app.inject('/readyz');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        status: 'unavailable',
        reason: 'не применены миграции: 2026-12-05-0030-plan-rules (выполните munirank migrate)',
      });
      expect((await app.inject('/healthz')).statusCode).toBe(200);
    } finally {
      await sql`INSERT INTO schema_migration (name, timestamp) VALUES ('2026-12-05-0030-plan-rules', '2026-12-05T00:00:00.000Z')`.execute(
        db,
      );
    }
    expect((await app.inject('/readyz')).statusCode).toBe(200);
  });

  it('reports a database that does not answer', async () => {
    const gone = await kind.create();
    const lonely = await buildApp({ db: gone.handle.db, regionCode: 'orenburg' });
    await gone.dispose();
    const res = await lonely.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json().reason).toMatch(/^база данных недоступна: /);
    await lonely.close();
  });

  it('gives the metrics to the token only, with durations by route, imports, ratings, the pool', async () => {
    const denied = await app.inject('/metrics');
    expect(denied.statusCode).toBe(401);
    expect(denied.json().message).toBe(
      'Метрики требуют токен: заголовок Authorization: Bearer <MUNIRANK_METRICS_TOKEN>.',
    );
    const wrong = await app.inject({ url: '/metrics', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const audit = await instance.handle.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'metrics.read', outcome: 'denied' });

    const scrape = async () => {
      const res = await app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      return res.body;
    };
    const series =
      'munirank_http_request_duration_seconds_count{method="GET",route="/api/municipalities",status="200"}';
    const failed = 'munirank_import_jobs_finished_total{mode="preview",state="failed"}';
    const before = await scrape();
    for (let k = 0; k < 3; k += 1) await app.inject('/api/municipalities');
    const jobs = new ImportJobs();
    jobs.start('тест', 'preview', 0, async () => ({
      state: 'failed',
      status: 400,
      message: 'нет',
    }));
    expect(jobs.running).toBe(1);
    await jobs.settled();
    expect(jobs.running).toBe(0);
    const file = new URL('../../methodologies/orenburg-annual-2022.json', import.meta.url);
    const checked = validateMethodology(JSON.parse(readFileSync(file, 'utf8')));
    if (!checked.ok) throw new Error('the shipped methodology is invalid');
    await computeSnapshot(instance.handle.db, {
      regionId: (await findRegionId(instance.handle.db, 'orenburg')) as number,
      code: 'metrics-2022',
      title: 'Для метрик',
      period: '2022',
      asOf: '2023-01-01',
      methodology: checked.methodology,
      data: {
        units: [{ code: 'buzuluk-city', name: 'г.Бузулук' }],
        values: {
          sed_signed_share: [1],
          sed_active_staff_share: [2],
          pos_level: [3],
          epgu_mass_services_share: [4],
        },
      },
      source: { document: 'тест', table: null, note: null },
    });
    const after = await scrape();
    const stored = 'munirank_rating_computations_total{outcome="stored"}';
    expect(sample(after, stored) - sample(before, stored)).toBe(1);
    expect(sample(after, series) - sample(before, series)).toBe(3);
    expect(after).toContain('# TYPE munirank_http_request_duration_seconds histogram\n');
    expect(after).toMatch(
      /munirank_http_request_duration_seconds_bucket\{method="GET",route="\/api\/municipalities",status="200",le="\+Inf"\} \d+/,
    );
    expect(sample(after, failed) - sample(before, failed)).toBe(1);
    expect(after).toContain('# TYPE munirank_rating_computations_total counter');
    // Storing the snapshot and the scrapes' requests went to the database meanwhile.
    expect(after).toContain('# TYPE munirank_db_statements_total counter');
    expect(sample(after, 'munirank_db_statements_total')).toBeGreaterThan(
      sample(before, 'munirank_db_statements_total'),
    );
    if (kind.name === 'postgres')
      expect(sample(after, 'munirank_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    else expect(after).not.toContain('munirank_db_pool_connections{');
  });
});
