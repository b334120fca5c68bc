import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ReferenceRevision } from '../../../domain/import-preview.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import { listReferenceHistory } from './reference-revision-service.js';

/** The history of a municipality's reference data (population, targets) for a year. */
export const referenceRevisionRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/municipalities/:code/reference-revisions/:year',
    {
      schema: {
        tags: ['Импорт'],
        summary:
          'История справочных данных ОМСУ за год (численность населения, целевые значения и значения на начало года): было → стало, кто, когда, пакет импорта и строка файла',
        params: Type.Object({
          code: Type.String({ maxLength: 100 }),
          year: Type.Integer({ minimum: 1900, maximum: 2200 }),
        }),
        response: {
          200: Type.Array(ReferenceRevision),
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) =>
      listReferenceHistory(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.params.year,
        auditContextOf(request),
      ),
  );
};
