import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema/index.js';
import { loadDemo } from '../../src/demo/load-demo.js';
import { readDemoDataset } from '../../src/demo/read-demo-dataset.js';
import type { TestDatabase, TestDatabaseInstance } from './databases.js';

/** A fresh database of the given kind with the Orenburg demo loaded. */
export async function createDemoDatabase(kind: TestDatabase): Promise<TestDatabaseInstance> {
  const instance = await kind.create();
  await loadDemo(instance.handle.db, readDemoDataset());
  return instance;
}

/** The id of a municipality by its code (the demo's codes, e.g. `buzuluk-city`). */
export async function municipalityIdOf(db: Kysely<Database>, code: string): Promise<number> {
  const row = await db
    .selectFrom('municipality')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}
