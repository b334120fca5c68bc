import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CrossCheckReport,
  CrossCheckTolerance,
  ResolutionInput,
  ToleranceInput,
} from '../../../domain/cross-check.js';
import { Nullable } from '../../../domain/nullable.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import { crossCheckReport } from './crosscheck-service.js';
import { resolveDiscrepancy } from './resolution-service.js';
import { crossCheckTolerances, setCrossCheckTolerance } from './tolerance-service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const TAGS = ['Сверка источников'];

/** Cross-source checks: tolerances, the month's discrepancies, the analyst's choice. */
export const crossCheckRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/crosscheck/tolerances',
    {
      schema: {
        tags: TAGS,
        summary: 'Допуски расхождения источников по показателям (абсолютный и в процентах)',
        response: { 200: Type.Array(CrossCheckTolerance), ...errors },
      },
    },
    async (request) => crossCheckTolerances(ctx.db, await ctx.regionId(), auditContextOf(request)),
  );
  app.put(
    '/api/crosscheck/tolerances/:indicator',
    {
      schema: {
        tags: TAGS,
        summary: 'Задать допуск расхождения для показателя (null — не задан)',
        params: Type.Object({ indicator: Type.String({ maxLength: 100 }) }),
        body: ToleranceInput,
        response: { 200: CrossCheckTolerance, ...errors },
      },
    },
    async (request) =>
      setCrossCheckTolerance(
        ctx.db,
        await ctx.regionId(),
        request.params.indicator,
        request.body,
        auditContextOf(request),
      ),
  );
  app.get(
    '/api/crosscheck/:period',
    {
      schema: {
        tags: TAGS,
        summary:
          'Расхождения источников за месяц: отчёт ОМСУ против выгрузок систем-источников, с происхождением и возрастом каждого значения',
        params: Type.Object({ period: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }) }),
        response: { 200: CrossCheckReport, ...errors },
      },
    },
    async (request) =>
      crossCheckReport(
        ctx.db,
        await ctx.regionId(),
        request.params.period,
        auditContextOf(request),
      ),
  );
  app.post(
    '/api/crosscheck/resolutions',
    {
      schema: {
        tags: TAGS,
        summary:
          'Выбрать, какое значение засчитывается (отчёт ОМСУ или выгрузка), с обоснованием; выбранное становится значением показателя',
        body: ResolutionInput,
        response: {
          200: Type.Object({
            observationId: Type.Integer(),
            chosen: Type.String(),
            chosenValue: Nullable(Type.Number()),
            writtenRevision: Nullable(Type.Integer()),
          }),
          ...errors,
        },
      },
    },
    async (request) =>
      resolveDiscrepancy(ctx.db, await ctx.regionId(), request.body, auditContextOf(request)),
  );
};
