import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema/index.js';
import { testDatabases } from '../support/databases.js';
import { passport, publishMethodologyUsing } from '../support/indicator-fixtures.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

/** The rows a refused request must leave as they were. */
async function counts(db: Kysely<Database>) {
  const n = async (table: 'indicator' | 'indicator_version') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audited = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', 'like', 'indicator.%')
    .where('outcome', '=', 'allowed')
    .executeTakeFirstOrThrow();
  return {
    indicators: await n('indicator'),
    versions: await n('indicator_version'),
    audited: Number(audited.n),
  };
}

describe.each(testDatabases())('indicator passports over HTTP on $name', (kind) => {
  let staff: StaffApp;
  beforeAll(async () => {
    staff = await openStaffApp(kind);
  });
  afterAll(async () => staff?.close());
  const db = () => staff.instance.handle.db;

  it('creates an entered and a derived indicator; the list and the trail show them', async () => {
    const entered = await staff.call('POST', '/api/indicators', staff.analyst, {
      code: 'pp_appeals',
      ...passport(),
    });
    expect(entered.statusCode, entered.body).toBe(201);
    expect(entered.json()).toMatchObject({
      code: 'pp_appeals',
      unit: '%',
      rangeMin: 0,
      rangeMax: 100,
      version: 1,
      usedBySnapshot: null,
      versions: [],
    });
    const derived = await staff.call('POST', '/api/indicators', staff.analyst, {
      code: 'pp_per_1000',
      ...passport({
        name: 'Обращения на 1000 жителей',
        unit: 'ед.',
        rangeMax: null,
        formula: 'pp_appeals / population * 1000',
      }),
    });
    expect(derived.statusCode, derived.body).toBe(201);
    const list = await staff.call('GET', '/api/indicators', staff.analyst);
    expect(
      (list.json() as { code: string; derived: boolean }[]).filter((i) => i.code.startsWith('pp_')),
    ).toMatchObject([
      { code: 'pp_appeals', derived: false, direction: 'higher_better', formula: null },
      {
        code: 'pp_per_1000',
        derived: true,
        direction: 'higher_better',
        formula: 'pp_appeals / population * 1000',
      },
    ]);
    const trail = await db()
      .selectFrom('audit_event')
      .select(['action', 'entity_id'])
      .where('action', '=', 'indicator.create')
      .orderBy('id')
      .execute();
    expect(trail).toEqual([
      { action: 'indicator.create', entity_id: 'pp_appeals' },
      { action: 'indicator.create', entity_id: 'pp_per_1000' },
    ]);
  });

  it('refuses bad passports naming the field and writes nothing', async () => {
    const before = await counts(db());
    const refusals: [object, string][] = [
      [
        { code: 'pp_self', ...passport({ formula: 'pp_self * 2' }) },
        'Поле «формула»: формула ссылается сама на себя («pp_self» в позиции 1).',
      ],
      [
        { code: 'pp_bad', ...passport({ formula: 'pp_appeals / nobody_knows' }) },
        'Поле «формула»: неизвестный код «nobody_knows» в позиции 14',
      ],
      [
        { code: 'pp_range', ...passport({ rangeMin: 10, rangeMax: 5 }) },
        'Поле «допустимый минимум»: 10 больше допустимого максимума 5.',
      ],
      [{ code: 'PP Bad', ...passport() }, 'Поле «код»: «PP Bad» не подходит'],
      [
        { code: 'pp_appeals', ...passport() },
        'Поле «код»: показатель с кодом «pp_appeals» уже есть.',
      ],
    ];
    for (const [body, message] of refusals) {
      const res = await staff.call('POST', '/api/indicators', staff.analyst, body);
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.json().message).toContain(message);
    }
    // A cycle through another derived indicator: pp_appeals would read pp_per_1000, which reads it.
    const cycle = await staff.call('PUT', '/api/indicators/pp_appeals', staff.analyst, {
      ...passport({ formula: 'pp_per_1000 / 10' }),
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().message).toBe(
      'Поле «формула»: круговая ссылка: «pp_appeals» → «pp_per_1000» → «pp_appeals» — формула «pp_per_1000» ведёт обратно к «pp_appeals».',
    );
    expect(await counts(db())).toEqual(before);
  });

  it('checks a formula as it is typed without writing anything', async () => {
    const before = await counts(db());
    const check = (formula: string) =>
      staff.call('POST', '/api/indicator-formula-checks', staff.analyst, {
        code: 'pp_new',
        formula,
      });
    expect((await check('pp_appeals * 2 + pp_new')).json()).toEqual({
      ok: false,
      message: 'Поле «формула»: формула ссылается сама на себя («pp_new» в позиции 18).',
      position: 18,
      variables: ['pp_appeals', 'pp_new'],
    });
    expect((await check('pp_appeals * (2')).json().message).toContain('Поле «формула»: Ожидалась');
    expect((await check('max(pp_appeals, 1) / population')).json()).toEqual({
      ok: true,
      message: null,
      position: null,
      variables: ['pp_appeals', 'population'],
    });
    expect(
      (
        await staff.call('POST', '/api/indicator-formula-checks', staff.official, {
          code: 'x',
          formula: '1',
        })
      ).statusCode,
    ).toBe(403);
    expect(await counts(db())).toEqual({ ...before, audited: before.audited });
  });

  it('edits a passport in place while no published rating uses it', async () => {
    const res = await staff.call('PUT', '/api/indicators/pp_appeals', staff.analyst, {
      ...passport({ rangeMax: 120, decimals: 2 }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rangeMax: 120, decimals: 2, version: 2, versions: [] });
  });

  it('keeps the former passport as a version when a published rating uses it', async () => {
    await publishMethodologyUsing(db(), 'pp_appeals', 'pp-published');
    const before = await counts(db());
    const res = await staff.call('PUT', '/api/indicators/pp_appeals', staff.analyst, {
      ...passport({ name: 'Доля обращений, рассмотренных без продления', rangeMax: 100 }),
      expectedVersion: 2,
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      name: 'Доля обращений, рассмотренных без продления',
      version: 3,
      usedBySnapshot: 'pp-published',
    });
    expect(view.versions).toHaveLength(1);
    expect(view.versions[0]).toMatchObject({
      version: 2,
      snapshotCode: 'pp-published',
      passport: { name: 'Доля обращений, рассмотренных в срок', rangeMax: 120, decimals: 2 },
    });
    expect(view.versions[0].validTo).toBe(view.validFrom);
    // The old passport stays readable afterwards.
    const again = await staff.call('GET', '/api/indicators/pp_appeals', staff.analyst);
    expect(again.json().versions[0].passport.name).toBe('Доля обращений, рассмотренных в срок');
    expect(await counts(db())).toEqual({
      ...before,
      versions: before.versions + 1,
      audited: before.audited + 1,
    });
    // A stale edit is a clear conflict and writes nothing.
    const stale = await staff.call('PUT', '/api/indicators/pp_appeals', staff.analyst, {
      ...passport(),
      expectedVersion: 2,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('сейчас действует версия 3, а вы правили версию 2');
  });

  it('describes the passport routes in the OpenAPI document', async () => {
    const doc = (await staff.call('GET', '/api/openapi.json', {})).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/indicators/{code}', '/api/indicator-formula-checks']),
    );
    expect(Object.keys(doc.paths['/api/indicators']).sort()).toEqual(['get', 'post']);
  });
});
