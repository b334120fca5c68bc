import { type AppConfig, sqliteFileIn } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/connect.js';

export function openConfiguredDatabase(config: AppConfig): DatabaseHandle {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: sqliteFileIn(config.dataDir),
    poolSize: config.poolSize,
  });
}

export function describeDatabase(handle: DatabaseHandle): string {
  return handle.dialect === 'postgres'
    ? `PostgreSQL ${handle.location}`
    : `SQLite ${handle.location}`;
}
