import { randomBytes } from 'node:crypto';
import { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import type { RequestQueue } from './request-queue.js';

/** Where and how much the server writes to its journal; `false` keeps tests quiet. */
export type ServerLog = false | { level?: string; stream?: NodeJS.WritableStream };

/**
 * What never reaches the journal even if a future log call passes it along: credentials in
 * headers, passwords and tokens in bodies.
 */
const REDACTED = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
];

/**
 * Fastify's logger as structured JSON lines (pino): one line per answered request (written by
 * `logAnswers`), and for every server error its stack with the request id that the user sees
 * in the answer. The default serialisers record method, address and status, never headers or
 * bodies.
 */
export function loggerOptions(
  log: ServerLog,
): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'logController'> {
  return {
    // Fastify's own two lines (request, answer) are one line here: see logAnswers.
    logController: new LogController({ disableRequestLogging: true }),
    logger:
      log === false
        ? false
        : {
            level: log.level ?? 'info',
            redact: { paths: REDACTED, censor: '[скрыто]' },
            ...(log.stream ? { stream: log.stream } : {}),
          },
    // Unique across restarts and instances, short enough to read out over the phone.
    genReqId: () => randomBytes(6).toString('hex'),
  };
}

/** The journal settings of `serve`: MUNIRANK_LOG_LEVEL (info) to standard output. */
export function serverLogFromEnv(env: NodeJS.ProcessEnv = process.env): ServerLog {
  const level = env.MUNIRANK_LOG_LEVEL ?? 'info';
  return level === 'silent' ? false : { level };
}

/**
 * One journal line per answered request: its id, method, address, client, status and time,
 * as the replayed answers' lines (src/server/replay-answers.ts) have them; the time counts the
 * request's wait for its turn (src/server/request-queue.ts).
 */
export function logAnswers(app: FastifyInstance, queue: RequestQueue): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        req: request,
        res: reply,
        responseTime: reply.elapsedTime + queue.waitedMs(request.raw),
      },
      'request completed',
    );
  });
}
