// Every HTTP route × every role × own/other municipality → allow or deny, from the table
// below. A route the app registers without an entry here fails the suite, and so does an
// entry for a route that no longer exists: access rules are decided, never forgotten.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import { buildApp } from '../../src/server/app.js';
import { listRegisteredRoutes } from '../../src/server/features/access/access-hooks.js';
import { createToken } from '../../src/server/features/access/api-token-service.js';
import { saveBoundaries } from '../../src/server/features/boundaries/boundary-service.js';
import {
  createFixtureUser,
  FIXTURE_PASSWORD,
  openFixtureSession,
} from '../support/access-fixtures.js';
import { MADE_UP_CHOICES, madeUpUpload } from '../support/boundary-fixtures.js';
import { preparedForm } from '../support/collection-fixtures.js';
import { openDiscrepancy } from '../support/crosscheck-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

const ACTORS = [
  'anonymous',
  'viewer',
  'officialA',
  'officialB',
  'analyst',
  'administrator',
] as const;
type ActorName = (typeof ACTORS)[number];
type Verdict = 'allow' | 'deny';
type Expectation = Record<ActorName, Verdict>;

/** Official A speaks for г.Бузулук, official B for г.Орск; municipality-scoped requests target A. */
const OWN = 'buzuluk-city';
const OTHER = 'orsk-city';

const only = (...allowed: ActorName[]): Expectation =>
  Object.fromEntries(ACTORS.map((a) => [a, allowed.includes(a) ? 'allow' : 'deny'])) as Expectation;
const PUBLIC = only(...ACTORS);
const SIGNED_IN = only('viewer', 'officialA', 'officialB', 'analyst', 'administrator');
const ADMIN = only('administrator');
/** Unpublished data of municipality A: its official (own), not B's (other); viewers read. */
const OWN_READ = only('viewer', 'officialA', 'analyst', 'administrator');
const OWN_WRITE = only('officialA', 'analyst', 'administrator');
/** Region-wide import settings, the import log, computing and publishing ratings. */
const DEPARTMENT = only('analyst', 'administrator');

/** Officials of any municipality, analysts and administrators: whoever may import at all. */
const IMPORTERS = only('officialA', 'officialB', 'analyst', 'administrator');
/** A preview job of a table without rows: it ends with a problem, never with a denial. */
const EMPTY_IMPORT_JOB = {
  fileName: 'пусто.txt',
  text: 'ОМСУ\tПоказатель\tПериод\tЗначение\n',
  mode: 'preview',
};

/** A long-format table for municipality A, as pasted text; each call a new value. */
const importOfA = (url: string) => {
  const value = 100 + Math.floor(Math.random() * 1_000_000);
  return {
    url,
    payload: {
      fileName: 'esia.txt',
      text: `ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tesia_new\t2017-03\t${value}\n`,
    },
  };
};

interface Env {
  app: FastifyInstance;
  instance: TestDatabaseInstance;
  /** The username of the actor making this request (a fresh account per cell), if any. */
  actorUsername: string | null;
}

interface Request {
  url: string;
  payload?: Record<string, unknown>;
}

interface Entry {
  expect: Expectation;
  /** The status of an allowed request. */
  status: number;
  request?: (env: Env) => Promise<Request> | Request;
}

const freshViewerId = async (env: Env) =>
  (await createFixtureUser(env.instance.handle.db, 'viewer')).id;

const officialRecordInA = async (env: Env) => {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/responsible-officials',
    headers: (await adminCredentials(env)).headers,
    payload: {
      municipalityCode: OWN,
      fullName: 'Иванов И. И.',
      position: 'зам. главы',
      area: 'ЕСИА',
    },
  });
  return res.json().id as number;
};

/** The smallest methodology over the demo's stored data, for computing drafts. */
const TINY_METHODOLOGY = {
  code: 'matrix-check',
  version: 1,
  title: 'Проверка',
  effectiveFrom: '2016',
  outputScale: 100,
  tieRule: 'competition',
  missingData: { imputation: 'none', availabilityBasis: 'weight', minAvailability: 0.5 },
  colourThresholds: [],
  tree: {
    kind: 'group',
    code: 'INDEX',
    name: 'Индекс',
    weight: 1,
    aggregation: 'arithmetic',
    children: [
      {
        kind: 'indicator',
        code: 'rating_2016',
        name: 'Значение рейтинга',
        weight: 1,
        direction: 1,
        normalisation: { method: 'min-max' },
      },
    ],
  },
};
const draftRating = () => ({
  url: '/api/ratings',
  payload: {
    code: `draft-${Math.random().toString(36).slice(2, 10)}`,
    title: 'Черновик',
    period: '2016-03-01',
    asOf: '2016-03-01',
    methodology: TINY_METHODOLOGY,
  },
});
const unpublishedRating = async (env: Env) => {
  const draft = draftRating();
  await env.app.inject({
    method: 'POST',
    url: draft.url,
    headers: (await adminCredentials(env)).headers,
    payload: draft.payload,
  });
  return draft.payload.code;
};

/** One computed rating, published once per database (its explanations are public). */
const publishedRatings = new WeakMap<TestDatabaseInstance, Promise<string>>();
const publishedRating = (env: Env) => {
  let code = publishedRatings.get(env.instance);
  if (!code) {
    code = unpublishedRating(env).then(async (draft) => {
      await env.app.inject({
        method: 'POST',
        url: `/api/ratings/${draft}/publish`,
        headers: (await adminCredentials(env)).headers,
        payload: {},
      });
      return draft;
    });
    publishedRatings.set(env.instance, code);
  }
  return code;
};

/** A job started by the acting user (an administrator's for those who cannot import). */
const ownImportJob = async (env: Env) => {
  const db = env.instance.handle.db;
  const user = env.actorUsername
    ? await db
        .selectFrom('user_account')
        .select(['id', 'role'])
        .where('username', '=', env.actorUsername)
        .executeTakeFirstOrThrow()
    : null;
  const headers =
    user && user.role !== 'viewer'
      ? (await openFixtureSession(db, user.id)).headers
      : (await adminCredentials(env)).headers;
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/imports/jobs',
    headers,
    payload: EMPTY_IMPORT_JOB,
  });
  return res.json().id as string;
};

let adminCache: Awaited<ReturnType<typeof openFixtureSession>> | null = null;
const adminCredentials = async (env: Env) => {
  if (!adminCache) {
    const admin = await createFixtureUser(env.instance.handle.db, 'administrator');
    adminCache = await openFixtureSession(env.instance.handle.db, admin.id);
  }
  return adminCache;
};

/** Version 1 of methodology «matrix-saved», saved once per database by an administrator. */
const savedMethodologies = new WeakSet<TestDatabaseInstance>();
const savedMethodology = async (env: Env) => {
  if (!savedMethodologies.has(env.instance)) {
    await env.app.inject({
      method: 'POST',
      url: '/api/methodologies/matrix-saved/versions',
      headers: (await adminCredentials(env)).headers,
      payload: { definition: TINY_METHODOLOGY, changeNote: 'Проверка', effectiveFrom: '2016-01' },
    });
    savedMethodologies.add(env.instance);
  }
  return 'matrix-saved';
};

/** A measure of municipality A's plan for 2030 (not approved), created by an administrator. */
const measureInA = async (env: Env) => {
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/measure-plans/${OWN}/2030/measures`,
    headers: (await adminCredentials(env)).headers,
    payload: {
      title: 'Организовать работу ЦОК',
      responsibleName: 'Иванов И. И.',
      deadline: '2030-06-30',
    },
  });
  return res.json().id as number;
};

const RULE_2031 = { kind: 'absolute', value: 1000, monthlyIndicator: 'esia_new' };

/** A plan rule of esia_total for 2031, set by an administrator, ready to be removed. */
const ruleFor2031 = async (env: Env) => {
  await env.app.inject({
    method: 'PUT',
    url: '/api/plans/esia_total/2031/rule',
    headers: (await adminCredentials(env)).headers,
    payload: RULE_2031,
  });
  return { url: '/api/plans/esia_total/2031/rule' };
};

/** A target of municipality A for 2031 set by hand, ready to be handed back to the rule. */
const manualTargetInA = async (env: Env) => {
  const url = `/api/plans/esia_total/2031/targets/${OWN}`;
  await env.app.inject({
    method: 'PUT',
    url,
    headers: (await adminCredentials(env)).headers,
    payload: { target: 500 },
  });
  return { url };
};

/** A PDF attached to municipality A's measure. */
const attachmentInA = async (env: Env) => {
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/plan-measures/${await measureInA(env)}/reports/1/attachments`,
    headers: (await adminCredentials(env)).headers,
    payload: {
      fileName: 'отчёт.pdf',
      contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
    },
  });
  return res.json().id as number;
};

/** A new unit of the registry made by an administrator (a new code each call). */
const newUnitPayload = () => ({
  code: `matrix-${Math.random().toString(36).slice(2, 10)}`,
  name: `Проверочный район ${Math.random().toString(36).slice(2, 8)}`,
  kind: 'municipal_district',
});
const registryUnit = async (env: Env) => {
  const payload = newUnitPayload();
  await env.app.inject({
    method: 'POST',
    url: '/api/municipalities',
    headers: (await adminCredentials(env)).headers,
    payload,
  });
  return payload.code;
};

/**
 * A new derived indicator passport (a new code each call): derived, so that the entry forms
 * other cells save do not gain a field to fill.
 */
const newIndicatorPayload = () => ({
  code: `matrix_${Math.random().toString(36).slice(2, 10)}`,
  name: 'Проверочный показатель',
  unit: '%',
  direction: 'higher_better',
  periodicity: 'monthly',
  sourceSystem: null,
  rangeMin: 0,
  rangeMax: 100,
  decimals: 1,
  description: null,
  formula: 'esia_new / population',
});

/** A data set created by an administrator (a new code each call), with a deadline for 2017-02. */
const dataSetOfDepartment = async (env: Env) => {
  const code = `set-${Math.random().toString(36).slice(2, 10)}`;
  const { headers } = await adminCredentials(env);
  await env.app.inject({
    method: 'POST',
    url: '/api/data-sets',
    headers,
    payload: { code, name: 'ЕСИА', indicatorCodes: ['esia_new', 'esia_total'] },
  });
  await env.app.inject({
    method: 'PUT',
    url: `/api/data-sets/${code}/deadlines/2017-02`,
    headers,
    payload: { dueDate: '2017-03-05' },
  });
  return code;
};

const MATRIX: Record<string, Entry> = {
  'GET /api/health': { expect: PUBLIC, status: 200 },
  'GET /healthz': { expect: PUBLIC, status: 200 },
  'GET /readyz': { expect: PUBLIC, status: 200 },
  // Only the metrics token (or a listed address) opens it, never a role; none is set here.
  'GET /metrics': { expect: only(), status: 200 },
  'GET /api/openapi.json': { expect: PUBLIC, status: 200 },
  'GET /api/municipalities': { expect: PUBLIC, status: 200 },
  'GET /api/snapshots': { expect: PUBLIC, status: 200 },
  'GET /api/snapshots/:code': {
    expect: PUBLIC,
    status: 200,
    request: () => ({ url: '/api/snapshots/orenburg-2016-03-table1' }),
  },
  'GET /api/snapshots/:code/explanations/:municipality': {
    expect: PUBLIC,
    status: 200,
    request: async (env) => ({
      url: `/api/snapshots/${await publishedRating(env)}/explanations/${OTHER}`,
    }),
  },
  'GET /api/municipalities/:code/rating-places': {
    expect: PUBLIC,
    status: 200,
    request: () => ({ url: `/api/municipalities/${OTHER}/rating-places` }),
  },
  'GET /api/plan-reports': { expect: PUBLIC, status: 200 },
  'GET /api/plan-reports/:code': {
    expect: PUBLIC,
    status: 200,
    request: () => ({ url: '/api/plan-reports/orenburg-2017-esia' }),
  },
  'GET /api/session': { expect: PUBLIC, status: 200 },
  'POST /api/session/login': {
    expect: PUBLIC,
    status: 200,
    request: async (env) => ({
      url: '/api/session/login',
      payload: {
        username:
          env.actorUsername ?? (await createFixtureUser(env.instance.handle.db, 'viewer')).username,
        password: FIXTURE_PASSWORD,
      },
    }),
  },
  'POST /api/session/logout': { expect: SIGNED_IN, status: 200 },
  'POST /api/session/logout-all': { expect: SIGNED_IN, status: 200 },
  'POST /api/session/password': {
    expect: SIGNED_IN,
    status: 200,
    request: () => ({
      url: '/api/session/password',
      payload: { currentPassword: FIXTURE_PASSWORD, newPassword: 'a brand new passphrase 42' },
    }),
  },
  'GET /api/users': { expect: ADMIN, status: 200 },
  'POST /api/users': {
    expect: ADMIN,
    status: 201,
    request: () => ({
      url: '/api/users',
      payload: {
        username: `new-${Math.random().toString(36).slice(2, 10)}`,
        displayName: 'Новый',
        role: 'viewer',
      },
    }),
  },
  'PATCH /api/users/:id': {
    expect: ADMIN,
    status: 200,
    request: async (env) => ({
      url: `/api/users/${await freshViewerId(env)}`,
      payload: { displayName: 'Переименован' },
    }),
  },
  'POST /api/users/:id/disable': {
    expect: ADMIN,
    status: 200,
    request: async (env) => ({ url: `/api/users/${await freshViewerId(env)}/disable` }),
  },
  'POST /api/users/:id/enable': {
    expect: ADMIN,
    status: 200,
    request: async (env) => ({ url: `/api/users/${await freshViewerId(env)}/enable` }),
  },
  'POST /api/users/:id/unlock': {
    expect: ADMIN,
    status: 200,
    request: async (env) => ({ url: `/api/users/${await freshViewerId(env)}/unlock` }),
  },
  'POST /api/users/:id/reset-password': {
    expect: ADMIN,
    status: 200,
    request: async (env) => ({ url: `/api/users/${await freshViewerId(env)}/reset-password` }),
  },
  'GET /api/api-tokens': { expect: ADMIN, status: 200 },
  'GET /api/boundaries': { expect: ADMIN, status: 200 },
  'POST /api/boundaries/preview': {
    expect: ADMIN,
    status: 200,
    request: () => ({ url: '/api/boundaries/preview', payload: madeUpUpload() }),
  },
  'POST /api/boundaries': {
    expect: ADMIN,
    status: 201,
    // Each call a new attribution: saving what the map already shows answers 200.
    request: () => ({
      url: '/api/boundaries',
      payload: madeUpUpload({ choices: MADE_UP_CHOICES, attribution: `Границы ${Math.random()}` }),
    }),
  },
  'GET /api/portal/licence': { expect: PUBLIC, status: 200 },
  'PUT /api/portal/licence': {
    expect: ADMIN,
    status: 200,
    // Each call a new line, so every allowed call changes it.
    request: () => ({
      url: '/api/portal/licence',
      payload: { licence: `Данные — CC BY 4.0 (${Math.random()})` },
    }),
  },
  'POST /api/api-tokens': {
    expect: ADMIN,
    status: 201,
    request: () => ({ url: '/api/api-tokens', payload: { name: 'ИС СОУ', scopes: ['import'] } }),
  },
  'POST /api/api-tokens/:id/revoke': {
    expect: ADMIN,
    status: 200,
    request: async (env) => {
      const { token } = await createToken(
        env.instance.handle.db,
        { name: 'для отзыва', scopes: ['read'] },
        { actor: { kind: 'system', label: 'тест' }, ip: null, userAgent: null, at: new Date() },
      );
      return { url: `/api/api-tokens/${token.id}/revoke` };
    },
  },
  'GET /api/audit-events': { expect: ADMIN, status: 200 },
  'GET /api/audit-events.csv': { expect: ADMIN, status: 200 },
  'GET /api/audit-events/export': {
    expect: ADMIN,
    status: 200,
    request: () => ({ url: '/api/audit-events/export?format=xlsx' }),
  },
  'GET /api/ratings/:code/table': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({ url: '/api/ratings/orenburg-2016-03-table1/table?format=csv' }),
  },
  'GET /api/plan-reports/:code/table': {
    expect: PUBLIC,
    status: 200,
    request: () => ({ url: '/api/plan-reports/orenburg-2017-esia/table?format=csv' }),
  },
  'GET /api/collection-board/:period/export': {
    expect: SIGNED_IN,
    status: 200,
    request: () => ({ url: '/api/collection-board/2017-02/export?format=csv' }),
  },
  'GET /api/measure-summary/:year/export': {
    expect: only('viewer', 'analyst', 'administrator'),
    status: 200,
    request: () => ({ url: '/api/measure-summary/2030/export?format=csv' }),
  },
  'GET /api/commission-report': {
    expect: only('viewer', 'analyst', 'administrator'),
    status: 200,
    request: () => ({ url: '/api/commission-report?date=2017-04-10&format=docx' }),
  },
  'GET /api/plans/:indicator/execution/table': {
    expect: only('viewer', 'analyst', 'administrator'),
    status: 200,
    request: () => ({ url: '/api/plans/esia_total/execution/table?month=2017-02&format=csv' }),
  },
  'GET /api/values/export': {
    expect: OWN_READ,
    status: 200,
    request: () => ({ url: `/api/values/export?municipality=${OWN}&period=2017&format=csv` }),
  },
  'GET /api/municipalities/:code/responsible-officials': {
    expect: OWN_READ,
    status: 200,
    request: () => ({ url: `/api/municipalities/${OWN}/responsible-officials` }),
  },
  'POST /api/responsible-officials': {
    expect: OWN_WRITE,
    status: 201,
    request: () => ({
      url: '/api/responsible-officials',
      payload: {
        municipalityCode: OWN,
        fullName: 'Петров П. П.',
        position: 'специалист',
        area: 'СЭД',
      },
    }),
  },
  'POST /api/ratings': { expect: DEPARTMENT, status: 201, request: draftRating },
  'GET /api/ratings': { expect: DEPARTMENT, status: 200 },
  'GET /api/ratings/:code': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({ url: '/api/ratings/orenburg-2016-03-table1' }),
  },
  'POST /api/ratings/:code/publish': {
    expect: DEPARTMENT,
    status: 200,
    request: async (env) => ({
      url: `/api/ratings/${await unpublishedRating(env)}/publish`,
      payload: { note: 'проверено' },
    }),
  },
  'GET /api/ratings/:code/review': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({ url: '/api/ratings/orenburg-2016-03-table1/review' }),
  },
  // Each allowed cell reviews a fresh draft: a draft is reviewed once.
  'POST /api/ratings/:code/review': {
    expect: DEPARTMENT,
    status: 200,
    request: async (env) => ({
      url: `/api/ratings/${await unpublishedRating(env)}/review`,
      payload: { remark: 'места сверены' },
    }),
  },
  'GET /api/ratings/:code/explanations/:municipality': {
    expect: DEPARTMENT,
    status: 200,
    request: async (env) => ({
      url: `/api/ratings/${await unpublishedRating(env)}/explanations/${OWN}`,
    }),
  },
  'POST /api/ratings/:code/uncertainty': {
    expect: DEPARTMENT,
    status: 200,
    request: async (env) => ({
      url: `/api/ratings/${await unpublishedRating(env)}/uncertainty`,
      payload: { draws: 10, seed: 1 },
    }),
  },
  'GET /api/methodologies': { expect: DEPARTMENT, status: 200 },
  'GET /api/methodologies/:code/versions': {
    expect: DEPARTMENT,
    status: 200,
    request: async (env) => ({ url: `/api/methodologies/${await savedMethodology(env)}/versions` }),
  },
  'GET /api/methodologies/:code/versions/:version': {
    expect: DEPARTMENT,
    status: 200,
    request: async (env) => ({
      url: `/api/methodologies/${await savedMethodology(env)}/versions/1`,
    }),
  },
  'POST /api/methodologies/:code/versions': {
    expect: DEPARTMENT,
    status: 201,
    request: () => ({
      url: '/api/methodologies/matrix-edit/versions',
      payload: { definition: TINY_METHODOLOGY, changeNote: 'Проверка', effectiveFrom: '2016-01' },
    }),
  },
  'POST /api/methodologies/:code/preview': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({
      url: '/api/methodologies/matrix-check/preview',
      payload: { definition: { ...TINY_METHODOLOGY, tieRule: 'dense' }, period: '2016-03-01' },
    }),
  },
  'POST /api/ratings/simulate': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({
      url: '/api/ratings/simulate',
      payload: {
        period: '2016-03-01',
        before: { definition: TINY_METHODOLOGY },
        after: { definition: { ...TINY_METHODOLOGY, tieRule: 'dense' } },
      },
    }),
  },
  'POST /api/imports/preview': {
    expect: OWN_WRITE,
    status: 200,
    request: () => importOfA('/api/imports/preview'),
  },
  'POST /api/imports': { expect: OWN_WRITE, status: 200, request: () => importOfA('/api/imports') },
  'GET /api/imports': { expect: DEPARTMENT, status: 200 },
  // Anyone who may import starts a job; a foreign municipality's rows end the job as failed.
  'POST /api/imports/jobs': {
    expect: IMPORTERS,
    status: 202,
    request: () => ({ url: '/api/imports/jobs', payload: EMPTY_IMPORT_JOB }),
  },
  'GET /api/imports/jobs/:id': {
    expect: IMPORTERS,
    status: 200,
    request: async (env) => ({ url: `/api/imports/jobs/${await ownImportJob(env)}` }),
  },
  'GET /api/import-mappings': { expect: DEPARTMENT, status: 200 },
  'GET /api/municipalities/:code/reference-revisions/:year': {
    expect: OWN_READ,
    status: 200,
    request: () => ({ url: `/api/municipalities/${OWN}/reference-revisions/2017` }),
  },
  'PUT /api/import-mappings/:name': {
    expect: DEPARTMENT,
    status: 204,
    request: () => ({
      url: '/api/import-mappings/esia-extract',
      payload: {
        sourceSystem: 'ЕСИА',
        mapping: {
          format: 'long',
          unitColumn: 'омсу',
          indicatorColumn: 'показатель',
          periodColumn: 'период',
          valueColumn: 'значение',
        },
      },
    }),
  },
  'POST /api/municipality-aliases': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({
      url: '/api/municipality-aliases',
      payload: {
        name: `Бузулук (вариант ${Math.random().toString(36).slice(2, 8)})`,
        municipality: OWN,
      },
    }),
  },
  'POST /api/indicator-aliases': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({
      url: '/api/indicator-aliases',
      payload: {
        name: `Доля подписанных ЭП документов, вариант ${Math.random().toString(36).slice(2, 8)}`,
        indicator: 'sed_signed_share',
      },
    }),
  },
  'GET /api/observations/:id/revisions': {
    expect: OWN_READ,
    status: 200,
    request: async (env) => {
      const row = await env.instance.handle.db
        .selectFrom('observation')
        .innerJoin('municipality', 'municipality.id', 'observation.municipality_id')
        .select('observation.id')
        .where('municipality.code', '=', OWN)
        .executeTakeFirstOrThrow();
      return { url: `/api/observations/${row.id}/revisions` };
    },
  },
  'GET /api/snapshots/:code/download': {
    expect: PUBLIC,
    status: 200,
    request: () => ({ url: '/api/snapshots/orenburg-2016-03-table1/download' }),
  },
  'DELETE /api/responsible-officials/:id': {
    expect: OWN_WRITE,
    status: 204,
    request: async (env) => ({ url: `/api/responsible-officials/${await officialRecordInA(env)}` }),
  },
  'GET /api/entry-forms/:code/:period': {
    expect: OWN_READ,
    status: 200,
    request: () => ({ url: `/api/entry-forms/${OWN}/2017-02` }),
  },
  'PUT /api/entry-forms/:code/:period': {
    expect: OWN_WRITE,
    status: 200,
    request: () => ({
      url: `/api/entry-forms/${OWN}/2017-05`,
      payload: { values: { esia_new: 900 } },
    }),
  },
  'POST /api/entry-forms/:code/:period/transitions': {
    expect: OWN_WRITE,
    status: 200,
    request: async (env) => ({
      url: `/api/entry-forms/${OWN}/${await preparedForm(env.instance.handle.db, OWN)}/transitions`,
      payload: { action: 'submit' },
    }),
  },
  'GET /api/entry-forms/:code/:period/values/:indicator/revisions': {
    expect: OWN_READ,
    status: 200,
    request: () => ({ url: `/api/entry-forms/${OWN}/2017-02/values/esia_new/revisions` }),
  },
  'POST /api/entry-approvals': {
    expect: only('analyst', 'administrator'),
    status: 200,
    request: async (env) => ({
      url: '/api/entry-approvals',
      payload: {
        period: await preparedForm(env.instance.handle.db, OWN, 'submitted'),
        municipalityCodes: [OWN],
      },
    }),
  },
  'GET /api/collection-board/:period': {
    expect: SIGNED_IN,
    status: 200,
    request: () => ({ url: '/api/collection-board/2017-02' }),
  },
  // The month's cycle: the department's screen; the commission (viewers) reads it, no steps.
  'GET /api/cycle/:period': {
    expect: only('viewer', 'analyst', 'administrator'),
    status: 200,
    request: () => ({ url: '/api/cycle/2017-02' }),
  },
  // Cross-source checks: the department's; values of every municipality, unpublished.
  'GET /api/crosscheck/tolerances': { expect: DEPARTMENT, status: 200 },
  'PUT /api/crosscheck/tolerances/:indicator': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({
      url: '/api/crosscheck/tolerances/esia_new',
      payload: { absolute: 50, relativePercent: null },
    }),
  },
  'GET /api/crosscheck/:period': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({ url: '/api/crosscheck/2017-02' }),
  },
  'POST /api/crosscheck/resolutions': {
    expect: DEPARTMENT,
    status: 200,
    request: async (env) => {
      const open = await openDiscrepancy(env.app, (await adminCredentials(env)).headers);
      return {
        url: '/api/crosscheck/resolutions',
        payload: {
          observationId: open.observationId,
          reportRevision: open.reportRevision,
          extractRevision: open.extractRevision,
          choice: 'report',
          reason: 'проверка прав',
        },
      };
    },
  },
  'GET /api/reporting-deadlines': { expect: SIGNED_IN, status: 200 },
  'PUT /api/reporting-deadlines/:period': {
    expect: only('analyst', 'administrator'),
    status: 200,
    request: () => ({
      url: '/api/reporting-deadlines/2017-02',
      payload: { dueDate: '2017-03-10' },
    }),
  },
  'GET /api/measure-plans/:code/:year': {
    expect: OWN_READ,
    status: 200,
    request: () => ({ url: `/api/measure-plans/${OWN}/2030` }),
  },
  'POST /api/measure-plans/:code/:year/measures': {
    expect: OWN_WRITE,
    status: 201,
    request: () => ({
      url: `/api/measure-plans/${OWN}/2030/measures`,
      payload: {
        title: 'Информирование о ЕСИА',
        responsibleName: 'Петров',
        deadline: '2030-03-31',
      },
    }),
  },
  'PUT /api/measure-plans/:code/:year/approval': {
    expect: only('analyst', 'administrator'),
    status: 200,
    request: () => ({
      url: `/api/measure-plans/${OWN}/2031/approval`,
      payload: { approved: true },
    }),
  },
  'PUT /api/plan-measures/:id': {
    expect: OWN_WRITE,
    status: 200,
    request: async (env) => ({
      url: `/api/plan-measures/${await measureInA(env)}`,
      payload: { title: 'Уточнено', responsibleName: 'Сидоров', deadline: '2030-09-30' },
    }),
  },
  'PUT /api/plan-measures/:id/reports/:quarter': {
    expect: OWN_WRITE,
    status: 200,
    request: async (env) => ({
      url: `/api/plan-measures/${await measureInA(env)}/reports/1`,
      payload: { status: 'in_progress', comment: 'в работе' },
    }),
  },
  'POST /api/plan-measures/:id/reports/:quarter/attachments': {
    expect: OWN_WRITE,
    status: 201,
    request: async (env) => ({
      url: `/api/plan-measures/${await measureInA(env)}/reports/1/attachments`,
      payload: {
        fileName: 'акт.pdf',
        contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
      },
    }),
  },
  'GET /api/measure-attachments/:id': {
    expect: OWN_READ,
    status: 200,
    request: async (env) => ({ url: `/api/measure-attachments/${await attachmentInA(env)}` }),
  },
  // The summary is made for the commission (viewers); officials see only their own plans.
  'GET /api/measure-summary/:year': {
    expect: only('viewer', 'analyst', 'administrator'),
    status: 200,
    request: () => ({ url: '/api/measure-summary/2030' }),
  },
  // Targets and Table 2 of every municipality: the commission's reading; only the department
  // sets rules and targets (an official could move the own municipality's yardstick).
  'GET /api/plans/:indicator/:year/targets': {
    expect: only('viewer', 'analyst', 'administrator'),
    status: 200,
    request: () => ({ url: '/api/plans/esia_total/2017/targets' }),
  },
  'GET /api/plans/:indicator/execution': {
    expect: only('viewer', 'analyst', 'administrator'),
    status: 200,
    request: () => ({ url: '/api/plans/esia_total/execution?month=2017-03' }),
  },
  'PUT /api/plans/:indicator/:year/rule': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({ url: '/api/plans/esia_total/2031/rule', payload: RULE_2031 }),
  },
  'DELETE /api/plans/:indicator/:year/rule': {
    expect: DEPARTMENT,
    status: 200,
    request: ruleFor2031,
  },
  'PUT /api/plans/:indicator/:year/targets/:code': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({ url: `/api/plans/esia_total/2031/targets/${OWN}`, payload: { target: 700 } }),
  },
  'DELETE /api/plans/:indicator/:year/targets/:code': {
    expect: DEPARTMENT,
    status: 200,
    request: manualTargetInA,
  },
  'GET /api/indicators': { expect: SIGNED_IN, status: 200 },
  // Passports and formulas: the department's (analysts and administrators), as data sets are.
  'GET /api/indicators/:code': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({ url: '/api/indicators/esia_new' }),
  },
  'POST /api/indicators': {
    expect: DEPARTMENT,
    status: 201,
    request: () => ({ url: '/api/indicators', payload: newIndicatorPayload() }),
  },
  'PUT /api/indicators/:code': {
    expect: DEPARTMENT,
    status: 200,
    request: async (env) => {
      const payload = newIndicatorPayload();
      await env.app.inject({
        method: 'POST',
        url: '/api/indicators',
        headers: (await adminCredentials(env)).headers,
        payload,
      });
      const { code: _code, ...passport } = payload;
      return { url: `/api/indicators/${payload.code}`, payload: { ...passport, decimals: 2 } };
    },
  },
  'POST /api/indicator-formula-checks': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({
      url: '/api/indicator-formula-checks',
      payload: { code: 'matrix_new', formula: 'esia_new / population' },
    }),
  },
  'GET /api/data-sets': { expect: SIGNED_IN, status: 200 },
  'POST /api/data-sets': {
    expect: DEPARTMENT,
    status: 201,
    request: () => ({
      url: '/api/data-sets',
      payload: {
        code: `set-${Math.random().toString(36).slice(2, 10)}`,
        name: 'ИС СОУ',
        indicatorCodes: ['rating_2016'],
      },
    }),
  },
  'PUT /api/data-sets/:code': {
    expect: DEPARTMENT,
    status: 200,
    request: async (env) => ({
      url: `/api/data-sets/${await dataSetOfDepartment(env)}`,
      payload: { name: 'ЕСИА (уточнено)', indicatorCodes: ['esia_new'] },
    }),
  },
  'DELETE /api/data-sets/:code': {
    expect: DEPARTMENT,
    status: 204,
    request: async (env) => ({ url: `/api/data-sets/${await dataSetOfDepartment(env)}` }),
  },
  'PUT /api/data-sets/:code/deadlines/:period': {
    expect: DEPARTMENT,
    status: 200,
    request: async (env) => ({
      url: `/api/data-sets/${await dataSetOfDepartment(env)}/deadlines/2017-03`,
      payload: { dueDate: '2017-04-05' },
    }),
  },
  'DELETE /api/data-sets/:code/deadlines/:period': {
    expect: DEPARTMENT,
    status: 204,
    request: async (env) => ({
      url: `/api/data-sets/${await dataSetOfDepartment(env)}/deadlines/2017-02`,
    }),
  },
  'POST /api/municipalities': {
    expect: ADMIN,
    status: 201,
    request: () => ({ url: '/api/municipalities', payload: newUnitPayload() }),
  },
  'PATCH /api/municipalities/:code': {
    expect: ADMIN,
    status: 200,
    request: async (env) => ({
      url: `/api/municipalities/${await registryUnit(env)}`,
      payload: { oktmo: null },
    }),
  },
  'POST /api/municipalities/:code/close': {
    expect: ADMIN,
    status: 200,
    request: async (env) => ({
      url: `/api/municipalities/${await registryUnit(env)}/close`,
      payload: { validTo: '2030-12-31' },
    }),
  },
  'DELETE /api/municipalities/:code': {
    expect: ADMIN,
    status: 204,
    request: async (env) => ({ url: `/api/municipalities/${await registryUnit(env)}` }),
  },
  'POST /api/municipality-mergers': {
    expect: ADMIN,
    status: 200,
    request: async (env) => ({
      url: '/api/municipality-mergers',
      payload: {
        predecessors: [await registryUnit(env), await registryUnit(env)],
        newSuccessor: newUnitPayload(),
        date: '2031-01-01',
      },
    }),
  },
  'GET /api/unit-groups': { expect: SIGNED_IN, status: 200 },
  // The region-wide reference table: not an official's (who reads only the own figures).
  'GET /api/reference-data': {
    expect: only('viewer', 'analyst', 'administrator'),
    status: 200,
  },
  'GET /api/reference-data/:year': {
    expect: only('viewer', 'analyst', 'administrator'),
    status: 200,
    request: () => ({ url: '/api/reference-data/2017' }),
  },
  'PUT /api/reference-data/:year/:code/:kind': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({
      url: `/api/reference-data/2019/${OWN}/population`,
      payload: { value: 80_000 + Math.floor(Math.random() * 10_000), source: 'проверка' },
    }),
  },
  'PUT /api/reference-settings': {
    expect: DEPARTMENT,
    status: 200,
    request: () => ({ url: '/api/reference-settings', payload: { jumpShare: 0.25 } }),
  },
  'POST /api/unit-groups': {
    expect: ADMIN,
    status: 201,
    request: () => ({
      url: '/api/unit-groups',
      payload: { code: `group-${Math.random().toString(36).slice(2, 10)}`, name: 'Группа' },
    }),
  },
  'GET /api/values': {
    expect: OWN_READ,
    status: 200,
    request: () => ({ url: `/api/values?municipality=${OWN}&period=2017` }),
  },
  'DELETE /api/plan-measures/:id': {
    expect: OWN_WRITE,
    status: 204,
    request: async (env) => ({ url: `/api/plan-measures/${await measureInA(env)}` }),
  },
  'DELETE /api/measure-attachments/:id': {
    expect: OWN_WRITE,
    status: 204,
    request: async (env) => ({ url: `/api/measure-attachments/${await attachmentInA(env)}` }),
  },
};

/** The public portal's pages and files (published snapshots only): open to everyone. */
const portalPage = (url: string, status = 200): Entry => ({
  expect: PUBLIC,
  status,
  request: () => ({ url }),
});
Object.assign(MATRIX, {
  'GET /rating/:code': portalPage('/rating/orenburg-2016-03-table1'),
  'GET /rating/:code/colours.css': portalPage('/rating/orenburg-2016-03-table1/colours.css'),
  'GET /open-data/:file': portalPage('/open-data/orenburg-2016-03-table1.csv'),
  'GET /municipalities/:code': portalPage('/municipalities/buzuluk-city'),
  // The demo publishes ratings taken from documents only: no methodology to describe.
  'GET /methodology/:code': portalPage('/methodology/orenburg-2016', 404),
  'GET /map/:code': portalPage('/map/orenburg-2016-03-table1'),
  // Stored before the matrix runs (made-up squares), so the answer does not depend on order.
  'GET /map/boundaries.json': portalPage('/map/boundaries.json'),
});

/** Files of the built web app (`web/dist`): public, whatever their names after a build. */
const STATIC_ASSET: Entry = { expect: PUBLIC, status: 200 };

function entryFor(method: string, url: string): Entry | undefined {
  const key = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  if (MATRIX[key]) return MATRIX[key];
  if ((method === 'GET' || method === 'HEAD') && !url.startsWith('/api/')) return STATIC_ASSET;
  return undefined;
}

describe.each(testDatabases())('route × role matrix on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  beforeAll(async () => {
    adminCache = null;
    instance = await createDemoDatabase(kind);
    app = await buildApp({ db: instance.handle.db, regionCode: 'orenburg' });
    await app.ready();
    const regionId = (await findRegionId(instance.handle.db, 'orenburg')) ?? -1;
    await saveBoundaries(instance.handle.db, regionId, madeUpUpload({ choices: MADE_UP_CHOICES }), {
      actor: { kind: 'system', label: 'тест' },
      ip: null,
      userAgent: null,
      at: new Date(),
    });
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });

  async function credentialsOf(actor: ActorName) {
    const db = instance.handle.db;
    if (actor === 'anonymous') return { headers: {}, username: null };
    const user =
      actor === 'officialA'
        ? await createFixtureUser(db, 'official', { municipalityCodes: [OWN] })
        : actor === 'officialB'
          ? await createFixtureUser(db, 'official', { municipalityCodes: [OTHER] })
          : await createFixtureUser(db, actor);
    const session = await openFixtureSession(db, user.id);
    return { headers: session.headers, username: user.username };
  }

  it('has an entry for every registered route, and a route for every entry', () => {
    const routes = listRegisteredRoutes(app).filter((r) => r.method !== 'OPTIONS');
    const missing = routes
      .filter((r) => !entryFor(r.method, r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(missing, 'маршруты без строки в матрице доступа').toEqual([]);
    const registered = new Set(routes.map((r) => `${r.method} ${r.url}`));
    const stale = Object.keys(MATRIX).filter((key) => !registered.has(key));
    expect(stale, 'строки матрицы без маршрута').toEqual([]);
  });

  it('answers every route for every role as the table says, and audits each denial', async () => {
    const routes = listRegisteredRoutes(app).filter((r) => r.method !== 'OPTIONS');
    expect(routes.length).toBeGreaterThan(25);
    const mismatches: string[] = [];
    let denials = 0;
    const deniedBefore = await countDenied();
    for (const route of routes) {
      const entry = entryFor(route.method, route.url);
      if (!entry) continue;
      for (const actor of ACTORS) {
        const { headers, username } = await credentialsOf(actor);
        const request = entry.request
          ? await entry.request({ app, instance, actorUsername: username })
          : { url: route.url };
        const res = await app.inject({
          method: route.method as 'GET',
          url: request.url,
          headers,
          ...(request.payload ? { payload: request.payload } : {}),
        });
        const expected = entry.expect[actor];
        const wanted = expected === 'allow' ? entry.status : actor === 'anonymous' ? 401 : 403;
        if (res.statusCode !== wanted)
          mismatches.push(
            `${route.method} ${request.url} as ${actor}: expected ${expected} (${wanted}), got ${res.statusCode} ${res.body.slice(0, 200)}`,
          );
        if (expected === 'deny') denials += 1;
      }
    }
    expect(mismatches).toEqual([]);
    expect(denials).toBeGreaterThan(50);
    expect((await countDenied()) - deniedBefore).toBe(denials);
  });

  async function countDenied(): Promise<number> {
    const row = await instance.handle.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('outcome', '=', 'denied')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
});
