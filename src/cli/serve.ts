import { readConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { buildApp } from '../server/app.js';
import { ImportJobs } from '../server/features/imports/import-jobs.js';
import { readShutdownTimeoutMs, stopGracefully } from '../server/graceful-shutdown.js';
import { serverLogFromEnv } from '../server/server-log.js';
import { ensureDemoLoaded } from './commands/demo-command.js';
import { describeDatabase, openConfiguredDatabase } from './open-configured-database.js';
import { prepareAccounts } from './prepare-accounts.js';

export interface ServeOptions {
  port?: string;
  host?: string;
  dataDir?: string;
  demo?: boolean;
  /** Demo mode (`start` only): the documented demo accounts with their known password. */
  demoAccounts?: boolean;
}

/** Applies migrations, prepares accounts (and the demo when asked) and listens until a signal. */
export async function serve(opts: ServeOptions): Promise<void> {
  const config = readConfig({
    port: opts.port === undefined ? undefined : Number(opts.port),
    host: opts.host,
    dataDir: opts.dataDir,
  });
  const timeoutMs = readShutdownTimeoutMs();
  const handle = openConfiguredDatabase(config);
  console.log(`База данных: ${describeDatabase(handle)}`);
  await migrateToLatest(handle.db);
  if (opts.demo) await ensureDemoLoaded(handle);
  await prepareAccounts(handle, config.regionCode, { demo: opts.demoAccounts === true });
  const importJobs = new ImportJobs();
  const app = await buildApp({
    db: handle.db,
    regionCode: config.regionCode,
    log: serverLogFromEnv(),
    importJobs,
    poolStats: handle.poolStats,
    statementsSent: handle.statementsSent,
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    // A second signal while stopping ends the process at once (an impatient operator).
    if (stopping) process.exit(1);
    stopping = true;
    const code = await stopGracefully(
      { app, importJobs, closeDatabase: handle.close, timeoutMs, say: (l) => console.log(l) },
      signal,
    );
    process.exit(code);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost =
    config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(
    `munirank работает: http://${shownHost}:${port}/ (API: http://${shownHost}:${port}/api/openapi.json)`,
  );
}
