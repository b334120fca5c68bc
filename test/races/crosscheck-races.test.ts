import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { openDiscrepancy } from '../support/crosscheck-fixtures.js';
import { testDatabases } from '../support/databases.js';
import { countStatuses, type LiveStaffApp, openLiveStaffApp } from '../support/live-staff-app.js';

/**
 * Two analysts resolve the same discrepancy at once, one choosing the report's 900, the other
 * the extract's 1000, through a listening server: one choice is recorded and written, the
 * other gets a clear 409, never a 5xx.
 */
describe.each(testDatabases())('races on cross-source choices on $name', (kind) => {
  let live: LiveStaffApp;
  let second: Record<string, string>;
  beforeAll(async () => {
    live = await openLiveStaffApp(kind);
    const db = live.instance.handle.db;
    second = (await openFixtureSession(db, (await createFixtureUser(db, 'analyst')).id)).headers;
  });
  afterAll(async () => live?.close());

  it('records one of two simultaneous choices and refuses the other with 409', async () => {
    const open = await openDiscrepancy(live.app, live.analyst);
    const choose = (headers: Record<string, string>, choice: 'report' | 'extract') =>
      live.send('POST', '/api/crosscheck/resolutions', headers, {
        observationId: open.observationId,
        reportRevision: open.reportRevision,
        extractRevision: open.extractRevision,
        choice,
        reason: `засчитать ${choice}`,
      });
    const answers = await Promise.all([
      choose(live.analyst, 'report'),
      choose(second, 'extract'),
      choose(live.analyst, 'extract'),
      choose(second, 'report'),
    ]);
    expect(countStatuses(answers)).toEqual({ 200: 1, 409: 3 });
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.body.error).toBe('crosscheck_resolved');
    const winner = answers.find((a) => a.status === 200)?.body;
    const db = live.instance.handle.db;
    const resolutions = await db
      .selectFrom('crosscheck_resolution')
      .select(['chosen', 'chosen_value'])
      .where('observation_id', '=', open.observationId)
      .execute();
    expect(resolutions).toEqual([{ chosen: winner?.chosen, chosen_value: winner?.chosenValue }]);
    const stored = await db
      .selectFrom('observation')
      .select('value')
      .where('id', '=', open.observationId)
      .executeTakeFirstOrThrow();
    expect(stored.value).toBe(winner?.chosen === 'report' ? 900 : 1000);
    const audits = await db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'crosscheck.resolve')
      .where('outcome', '=', 'allowed')
      .execute();
    expect(audits).toHaveLength(1);
  });
});
