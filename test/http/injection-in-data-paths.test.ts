import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

const SQL = "Robert'); DROP TABLE observation; -- ' OR '1'='1";
const SCRIPT = '<script>window.__pwned=1</script><img src=x onerror=alert(1)>';

// The import and entry paths take free text (file names, source systems, comments): it is
// stored and returned verbatim, never interpreted as SQL or markup.
describe.each(testDatabases())(
  'injection strings in the import and entry paths on $name',
  (kind) => {
    let instance: TestDatabaseInstance;
    let app: FastifyInstance;
    let official: Record<string, string>;
    let analyst: Record<string, string>;

    beforeAll(async () => {
      instance = await createDemoDatabase(kind);
      app = await buildApp({ db: instance.handle.db, regionCode: 'orenburg' });
      const db = instance.handle.db;
      const o = await createFixtureUser(db, 'official', { municipalityCodes: ['buzuluk-city'] });
      official = (await openFixtureSession(db, o.id)).headers;
      analyst = (await openFixtureSession(db, (await createFixtureUser(db, 'analyst')).id)).headers;
    });
    afterAll(async () => {
      await app?.close();
      await instance?.dispose();
    });

    it('keeps a hostile file name and source system as text in the import log', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: analyst,
        payload: {
          fileName: `${SCRIPT}.txt`,
          sourceSystem: SQL,
          text: 'ОМСУ\tПоказатель\tПериод\tЗначение\nг.Орск\tesia_new\t2017-06\t77\n',
        },
      });
      expect(res.statusCode).toBe(200);
      const log = (
        await app.inject({ method: 'GET', url: '/api/imports', headers: analyst })
      ).json();
      expect(log[0]).toMatchObject({ file_name: `${SCRIPT}.txt`, source_system: SQL });
      expect(
        await instance.handle.db.selectFrom('observation').select('id').execute(),
      ).not.toHaveLength(0);
    });

    it('reports a hostile municipality name as text; tags in pasted cells are removed, not run', async () => {
      const text = [
        'ОМСУ\tПоказатель\tПериод\tЗначение',
        `${SQL}\tesia_new\t2017-06\t1`,
        `${SCRIPT}\tesia_new\t2017-06\t2`,
      ].join('\n');
      const res = await app.inject({
        method: 'POST',
        url: '/api/imports/preview',
        headers: analyst,
        payload: { fileName: 'x.txt', text },
      });
      expect(res.statusCode).toBe(200);
      const [first, second] = res.json().problems;
      expect(first).toMatchObject({ row: 2, message: expect.stringContaining(`«${SQL}»`) });
      expect(second).toMatchObject({
        row: 3,
        message: expect.stringContaining('«window.__pwned=1»'),
      });
    });

    it('keeps a hostile comment on an entered value verbatim in its history', async () => {
      const saved = await app.inject({
        method: 'PUT',
        url: '/api/entry-forms/buzuluk-city/2017-05',
        headers: official,
        payload: { values: { esia_new: 900 }, comments: { esia_new: `${SQL} ${SCRIPT}` } },
      });
      expect(saved.statusCode).toBe(200);
      const history = await app.inject({
        method: 'GET',
        url: '/api/entry-forms/buzuluk-city/2017-05/values/esia_new/revisions',
        headers: official,
      });
      expect(history.json().at(-1).note).toBe(`${SQL} ${SCRIPT}`);
    });
  },
);
