import { loadDemo } from '../../src/demo/load-demo.js';
import { readDemoDataset } from '../../src/demo/read-demo-dataset.js';
import type { TestDatabase, TestDatabaseInstance } from './databases.js';

/** A fresh database of the given kind with the Orenburg demo loaded. */
export async function createDemoDatabase(kind: TestDatabase): Promise<TestDatabaseInstance> {
  const instance = await kind.create();
  await loadDemo(instance.handle.db, readDemoDataset());
  return instance;
}
