import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETE_MONTH, freshPeriod } from '../support/collection-fixtures.js';
import { testDatabases } from '../support/databases.js';
import {
  countStatuses,
  fireTogether,
  type LiveStaffApp,
  openLiveStaffApp,
} from '../support/live-staff-app.js';

const CODE = 'buzuluk-city';
const form = (period: string) => `/api/entry-forms/${CODE}/${period}`;
/** A complete month; the comments justify the jump from the month an earlier test filled. */
const COMPLETE = {
  values: COMPLETE_MONTH,
  comments: Object.fromEntries(Object.keys(COMPLETE_MONTH).map((c) => [c, 'сверено с ЕСИА'])),
};

/**
 * Races two people really make on a deadline day, fired at a listening server: many saves of
 * one form, a double-clicked «Отправить», two analysts approving the same form.
 */
describe.each(testDatabases())('races on entry forms on $name', (kind) => {
  let live: LiveStaffApp;
  beforeAll(async () => {
    live = await openLiveStaffApp(kind);
  });
  afterAll(async () => live?.close());

  /** Every revision of the form's ЕСИА value, oldest first, and the value stored now. */
  async function esiaHistory(period: string) {
    const db = live.instance.handle.db;
    const observation = await db
      .selectFrom('observation as o')
      .innerJoin('municipality as m', 'm.id', 'o.municipality_id')
      .innerJoin('indicator as i', 'i.id', 'o.indicator_id')
      .select(['o.id', 'o.value', 'o.revision'])
      .where('m.code', '=', CODE)
      .where('i.code', '=', 'esia_new')
      .where('o.period', '=', period)
      .executeTakeFirstOrThrow();
    const revisions = await db
      .selectFrom('observation_revision')
      .select(['revision', 'old_value', 'new_value', 'author'])
      .where('observation_id', '=', observation.id)
      .orderBy('revision')
      .execute();
    return { observation, revisions };
  }

  async function auditCount(action: string, entityId: string) {
    const row = await live.instance.handle.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', action)
      .where('entity_id', '=', entityId)
      .where('outcome', '=', 'allowed')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Each successful save is one revision, chained old → new, in the order they committed. */
  async function expectEverySaveKept(period: string, saved: number[]) {
    const { observation, revisions } = await esiaHistory(period);
    expect(revisions.map((r) => r.revision)).toEqual(saved.map((_, i) => i + 1));
    expect(revisions.map((r) => r.new_value).sort((a, b) => Number(a) - Number(b))).toEqual(
      [...saved].sort((a, b) => a - b),
    );
    for (let i = 1; i < revisions.length; i++)
      expect(revisions[i]?.old_value).toBe(revisions[i - 1]?.new_value);
    expect(revisions[0]?.old_value).toBeNull();
    expect(observation.revision).toBe(saved.length);
    expect(observation.value).toBe(revisions.at(-1)?.new_value);
    expect(await auditCount('observation.update', `${CODE}/${period}`)).toBe(saved.length);
  }

  it('keeps each of 200 simultaneous saves of one new form by its official', async () => {
    const period = freshPeriod();
    const answers = await fireTogether(200, (i) =>
      live.send('PUT', form(period), live.official, { values: { esia_new: 1000 + i } }),
    );
    const counts = countStatuses(answers);
    expect(Object.keys(counts).filter((s) => Number(s) >= 500)).toEqual([]);
    // Last writer wins: nobody edits a stale copy of one value, so none needs a reload.
    expect(counts).toEqual({ 200: 200 });
    await expectEverySaveKept(
      period,
      answers.map((_, i) => 1000 + i),
    );
  });

  it('keeps both people’s saves when an official and an analyst save one form at once', async () => {
    const period = freshPeriod();
    const answers = await fireTogether(20, (i) =>
      live.send('PUT', form(period), i % 2 === 0 ? live.official : live.analyst, {
        values: { esia_new: 2000 + i },
        comments: { esia_new: 'уточнено по журналу' },
      }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 20 });
    await expectEverySaveKept(
      period,
      answers.map((_, i) => 2000 + i),
    );
    const authors = new Set((await esiaHistory(period)).revisions.map((r) => r.author));
    expect(authors).toEqual(new Set([live.officialName, live.analystName]));
  });

  it('records ten simultaneous submissions of one form once; the other nine get 409', async () => {
    const period = freshPeriod();
    expect((await live.send('PUT', form(period), live.official, COMPLETE)).status).toBe(200);
    const answers = await fireTogether(10, () =>
      live.send('POST', `${form(period)}/transitions`, live.official, { action: 'submit' }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 1, 409: 9 });
    const refused = answers.find((a) => a.status === 409);
    expect(refused?.body.message).toBe(
      `Действие невозможно: данные г.Бузулук за ${period} в состоянии «отправлено».`,
    );
    const events = await live.instance.handle.db
      .selectFrom('submission_event as e')
      .innerJoin('submission as s', 's.id', 'e.submission_id')
      .innerJoin('municipality as m', 'm.id', 's.municipality_id')
      .select(['e.from_status', 'e.to_status'])
      .where('m.code', '=', CODE)
      .where('s.period', '=', period)
      .execute();
    expect(events).toEqual([{ from_status: 'draft', to_status: 'submitted' }]);
    expect(await auditCount('submission.submit', `${CODE}/${period}`)).toBe(1);
  });

  it('approves a form once when analysts approve it at the same moment, singly and in bulk', async () => {
    const period = freshPeriod();
    await live.send('PUT', form(period), live.official, COMPLETE);
    await live.send('POST', `${form(period)}/transitions`, live.official, { action: 'submit' });
    const answers = await fireTogether(10, (i) =>
      i < 6
        ? live.send('POST', `${form(period)}/transitions`, live.analyst, { action: 'approve' })
        : live.send('POST', '/api/entry-approvals', live.analyst, {
            period,
            municipalityCodes: [CODE],
          }),
    );
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    const approvedSingly = answers.slice(0, 6).filter((a) => a.status === 200).length;
    const approvedInBulk = answers
      .slice(6)
      .filter((a) => (a.body.approved as string[] | undefined)?.includes(CODE)).length;
    expect(approvedSingly + approvedInBulk).toBe(1);
    expect(await auditCount('submission.approve', `${CODE}/${period}`)).toBe(1);
  });

  it('keeps one deadline, each change audited against the one it replaced, when set at once', async () => {
    const period = freshPeriod();
    const dates = Array.from({ length: 10 }, (_, i) => `2041-12-${String(10 + i)}`);
    const answers = await fireTogether(10, (i) =>
      live.send('PUT', `/api/reporting-deadlines/${period}`, live.analyst, { dueDate: dates[i] }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 10 });
    const db = live.instance.handle.db;
    const stored = await db
      .selectFrom('reporting_deadline')
      .select('due_date')
      .where('period', '=', period)
      .execute();
    expect(stored).toHaveLength(1);
    const changes = (
      await db
        .selectFrom('audit_event')
        .select(['before_json', 'after_json'])
        .where('action', '=', 'reporting-deadline.set')
        .where('entity_id', '=', period)
        .orderBy('id')
        .execute()
    ).map((a) => ({
      before: a.before_json === null ? null : JSON.parse(a.before_json).dueDate,
      after: JSON.parse(a.after_json ?? '{}').dueDate,
    }));
    expect(changes).toHaveLength(10);
    expect(changes[0]?.before).toBeNull();
    for (let i = 1; i < changes.length; i++) expect(changes[i]?.before).toBe(changes[i - 1]?.after);
    expect(stored[0]?.due_date).toBe(changes.at(-1)?.after);
  });
});
