import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifySchemaValidationError } from 'fastify';
import { Type } from 'typebox';
import { tryHoldLock } from '../../../db/session-lock.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { runUncertainty } from '../../workers/uncertainty-pool.js';
import { RequestError } from '../access/access-errors.js';
import { auditContextOf } from '../access/audit.js';
import { UncertaintyGate } from './uncertainty-gate.js';
import {
  UNCERTAINTY_LIMITS as L,
  type UncertaintyLine,
  UncertaintyRequest,
} from './uncertainty-schemas.js';
import {
  describeUncertainty,
  loadUncertaintyJob,
  storeUncertainty,
} from './uncertainty-service.js';

const FIELD_RULES: Record<string, string> = {
  draws: `число испытаний (draws) — целое от ${L.draws.min} до ${L.draws.max}`,
  seed: `начальное значение генератора (seed) — целое от ${L.seed.min} до ${L.seed.max}`,
  noise: `разброс весов (noise) — число от ${L.noise.min} до ${L.noise.max}`,
  alternatives: 'альтернативные нормировки и агрегирование (alternatives) — true или false',
  workers: `число потоков (workers) — целое от ${L.workers.min} до ${L.workers.max}`,
};

/** Validation errors of the settings in Russian, naming the field and its allowed range. */
function settingsError(errors: FastifySchemaValidationError[], part: string): Error {
  if (part === 'params')
    return new RequestError(
      400,
      'invalid_request',
      'Код снимка — латинские строчные буквы, цифры и дефис (до 100 знаков).',
    );
  const messages = errors.map((e) => {
    const field = e.instancePath.replace(/^\//, '');
    return FIELD_RULES[field] ?? 'тело запроса должно быть JSON-объектом с параметрами расчёта';
  });
  return new RequestError(
    400,
    'invalid_request',
    `Неверные параметры: ${[...new Set(messages)].join('; ')}.`,
  );
}

const line = (value: UncertaintyLine) => `${JSON.stringify(value)}\n`;

/**
 * Rank uncertainty of a stored computed snapshot, streamed as NDJSON while the worker threads
 * compute: progress lines (at most one per whole percent), then the result or an error.
 */
export const uncertaintyRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  const gate = new UncertaintyGate();
  app.post(
    '/api/ratings/:code/uncertainty',
    {
      schemaErrorFormatter: settingsError,
      schema: {
        tags: ['Рейтинг: расчёт и публикация'],
        summary:
          'Неопределённость мест (Монте-Карло) по методике и исходным данным снимка: медиана ' +
          'места и диапазон 5–95 % для каждого ОМСУ',
        description:
          'Ответ — поток NDJSON (application/x-ndjson): строки {"progress":{"done","total"}}, ' +
          'затем одна строка {"result":{…}} или {"error":{"error","message"}}. Одновременно ' +
          'идёт только один такой расчёт на сервер: пока он идёт, другие запросы получают 429 ' +
          'с заголовком Retry-After (оценка в секундах).',
        params: Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{1,100}$' }) }),
        body: Type.Optional(UncertaintyRequest),
        response: {
          200: Type.Unsafe<PassThrough>({
            description: 'Поток NDJSON: строки хода расчёта, затем результат или ошибка',
          }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const context = auditContextOf(request);
      const job = await loadUncertaintyJob(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.body ?? {},
        context,
      );
      const { draws, seed, noise, alternatives, workers } = job.settings;
      const slot = gate.enter(draws);
      // Another instance on the same PostgreSQL may be running one: the database decides.
      let release: Awaited<ReturnType<typeof tryHoldLock>> = null;
      if (slot) {
        try {
          release = await tryHoldLock(ctx.db, 'uncertaintyRun', await ctx.regionId());
        } finally {
          if (!release) slot.release();
        }
      }
      if (!slot || !release)
        return reply
          .code(429)
          .header('retry-after', String(gate.retryAfterSeconds()))
          .send({
            error: 'uncertainty_busy',
            message:
              'Сейчас уже идёт расчёт неопределённости мест: одновременно выполняется только ' +
              'один. Повторите через несколько секунд.',
          });

      const out = new PassThrough();
      out.write(line({ progress: { done: 0, total: draws } }));
      let shown = 0;
      const started = performance.now();
      runUncertainty(job.methodology, job.data, {
        draws,
        seed,
        workers,
        options: { weightNoise: noise, alternatives },
        onProgress: (done, total) => {
          slot.progress(done);
          const percent = Math.floor((done / total) * 100);
          if (percent > shown || done === total) {
            shown = percent;
            out.write(line({ progress: { done, total } }));
          }
        },
      })
        .then(async (bands) => {
          const seconds = Math.round(performance.now() - started) / 1000;
          const result = describeUncertainty(job, bands, seconds);
          await storeUncertainty(ctx.db, job, result, context);
          ctx.publicChanged();
          return line({ result });
        })
        // A failed run, or a result that could not be stored, ends the stream with the reason.
        .catch((error: unknown) => {
          request.log.error(error);
          const reason = error instanceof Error ? error.message : String(error);
          return line({
            error: {
              error: 'uncertainty_failed',
              message: `Расчёт неопределённости мест не удался: ${reason}`,
            },
          });
        })
        // The locks are given back before the last line: whoever reads it may start the next run.
        .then(async (last) => {
          await release?.().catch((error: unknown) => request.log.error(error));
          slot.release();
          out.end(last);
        });
      return reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(out);
    },
  );
};
