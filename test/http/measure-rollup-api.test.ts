import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasureSummary, PlanMeasure } from '../../src/domain/plan-measure.js';
import { testDatabases } from '../support/databases.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

describe.each(testDatabases())('the commission’s roll-up of measures on $name', (kind) => {
  let staff: StaffApp;
  beforeAll(async () => {
    staff = await openStaffApp(kind);
  });
  afterAll(async () => staff?.close());

  const add = async (code: string, title: string, responsibleName: string, deadline: string) => {
    const res = await staff.call(
      'POST',
      `/api/measure-plans/${code}/2032/measures`,
      staff.analyst,
      {
        title,
        responsibleName,
        responsiblePosition: 'заместитель главы',
        deadline,
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as PlanMeasure;
  };
  const report = async (measure: PlanMeasure, quarter: number, status: string) =>
    expect(
      (
        await staff.call(
          'PUT',
          `/api/plan-measures/${measure.id}/reports/${quarter}`,
          staff.analyst,
          {
            status,
          },
        )
      ).statusCode,
    ).toBe(200);

  it('counts done, late, not started and in progress per municipality and official, and lists the late', async () => {
    const m1 = await add('buzuluk-city', 'Организовать ЦОК', 'Иванова А. П.', '2032-03-31');
    const m2 = await add('buzuluk-city', 'Информирование о ЕСИА', 'Иванова А. П.', '2032-06-30');
    await add('buzuluk-city', 'Обучение специалистов', 'Иванова А. П.', '2032-12-31');
    const m4 = await add(
      'buzuluk-city',
      'Перевод услуг в электронный вид',
      'Петров И. И.',
      '2032-09-30',
    );
    await add('buzuluk-city', 'Работа с ПОС', 'Петров И. И.', '2032-05-31');
    const m6 = await add('orsk-city', 'СЭД в администрации', 'Сидорова Е. В.', '2032-12-31');
    await report(m1, 1, 'done');
    await report(m2, 1, 'in_progress');
    await report(m4, 2, 'in_progress');
    await report(m6, 2, 'not_done');

    const res = await staff.call('GET', '/api/measure-summary/2032?asOf=2032-07-01', staff.analyst);
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json() as MeasureSummary;
    expect(
      summary.byOfficial.map((r) => [
        r.municipality.name,
        r.responsibleName,
        r.total,
        r.done,
        r.late,
        r.notStarted,
        r.inProgress,
      ]),
    ).toEqual([
      ['г.Бузулук', 'Иванова А. П.', 3, 1, 1, 1, 0],
      ['г.Бузулук', 'Петров И. И.', 2, 0, 1, 0, 1],
      ['г.Орск', 'Сидорова Е. В.', 1, 0, 0, 0, 1],
    ]);
    expect(summary.overdue.map((o) => [o.title, o.responsibleName, o.deadline, o.status])).toEqual([
      ['Работа с ПОС', 'Петров И. И.', '2032-05-31', 'not_started'],
      ['Информирование о ЕСИА', 'Иванова А. П.', '2032-06-30', 'in_progress'],
    ]);
  });
});
