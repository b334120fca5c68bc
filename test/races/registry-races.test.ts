import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { testDatabases } from '../support/databases.js';
import {
  auditTrail,
  countStatuses,
  fireTogether,
  type LiveStaffApp,
  openLiveStaffApp,
} from '../support/live-staff-app.js';

/**
 * Administrators changing the registry at once, through a listening server: the same merger
 * sent by several, one unit edited by several, one code or ОКТМО claimed by several. No
 * answer is a 5xx and nothing is recorded twice.
 */
describe.each(testDatabases())('races on the registry on $name', (kind) => {
  let live: LiveStaffApp;
  const admins: Record<string, string>[] = [];
  beforeAll(async () => {
    live = await openLiveStaffApp(kind);
    for (let i = 0; i < 2; i++) {
      const user = await createFixtureUser(live.instance.handle.db, 'administrator');
      admins.push((await openFixtureSession(live.instance.handle.db, user.id)).headers);
    }
  });
  afterAll(async () => live?.close());

  const adminOf = (i: number) => admins[i % 2] as Record<string, string>;
  const db = () => live.instance.handle.db;
  const addUnit = async (code: string) => {
    const res = await live.send('POST', '/api/municipalities', adminOf(0), {
      code,
      name: `Район ${code}`,
      kind: 'municipal_district',
    });
    expect(res.status).toBe(201);
  };

  it('merges two districts once when two administrators send the merger 10 times at once', async () => {
    await addUnit('race-east-district');
    await addUnit('race-west-district');
    const answers = await fireTogether(10, (i) =>
      live.send('POST', '/api/municipality-mergers', adminOf(i), {
        predecessors: ['race-east-district', 'race-west-district'],
        newSuccessor: {
          code: `race-okrug-${i}`,
          name: `Округ ${i}`,
          kind: 'municipal_okrug',
        },
        date: '2026-01-01',
      }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 1, 409: 9 });
    const okrugs = await db()
      .selectFrom('municipality')
      .select(['id', 'code'])
      .where('code', 'like', 'race-okrug-%')
      .execute();
    expect(okrugs).toHaveLength(1);
    const districts = await db()
      .selectFrom('municipality')
      .select(['valid_to', 'successor_id'])
      .where('code', 'in', ['race-east-district', 'race-west-district'])
      .execute();
    expect(districts).toEqual([
      { valid_to: '2025-12-31', successor_id: okrugs[0]?.id },
      { valid_to: '2025-12-31', successor_id: okrugs[0]?.id },
    ]);
    expect(await auditTrail(db(), 'municipality.merge', okrugs[0]?.code as string)).toHaveLength(1);
  });

  it('applies 10 simultaneous edits of one unit one after another, each audited once in a chain', async () => {
    await addUnit('race-edited-district');
    const answers = await fireTogether(10, (i) =>
      live.send('PATCH', '/api/municipalities/race-edited-district', adminOf(i), {
        name: `Район номер ${i}`,
        aliases: [],
      }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 10 });
    const events = await auditTrail(db(), 'municipality.update', 'race-edited-district');
    expect(events).toHaveLength(10);
    for (let i = 1; i < events.length; i++) expect(events[i]?.before).toEqual(events[i - 1]?.after);
    const stored = await db()
      .selectFrom('municipality')
      .select('name')
      .where('code', '=', 'race-edited-district')
      .executeTakeFirstOrThrow();
    expect(events.at(-1)?.after?.name).toBe(stored.name);
  });

  it('creates a code once and gives an ОКТМО to one unit when 10 claim it at once', async () => {
    const sameCode = await fireTogether(10, (i) =>
      live.send('POST', '/api/municipalities', adminOf(i), {
        code: 'race-claimed',
        name: `Претендент ${i}`,
        kind: 'city',
      }),
    );
    expect(countStatuses(sameCode)).toEqual({ 201: 1, 409: 9 });
    expect(await auditTrail(db(), 'municipality.create', 'race-claimed')).toHaveLength(1);

    const sameOktmo = await fireTogether(10, (i) =>
      live.send('POST', '/api/municipalities', adminOf(i), {
        code: `race-oktmo-${i}`,
        name: `Город ${i}`,
        kind: 'city',
        oktmo: '53999000',
      }),
    );
    expect(countStatuses(sameOktmo)).toEqual({ 201: 1, 409: 9 });
    const holders = await db()
      .selectFrom('municipality')
      .select('code')
      .where('oktmo', '=', '53999000')
      .execute();
    expect(holders).toHaveLength(1);
  });

  it('lets edits of a district and its merger run together: no 5xx, the merger once, every edit once', async () => {
    await addUnit('race-mixed-a-district');
    await addUnit('race-mixed-b-district');
    const answers = await fireTogether(10, (i) =>
      i % 2 === 0
        ? live.send('PATCH', '/api/municipalities/race-mixed-a-district', adminOf(i), {
            oktmo: `5380${String(i).padStart(4, '0')}`,
          })
        : live.send('POST', '/api/municipality-mergers', adminOf(i), {
            predecessors: ['race-mixed-a-district', 'race-mixed-b-district'],
            newSuccessor: {
              code: `race-mixed-okrug-${i}`,
              name: `Смешанный округ ${i}`,
              kind: 'municipal_okrug',
            },
            date: '2027-01-01',
          }),
    );
    const edits = answers.filter((_, i) => i % 2 === 0);
    const mergers = answers.filter((_, i) => i % 2 === 1);
    expect(countStatuses(edits)).toEqual({ 200: 5 });
    expect(countStatuses(mergers)).toEqual({ 200: 1, 409: 4 });
    expect(await auditTrail(db(), 'municipality.update', 'race-mixed-a-district')).toHaveLength(5);
    const merged = await db()
      .selectFrom('audit_event')
      .select('entity_id')
      .where('action', '=', 'municipality.merge')
      .where('entity_id', 'like', 'race-mixed-okrug-%')
      .execute();
    expect(merged).toHaveLength(1);
  });

  it('closes a unit once when 10 closures arrive together', async () => {
    await addUnit('race-closed-district');
    const answers = await fireTogether(10, (i) =>
      live.send('POST', '/api/municipalities/race-closed-district/close', adminOf(i), {
        validTo: `2027-01-${String(i + 10).padStart(2, '0')}`,
      }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 1, 409: 9 });
    expect(await auditTrail(db(), 'municipality.close', 'race-closed-district')).toHaveLength(1);
  });
});
