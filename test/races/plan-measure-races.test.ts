import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanMeasure } from '../../src/domain/plan-measure.js';
import { testDatabases } from '../support/databases.js';
import {
  auditTrail,
  countStatuses,
  fireTogether,
  type LiveStaffApp,
  openLiveStaffApp,
} from '../support/live-staff-app.js';
import { tinyPdf } from '../support/tiny-files.js';

const CODE = 'buzuluk-city';

/**
 * Races on a municipality's plan of measures, fired at a listening server: an official and an
 * analyst reporting the same quarter at once, a file uploaded several times by impatient
 * clicks, two analysts approving the same plan, two deletions of one measure.
 */
describe.each(testDatabases())('races on plan measures on $name', (kind) => {
  let live: LiveStaffApp;
  let year = 2040;
  beforeAll(async () => {
    live = await openLiveStaffApp(kind);
  });
  afterAll(async () => live?.close());

  async function newMeasure(): Promise<{ measure: PlanMeasure; year: number }> {
    year += 1;
    const res = await live.send(
      'POST',
      `/api/measure-plans/${CODE}/${year}/measures`,
      live.analyst,
      {
        title: 'Организовать работу ЦОК',
        responsibleName: 'Иванова А. П.',
        responsiblePosition: 'начальник отдела',
        deadline: `${year}-06-30`,
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { measure: res.body as unknown as PlanMeasure, year };
  }

  it('keeps one report row for 30 simultaneous reports of one quarter, each audited once in a chain', async () => {
    const { measure } = await newMeasure();
    const statuses = ['in_progress', 'done', 'not_done'] as const;
    const answers = await fireTogether(30, (i) =>
      live.send(
        'PUT',
        `/api/plan-measures/${measure.id}/reports/2`,
        i % 2 ? live.analyst : live.official,
        {
          status: statuses[i % 3],
          comment: `отчёт ${i}`,
        },
      ),
    );
    expect(countStatuses(answers)).toEqual({ 200: 30 });
    const rows = await live.instance.handle.db
      .selectFrom('measure_report')
      .select(['status', 'comment'])
      .where('measure_id', '=', measure.id)
      .where('quarter', '=', 2)
      .execute();
    expect(rows).toHaveLength(1);
    const trail = await auditTrail(
      live.instance.handle.db,
      'measure_report.save',
      `${measure.id}/Q2`,
    );
    expect(trail).toHaveLength(30);
    // The saves were applied one after another: each one's «before» is the previous «after».
    expect(trail[0]?.before).toBeNull();
    for (let i = 1; i < trail.length; i++) expect(trail[i]?.before).toEqual(trail[i - 1]?.after);
    expect(trail.at(-1)?.after).toEqual({ status: rows[0]?.status, comment: rows[0]?.comment });
  });

  it('stores each of 10 simultaneous uploads to a quarter without a report under one report', async () => {
    const { measure } = await newMeasure();
    const pdf = tinyPdf().toString('base64');
    const answers = await fireTogether(10, (i) =>
      live.send('POST', `/api/plan-measures/${measure.id}/reports/3/attachments`, live.official, {
        fileName: `акт ${i}.pdf`,
        contentBase64: pdf,
      }),
    );
    expect(countStatuses(answers)).toEqual({ 201: 10 });
    const db = live.instance.handle.db;
    const reports = await db
      .selectFrom('measure_report')
      .select('id')
      .where('measure_id', '=', measure.id)
      .where('quarter', '=', 3)
      .execute();
    expect(reports).toHaveLength(1);
    const files = await db
      .selectFrom('measure_attachment')
      .select('file_name')
      .where('report_id', '=', reports[0]?.id ?? -1)
      .execute();
    expect(files.map((f) => f.file_name).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `акт ${i}.pdf`).sort(),
    );
  });

  it('records one approval of a plan approved by 10 simultaneous requests', async () => {
    const { year } = await newMeasure();
    const answers = await fireTogether(10, () =>
      live.send('PUT', `/api/measure-plans/${CODE}/${year}/approval`, live.analyst, {
        approved: true,
      }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 10 });
    expect(answers.every((a) => a.body.approved === true)).toBe(true);
    expect(
      await auditTrail(live.instance.handle.db, 'measure_plan.approve', `${CODE}/${year}`),
    ).toEqual([{ before: { approved: false }, after: { approved: true } }]);
    const rows = await live.instance.handle.db
      .selectFrom('measure_plan')
      .select('approved')
      .where('year', '=', year)
      .execute();
    expect(rows.map((r) => Number(r.approved))).toEqual([1]);
  });

  it('deletes a measure once when 8 deletions arrive together; the rest are told it is gone', async () => {
    const { measure } = await newMeasure();
    const answers = await fireTogether(8, () =>
      live.send('DELETE', `/api/plan-measures/${measure.id}`, live.analyst),
    );
    expect(countStatuses(answers)).toEqual({ 204: 1, 404: 7 });
    expect(
      await auditTrail(live.instance.handle.db, 'plan_measure.delete', String(measure.id)),
    ).toHaveLength(1);
  });
});
