import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import {
  type TestDatabase,
  type TestDatabaseInstance,
  testDatabases,
} from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

type Schema = { [key: string]: unknown };
const SCALARS = new Set(['number', 'integer', 'string', 'boolean']);

/**
 * Where a request schema lets null through a union only after a scalar branch: the server
 * validates with type coercion, and the scalar branch would turn the null into 0, "" or false.
 * Returns every such place as a JSON pointer, and counts the unions that take null at all.
 */
function nullAfterScalar(schema: unknown, at: string, found: string[], count: { unions: number }) {
  if (Array.isArray(schema)) {
    schema.forEach((s, i) => {
      nullAfterScalar(s, `${at}/${i}`, found, count);
    });
    return;
  }
  if (schema === null || typeof schema !== 'object') return;
  const s = schema as Schema;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key];
    if (!Array.isArray(branches)) continue;
    const nullAt = branches.findIndex((b: Schema) => b.type === 'null');
    if (nullAt < 0) continue;
    count.unions += 1;
    if (branches.slice(0, nullAt).some((b: Schema) => SCALARS.has(String(b.type))))
      found.push(`${at}/${key}`);
  }
  for (const [key, value] of Object.entries(s))
    nullAfterScalar(value, `${at}/${key}`, found, count);
}

describe('null in a request stays null', () => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  beforeAll(async () => {
    instance = await createDemoDatabase(testDatabases()[0] as TestDatabase);
    app = await buildApp({ db: instance.handle.db, regionCode: 'orenburg' });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });

  it('no route takes null only after a number, text or flag', async () => {
    const spec = (await app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: unknown }>>;
    };
    const found: string[] = [];
    const count = { unions: 0 };
    const entryForm = { unions: 0 };
    for (const [path, operations] of Object.entries(spec.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        const counted = path === '/api/entry-forms/{code}/{period}' && method === 'put';
        for (const part of ['requestBody', 'parameters'] as const)
          nullAfterScalar(operation[part], `${where} ${part}`, found, counted ? entryForm : count);
      }
    expect(found).toEqual([]);
    // Not vacuous: the entry form's values are such a union, and so are some forty others.
    expect(entryForm.unions).toBe(1);
    expect(count.unions).toBeGreaterThan(10);
  });
});
