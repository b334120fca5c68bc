import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { convertWithLibreOffice, pdfText, squeeze } from '../support/office-tools.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

const officeTools = inject('officeTools');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const TABLE1_FIRST = '1 Соль-Илецкий городской округ 0,574 34,71';
const TABLE2_BUZULUK =
  'г.Бузулук 7 694 1 010 1 105 14 480 6 786 565,5 178,60 % 195,40 % 31,17 % 10 176 85 199 11,94 %';

/**
 * What the briefing note for the meeting of 10.04.2017 must say, worked out from the seed: the
 * rating of 01.03.2016 (the only one published by then) from Соль-Илецкий городской округ to
 * Абдулинский городской округ, and the plan of 2017 on 01.03.2017. The linear forecast of
 * г.Бузулук: (1 010 + 1 105) / 2 × 12 = 12 690 of a plan of 6 786 = 187,0 %, on track;
 * Бузулукский район: (293 + 137) / 2 × 12 = 2 580 of 4 530 = 57,0 %, off track. No month of
 * 2016 is stored, so the forecasts are linear; March 2017 is not reported, so February it is.
 */
function expectNoteText(text: string) {
  expect(text).toContain('Справка к заседанию комиссии 10.04.2017');
  expect(text).toContain('1. Соль-Илецкий городской округ — 0,574');
  expect(text).toContain('41. Абдулинский городской округ — 0,053');
  expect(text).toContain(
    'Предыдущего опубликованного рейтинга по той же методике нет: изменения мест не приводятся.',
  );
  expect(text).toContain('г.Бузулук 6 786 2 115 12 690 187,0 % линейный ↑ выполняется');
  expect(text).toContain('Бузулукский район 4 530 430 2 580 57,0 % линейный ↓ отстаёт');
  expect(text).toContain('отстаёт: Бузулукский район');
  expect(text).toContain(TABLE1_FIRST);
  expect(text).toContain(TABLE2_BUZULUK);
}

/** The one measure the HTTP tests add: not started and past its deadline, so late and overdue. */
function expectOverdueMeasure(text: string) {
  expect(text).toContain('мероприятий 1, выполнено 0, в работе 0, не начато 0, просрочено 1.');
  expect(text).toContain('г.Бузулук Иванова А. П. 1 0 0 0 1');
  expect(text).toMatch(/г\.Бузулук Открыть центр .*Иванова А\. П\. 31\.03\.2017 не начато/);
}

describe.each(testDatabases())('the commission briefing note on $name', (kind) => {
  let staff: StaffApp;
  beforeAll(async () => {
    staff = await openStaffApp(kind);
  });
  afterAll(async () => staff?.close());

  it('writes a PDF whose text layer holds the note and both appendix tables', async () => {
    // A measure of г.Бузулук due before the meeting and not reported on: overdue on 10.04.2017.
    const measure = await staff.call(
      'POST',
      '/api/measure-plans/buzuluk-city/2017/measures',
      staff.analyst,
      {
        title: 'Открыть центр обслуживания в МФЦ',
        responsibleName: 'Иванова А. П.',
        responsiblePosition: 'начальник отдела',
        deadline: '2017-03-31',
      },
    );
    expect(measure.statusCode, measure.body).toBe(201);
    const res = await staff.call(
      'GET',
      '/api/commission-report?date=2017-04-10&format=pdf',
      staff.analyst,
    );
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    if (!officeTools) return;
    const text = squeeze(pdfText(res.rawPayload));
    expectNoteText(text);
    expectOverdueMeasure(text);
  });

  it('writes a DOCX that a real LibreOffice opens, with the same text', async () => {
    const res = await staff.call(
      'GET',
      '/api/commission-report?date=2017-04-10&format=docx',
      staff.analyst,
    );
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX);
    expect(res.headers['content-disposition']).toContain('2017-04-10.docx');
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    if (!officeTools || kind.name !== 'sqlite') return;
    const text = squeeze(pdfText(convertWithLibreOffice(res.rawPayload, 'docx')));
    expectNoteText(text);
    expectOverdueMeasure(text);
  });

  it('refuses a meeting date with no published rating instead of writing an empty note', async () => {
    const res = await staff.call(
      'GET',
      '/api/commission-report?date=2015-01-10&format=pdf',
      staff.analyst,
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error: 'no_published_rating',
      message:
        'На 10.01.2015 нет ни одного опубликованного рейтинга: справку составить не из чего. Опубликуйте рейтинг с датой не позднее дня заседания.',
    });
    const official = await staff.call(
      'GET',
      '/api/commission-report?date=2017-04-10&format=pdf',
      staff.official,
    );
    expect(official.statusCode).toBe(403);
  });
});

describe.each(testDatabases())('munirank report commission on $name', (kind) => {
  let dir: string;
  beforeAll(() => {
    assertCliBuilt();
    dir = mkdtempSync(join(tmpdir(), 'munirank-report-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the note to a file, and says why when there is nothing to write', async () => {
    const instance = await createDemoDatabase(kind);
    try {
      const file = join(dir, `справка-${kind.name}.pdf`);
      const run = await runCli(
        ['report', 'commission', '--date', '2017-04-10', '--format', 'pdf', '--output', file],
        instance.env,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(`Справка записана: ${file}\n`);
      if (officeTools) {
        const text = squeeze(pdfText(readFileSync(file)));
        expectNoteText(text);
        expect(text).toContain('Мероприятий в планах на 2017 год нет.');
      }

      const none = await runCli(
        ['report', 'commission', '--date', '2015-01-10', '--output', join(dir, 'нет.docx')],
        instance.env,
      );
      expect(none.code).toBe(1);
      expect(none.stderr).toContain('На 10.01.2015 нет ни одного опубликованного рейтинга');
      const bad = await runCli(
        ['report', 'commission', '--date', '2017-04-10', '--format', 'odt'],
        instance.env,
      );
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('формат «odt»: допустимы docx и pdf');
    } finally {
      await instance.dispose();
    }
  });
});
