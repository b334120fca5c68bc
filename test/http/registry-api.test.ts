import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema/index.js';
import type { Municipality } from '../../src/domain/municipality.js';
import type { RatingPlaceHistory } from '../../src/server/features/rating/rating-schemas.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { testDatabases } from '../support/databases.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Counts the rows that a refused request must leave as they were. */
async function registryCounts(db: Kysely<Database>) {
  const count = async (table: 'municipality' | 'municipality_alias' | 'unit_group') =>
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
    .where('action', 'like', 'municipality.%')
    .where('outcome', '=', 'allowed')
    .executeTakeFirstOrThrow();
  const closed = await db
    .selectFrom('municipality')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('valid_to', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    units: await count('municipality'),
    aliases: await count('municipality_alias'),
    groups: await count('unit_group'),
    closed: Number(closed.n),
    audited: Number(audited.n),
  };
}

describe.each(testDatabases())('the registry of municipalities over HTTP on $name', (kind) => {
  let staff: StaffApp;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  beforeAll(async () => {
    staff = await openStaffApp(kind);
    app = staff.app;
    const user = await createFixtureUser(staff.instance.handle.db, 'administrator');
    admin = (await openFixtureSession(staff.instance.handle.db, user.id)).headers;
  });
  afterAll(async () => staff?.close());

  const db = () => staff.instance.handle.db;
  const send = (method: Method, url: string, headers: Record<string, string>, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload: payload as never } : {}) });
  const unit = async (code: string) => {
    const res = await app.inject({ method: 'GET', url: '/api/municipalities' });
    return (res.json() as Municipality[]).find((m) => m.code === code);
  };

  it('adds a unit with ОКТМО, aliases and a group; the registry lists it and the trail records it', async () => {
    const group = await send('POST', '/api/unit-groups', admin, {
      code: 'band-small',
      name: 'До 30 тыс. жителей',
    });
    expect(group.statusCode, group.body).toBe(201);
    const res = await send('POST', '/api/municipalities', admin, {
      code: 'test-novyy-district',
      name: 'Новый район',
      kind: 'municipal_district',
      oktmo: '53601000',
      validFrom: '2020-01-01',
      aliases: ['Новый муниципальный район', 'Новенский р-н'],
      groups: ['band-small'],
    });
    expect(res.statusCode, res.body).toBe(201);
    // «Новый муниципальный район» is the name itself once kind words are normalised.
    expect(res.json()).toMatchObject({
      code: 'test-novyy-district',
      name: 'Новый район',
      oktmo: '53601000',
      validFrom: '2020-01-01',
      validTo: null,
      successorCode: null,
      aliases: ['Новенский р-н'],
      groups: ['band-small'],
    });
    expect((await unit('test-novyy-district'))?.groups).toEqual(['band-small']);
    const groups = await send('GET', '/api/unit-groups', staff.analyst);
    expect(groups.json()).toEqual([
      { code: 'band-small', name: 'До 30 тыс. жителей', members: ['test-novyy-district'] },
    ]);
    const events = await db()
      .selectFrom('audit_event')
      .select(['actor_label', 'after_json'])
      .where('action', '=', 'municipality.create')
      .where('entity_id', '=', 'test-novyy-district')
      .execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.after_json ?? '{}').oktmo).toBe('53601000');
  });

  it('refuses an ОКТМО of 7 digits, naming the field, and stores nothing', async () => {
    const before = await registryCounts(db());
    const res = await send('POST', '/api/municipalities', admin, {
      code: 'test-seven',
      name: 'Семизначный район',
      kind: 'municipal_district',
      oktmo: '5360100',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'invalid_field',
      message: 'Поле «ОКТМО»: код ОКТМО — 8 или 11 цифр, а здесь 7 цифр: «5360100».',
    });
    const edit = await send('PATCH', '/api/municipalities/test-novyy-district', admin, {
      name: 'Переименованный район',
      oktmo: '5360100',
    });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().message).toMatch(/^Поле «ОКТМО»: /);
    expect(await registryCounts(db())).toEqual(before);
    expect((await unit('test-novyy-district'))?.name).toBe('Новый район');
  });

  it('refuses an ОКТМО another unit holds, and accepts 11 digits', async () => {
    const taken = await send('POST', '/api/municipalities', admin, {
      code: 'test-twin',
      name: 'Двойник',
      kind: 'city',
      oktmo: '53601000',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toBe('Поле «ОКТМО»: код 53601000 уже указан у «Новый район».');
    const eleven = await send('PATCH', '/api/municipalities/test-novyy-district', admin, {
      oktmo: '53601000001',
      name: 'Новенский район',
    });
    expect(eleven.statusCode, eleven.body).toBe(200);
    // The former name stays as an alias, so that older files still match the unit; «Новенский
    // р-н» is now the name itself and goes.
    expect(eleven.json()).toMatchObject({
      oktmo: '53601000001',
      name: 'Новенский район',
      aliases: ['Новый район'],
    });
  });

  it('refuses a merger into a unit that is itself closed, naming the field, and stores nothing', async () => {
    const closed = await send('POST', '/api/municipalities/test-novyy-district/close', admin, {
      validTo: '2022-12-31',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().validTo).toBe('2022-12-31');
    const before = await registryCounts(db());
    const res = await send('POST', '/api/municipality-mergers', admin, {
      predecessors: ['kvarkenskiy-district', 'adamovskiy-district'],
      successor: 'test-novyy-district',
      date: '2025-01-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(
      'Поле «правопреемник»: «Новенский район» само закрыто (действовало по 2022-12-31): объединять можно только в действующее ОМСУ.',
    );
    expect(await registryCounts(db())).toEqual(before);
    expect((await unit('kvarkenskiy-district'))?.validTo).toBeNull();
  });

  it('merges two districts into a new okrug whose profile and history show both under their own names', async () => {
    const res = await send('POST', '/api/municipality-mergers', admin, {
      predecessors: ['aleksandrovskiy-district', 'saraktashskiy-district'],
      newSuccessor: {
        code: 'test-aleksandro-saraktash-okrug',
        name: 'Александровско-Саракташский муниципальный округ',
        kind: 'municipal_okrug',
        oktmo: '53602000',
      },
      date: '2024-01-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().predecessors.map((p: { code: string }) => p.code)).toEqual([
      'aleksandrovskiy-district',
      'saraktashskiy-district',
    ]);
    for (const code of ['aleksandrovskiy-district', 'saraktashskiy-district'])
      expect(await unit(code)).toMatchObject({
        validTo: '2023-12-31',
        successorCode: 'test-aleksandro-saraktash-okrug',
      });
    expect(await unit('test-aleksandro-saraktash-okrug')).toMatchObject({
      validFrom: '2024-01-01',
      validTo: null,
    });

    // Table 1 of 01.03.2016: Александровский район 2nd, Саракташский район 3rd; the 2022
    // TOP-10 names Саракташский район 3rd and does not list Александровский.
    const history = (
      await app.inject({
        method: 'GET',
        url: '/api/municipalities/test-aleksandro-saraktash-okrug/rating-places',
      })
    ).json() as RatingPlaceHistory;
    expect(history.places.every((p) => !p.listed)).toBe(true);
    const placesOf = (code: string) =>
      history.predecessors
        .find((p) => p.municipality.code === code)
        ?.places.map((p) => [p.snapshot.code, p.placeLabel]);
    expect(placesOf('aleksandrovskiy-district')).toEqual([
      ['orenburg-2022-top10', null],
      ['orenburg-2016-03-table1', '2'],
    ]);
    expect(placesOf('saraktashskiy-district')).toEqual([
      ['orenburg-2022-top10', '3'],
      ['orenburg-2016-03-table1', '3'],
    ]);

    const page = await app.inject({
      method: 'GET',
      url: '/municipalities/test-aleksandro-saraktash-okrug',
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      'Образовано из: <a href="/municipalities/aleksandrovskiy-district">Александровский район</a>, <a href="/municipalities/saraktashskiy-district">Саракташский район</a>.',
    );
    expect(page.body).toContain(
      'Объединение: вошло в <a href="/municipalities/test-aleksandro-saraktash-okrug">Александровско-Саракташский муниципальный округ</a> с 01.01.2024 (действовало по 31.12.2023).',
    );
    expect(page.body.match(/data-testid="predecessor-history"/g)).toHaveLength(2);
    expect(page.body).toContain(
      'aria-label="Место в опубликованных рейтингах по наименованиям. Александровский район: 01.03.2016 — 2. Саракташский район: 01.03.2016 — 3; 16.02.2023 — 3"',
    );
    // The okrug's time series: Table 1's index of each district, under the district's name.
    const values = await send(
      'GET',
      '/api/values?municipality=test-aleksandro-saraktash-okrug&withPredecessors=true&indicator=rating_2016',
      staff.analyst,
    );
    expect(values.statusCode, values.body).toBe(200);
    expect(
      (values.json().rows as { municipality: { name: string }; period: string; value: number }[])
        .map((r) => `${r.municipality.name} ${r.period} ${r.value}`)
        .sort(),
    ).toEqual(['Александровский район 2016-03-01 0.454', 'Саракташский район 2016-03-01 0.425']);
    const alone = await send(
      'GET',
      '/api/values?municipality=test-aleksandro-saraktash-okrug&indicator=rating_2016',
      staff.analyst,
    );
    expect(alone.json().total).toBe(0);
    const old = await app.inject({ method: 'GET', url: '/municipalities/saraktashskiy-district' });
    expect(old.body).toContain(
      'Преобразовано: правопреемник — <a href="/municipalities/test-aleksandro-saraktash-okrug">',
    );
    const merges = await db()
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'municipality.merge')
      .execute();
    expect(merges.map((m) => m.detail)).toEqual([
      'Александровский район, Саракташский район → Александровско-Саракташский муниципальный округ с 2024-01-01',
    ]);
  });

  it('refuses to merge a unit that is already closed', async () => {
    const res = await send('POST', '/api/municipality-mergers', admin, {
      predecessors: ['saraktashskiy-district'],
      successor: 'orsk-city',
      date: '2025-01-01',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(
      'Поле «предшественники»: «Саракташский район» уже закрыто (действовало по 2023-12-31).',
    );
  });

  it('refuses a merger into a unit that begins only after the merger', async () => {
    const created = await send('POST', '/api/municipalities', admin, {
      code: 'test-future-okrug',
      name: 'Будущий округ',
      kind: 'municipal_okrug',
      validFrom: '2030-01-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await send('POST', '/api/municipality-mergers', admin, {
      predecessors: ['kvarkenskiy-district'],
      successor: 'test-future-okrug',
      date: '2029-01-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(
      'Поле «правопреемник»: «Будущий округ» действует только с 2030-01-01, позже 2029-01-01.',
    );
    expect((await unit('kvarkenskiy-district'))?.validTo).toBeNull();
  });

  it('keeps a unit a published rating names, and removes one entered by mistake', async () => {
    const kept = await send('DELETE', '/api/municipalities/buzuluk-city', admin);
    expect(kept.statusCode).toBe(409);
    expect(kept.json().message).toContain('на него ссылаются рейтинги (orenburg-2016-03-table1');
    await send('POST', '/api/municipalities', admin, {
      code: 'test-typo',
      name: 'Опечатка',
      kind: 'city',
    });
    expect((await send('DELETE', '/api/municipalities/test-typo', admin)).statusCode).toBe(204);
    expect(await unit('test-typo')).toBeUndefined();
  });

  it('lets only administrators change the registry', async () => {
    const res = await send('POST', '/api/municipalities', staff.analyst, {
      code: 'test-analyst',
      name: 'Аналитический район',
      kind: 'municipal_district',
    });
    expect(res.statusCode).toBe(403);
    expect(await unit('test-analyst')).toBeUndefined();
  });
});
