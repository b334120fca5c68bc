import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import type { CollectionBoard } from '../../src/domain/collection-board.js';
import type { DataSet } from '../../src/domain/data-set.js';
import { saveEntryForm } from '../../src/server/features/collection/entry-service.js';
import { transitionSubmission } from '../../src/server/features/collection/workflow-service.js';
import { COMPLETE_MONTH, freshPeriod, SYSTEM } from '../support/collection-fixtures.js';
import { testDatabases } from '../support/databases.js';
import { type Headers, openStaffApp, type StaffApp } from '../support/staff-app.js';

describe.each(testDatabases())('reporting calendar per data set on $name', (kind) => {
  let env: StaffApp;
  let official: Headers;
  let analyst: Headers;
  let analystName: string;
  let period: string;

  const call: StaffApp['call'] = (...args) => env.call(...args);
  const board = async (query: string, headers: Headers = analyst) => {
    const res = await call('GET', `/api/collection-board/${period}${query}`, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as CollectionBoard;
  };
  const codes = (b: CollectionBoard) => b.rows.map((r) => r.municipality.code);
  const row = (b: CollectionBoard, code: string) =>
    b.rows.find((r) => r.municipality.code === code);

  beforeAll(async () => {
    env = await openStaffApp(kind);
    ({ official, analyst, analystName } = env);
    const db = env.instance.handle.db;

    // A month whose forms are due 2020-05-10; ЕСИА is due earlier, on 2020-05-05.
    period = freshPeriod();
    const regionId = (await findRegionId(db, 'orenburg')) ?? -1;
    const at = (iso: string) => ({ ...SYSTEM, at: new Date(iso) });
    await saveEntryForm(
      db,
      regionId,
      'buzuluk-city',
      period,
      { values: { esia_new: 900, esia_total: 9000 } },
      SYSTEM,
    );
    for (const code of ['orsk-city', 'buzulukskiy-district', 'orenburg-city'])
      await saveEntryForm(db, regionId, code, period, { values: COMPLETE_MONTH }, SYSTEM);
    const move = (code: string, action: 'submit' | 'return' | 'approve', when: string) =>
      transitionSubmission(db, regionId, code, period, { action, comment: 'проверьте' }, at(when));
    await move('orsk-city', 'submit', '2020-05-07T09:00:00Z');
    await move('buzulukskiy-district', 'submit', '2020-05-04T09:00:00Z');
    await move('buzulukskiy-district', 'return', '2020-05-06T09:00:00Z');
    await move('orenburg-city', 'submit', '2020-05-09T09:00:00Z');
    await move('orenburg-city', 'approve', '2020-05-12T09:00:00Z');
  });
  afterAll(async () => env?.close());

  it('lets analysts, not officials, define data sets and their own deadlines', async () => {
    const esia = {
      code: 'esia',
      name: 'ЕСИА',
      indicatorCodes: ['esia_new', 'esia_total', 'esia_per_1000'],
    };
    expect((await call('POST', '/api/data-sets', official, esia)).statusCode).toBe(403);
    const created = await call('POST', '/api/data-sets', analyst, esia);
    expect(created.statusCode, created.body).toBe(201);
    expect(
      (
        await call('POST', '/api/data-sets', analyst, {
          code: 'is-sou',
          name: 'ИС СОУ',
          indicatorCodes: ['rating_2016'],
        })
      ).statusCode,
    ).toBe(201);
    const duplicate = await call('POST', '/api/data-sets', analyst, esia);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().message).toBe('Набор данных с кодом «esia» уже есть.');
    const unknown = await call('POST', '/api/data-sets', analyst, {
      code: 'sed',
      name: 'СЭД и ПОС',
      indicatorCodes: ['sed_signed_share', 'esia_bogus'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe('Показатели не найдены в реестре: esia_bogus');

    expect(
      (await call('PUT', `/api/reporting-deadlines/${period}`, analyst, { dueDate: '2020-05-10' }))
        .statusCode,
    ).toBe(200);
    const url = `/api/data-sets/esia/deadlines/${period}`;
    expect((await call('PUT', url, official, { dueDate: '2020-05-05' })).statusCode).toBe(403);
    const badDate = await call('PUT', url, analyst, { dueDate: '2020-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toBe(
      'Дата «2020-02-30» не распознана: ожидается существующая дата ГГГГ-ММ-ДД.',
    );
    const set = await call('PUT', url, analyst, { dueDate: '2020-05-05' });
    expect(set.statusCode, set.body).toBe(200);

    const list = (await call('GET', '/api/data-sets', official)).json() as DataSet[];
    expect(list.map((s) => [s.code, s.name, s.indicators.map((i) => i.code)])).toEqual([
      ['esia', 'ЕСИА', ['esia_new', 'esia_per_1000', 'esia_total']],
      ['is-sou', 'ИС СОУ', ['rating_2016']],
    ]);
    expect(list[0]?.deadlines).toEqual([
      { period, dueDate: '2020-05-05', createdBy: analystName, createdAt: expect.any(String) },
    ]);
    expect(list[1]?.deadlines).toEqual([]);
    const audit = await env.instance.handle.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id', 'after_json', 'outcome'])
      .where('action', 'in', ['data-set.create', 'data-set-deadline.set'])
      .orderBy('id')
      .execute();
    // A refusal is recorded as what was attempted: the official tried to create a data set
    // and to set its deadline.
    expect(audit.filter((e) => e.outcome === 'denied').map((e) => [e.action, e.entity_id])).toEqual(
      [
        ['data-set.create', 'esia'],
        ['data-set-deadline.set', 'esia'],
      ],
    );
    expect(audit.filter((e) => e.outcome === 'allowed').map(({ outcome: _, ...e }) => e)).toEqual([
      {
        action: 'data-set.create',
        entity_id: 'esia',
        after_json: JSON.stringify({
          name: 'ЕСИА',
          indicators: ['esia_new', 'esia_per_1000', 'esia_total'],
        }),
      },
      {
        action: 'data-set.create',
        entity_id: 'is-sou',
        after_json: JSON.stringify({ name: 'ИС СОУ', indicators: ['rating_2016'] }),
      },
      {
        action: 'data-set-deadline.set',
        entity_id: `esia/${period}`,
        after_json: JSON.stringify({ dueDate: '2020-05-05' }),
      },
    ]);
  });

  it('shows per set who submitted, who is late by the set’s deadline, who was returned, and completeness', async () => {
    const esia = await board('?set=esia');
    expect(esia.dueDate).toBe('2020-05-05');
    expect(esia.formDueDate).toBe('2020-05-10');
    expect(esia.dataSet).toEqual({ code: 'esia', name: 'ЕСИА', ownDeadline: true });
    // The derived esia_per_1000 is computed, never entered: it does not count.
    expect(esia.indicatorCodes).toEqual(['esia_total', 'esia_new']);
    // Everyone is late for ЕСИА: Orsk and Orenburg submitted after 05-05, the rest never did.
    expect(esia.counts).toEqual({
      total: 42,
      notStarted: 38,
      draft: 39,
      submitted: 1,
      returned: 1,
      approved: 1,
      locked: 0,
      late: 42,
      complete: 4,
    });
    expect(row(esia, 'buzuluk-city')).toMatchObject({
      status: 'draft',
      notStarted: false,
      late: true,
      filled: 2,
      expected: 2,
    });
    expect(row(esia, 'orsk-city')).toMatchObject({
      status: 'submitted',
      submittedAt: '2020-05-07T09:00:00.000Z',
      late: true,
    });

    const sou = await board('?set=is-sou');
    expect(sou.dueDate).toBe('2020-05-10');
    expect(sou.dataSet).toEqual({ code: 'is-sou', name: 'ИС СОУ', ownDeadline: false });
    expect(sou.indicatorCodes).toEqual(['rating_2016']);
    // On the form's deadline Orsk (05-07) and Orenburg (05-09) were in time.
    expect(sou.counts).toEqual({
      total: 42,
      notStarted: 39,
      draft: 39,
      submitted: 1,
      returned: 1,
      approved: 1,
      locked: 0,
      late: 40,
      complete: 3,
    });
    expect(row(sou, 'buzuluk-city')).toMatchObject({ notStarted: true, filled: 0, expected: 1 });
    expect(row(sou, 'orenburg-city')).toMatchObject({ status: 'approved', late: false });
    expect(row(sou, 'buzulukskiy-district')).toMatchObject({
      status: 'returned',
      comment: 'проверьте',
      late: true,
    });

    const form = await board('');
    expect(form.dataSet).toBeNull();
    expect(form.indicatorCodes).toEqual(['rating_2016', 'esia_total', 'esia_new']);
    expect(row(form, 'buzuluk-city')).toMatchObject({ filled: 2, expected: 3 });
    expect(form.counts.complete).toBe(3);
  });

  it('filters rows while the counts stay whole, and shows an official only the own row', async () => {
    const returned = await board('?set=esia&show=returned');
    expect(codes(returned)).toEqual(['buzulukskiy-district']);
    expect(returned.filter).toBe('returned');
    expect(returned.counts.total).toBe(42);
    const onTime = await board('?set=is-sou&show=late');
    expect(onTime.rows).toHaveLength(40);
    expect(codes(onTime)).not.toContain('orsk-city');
    const notStarted = await board('?set=is-sou&show=not_started');
    expect(notStarted.rows).toHaveLength(39);
    expect(codes(notStarted)).toContain('buzuluk-city');
    expect((await board('?set=esia&show=incomplete')).rows).toHaveLength(38);
    expect(codes(await board('?set=esia&show=approved'))).toEqual(['orenburg-city']);

    const own = await board('?set=esia', official);
    expect(codes(own)).toEqual(['buzuluk-city']);
    expect(own.counts).toMatchObject({ total: 1, late: 1, complete: 1 });
    const missing = await call('GET', `/api/collection-board/${period}?set=nope`, analyst);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('Набор данных «nope» не найден');
  });

  it('falls back to the form’s deadline when a set’s own is removed; edits and deletes sets', async () => {
    const url = `/api/data-sets/esia/deadlines/${period}`;
    expect((await call('DELETE', url, analyst)).statusCode).toBe(204);
    expect((await call('DELETE', url, analyst)).statusCode).toBe(404);
    const esia = await board('?set=esia');
    expect(esia.dueDate).toBe('2020-05-10');
    expect(esia.dataSet?.ownDeadline).toBe(false);
    expect(esia.counts.late).toBe(40);

    const edited = await call('PUT', '/api/data-sets/esia', analyst, {
      name: 'ЕСИА (регистрации)',
      indicatorCodes: ['esia_new'],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      name: 'ЕСИА (регистрации)',
      indicators: [{ code: 'esia_new', name: 'Количество регистраций в ЕСИА за месяц' }],
    });
    expect((await board('?set=esia')).indicatorCodes).toEqual(['esia_new']);

    expect((await call('DELETE', '/api/data-sets/esia', official)).statusCode).toBe(403);
    expect((await call('DELETE', '/api/data-sets/esia', analyst)).statusCode).toBe(204);
    const left = (await call('GET', '/api/data-sets', analyst)).json() as DataSet[];
    expect(left.map((s) => s.code)).toEqual(['is-sou']);
    expect(
      (await call('GET', `/api/collection-board/${period}?set=esia`, analyst)).statusCode,
    ).toBe(404);
  });
});
