import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
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

/**
 * The Orenburg demo for the tests of one describe block: loaded before them, dropped after.
 * `reload` replaces it with a fresh one mid-block.
 *
 * @example const demo = useOrenburgDemo(kind); … commitImport(demo.db, demo.regionId, …)
 */
export function useOrenburgDemo(kind: TestDatabase) {
  let instance: TestDatabaseInstance | undefined;
  let regionId = -1;
  const load = async () => {
    instance = await createDemoDatabase(kind);
    regionId = (await findRegionId(instance.handle.db, 'orenburg')) ?? -1;
  };
  beforeAll(load);
  afterAll(async () => instance?.dispose());
  return {
    get instance(): TestDatabaseInstance {
      if (!instance) throw new Error('the demo database is not loaded yet');
      return instance;
    },
    get db(): Kysely<Database> {
      return this.instance.handle.db;
    },
    get regionId(): number {
      return regionId;
    },
    async reload(): Promise<void> {
      await instance?.dispose();
      await load();
    },
  };
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
