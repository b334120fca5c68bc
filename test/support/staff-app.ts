import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { createFixtureUser, openFixtureSession } from './access-fixtures.js';
import type { TestDatabase, TestDatabaseInstance } from './databases.js';
import { createDemoDatabase } from './demo-database.js';

export type Headers = Record<string, string>;
type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/**
 * The demo region served over HTTP with three signed-in people: the official of г.Бузулук,
 * the official of г.Орск and an analyst of the department.
 */
export interface StaffApp {
  instance: TestDatabaseInstance;
  app: FastifyInstance;
  official: Headers;
  otherOfficial: Headers;
  analyst: Headers;
  officialName: string;
  analystName: string;
  call: (
    method: Method,
    url: string,
    headers: Headers,
    payload?: object,
  ) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
}

export async function openStaffApp(kind: TestDatabase): Promise<StaffApp> {
  const instance = await createDemoDatabase(kind);
  const db = instance.handle.db;
  const app = await buildApp({ db, regionCode: 'orenburg' });
  await app.ready();
  const a = await createFixtureUser(db, 'official', { municipalityCodes: ['buzuluk-city'] });
  const b = await createFixtureUser(db, 'official', { municipalityCodes: ['orsk-city'] });
  const c = await createFixtureUser(db, 'analyst');
  return {
    instance,
    app,
    official: (await openFixtureSession(db, a.id)).headers,
    otherOfficial: (await openFixtureSession(db, b.id)).headers,
    analyst: (await openFixtureSession(db, c.id)).headers,
    officialName: a.username,
    analystName: c.username,
    call: (method, url, headers, payload) =>
      app.inject({
        method,
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      }),
    close: async () => {
      await app.close();
      await instance.dispose();
    },
  };
}
