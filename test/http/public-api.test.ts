import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

describe.each(testDatabases())('public API on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    app = await buildApp({ db: instance.handle.db, regionCode: 'orenburg' });
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });

  it('serves Table 1 as JSON', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/snapshots/orenburg-2016-03-table1' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rows).toHaveLength(41);
    expect(body.rows[5]).toMatchObject({
      place: 6,
      municipality: { code: 'orsk-city', name: 'г.Орск', kind: 'city_okrug' },
      values: { rating_2016: 0.313, esia_per_1000: 14.37 },
    });
    expect(body.columns.map((c: { decimals: number }) => c.decimals)).toEqual([3, 2]);
  });

  it('answers a view the browser already holds with 304, by its strong ETag', async () => {
    const url = '/api/snapshots/orenburg-2016-03-table1';
    const first = await app.inject({ method: 'GET', url });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const stale = await app.inject({ method: 'GET', url, headers: { 'if-none-match': '"old"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(first.body);
    const other = await app.inject({ method: 'GET', url: '/api/snapshots/orenburg-2022-top10' });
    expect(other.headers.etag).not.toBe(etag);
  });

  it('serves Table 2 with computed and printed figures', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/plan-reports/orenburg-2017-esia' });
    expect(res.statusCode).toBe(200);
    const ilek = res.json().rows[3];
    expect(ilek.municipality.name).toBe('Илекский район');
    expect(ilek.inputs).toMatchObject({
      startOfYear: 2572,
      targetYearEnd: 4024,
      totalToDate: 2938,
      population: 24436,
    });
    expect(ilek.warnings).toHaveLength(1);
  });

  it('lists plan reports and municipalities', async () => {
    const reports = await app.inject({ method: 'GET', url: '/api/plan-reports' });
    expect(reports.json()).toEqual([
      {
        code: 'orenburg-2017-esia',
        title: expect.stringContaining('Выполнение плана на 2017 год'),
        year: 2017,
        asOf: '2017-03-01',
      },
    ]);
    const units = (await app.inject({ method: 'GET', url: '/api/municipalities' })).json();
    expect(units).toHaveLength(42);
    const byCode = (code: string) => units.find((u: { code: string }) => u.code === code);
    // Spellings that name matching already equates (ё/е, «муниципальный район» = «район»)
    // need no alias; only genuinely different spellings are stored.
    expect(byCode('grachevskiy-district').aliases).toEqual([]);
    expect(byCode('orsk-city').aliases).toEqual(['Орск', 'городской округ город Орск']);
  });

  it('answers an unknown snapshot with a Russian 404, and a malformed code with 400', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/snapshots/no-such-rating' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: 'not_found',
      message: 'Опубликованный рейтинг «no-such-rating» не найден',
    });
    const malformed = await app.inject({ method: 'GET', url: '/api/snapshots/DROP%20TABLE' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe('invalid_request');
    const unknownApi = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(unknownApi.statusCode).toBe(404);
  });

  it('describes every public route in its OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    // The public routes; routes that need an account are listed too (see route-role-matrix.test.ts).
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/municipalities',
        '/api/plan-reports',
        '/api/plan-reports/{code}',
        '/api/snapshots',
        '/api/snapshots/{code}',
        '/api/session',
        '/api/session/login',
      ]),
    );
  });

  it('sends a strict Content-Security-Policy and no-sniff headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/snapshots' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
