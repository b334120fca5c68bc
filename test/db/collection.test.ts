import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import { computeDerived } from '../../src/domain/compute-derived.js';
import type { EntryForm } from '../../src/domain/entry-form.js';
import { buildApp } from '../../src/server/app.js';
import type { AuditContext } from '../../src/server/features/access/audit.js';
import { collectionBoard } from '../../src/server/features/collection/board-service.js';
import { saveEntryForm } from '../../src/server/features/collection/entry-service.js';
import { transitionSubmission } from '../../src/server/features/collection/workflow-service.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import {
  COMPLETE_MONTH,
  freshPeriod,
  preparedForm,
  SYSTEM,
} from '../support/collection-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

const NBSP = '\u00a0';

describe.each(testDatabases())('data collection on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  let regionId: number;
  let official: Record<string, string>;
  let otherOfficial: Record<string, string>;
  let analyst: Record<string, string>;
  let analystName: string;
  let officialName: string;

  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    const db = instance.handle.db;
    regionId = (await findRegionId(db, 'orenburg')) ?? -1;
    app = await buildApp({ db, regionCode: 'orenburg' });
    await app.ready();
    const a = await createFixtureUser(db, 'official', { municipalityCodes: ['buzuluk-city'] });
    const b = await createFixtureUser(db, 'official', { municipalityCodes: ['orsk-city'] });
    const c = await createFixtureUser(db, 'analyst');
    officialName = a.username;
    analystName = c.username;
    official = (await openFixtureSession(db, a.id)).headers;
    otherOfficial = (await openFixtureSession(db, b.id)).headers;
    analyst = (await openFixtureSession(db, c.id)).headers;
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });

  const call = (
    method: 'GET' | 'PUT' | 'POST',
    url: string,
    headers: Record<string, string>,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const form = (period: string, code = 'buzuluk-city') => `/api/entry-forms/${code}/${period}`;
  const transition = (period: string, headers: Record<string, string>, body: unknown) =>
    call('POST', `${form(period)}/transitions`, headers, body);

  it('shows the monthly form with current, previous and reference values', async () => {
    const res = await call('GET', form('2017-02'), official);
    expect(res.statusCode).toBe(200);
    const body = res.json() as EntryForm;
    expect(body.status).toBe('draft');
    expect(body.editable).toBe(true);
    expect(body.actions).toEqual(['submit']);
    expect(body.jumpThresholdPercent).toBe(50);
    expect(body.references.population).toBe(85199);
    const line = (code: string) => body.lines.find((l) => l.code === code);
    expect(body.lines.map((l) => l.code).sort()).toEqual(
      ['esia_new', 'esia_per_1000', 'esia_total', 'rating_2016'].sort(),
    );
    expect(line('esia_new')).toMatchObject({
      value: 1105,
      previousValue: 1010,
      storedPeriod: '2017-02',
    });
    expect(line('esia_total')).toMatchObject({ value: 10176, storedPeriod: '2017-03-01' });
    // 10 176 / 85 199 × 1000 = 119,438… (Table 2: 11,94 % of the population)
    const derived = computeDerived(body.lines, { esia_total: 10176 }, body.references);
    expect(derived.esia_per_1000?.value).toBeCloseTo(119.438, 3);
    expect(computeDerived(body.lines, {}, body.references).esia_per_1000?.reason).toBe(
      'Нет данных «esia_total»',
    );
  });

  it('refuses invalid values with one message per problem and writes nothing', async () => {
    const res = await call('PUT', form('2017-03'), official, {
      values: { rating_2016: 1.5, esia_new: 2000, esia_total: 10500.5 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().problems).toEqual([
      {
        indicator: 'rating_2016',
        message:
          'Значение показателя рейтинга ОМСУ (максимально возможное значение – 1): значение 1,5 вне допустимого диапазона (от 0 до 1)',
      },
      {
        indicator: 'esia_total',
        message: 'Всего граждан, зарегистрированных в ЕСИА: количество человек — целое число',
      },
      {
        indicator: 'esia_new',
        message: `Количество регистраций в ЕСИА за месяц: изменение на 81,0 % к предыдущему периоду (1${NBSP}105) больше порога 50 % — добавьте комментарий`,
      },
    ]);
    const annual = await call('PUT', form('2022'), official, { values: { sed_signed_share: 120 } });
    expect(annual.statusCode).toBe(422);
    expect(annual.json().problems[0].message).toBe(
      'Доля документов, подписанных электронной подписью в СЭД: процент не может быть больше 100',
    );
    const after = (await call('GET', form('2017-03'), official)).json() as EntryForm;
    expect(after.lines.find((l) => l.code === 'esia_new')?.value).toBeNull();
  });

  it('keeps a field left empty empty: the form sends null, and nothing is stored for it', async () => {
    // The entry page sends every field, null for those left empty (`parseTyped`).
    const saved = await call('PUT', form('2018-07'), official, {
      values: { rating_2016: null, esia_new: 1200, esia_total: null },
      comments: {},
    });
    expect(saved.statusCode).toBe(200);
    const lines = (saved.json() as EntryForm).lines;
    const value = (code: string) => lines.find((l) => l.code === code)?.value;
    expect([value('rating_2016'), value('esia_new'), value('esia_total')]).toEqual([
      null,
      1200,
      null,
    ]);
    const stored = await instance.handle.db
      .selectFrom('observation')
      .innerJoin('indicator', 'indicator.id', 'observation.indicator_id')
      .innerJoin('municipality', 'municipality.id', 'observation.municipality_id')
      .select(['indicator.code', 'observation.value'])
      .where('municipality.code', '=', 'buzuluk-city')
      .where('observation.period', 'in', ['2018-07', '2018-08-01'])
      .orderBy('indicator.code')
      .execute();
    expect(stored).toEqual([{ code: 'esia_new', value: 1200 }]);
  });

  it('a form changing an imported value first writes out its revision 1 from the import', async () => {
    const imported = await call('POST', '/api/imports', official, {
      fileName: 'апрель.txt',
      text: 'ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tesia_new\t2017-04\t1150',
    });
    expect(imported.statusCode).toBe(200);
    const batchId = imported.json().batchId;
    const path = `${form('2017-04')}/values/esia_new/revisions`;
    const before = (await call('GET', path, official)).json();
    expect(before).toMatchObject([{ revision: 1, newValue: 1150, batch: { id: batchId, row: 2 } }]);
    const saved = await call('PUT', form('2017-04'), official, { values: { esia_new: 1160 } });
    expect(saved.statusCode).toBe(200);
    // The answer is the form as it is now stored, without a second read.
    expect(saved.json()).toEqual((await call('GET', form('2017-04'), official)).json());
    const after = (await call('GET', path, official)).json();
    expect(after).toHaveLength(2);
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toMatchObject({
      revision: 2,
      oldValue: 1150,
      newValue: 1160,
      author: officialName,
      source: 'форма ввода',
      batch: null,
    });
  });

  it('saves a commented jump as a revision with author, time and source «форма ввода»', async () => {
    const res = await call('PUT', form('2017-03'), official, {
      values: { esia_new: 2000 },
      comments: { esia_new: 'акция в МФЦ' },
    });
    expect(res.statusCode).toBe(200);
    const again = await call('PUT', form('2017-02'), official, { values: { esia_new: 1200 } });
    expect(again.statusCode).toBe(200);
    const history = await call('GET', `${form('2017-02')}/values/esia_new/revisions`, official);
    expect(history.statusCode).toBe(200);
    const revisions = history.json();
    expect(revisions).toHaveLength(2);
    expect(revisions[1]).toMatchObject({
      revision: 2,
      oldValue: 1105,
      newValue: 1200,
      author: officialName,
      source: 'форма ввода',
      batch: null,
    });
    const jump = await call('GET', `${form('2017-03')}/values/esia_new/revisions`, official);
    expect(jump.json()[0]).toMatchObject({ oldValue: null, newValue: 2000, note: 'акция в МФЦ' });
    const other = await call('GET', `${form('2017-02')}/values/esia_new/revisions`, otherOfficial);
    expect(other.statusCode).toBe(403);
  });

  it('keeps a comment given to a saved value that jumped; submits it; shows it to the reviewer', async () => {
    const db = instance.handle.db;
    const previous = freshPeriod();
    const period = freshPeriod();
    // A month left empty after it, so that the next fresh period has no previous values.
    freshPeriod();
    // The value came first (nothing to compare with), the previous month after: a jump of
    // 1 000 → 3 000 = +200 % stands without a comment.
    await saveEntryForm(
      db,
      regionId,
      'buzuluk-city',
      period,
      {
        values: { ...COMPLETE_MONTH, esia_new: 3000 },
      },
      SYSTEM,
    );
    await saveEntryForm(db, regionId, 'buzuluk-city', previous, { values: COMPLETE_MONTH }, SYSTEM);
    const refused = await transition(period, official, { action: 'submit' });
    expect(refused.statusCode).toBe(422);
    // The values are saved: what is refused is sending them without the comment.
    expect(refused.json().message).toBe(
      `Нельзя отправить на проверку: Количество регистраций в ЕСИА за месяц: изменение на 200,0 % к предыдущему периоду (1${NBSP}000) больше порога 50 % — добавьте комментарий`,
    );

    const saved = await call('PUT', form(period), official, {
      values: { ...COMPLETE_MONTH, esia_new: 3000 },
      comments: { esia_new: 'акция в МФЦ' },
    });
    expect(saved.statusCode).toBe(200);
    const line = (body: EntryForm) => body.lines.find((l) => l.code === 'esia_new');
    expect(line(saved.json())).toMatchObject({ value: 3000, note: 'акция в МФЦ' });
    expect(saved.json()).toEqual((await call('GET', form(period), official)).json());
    expect((await transition(period, official, { action: 'submit' })).json().status).toBe(
      'submitted',
    );

    // The reviewing analyst reads the justification with the value.
    const reviewed = await call('GET', form(period), analyst);
    expect(line(reviewed.json())).toMatchObject({ value: 3000, note: 'акция в МФЦ' });
    const revisions = await call('GET', `${form(period)}/values/esia_new/revisions`, analyst);
    expect(
      revisions
        .json()
        .map(
          (r: {
            revision: number;
            oldValue: number | null;
            newValue: number;
            note: string | null;
          }) => [r.revision, r.oldValue, r.newValue, r.note],
        ),
    ).toEqual([
      [1, null, 3000, null],
      [2, 3000, 3000, 'акция в МФЦ'],
    ]);
  });

  it('runs the workflow: submit, return, resubmit, approve, lock, unlock — each audited', async () => {
    const period = freshPeriod();
    const incomplete = await transition(period, official, { action: 'submit' });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().problems.map((p: { message: string }) => p.message)).toContain(
      'Количество регистраций в ЕСИА за месяц: значение обязательно',
    );
    const first = await call('PUT', form(period), official, { values: COMPLETE_MONTH });
    expect(first.statusCode).toBe(200);
    // New observations: the answer names the ids a fresh read finds.
    const entered = (first.json() as EntryForm).lines.filter((l) => l.code in COMPLETE_MONTH);
    expect(entered.map((l) => typeof l.observationId)).toEqual(['number', 'number', 'number']);
    expect(first.json()).toEqual((await call('GET', form(period), official)).json());
    expect((await transition(period, otherOfficial, { action: 'submit' })).statusCode).toBe(403);
    expect((await transition(period, official, { action: 'submit' })).json().status).toBe(
      'submitted',
    );

    const blocked = await call('PUT', form(period), official, { values: { esia_new: 1001 } });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().message).toBe(
      'Данные отправлены на проверку: изменить их можно после возврата на доработку.',
    );
    expect((await transition(period, official, { action: 'approve' })).statusCode).toBe(403);
    const noComment = await transition(period, analyst, { action: 'return' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().message).toBe(
      'Укажите, что нужно исправить: комментарий обязателен при возврате на доработку.',
    );
    const returned = await transition(period, analyst, { action: 'return', comment: 'уточните' });
    expect(returned.json()).toMatchObject({ status: 'returned', comment: 'уточните' });
    expect(
      (await call('PUT', form(period), official, { values: { esia_new: 1001 } })).statusCode,
    ).toBe(200);
    expect((await transition(period, official, { action: 'submit' })).statusCode).toBe(200);
    expect((await transition(period, analyst, { action: 'lock' })).statusCode).toBe(409);
    expect((await transition(period, analyst, { action: 'approve' })).json().status).toBe(
      'approved',
    );
    expect((await transition(period, analyst, { action: 'lock' })).json().status).toBe('locked');

    const locked = await call('PUT', form(period), analyst, { values: { esia_new: 1002 } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().message).toBe(
      'Период закрыт: изменить данные можно только после того, как аналитик или администратор откроет период.',
    );
    expect(
      (await transition(period, official, { action: 'unlock', comment: 'нужно' })).statusCode,
    ).toBe(403);
    const unlocked = await transition(period, analyst, {
      action: 'unlock',
      comment: 'ошибка в данных',
    });
    expect(unlocked.json().status).toBe('returned');
    expect(
      (await call('PUT', form(period), official, { values: { esia_new: 1002 } })).statusCode,
    ).toBe(200);

    const view = (await call('GET', form(period), official)).json() as EntryForm;
    expect(view.history.map((h) => `${h.fromStatus}→${h.toStatus}`)).toEqual([
      'draft→submitted',
      'submitted→returned',
      'returned→submitted',
      'submitted→approved',
      'approved→locked',
      'locked→returned',
    ]);
    const audit = await instance.handle.db
      .selectFrom('audit_event')
      .select(['action', 'actor_label', 'outcome'])
      .where('entity_id', '=', `buzuluk-city/${period}`)
      .where('entity_type', '=', 'submission')
      .orderBy('id')
      .execute();
    expect(
      audit.filter((a) => a.outcome === 'allowed').map((a) => `${a.action} ${a.actor_label}`),
    ).toEqual([
      `submission.submit ${officialName}`,
      `submission.return ${analystName}`,
      `submission.submit ${officialName}`,
      `submission.approve ${analystName}`,
      `submission.lock ${analystName}`,
      `submission.unlock ${analystName}`,
    ]);
    expect(audit.filter((a) => a.outcome === 'denied').map((a) => a.action)).toEqual([
      'municipality-data.write',
      'data.approve',
      'data.approve',
    ]);
  });

  it('approves in bulk and skips forms that are not submitted', async () => {
    const db = instance.handle.db;
    const period = await preparedForm(db, 'buzuluk-city', 'submitted');
    await saveEntryForm(db, regionId, 'orsk-city', period, { values: COMPLETE_MONTH }, SYSTEM);
    const res = await call('POST', '/api/entry-approvals', analyst, {
      period,
      municipalityCodes: ['buzuluk-city', 'orsk-city'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      approved: ['buzuluk-city'],
      skipped: [
        {
          code: 'orsk-city',
          message: `Действие невозможно: данные г.Орск за ${period} в состоянии «черновик».`,
        },
      ],
    });
    expect(
      (
        await call('POST', '/api/entry-approvals', official, {
          period,
          municipalityCodes: ['buzuluk-city'],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('counts who submitted, who is late and who was returned against the deadline', async () => {
    const db = instance.handle.db;
    const period = freshPeriod();
    const at = (iso: string): AuditContext => ({ ...SYSTEM, at: new Date(iso) });
    const deadline = await call('PUT', `/api/reporting-deadlines/${period}`, analyst, {
      dueDate: '2031-05-10',
    });
    expect(deadline.statusCode).toBe(200);
    for (const code of ['buzuluk-city', 'orsk-city', 'buzulukskiy-district'])
      await saveEntryForm(db, regionId, code, period, { values: COMPLETE_MONTH }, SYSTEM);
    const move = (code: string, action: 'submit' | 'approve' | 'return', when: string) =>
      transitionSubmission(db, regionId, code, period, { action, comment: 'исправьте' }, at(when));
    await move('buzuluk-city', 'submit', '2031-05-09T12:00:00Z');
    await move('buzuluk-city', 'approve', '2031-05-11T12:00:00Z');
    await move('orsk-city', 'submit', '2031-05-12T12:00:00Z');
    await move('buzulukskiy-district', 'submit', '2031-05-08T12:00:00Z');
    await move('buzulukskiy-district', 'return', '2031-05-09T12:00:00Z');

    const board = await collectionBoard(db, regionId, period, at('2031-05-20T00:00:00Z'));
    expect(board.dueDate).toBe('2031-05-10');
    // 42 municipalities in the demo: one approved on time, one submitted late, one returned,
    // 39 never submitted. Late: Orsk, the returned one and the 39 drafts.
    // Complete: the three forms filled with every entered indicator; not started: the rest.
    expect(board.counts).toEqual({
      total: 42,
      notStarted: 39,
      complete: 3,
      draft: 39,
      submitted: 1,
      returned: 1,
      approved: 1,
      locked: 0,
      late: 41,
    });
    const before = await collectionBoard(db, regionId, period, at('2031-05-10T08:00:00Z'));
    expect(before.counts.late).toBe(1);

    const own = await call('GET', `/api/collection-board/${period}`, official);
    expect(
      own.json().rows.map((r: { municipality: { code: string } }) => r.municipality.code),
    ).toEqual(['buzuluk-city']);
    const all = await call('GET', `/api/collection-board/${period}`, analyst);
    expect(all.json().rows).toHaveLength(42);
  });
});
