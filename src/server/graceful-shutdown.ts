import type { FastifyInstance } from 'fastify';
import type { ImportJobs } from './features/imports/import-jobs.js';

export interface ShutdownParts {
  app: FastifyInstance;
  importJobs: ImportJobs;
  closeDatabase: () => Promise<void>;
  timeoutMs: number;
  say: (line: string) => void;
}

/** MUNIRANK_SHUTDOWN_TIMEOUT: seconds a stop may take (30 by default). */
export function readShutdownTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.MUNIRANK_SHUTDOWN_TIMEOUT ?? 30);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(
      `MUNIRANK_SHUTDOWN_TIMEOUT: «${env.MUNIRANK_SHUTDOWN_TIMEOUT}» — ожидается число секунд больше нуля`,
    );
  return seconds * 1000;
}

/**
 * Stops the server without cutting work short: no new connections (new requests on open
 * ones get 503), the requests under way are answered, running import jobs end, then the
 * database is closed. Resolves with the exit code: 0, or 1 when the timeout came first — the
 * process then ends, and the database rolls back every transaction left open (an import
 * cut off this way leaves nothing behind, as after a crash).
 */
export async function stopGracefully(parts: ShutdownParts, signal: string): Promise<number> {
  const { app, importJobs, timeoutMs, say } = parts;
  say(
    `Получен ${signal}: новые запросы не принимаются; завершаются начатые запросы и задания ` +
      `импорта (${importJobs.running}), не дольше ${timeoutMs / 1000} с.`,
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      say(
        `За ${timeoutMs / 1000} с работа не завершилась (заданий импорта: ${importJobs.running}): ` +
          'сервер останавливается, незавершённые транзакции откатываются.',
      );
      resolve(1);
    }, timeoutMs);
  });
  // A keep-alive connection busy when the stop began (an import's progress stream) would
  // hold the server open once it goes idle: such connections are closed as they go idle.
  const sweeper = setInterval(() => app.server.closeIdleConnections(), 200);
  // The requests that arrived before the stop and still wait for their turn go to the
  // application before it starts answering 503 (decision 0230).
  app.requestQueue.release();
  const orderly = (async () => {
    await app.close();
    clearInterval(sweeper);
    await importJobs.settled();
    await parts.closeDatabase();
    say('munirank остановлен: все начатые запросы и задания импорта завершены.');
    return 0;
  })();
  try {
    return await Promise.race([orderly, late]);
  } finally {
    clearTimeout(timer);
    clearInterval(sweeper);
  }
}
