import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { dialectOf } from '../../../db/dialect-of.js';
import { ImportJobMode, ImportJobStatus } from '../../../domain/import-job.js';
import { ErrorBody, NotFoundError } from '../../http-errors.js';
import { type Actor, actorLabel } from '../access/actor.js';
import { auditContextOf } from '../access/audit.js';
import { authorizeImportAtAll } from './import-authorization.js';
import { FILE_BODY_LIMIT, ImportBody, refuseOtherFile, toRequest } from './import-body.js';
import type { ImportJobRefusal } from './import-job-limits.js';
import { runImportJob } from './import-job-runner.js';
import { ImportJobSlots } from './import-job-slots.js';
import { ImportJobs } from './import-jobs.js';
import type { ImportRoutesContext } from './import-routes-context.js';

/** Whose a job is: the account or the API token that started it. */
function ownerOf(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.userId}`;
    case 'token':
      return `token:${actor.tokenId}`;
    default:
      return actorLabel(actor);
  }
}

const NDJSON = 'application/x-ndjson';
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const busy = { 429: ErrorBody, 503: ErrorBody };

/**
 * Long previews and commits as jobs in this server process: the browser starts one, polls
 * its phase and progress and reads the outcome. The synchronous routes stay for programs
 * that prefer to wait for the answer.
 */
export const importJobRoutes: FastifyPluginAsyncTypebox<ImportRoutesContext> = async (app, ctx) => {
  const jobs = ctx.importJobs ?? new ImportJobs();
  // On PostgreSQL several instances may serve one region: a user's running jobs count on all.
  const slots = dialectOf(ctx.db) === 'postgres' ? new ImportJobSlots(ctx.db, jobs.limits) : null;
  app.addHook('onClose', async () => slots?.close());
  const refuse = (reply: FastifyReply, refused: ImportJobRefusal) =>
    reply
      .code(refused.status)
      .header('retry-after', String(refused.retryAfterSeconds))
      .send({ error: refused.error, message: refused.message });

  app.post(
    '/api/imports/jobs',
    {
      bodyLimit: FILE_BODY_LIMIT,
      schema: {
        tags: ['Импорт'],
        summary:
          'Запустить предпросмотр (mode=preview) или импорт (mode=commit) заданием на сервере; ход и итог — GET /api/imports/jobs/{id}, или с Accept: application/x-ndjson — строками JSON в этом же ответе до конца задания. 429 — у пользователя уже выполняются два задания, 503 — файлы выполняющихся заданий заняли память сервера (оба с Retry-After)',
        body: Type.Intersect([ImportBody, Type.Object({ mode: ImportJobMode })]),
        response: { 202: ImportJobStatus, ...errors, ...busy },
      },
    },
    async (request, reply) => {
      const context = auditContextOf(request);
      authorizeImportAtAll(context.actor);
      const body = toRequest(request.body);
      const mode = request.body.mode;
      if (mode === 'commit') refuseOtherFile(body, request.body.expectedSha256);
      const regionId = await ctx.regionId();
      const owner = ownerOf(context.actor);
      const bytes = body.bytes.byteLength;
      const refused = jobs.refusal(owner, bytes);
      if (refused) return refuse(reply, refused);
      const slot = slots ? await slots.claim(owner) : null;
      if (slot && 'refused' in slot) return refuse(reply, slot.refused);
      const { log } = request;
      const release = async () => {
        if (!slot || !slots) return;
        await slots.release(slot.slotId).catch((error) => log.warn({ err: error }, 'import slot'));
      };
      // Another job of this instance may have started while the slot was being taken.
      const refusedNow = jobs.refusal(owner, bytes);
      if (refusedNow) {
        await release();
        return refuse(reply, refusedNow);
      }
      // The job refers to the file only through `body`, not the request, so a 202 answer
      // leaves one copy in memory and a finished job none.
      const status = jobs.start(owner, mode, bytes, async (onProgress) => {
        try {
          return await runImportJob(ctx.db, regionId, mode, body, context, onProgress, log);
        } finally {
          await release();
        }
      });
      if (!request.headers.accept?.includes(NDJSON)) return reply.code(202).send(status);
      // The status as it changes, a JSON line each, in this same answer: no further request
      // has to wait for the database, which SQLite holds for the whole commit.
      const stream = new PassThrough();
      stream.write(`${JSON.stringify(status)}\n`);
      jobs.watch(status.id, owner, (next, final) => {
        // A reader that went away can still poll; the job goes on without it.
        if (stream.destroyed) return;
        stream.write(`${JSON.stringify(next)}\n`);
        if (final) stream.end();
      });
      return reply
        .code(200)
        .header('content-type', `${NDJSON}; charset=utf-8`)
        .header('cache-control', 'no-store')
        .send(stream as never);
    },
  );

  app.get(
    '/api/imports/jobs/:id',
    {
      schema: {
        tags: ['Импорт'],
        summary:
          'Ход задания импорта: фаза, сделано из, процент; в конце — предпросмотр, итог или ошибки. Видит только тот, кто запустил',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: ImportJobStatus, ...errors, 404: ErrorBody },
      },
    },
    async (request) => {
      const { actor } = auditContextOf(request);
      authorizeImportAtAll(actor);
      const status = jobs.get(request.params.id, ownerOf(actor));
      if (!status)
        throw new NotFoundError(
          'Задание импорта не найдено: оно завершилось давно, запущено другим пользователем или сервер был перезапущен (незавершённый импорт ничего не записал)',
        );
      return status;
    },
  );
};
