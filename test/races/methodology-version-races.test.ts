import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { testDatabases } from '../support/databases.js';
import {
  countStatuses,
  fireTogether,
  type LiveStaffApp,
  openLiveStaffApp,
} from '../support/live-staff-app.js';
import { methodologyOf, RATING_VALUE } from '../support/rating-methodologies.js';

const URL = '/api/methodologies/race-check/versions';
const definition = methodologyOf('race-check', 'Проверка гонки', [RATING_VALUE]);
const save = (baseVersion?: string) => ({
  definition,
  changeNote: 'Одновременное сохранение',
  effectiveFrom: '2017-05',
  ...(baseVersion ? { baseVersion } : {}),
});

/** Two analysts saving a new version of one methodology at the same moment. */
describe.each(testDatabases())('races on methodology versions on $name', (kind) => {
  let live: LiveStaffApp;
  let other: Record<string, string>;
  beforeAll(async () => {
    live = await openLiveStaffApp(kind);
    const db = live.instance.handle.db;
    other = (await openFixtureSession(db, (await createFixtureUser(db, 'analyst')).id)).headers;
    const first = await live.send('POST', URL, live.analyst, save());
    expect(first.body.version).toBe('1');
  });
  afterAll(async () => live?.close());

  const stored = async () =>
    (await live.send('GET', URL, live.analyst)).body.versions as { version: string }[];
  const audited = async () => {
    const row = await live.instance.handle.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'methodology.version.save')
      .where('outcome', '=', 'allowed')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('gives one of two saves based on the same version a clear conflict', async () => {
    const answers = await fireTogether(2, (i) =>
      live.send('POST', URL, i === 0 ? live.analyst : other, save('1')),
    );
    expect(countStatuses(answers)).toEqual({ 201: 1, 409: 1 });
    expect(answers.find((a) => a.status === 409)?.body.error).toBe('version_conflict');
    expect((await stored()).map((v) => v.version)).toEqual(['2', '1']);
    expect(await audited()).toBe(2);
  });

  it('gives two saves without a base version two distinct version numbers', async () => {
    const answers = await fireTogether(2, (i) =>
      live.send('POST', URL, i === 0 ? live.analyst : other, save()),
    );
    expect(countStatuses(answers)).toEqual({ 201: 2 });
    expect(answers.map((a) => a.body.version).sort()).toEqual(['3', '4']);
    expect((await stored()).map((v) => v.version)).toEqual(['4', '3', '2', '1']);
    expect(await audited()).toBe(4);
  });
});
