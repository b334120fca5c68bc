import { topology } from 'topojson-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { MADE_UP_BOUNDARIES, MADE_UP_CHOICES, madeUpUpload } from '../support/boundary-fixtures.js';
import { testDatabases } from '../support/databases.js';
import {
  countStatuses,
  fireTogether,
  type LiveStaffApp,
  openLiveStaffApp,
} from '../support/live-staff-app.js';

const SNAPSHOT = 'orenburg-2016-03-table1';

/**
 * An administrator uploads the region's map boundaries: a preview lists what matched and
 * what did not, nothing is stored until every feature has a unit or is left out on purpose,
 * and the public map shows the stored, simplified features at once.
 */
describe.each(testDatabases())('map boundaries on $name', (kind) => {
  let live: LiveStaffApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    live = await openLiveStaffApp(kind);
    const user = await createFixtureUser(live.instance.handle.db, 'administrator');
    admin = (await openFixtureSession(live.instance.handle.db, user.id)).headers;
  });
  afterAll(async () => live?.close());

  const stored = async () =>
    (
      await live.instance.handle.db
        .selectFrom('region_boundaries')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  const uploads = async () =>
    live.instance.handle.db
      .selectFrom('audit_event')
      .select(['after_json'])
      .where('action', '=', 'boundaries.upload')
      .where('outcome', '=', 'allowed')
      .execute();

  it('refuses what is not boundaries with a message naming the file, and stores nothing', async () => {
    const cases: [object, number, string][] = [
      [{ fileName: 'карта.txt', text: 'не JSON' }, 400, '«карта.txt» — не GeoJSON и не TopoJSON'],
      [
        { fileName: 'точки.json', text: JSON.stringify({ type: 'Feature', properties: {} }) },
        400,
        'не GeoJSON (FeatureCollection) и не TopoJSON',
      ],
      [
        {
          fileName: 'без-названий.geojson',
          text: JSON.stringify({
            type: 'FeatureCollection',
            features: MADE_UP_BOUNDARIES.features.map((f) => ({ ...f, properties: { id: 1 } })),
          }),
        },
        400,
        'В файле «без-названий.geojson» у объектов нет свойства с названием',
      ],
      [
        madeUpUpload({ choices: [{ feature: 'Гайский район', municipality: 'no-such-unit' }] }),
        400,
        'ОМСУ с кодом «no-such-unit», которого нет в реестре',
      ],
    ];
    for (const [payload, status, message] of cases) {
      for (const url of ['/api/boundaries/preview', '/api/boundaries']) {
        const res = await live.call('POST', url, admin, payload);
        expect(res.statusCode, res.body).toBe(status);
        expect(res.json().message).toContain(message);
      }
    }
    // 200 MB: refused before it is read, with the limit named.
    const huge = await live.app.inject({
      method: 'POST',
      url: '/api/boundaries',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: Buffer.alloc(200 * 1024 * 1024, 0x20),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toBe(
      'Запрос слишком велик: сюда принимается не больше 80 МБ. Ничего не записано.',
    );
    expect(Number(await stored())).toBe(0);
    expect((await live.call('GET', '/map/boundaries.json', {})).statusCode).toBe(404);
  });

  it('previews GeoJSON and TopoJSON alike: matched by name as imports match, the rest listed with suggestions', async () => {
    const topo = JSON.stringify(topology({ areas: MADE_UP_BOUNDARIES as never }));
    for (const text of [JSON.stringify(MADE_UP_BOUNDARIES), topo]) {
      const res = await live.call('POST', '/api/boundaries/preview', admin, madeUpUpload({ text }));
      expect(res.statusCode, res.body).toBe(200);
      const preview = res.json();
      expect(preview.features).toBe(4);
      expect(preview.matched).toEqual([
        {
          feature: 'Грачевский район',
          code: 'grachevskiy-district',
          name: 'Грачёвский район',
          confirmed: false,
        },
        { feature: 'Бузулук', code: 'buzuluk-city', name: 'г.Бузулук', confirmed: false },
      ]);
      expect(preview.unmatched.map((u: { feature: string }) => u.feature)).toEqual([
        'Гайский район',
        'Актюбинская область',
      ]);
      expect(preview.unmatched[0].candidates[0]).toEqual({
        code: 'gayskiy-go',
        name: 'Гайский городской округ',
      });
      // 42 units of the demo's registry, two of them on this map.
      expect(preview.unitsWithout).toHaveLength(40);
    }
    expect(Number(await stored())).toBe(0);
  });

  it('saves only when every feature is matched or left out, then the public map shows it at once', async () => {
    const before = await live.call('GET', `/map/${SNAPSHOT}`, {});
    expect(before.body).toContain('Границы муниципальных образований ещё не загружены');

    const unresolved = await live.call('POST', '/api/boundaries', admin, madeUpUpload());
    expect(unresolved.statusCode).toBe(400);
    expect(unresolved.json().message).toBe(
      'В файле «границы.geojson» объекты без ОМСУ: «Гайский район», «Актюбинская область». Выберите для каждого ОМСУ или отметьте «не показывать на карте»: ничего не сохранено.',
    );
    expect(Number(await stored())).toBe(0);

    const upload = madeUpUpload({ choices: MADE_UP_CHOICES, attribution: 'Границы: проверочные' });
    const saved = await live.call('POST', '/api/boundaries', admin, upload);
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({
      fileName: 'границы.geojson',
      leftOut: ['Актюбинская область'],
      attribution: 'Границы: проверочные',
    });
    expect(saved.json().matched.map((m: { code: string; confirmed: boolean }) => m)).toEqual([
      expect.objectContaining({ code: 'grachevskiy-district', confirmed: false }),
      expect.objectContaining({ code: 'buzuluk-city', confirmed: false }),
      expect.objectContaining({ code: 'gayskiy-go', confirmed: true }),
    ]);

    const geo = await live.call('GET', '/map/boundaries.json', {});
    expect(geo.statusCode).toBe(200);
    expect(
      geo.json().features.map((f: { properties: { code: string; name: string } }) => f.properties),
    ).toEqual([
      { code: 'grachevskiy-district', name: 'Грачёвский район' },
      { code: 'buzuluk-city', name: 'г.Бузулук' },
      { code: 'gayskiy-go', name: 'Гайский городской округ' },
    ]);
    const map = await live.call('GET', `/map/${SNAPSHOT}`, {});
    expect(map.body).toContain('Границы: проверочные');
    expect(map.body).not.toContain('ещё не загружены');

    const current = await live.call('GET', '/api/boundaries', admin);
    expect(current.json().id).toBe(saved.json().id);
    expect((await live.call('GET', '/api/boundaries', live.analyst)).statusCode).toBe(403);
    expect((await live.call('POST', '/api/boundaries', live.analyst, upload)).statusCode).toBe(403);

    const audit = await uploads();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({
      fileName: 'границы.geojson',
      shown: 3,
      leftOut: ['Актюбинская область'],
    });
  });

  it('records one upload when an impatient administrator sends the same file eight times at once', async () => {
    const rowsBefore = Number(await stored());
    const auditBefore = (await uploads()).length;
    const upload = madeUpUpload({ choices: MADE_UP_CHOICES, attribution: 'Границы: повтор' });
    const answers = await fireTogether(8, () =>
      live.send('POST', '/api/boundaries', admin, upload),
    );
    expect(countStatuses(answers)).toEqual({ 200: 7, 201: 1 });
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(Number(await stored())).toBe(rowsBefore + 1);
    expect((await uploads()).length).toBe(auditBefore + 1);
  });
});
