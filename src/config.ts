import { join, resolve } from 'node:path';

export interface AppConfig {
  port: number;
  host: string;
  /** Directory of the embedded SQLite database (ignored when DATABASE_URL is set). */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Connections of the PostgreSQL pool at most (ignored for SQLite). */
  poolSize: number;
  regionCode: string;
}

/** MUNIRANK_DB_POOL_SIZE unset: as many connections as a deadline day's burst keeps busy. */
export const DEFAULT_DB_POOL_SIZE = 20;

function readPoolSize(env: NodeJS.ProcessEnv): number {
  const raw = env.MUNIRANK_DB_POOL_SIZE;
  if (raw === undefined || raw.trim() === '') return DEFAULT_DB_POOL_SIZE;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > 1000)
    throw new Error(
      `MUNIRANK_DB_POOL_SIZE: «${raw}» — ожидается целое число соединений от 1 до 1000`,
    );
  return size;
}

export const sqliteFileIn = (dataDir: string) => join(dataDir, 'munirank.sqlite');

/**
 * Configuration from the environment, overridden by command-line options:
 * PORT (3000), HOST (127.0.0.1), MUNIRANK_DATA_DIR (./data), DATABASE_URL,
 * MUNIRANK_DB_POOL_SIZE (20), MUNIRANK_REGION.
 */
export function readConfig(
  overrides: Partial<Pick<AppConfig, 'port' | 'host' | 'dataDir'>> = {},
  env: NodeJS.ProcessEnv = process.env,
): AppConfig {
  const port = overrides.port ?? Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Недопустимый номер порта: ${String(overrides.port ?? env.PORT)}`);
  }
  return {
    port,
    host: overrides.host ?? env.HOST ?? '127.0.0.1',
    dataDir: resolve(overrides.dataDir ?? env.MUNIRANK_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    poolSize: readPoolSize(env),
    regionCode: env.MUNIRANK_REGION ?? 'orenburg',
  };
}
