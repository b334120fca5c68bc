import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import {
  auditTrail,
  countStatuses,
  fireTogether,
  type LiveStaffApp,
  openLiveStaffApp,
} from '../support/live-staff-app.js';

/** Analysts setting one reference value at once through a listening server. */
describe.each(testDatabases())('races on reference data on $name', (kind) => {
  let live: LiveStaffApp;
  beforeAll(async () => {
    live = await openLiveStaffApp(kind);
  });
  afterAll(async () => live?.close());

  it('keeps one row for 20 simultaneous settings of a new value, each revision chained once', async () => {
    const url = '/api/reference-data/2030/orsk-city/population';
    const answers = await fireTogether(20, (i) =>
      live.send('PUT', url, live.analyst, { value: 230_000 + i, source: `оценка №${i}` }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 20 });
    const db = live.instance.handle.db;
    const rows = await db
      .selectFrom('reference_value')
      .select('value')
      .where('year', '=', 2030)
      .execute();
    expect(rows).toHaveLength(1);
    const revisions = await db
      .selectFrom('reference_revision')
      .select(['old_value', 'new_value'])
      .where('year', '=', 2030)
      .orderBy('id')
      .execute();
    expect(revisions).toHaveLength(20);
    expect(revisions[0]?.old_value).toBeNull();
    for (let i = 1; i < revisions.length; i++)
      expect(revisions[i]?.old_value).toBe(revisions[i - 1]?.new_value);
    expect(revisions.at(-1)?.new_value).toBe(rows[0]?.value);
    expect(await auditTrail(db, 'reference-value.set', 'orsk-city/2030/population')).toHaveLength(
      20,
    );
  });

  it('records one revision when the same value arrives 10 times at once', async () => {
    const url = '/api/reference-data/2031/orsk-city/population';
    const answers = await fireTogether(10, () =>
      live.send('PUT', url, live.analyst, { value: 231_000, source: 'Оренбургстат' }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 10 });
    expect(
      await auditTrail(live.instance.handle.db, 'reference-value.set', 'orsk-city/2031/population'),
    ).toHaveLength(1);
  });
});
