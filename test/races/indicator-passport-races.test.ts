import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { testDatabases } from '../support/databases.js';
import { passport, publishMethodologyUsing } from '../support/indicator-fixtures.js';
import {
  countStatuses,
  fireTogether,
  type LiveStaffApp,
  openLiveStaffApp,
} from '../support/live-staff-app.js';

/**
 * Two analysts editing the same passport at once, through a listening server: no 5xx; without
 * a version each edit is kept as its own version, with one the loser gets a clear conflict.
 */
describe.each(testDatabases())('races on indicator passports on $name', (kind) => {
  let live: LiveStaffApp;
  const analysts: Record<string, string>[] = [];
  const analystOf = (i: number) => analysts[i % 2] as Record<string, string>;
  beforeAll(async () => {
    live = await openLiveStaffApp(kind);
    const db = live.instance.handle.db;
    for (let i = 0; i < 2; i++) {
      const user = await createFixtureUser(db, 'analyst');
      analysts.push((await openFixtureSession(db, user.id)).headers);
    }
    const created = await live.send('POST', '/api/indicators', analystOf(0), {
      code: 'race_share',
      ...passport(),
    });
    expect(created.status).toBe(201);
    await publishMethodologyUsing(db, 'race_share', 'race-published');
  });
  afterAll(async () => live?.close());

  const versions = async () =>
    (await live.send('GET', '/api/indicators/race_share', analystOf(0))).body as {
      version: number;
      versions: { version: number; passport: { decimals: number } }[];
      decimals: number;
    };

  it('keeps both edits as versions when two analysts save at once', async () => {
    const answers = await fireTogether(2, (i) =>
      live.send('PUT', '/api/indicators/race_share', analystOf(i), {
        ...passport({ decimals: i + 2 }),
      }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 2 });
    const view = await versions();
    // Version 1 (decimals 1) and one of the two edits are kept; the other edit is in force.
    expect(view.version).toBe(3);
    expect(view.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(view.versions[1]?.passport.decimals).toBe(1);
    expect([view.versions[0]?.passport.decimals, view.decimals].sort()).toEqual([2, 3]);
  });

  it('answers one of two edits from the same version with a conflict', async () => {
    const answers = await fireTogether(2, (i) =>
      live.send('PUT', '/api/indicators/race_share', analystOf(i), {
        ...passport({ decimals: 4 + i }),
        expectedVersion: 3,
      }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 1, 409: 1 });
    const view = await versions();
    expect(view.version).toBe(4);
    expect(view.versions.map((v) => v.version)).toEqual([3, 2, 1]);
  });
});
