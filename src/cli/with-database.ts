import { readConfig } from '../config.js';
import type { DatabaseHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { findRegionId } from '../db/repositories/region-repository.js';
import { openConfiguredDatabase } from './open-configured-database.js';

/** Opens the configured database, brings it to the latest schema, runs `run`, closes it. */
export async function withDatabase<T>(
  dataDir: string | undefined,
  run: (handle: DatabaseHandle, regionId: number | null) => Promise<T>,
): Promise<T> {
  const config = readConfig({ dataDir });
  const handle = openConfiguredDatabase(config);
  try {
    await migrateToLatest(handle.db);
    return await run(handle, await findRegionId(handle.db, config.regionCode));
  } finally {
    await handle.close();
  }
}

/** As `withDatabase`, for commands that need the configured region to exist. */
export async function inRegion<T>(
  dataDir: string | undefined,
  run: (handle: DatabaseHandle, regionId: number) => Promise<T>,
): Promise<T> {
  return withDatabase(dataDir, async (handle, regionId) => {
    if (regionId === null) {
      const code = readConfig({ dataDir }).regionCode;
      throw new Error(
        `Регион «${code}» не найден в базе: задайте код своего региона в MUNIRANK_REGION ` +
          '(по умолчанию orenburg — регион демо-данных), создайте регион (munirank region create) ' +
          'или загрузите демо-данные (munirank demo load)',
      );
    }
    return run(handle, regionId);
  });
}

export const dataDirOption = [
  '--data-dir <каталог>',
  'каталог встроенной базы SQLite (по умолчанию ./data)',
] as const;
