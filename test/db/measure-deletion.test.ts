import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasurePlan, PlanMeasure } from '../../src/domain/plan-measure.js';
import { testDatabases } from '../support/databases.js';
import { type Headers, openStaffApp, type StaffApp } from '../support/staff-app.js';
import { tinyPdf } from '../support/tiny-files.js';

describe.each(testDatabases())('deleting plan measures and attachments on $name', (kind) => {
  let env: StaffApp;
  let official: Headers;
  let otherOfficial: Headers;
  let analyst: Headers;
  let officialName: string;
  beforeAll(async () => {
    env = await openStaffApp(kind);
    ({ official, otherOfficial, analyst, officialName } = env);
  });
  afterAll(async () => env?.close());
  const call: StaffApp['call'] = (...args) => env.call(...args);

  const addMeasure = async (year: number, title: string) => {
    const res = await call('POST', `/api/measure-plans/buzuluk-city/${year}/measures`, official, {
      title,
      responsibleName: 'Иванова А. П.',
      deadline: `${year}-06-30`,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as PlanMeasure;
  };
  const attach = async (measureId: number, quarter: number, fileName: string) => {
    const res = await call(
      'POST',
      `/api/plan-measures/${measureId}/reports/${quarter}/attachments`,
      official,
      { fileName, contentBase64: tinyPdf().toString('base64') },
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const titles = async (year: number) =>
    (
      (await call('GET', `/api/measure-plans/buzuluk-city/${year}`, analyst)).json() as MeasurePlan
    ).measures.map((m) => m.title);
  const lastAudit = (action: string) =>
    env.instance.handle.db
      .selectFrom('audit_event')
      .select(['actor_label', 'entity_id', 'before_json'])
      .where('action', '=', action)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

  it('lets the official delete an unreported measure of the own plan, audited with its content', async () => {
    const kept = await addMeasure(2032, 'Провести обучение сотрудников');
    const gone = await addMeasure(2032, 'Лишнее мероприятие');
    expect((await call('DELETE', `/api/plan-measures/${gone.id}`, otherOfficial)).statusCode).toBe(
      403,
    );
    const res = await call('DELETE', `/api/plan-measures/${gone.id}`, official);
    expect(res.statusCode, res.body).toBe(204);
    expect(await titles(2032)).toEqual([kept.title]);
    const audit = await lastAudit('plan_measure.delete');
    expect(audit.actor_label).toBe(officialName);
    expect(audit.entity_id).toBe(String(gone.id));
    expect(JSON.parse(audit.before_json ?? '{}')).toMatchObject({
      municipality: 'buzuluk-city',
      year: 2032,
      title: 'Лишнее мероприятие',
      deadline: '2032-06-30',
      responsible_name: 'Иванова А. П.',
    });
    expect((await call('DELETE', `/api/plan-measures/${gone.id}`, official)).statusCode).toBe(404);
  });

  it('refuses to delete a measure with quarterly reports, naming the quarters, until they are cleared', async () => {
    const measure = await addMeasure(2033, 'Информировать граждан о ЕСИА');
    await call('PUT', `/api/plan-measures/${measure.id}/reports/2`, official, {
      status: 'in_progress',
      comment: 'начато',
    });
    const fileId = await attach(measure.id, 3, 'акт.pdf');
    const refused = await call('DELETE', `/api/plan-measures/${measure.id}`, official);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error: 'measure_reported',
      message:
        'Мероприятие «Информировать граждан о ЕСИА» нельзя удалить: по нему есть квартальные отчёты (2 кв.: в работе, есть комментарий; 3 кв.: не начато, файлов: 1). Удалите вложения и верните отчёты в состояние «не начато» без комментария, затем удалите мероприятие.',
    });
    expect(await titles(2033)).toEqual(['Информировать граждан о ЕСИА']);

    const removed = await call('DELETE', `/api/measure-attachments/${fileId}`, official);
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await call('GET', `/api/measure-attachments/${fileId}`, official)).statusCode).toBe(
      404,
    );
    await call('PUT', `/api/plan-measures/${measure.id}/reports/2`, official, {
      status: 'not_started',
      comment: '',
    });
    // The empty report rows (Q2 reset, Q3 without its file) go with the measure.
    expect((await call('DELETE', `/api/plan-measures/${measure.id}`, official)).statusCode).toBe(
      204,
    );
    expect(await titles(2033)).toEqual([]);
    const left = await env.instance.handle.db
      .selectFrom('measure_report')
      .select('id')
      .where('measure_id', '=', measure.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('keeps an approved plan: the official may not delete its measures, the analyst may', async () => {
    const measure = await addMeasure(2034, 'Перевести услуги в электронный вид');
    const approval = await call('PUT', '/api/measure-plans/buzuluk-city/2034/approval', analyst, {
      approved: true,
    });
    expect(approval.statusCode).toBe(200);
    const refused = await call('DELETE', `/api/plan-measures/${measure.id}`, official);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      'План мероприятий г.Бузулук на 2034 год утверждён: изменить мероприятия может только аналитик департамента.',
    );
    expect((await call('DELETE', `/api/plan-measures/${measure.id}`, analyst)).statusCode).toBe(
      204,
    );
    expect(await titles(2034)).toEqual([]);
  });

  it('deletes an attachment of the own report, also under an approved plan, and audits the file', async () => {
    const measure = await addMeasure(2035, 'Организовать работу ЦОК');
    await call('PUT', '/api/measure-plans/buzuluk-city/2035/approval', analyst, { approved: true });
    const fileId = await attach(measure.id, 1, 'Отчёт за 1 квартал.pdf');
    expect(
      (await call('DELETE', `/api/measure-attachments/${fileId}`, otherOfficial)).statusCode,
    ).toBe(403);
    expect((await call('DELETE', `/api/measure-attachments/${fileId}`, official)).statusCode).toBe(
      204,
    );
    const plan = (await call('GET', '/api/measure-plans/buzuluk-city/2035', official)).json();
    expect(plan.measures[0].reports[0].attachments).toEqual([]);
    const audit = await lastAudit('measure_attachment.delete');
    expect(audit.entity_id).toBe(String(fileId));
    const pdf = tinyPdf();
    expect(JSON.parse(audit.before_json ?? '{}')).toMatchObject({
      municipality: 'buzuluk-city',
      measure: measure.id,
      year: 2035,
      quarter: 1,
      fileName: 'Отчёт за 1 квартал.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      uploadedBy: officialName,
    });
    expect((await call('DELETE', `/api/measure-attachments/${fileId}`, official)).statusCode).toBe(
      404,
    );
  });
});
