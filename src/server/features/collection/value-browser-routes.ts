import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ValuePage, ValueQuery } from '../../../domain/value-browser.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import { browseValues } from './value-browser-service.js';

/** The values browser: current values with source and last change, a page at a time. */
export const valueBrowserRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/values',
    {
      schema: {
        tags: ['Сбор данных'],
        summary:
          'Текущие значения с источником и последним изменением: отбор по ОМСУ, показателю, периоду (начало: 2017, 2017-02), постранично; представитель ОМСУ — только свои. История значения — /api/observations/{id}/revisions',
        querystring: ValueQuery,
        response: {
          200: ValuePage,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) =>
      browseValues(ctx.db, await ctx.regionId(), request.query, auditContextOf(request)),
  );
};
