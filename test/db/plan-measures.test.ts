import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasurePlan, MeasureSummary, PlanMeasure } from '../../src/domain/plan-measure.js';
import { buildApp } from '../../src/server/app.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { fakeExe, storedZip, tinyPdf, tinyPng } from '../support/tiny-files.js';

type Headers = Record<string, string>;

describe.each(testDatabases())('plan measures on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  let official: Headers;
  let otherOfficial: Headers;
  let analyst: Headers;
  let officialName: string;

  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    const db = instance.handle.db;
    app = await buildApp({ db, regionCode: 'orenburg' });
    await app.ready();
    const a = await createFixtureUser(db, 'official', { municipalityCodes: ['buzuluk-city'] });
    const b = await createFixtureUser(db, 'official', { municipalityCodes: ['orsk-city'] });
    const c = await createFixtureUser(db, 'analyst');
    officialName = a.username;
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
    headers: Headers,
    payload?: Record<string, unknown>,
  ) => app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });

  const addMeasure = async (
    code: string,
    year: number,
    title: string,
    deadline: string,
    headers: Headers = analyst,
  ) => {
    const res = await call('POST', `/api/measure-plans/${code}/${year}/measures`, headers, {
      title,
      responsibleName: 'Иванова А. П.',
      responsiblePosition: 'начальник отдела',
      deadline,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as PlanMeasure;
  };

  const deniedCount = async () =>
    Number(
      (
        await instance.handle.db
          .selectFrom('audit_event')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('outcome', '=', 'denied')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('lets an official edit the own plan, refuses the other municipality (403, audited)', async () => {
    const created = await addMeasure(
      'buzuluk-city',
      2030,
      'Организовать работу ЦОК в администрации',
      '2030-06-30',
      official,
    );
    expect(created).toMatchObject({
      year: 2030,
      title: 'Организовать работу ЦОК в администрации',
      responsibleOfficialId: null,
      responsibleName: 'Иванова А. П.',
      responsiblePosition: 'начальник отдела',
      deadline: '2030-06-30',
    });
    expect(created.reports.map((r) => r.status)).toEqual([
      'not_started',
      'not_started',
      'not_started',
      'not_started',
    ]);

    // A responsible official chosen from the municipality's list.
    const person = await call('POST', '/api/responsible-officials', official, {
      municipalityCode: 'buzuluk-city',
      fullName: 'Петров П. П.',
      position: 'заместитель главы',
      area: 'ЕСИА',
    });
    const edited = await call('PUT', `/api/plan-measures/${created.id}`, official, {
      title: 'Информирование населения о регистрации в ЕСИА',
      responsibleOfficialId: person.json().id,
      deadline: '2030-09-30',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      title: 'Информирование населения о регистрации в ЕСИА',
      responsibleOfficialId: person.json().id,
      responsibleName: 'Петров П. П.',
      responsiblePosition: 'заместитель главы',
      deadline: '2030-09-30',
    });

    const report = await call('PUT', `/api/plan-measures/${created.id}/reports/1`, official, {
      status: 'in_progress',
      comment: 'Проведено 3 встречи с населением',
    });
    expect(report.statusCode, report.body).toBe(200);
    expect((report.json() as PlanMeasure).reports[0]).toMatchObject({
      quarter: 1,
      status: 'in_progress',
      comment: 'Проведено 3 встречи с населением',
      updatedBy: officialName,
    });

    const before = await deniedCount();
    const refusals = [
      await call('PUT', `/api/plan-measures/${created.id}`, otherOfficial, {
        title: 'Чужая правка',
        responsibleName: 'Кто-то',
        deadline: '2030-01-01',
      }),
      await call('PUT', `/api/plan-measures/${created.id}/reports/1`, otherOfficial, {
        status: 'done',
      }),
      await call('POST', '/api/measure-plans/buzuluk-city/2030/measures', otherOfficial, {
        title: 'Чужое мероприятие',
        responsibleName: 'Кто-то',
        deadline: '2030-01-01',
      }),
      await call('GET', '/api/measure-plans/buzuluk-city/2030', otherOfficial),
    ];
    expect(refusals.map((r) => r.statusCode)).toEqual([403, 403, 403, 403]);
    expect(refusals[0]?.json().message).toBe(
      'Нет доступа к данным этого муниципального образования: вы работаете только с данными своего ОМСУ.',
    );
    expect((await deniedCount()) - before).toBe(4);
    const audited = await instance.handle.db
      .selectFrom('audit_event')
      .select(['action', 'entity_type', 'entity_id'])
      .where('outcome', '=', 'denied')
      .where('entity_type', '=', 'plan_measure')
      .where('entity_id', '=', String(created.id))
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual([
      'municipality-data.write',
      'municipality-data.write',
    ]);

    const plan = await call('GET', '/api/measure-plans/buzuluk-city/2030', official);
    expect(plan.statusCode).toBe(200);
    const body = plan.json() as MeasurePlan;
    expect(body).toMatchObject({ approved: false, editable: true, reportable: true });
    expect(body.measures.map((m) => m.title)).toEqual([
      'Информирование населения о регистрации в ЕСИА',
    ]);
  });

  it('stops officials from changing an approved plan, but not from reporting on it', async () => {
    const measure = await addMeasure(
      'buzuluk-city',
      2029,
      'Перевести услуги в электронный вид',
      '2029-12-31',
      official,
    );
    expect(
      (
        await call('PUT', '/api/measure-plans/buzuluk-city/2029/approval', official, {
          approved: true,
        })
      ).statusCode,
    ).toBe(403);
    const approved = await call('PUT', '/api/measure-plans/buzuluk-city/2029/approval', analyst, {
      approved: true,
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().approved).toBe(true);

    const refused = await call('POST', '/api/measure-plans/buzuluk-city/2029/measures', official, {
      title: 'Ещё одно',
      responsibleName: 'Иванов',
      deadline: '2029-05-01',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      'План мероприятий г.Бузулук на 2029 год утверждён: изменить мероприятия может только аналитик департамента.',
    );
    const view = (await call('GET', '/api/measure-plans/buzuluk-city/2029', official)).json();
    expect(view).toMatchObject({ approved: true, editable: false, reportable: true });
    expect(
      (
        await call('PUT', `/api/plan-measures/${measure.id}/reports/2`, official, {
          status: 'done',
          comment: 'Выполнено',
        })
      ).statusCode,
    ).toBe(200);
    // Analysts correct any plan, approved or not.
    const byAnalyst = await call('PUT', `/api/plan-measures/${measure.id}`, analyst, {
      title: 'Перевести услуги в электронный вид (уточнено)',
      responsibleName: 'Иванов И. И.',
      deadline: '2029-12-31',
    });
    expect(byAnalyst.statusCode).toBe(200);
  });

  it('accepts real PDF and PNG files, refuses a renamed .exe and files over 10 MB', async () => {
    const measure = await addMeasure(
      'buzuluk-city',
      2028,
      'Организовать работу ЦОК',
      '2028-03-31',
      official,
    );
    const upload = (fileName: string, bytes: Buffer, headers: Headers = official) =>
      call('POST', `/api/plan-measures/${measure.id}/reports/1/attachments`, headers, {
        fileName,
        contentBase64: bytes.toString('base64'),
      });

    const pdf = tinyPdf();
    const pdfRes = await upload('Отчёт за 1 квартал.pdf', pdf);
    expect(pdfRes.statusCode, pdfRes.body).toBe(201);
    expect(pdfRes.json()).toMatchObject({
      fileName: 'Отчёт за 1 квартал.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    const png = tinyPng();
    const pngRes = await upload('фото.png', png);
    expect(pngRes.statusCode, pngRes.body).toBe(201);
    expect(pngRes.json()).toMatchObject({ contentType: 'image/png', size: png.length });
    const docx = storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w/>' });
    expect((await upload('приказ.docx', docx)).statusCode).toBe(201);

    const exe = await upload('отчёт.pdf', fakeExe());
    expect(exe.statusCode).toBe(422);
    expect(exe.json().message).toBe(
      'Файл «отчёт.pdf» не принят: по содержимому это не PDF, DOCX, XLSX, JPG или PNG.',
    );
    const renamed = await upload('картинка.pdf', png);
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json().message).toContain('Файл «картинка.pdf» не принят');
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-1.4\n', 0, 'latin1');
    const tooBig = await upload('большой.pdf', big);
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json().message).toBe(
      'Файл «большой.pdf» больше 10 МБ (10,0 МБ): приложите файл меньшего размера.',
    );
    expect((await upload('чужой.pdf', pdf, otherOfficial)).statusCode).toBe(403);

    const plan = (
      await call('GET', '/api/measure-plans/buzuluk-city/2028', official)
    ).json() as MeasurePlan;
    const q1 = plan.measures[0]?.reports[0];
    expect(q1?.attachments.map((a) => a.fileName)).toEqual([
      'Отчёт за 1 квартал.pdf',
      'фото.png',
      'приказ.docx',
    ]);

    const download = await call('GET', `/api/measure-attachments/${pdfRes.json().id}`, official);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="_________1________.pdf"; filename*=UTF-8''${encodeURIComponent('Отчёт за 1 квартал.pdf')}`,
    );
    const image = await call('GET', `/api/measure-attachments/${pngRes.json().id}`, analyst);
    expect(image.rawPayload.equals(png)).toBe(true);
    expect(image.headers['content-type']).toBe('image/png');
    expect(
      (await call('GET', `/api/measure-attachments/${pdfRes.json().id}`, otherOfficial)).statusCode,
    ).toBe(403);
  });

  it('summarises measures by municipality, quarter and status, and lists the overdue', async () => {
    const year = 2031;
    const a1 = await addMeasure('buzuluk-city', year, 'ЦОК', '2031-03-31');
    const a2 = await addMeasure('buzuluk-city', year, 'Информирование о ЕСИА', '2031-06-30');
    const a3 = await addMeasure('buzuluk-city', year, 'Электронный документооборот', '2031-12-31');
    const b1 = await addMeasure('orsk-city', year, 'Обучение специалистов', '2031-05-15');
    const report = async (id: number, quarter: number, status: string) =>
      expect(
        (await call('PUT', `/api/plan-measures/${id}/reports/${quarter}`, analyst, { status }))
          .statusCode,
      ).toBe(200);
    await report(a1.id, 1, 'done');
    await report(a2.id, 1, 'in_progress');
    await report(a2.id, 2, 'not_done');
    await report(a3.id, 1, 'in_progress');
    await report(b1.id, 1, 'in_progress');
    await report(b1.id, 2, 'done');

    const res = await call('GET', `/api/measure-summary/${year}?asOf=2031-07-01`, analyst);
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json() as MeasureSummary;
    const counts = summary.rows.map((r) => [
      r.municipality.code,
      r.quarter,
      r.total,
      r.not_started,
      r.in_progress,
      r.done,
      r.not_done,
    ]);
    expect(counts).toEqual([
      ['buzuluk-city', 1, 3, 0, 2, 1, 0],
      ['buzuluk-city', 2, 3, 2, 0, 0, 1],
      ['buzuluk-city', 3, 3, 3, 0, 0, 0],
      ['buzuluk-city', 4, 3, 3, 0, 0, 0],
      ['orsk-city', 1, 1, 0, 1, 0, 0],
      ['orsk-city', 2, 1, 0, 0, 1, 0],
      ['orsk-city', 3, 1, 1, 0, 0, 0],
      ['orsk-city', 4, 1, 1, 0, 0, 0],
    ]);
    // a1 is done; a2's deadline passed with «не выполнено»; a3 not yet due; b1 done.
    expect(summary.overdue.map((o) => [o.title, o.deadline, o.status])).toEqual([
      ['Информирование о ЕСИА', '2031-06-30', 'not_done'],
    ]);
    expect((await call('GET', `/api/measure-summary/${year}`, official)).statusCode).toBe(403);
  });
});
