import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Nullable } from '../../../domain/nullable.js';
import { RatingReview } from '../../../domain/rating-review.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import { explainStoredUnit } from './explanation-service.js';
import { listStoredMethodologies } from './methodology-service.js';
import {
  MethodologyChoice,
  SimulationResult,
  SnapshotViewWithErrata,
  StaffSnapshotSummary,
  StoredMethodology,
  UnitExplanationView,
} from './rating-schemas.js';
import {
  computeStoredRating,
  getStaffRating,
  listStaffRatings,
  publishStoredRating,
} from './rating-staff-service.js';
import { getRatingReview, reviewStoredRating } from './review-service.js';
import { simulateStoredRating } from './simulation-service.js';
import { uncertaintyRoutes } from './uncertainty-routes.js';

const Code = Type.String({ pattern: '^[a-z0-9-]{1,100}$' });
/** A year, a quarter, a month or a day (stocks counted on a date, as in Table 1). */
const Period = Type.String({
  pattern: '^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$',
});
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['Рейтинг: расчёт и публикация'];

/** Computing, checking and publishing ratings from stored data: analysts and administrators. */
export const ratingStaffRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.post(
    '/api/ratings',
    {
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Рассчитать рейтинг по данным периода и методике; сохраняется неизменяемым неопубликованным снимком',
        body: Type.Object({
          code: Code,
          title: Type.String({ minLength: 1, maxLength: 300 }),
          period: Period,
          asOf: Type.String({ format: 'date' }),
          /**
           * A whole methodology document, or a stored one named `{ code }` (the version in
           * force for the period) or `{ code, version }` (that version).
           */
          methodology: Type.Object({}, { additionalProperties: true }),
          sourceNote: Type.Optional(Type.String({ maxLength: 2000 })),
          supersedes: Type.Optional(
            Type.Object({ code: Code, errataNote: Type.String({ minLength: 1, maxLength: 2000 }) }),
          ),
        }),
        response: {
          201: Type.Object({
            code: Type.String(),
            contentHash: Type.String(),
            methodology: Type.Object({ code: Type.String(), version: Type.String() }),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await computeStoredRating(
            ctx.db,
            await ctx.regionId(),
            request.body,
            auditContextOf(request),
          ),
        ),
  );

  app.get(
    '/api/ratings',
    {
      schema: {
        tags,
        summary:
          'Все снимки рейтинга, включая неопубликованные, с проверкой черновика (review: кто и когда; null — не проверен)',
        response: { 200: Type.Array(StaffSnapshotSummary), ...errors },
      },
    },
    async (request) => listStaffRatings(ctx.db, await ctx.regionId(), auditContextOf(request)),
  );

  app.get(
    '/api/ratings/:code',
    {
      schema: {
        tags,
        summary: 'Снимок рейтинга (в том числе неопубликованный) для проверки перед публикацией',
        params: Type.Object({ code: Code }),
        response: { 200: SnapshotViewWithErrata, ...errors },
      },
    },
    async (request) =>
      getStaffRating(ctx.db, await ctx.regionId(), request.params.code, auditContextOf(request)),
  );

  app.get(
    '/api/ratings/:code/review',
    {
      schema: {
        tags,
        summary: 'Проверка черновика: кто и когда отметил расчёт проверенным (null — ещё никто)',
        params: Type.Object({ code: Code }),
        response: {
          200: Type.Object({ review: Nullable(RatingReview) }),
          ...errors,
        },
      },
    },
    async (request) => ({
      review: await getRatingReview(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        auditContextOf(request),
      ),
    }),
  );

  app.post(
    '/api/ratings/:code/review',
    {
      schema: {
        tags,
        summary:
          'Отметить рассчитанный черновик проверенным (один раз; пересчёт — новый снимок и новая проверка); записывается в журнал аудита',
        params: Type.Object({ code: Code }),
        body: Type.Optional(
          Type.Object({ remark: Type.Optional(Type.String({ maxLength: 2000 })) }),
        ),
        response: { 200: RatingReview, ...errors },
      },
    },
    async (request) =>
      reviewStoredRating(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.body?.remark?.trim() || null,
        auditContextOf(request),
      ),
  );

  app.post(
    '/api/ratings/:code/publish',
    {
      schema: {
        tags,
        summary:
          'Опубликовать снимок: явное действие, записывается в журнал аудита; пока данные периода не утверждены — только с обоснованием (overrideReason)',
        params: Type.Object({ code: Code }),
        body: Type.Optional(
          Type.Object({
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            /** Why to publish although reported data of the period are unapproved. */
            overrideReason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
          }),
        ),
        response: { 200: Type.Object({ published: Type.Literal(true) }), ...errors },
      },
    },
    async (request) => {
      await publishStoredRating(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.body?.note ?? null,
        auditContextOf(request),
        request.body?.overrideReason?.trim() || null,
      );
      ctx.publicChanged();
      return { published: true as const };
    },
  );
  app.get(
    '/api/ratings/:code/explanations/:municipality',
    {
      schema: {
        tags,
        summary:
          'Объяснение места ОМСУ в снимке: вклад каждого показателя (вес × нормированный балл), ' +
          'сильные и слабые стороны, что поднимет на место выше',
        params: Type.Object({ code: Code, municipality: Code }),
        response: { 200: UnitExplanationView, ...errors },
      },
    },
    async (request) =>
      explainStoredUnit(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.params.municipality,
        auditContextOf(request),
        { includeUnpublished: true },
      ),
  );

  app.get(
    '/api/methodologies',
    {
      schema: {
        tags,
        summary: 'Сохранённые версии методик (по которым уже рассчитывались рейтинги)',
        response: { 200: Type.Array(StoredMethodology), ...errors },
      },
    },
    async (request) =>
      listStoredMethodologies(ctx.db, await ctx.regionId(), auditContextOf(request)),
  );

  app.post(
    '/api/ratings/simulate',
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Симулятор методики: данные периода по двум методикам (сохранённой по коду или ' +
          'переданной целиком), места ОМСУ по каждой и сдвиг; ничего не сохраняется',
        body: Type.Object({ period: Period, before: MethodologyChoice, after: MethodologyChoice }),
        response: { 200: SimulationResult, 422: ErrorBody, ...errors },
      },
    },
    async (request) =>
      simulateStoredRating(ctx.db, await ctx.regionId(), request.body, auditContextOf(request)),
  );

  await app.register(uncertaintyRoutes, ctx);
};
