import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_LICENCE } from '../../src/domain/portal-licence.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { testDatabases } from '../support/databases.js';
import {
  auditTrail,
  countStatuses,
  fireTogether,
  type LiveStaffApp,
  openLiveStaffApp,
} from '../support/live-staff-app.js';

const SNAPSHOT = 'orenburg-2016-03-table1';
const OWN = 'Данные министерства цифрового развития Оренбургской области — CC BY 4.0.';

/** The region's open data licence line: every public page shows what the administrator set. */
describe.each(testDatabases())('the portal licence line on $name', (kind) => {
  let live: LiveStaffApp;
  let admin: Record<string, string>;
  let analyst: Record<string, string>;
  beforeAll(async () => {
    live = await openLiveStaffApp(kind);
    const db = live.instance.handle.db;
    admin = (await openFixtureSession(db, (await createFixtureUser(db, 'administrator')).id))
      .headers;
    analyst = (await openFixtureSession(db, (await createFixtureUser(db, 'analyst')).id)).headers;
  });
  afterAll(async () => live?.close());

  const footerOf = async (path: string) => {
    const page = await live.call('GET', path, {});
    expect(page.statusCode).toBe(200);
    return /data-testid="portal-licence">([^<]*)/.exec(page.body)?.[1]?.trim();
  };
  const regionId = async () =>
    String(
      (await live.instance.handle.db.selectFrom('region').select('id').executeTakeFirstOrThrow())
        .id,
    );

  it('shows the default line until an administrator sets one, and refuses an empty line or an analyst', async () => {
    expect((await live.call('GET', '/api/portal/licence', {})).json()).toEqual({
      licence: DEFAULT_DATA_LICENCE,
    });
    expect(await footerOf(`/rating/${SNAPSHOT}`)).toBe(DEFAULT_DATA_LICENCE);

    const empty = await live.call('PUT', '/api/portal/licence', admin, { licence: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toBe(
      'Поле «лицензия» пустое: напишите, на каких условиях можно использовать данные.',
    );
    const tooLong = await live.call('PUT', '/api/portal/licence', admin, {
      licence: 'а'.repeat(501),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().message).toContain('licence');
    expect(
      (await live.call('PUT', '/api/portal/licence', analyst, { licence: OWN })).statusCode,
    ).toBe(403);
    expect((await live.call('PUT', '/api/portal/licence', {}, { licence: OWN })).statusCode).toBe(
      401,
    );
    expect(await auditTrail(live.instance.handle.db, 'portal.licence', await regionId())).toEqual(
      [],
    );
    expect((await live.call('GET', '/api/portal/licence', {})).json().licence).toBe(
      DEFAULT_DATA_LICENCE,
    );
  });

  it('puts the administrator’s line on the published pages and the open data page at once, audited', async () => {
    const saved = await live.call('PUT', '/api/portal/licence', admin, {
      licence: `  ${OWN.replace(' — ', '  —\n ')} `,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ licence: OWN });
    expect(await footerOf(`/rating/${SNAPSHOT}`)).toBe(OWN);
    expect(await footerOf('/')).toBe(OWN);
    expect((await live.call('GET', '/open-data', {})).body).toContain(
      `<p class="portal-lead">${OWN}</p>`,
    );
    expect(await auditTrail(live.instance.handle.db, 'portal.licence', await regionId())).toEqual([
      { before: { licence: DEFAULT_DATA_LICENCE }, after: { licence: OWN } },
    ]);
    // The same line again changes nothing and records nothing.
    expect(
      (await live.call('PUT', '/api/portal/licence', admin, { licence: OWN })).statusCode,
    ).toBe(200);
    expect(
      await auditTrail(live.instance.handle.db, 'portal.licence', await regionId()),
    ).toHaveLength(1);
  });

  it('keeps one of two lines set at once, each change audited in order, no 5xx', async () => {
    const lines = ['Лицензия А: CC BY 4.0.', 'Лицензия Б: ODbL 1.0.'];
    const answers = await fireTogether(2, (i) =>
      live.send('PUT', '/api/portal/licence', admin, { licence: lines[i] as string }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 2 });
    const now = (await live.call('GET', '/api/portal/licence', {})).json().licence;
    expect(lines).toContain(now);
    const trail = (
      await auditTrail(live.instance.handle.db, 'portal.licence', await regionId())
    ).slice(1);
    expect(trail).toHaveLength(2);
    // Changes were made one after another: each starts from the line the previous one left.
    expect(trail[0]?.before).toEqual({ licence: OWN });
    expect(trail[1]?.before).toEqual(trail[0]?.after);
    expect(trail[1]?.after).toEqual({ licence: now });
    expect(await footerOf('/')).toBe(now);
  });
});
