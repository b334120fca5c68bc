import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import {
  auditTrail,
  countStatuses,
  fireTogether,
  type LiveStaffApp,
  openLiveStaffApp,
} from '../support/live-staff-app.js';

/**
 * Races on plan targets, fired at a listening server: analysts setting the rule of a year at
 * once (the first setting inserts the row), a municipality's target set by hand from several
 * clicks at once, and the hand-set target cleared twice.
 */
describe.each(testDatabases())('races on plan targets on $name', (kind) => {
  let live: LiveStaffApp;
  beforeAll(async () => {
    live = await openLiveStaffApp(kind);
  });
  afterAll(async () => live?.close());

  /** Each event's «before» is the previous one's «after»: the writes ran one after another. */
  const expectChain = (events: { before: unknown; after: unknown }[]) => {
    expect(events[0]?.before ?? null).toBeNull();
    for (let i = 1; i < events.length; i++) expect(events[i]?.before).toEqual(events[i - 1]?.after);
  };

  it('keeps one rule for 20 simultaneous settings of a new year, each audited once in a chain', async () => {
    const answers = await fireTogether(20, (i) =>
      live.send('PUT', '/api/plans/esia_total/2036/rule', live.analyst, {
        kind: 'share',
        value: 10 + i,
        referenceKind: 'econ_active_14_72',
        monthlyIndicator: 'esia_new',
      }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 20 });
    const rules = await live.instance.handle.db
      .selectFrom('plan_rule')
      .select('value')
      .where('year', '=', 2036)
      .execute();
    expect(rules).toHaveLength(1);
    const events = await auditTrail(live.instance.handle.db, 'plan_rule.set', 'esia_total/2036');
    expect(events).toHaveLength(20);
    expectChain(events);
    expect(events.at(-1)?.after?.value).toBe(rules[0]?.value);
  });

  it('keeps one target row for 20 simultaneous hand-set targets of one municipality', async () => {
    const url = '/api/plans/esia_total/2037/targets/buzuluk-city';
    const answers = await fireTogether(20, (i) =>
      live.send('PUT', url, live.analyst, { target: 1000 + i, startOfYear: 100 }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 20 });
    const rows = await live.instance.handle.db
      .selectFrom('plan_target')
      .select(['target_value', 'set_by_hand'])
      .where('year', '=', 2037)
      .execute();
    expect(rows).toHaveLength(1);
    const events = await auditTrail(
      live.instance.handle.db,
      'plan_target.set',
      'esia_total/2037/buzuluk-city',
    );
    expect(events).toHaveLength(20);
    expectChain(events);
    expect(events.at(-1)?.after?.target).toBe(rows[0]?.target_value);
    // The start value is recorded once; the targets as many times as they changed.
    const revisions = await live.instance.handle.db
      .selectFrom('reference_revision')
      .select('kind')
      .where('year', '=', 2037)
      .execute();
    expect(revisions.filter((r) => r.kind === 'target_start')).toHaveLength(1);
    expect(revisions.filter((r) => r.kind === 'target')).toHaveLength(20);
  });

  it('clears a hand-set target once when 10 clears arrive together', async () => {
    const url = '/api/plans/esia_total/2038/targets/buzuluk-city';
    expect((await live.send('PUT', url, live.analyst, { target: 500 })).status).toBe(200);
    const answers = await fireTogether(10, () => live.send('DELETE', url, live.analyst));
    expect(countStatuses(answers)).toEqual({ 200: 1, 404: 9 });
    expect(
      await auditTrail(
        live.instance.handle.db,
        'plan_target.clear',
        'esia_total/2038/buzuluk-city',
      ),
    ).toHaveLength(1);
  });
});
