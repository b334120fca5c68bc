import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { RatingSnapshotSummary, RatingSnapshotView } from '../../../domain/rating-snapshot.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { getSnapshot, listSnapshots } from './rating-service.js';

export const ratingRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/snapshots',
    {
      schema: {
        tags: ['Рейтинг'],
        summary: 'Опубликованные рейтинги (снимки), от новых к старым',
        response: { 200: Type.Array(RatingSnapshotSummary) },
      },
    },
    async () => listSnapshots(ctx.db, await ctx.regionId()),
  );

  app.get(
    '/api/snapshots/:code',
    {
      schema: {
        tags: ['Рейтинг'],
        summary: 'Опубликованный рейтинг целиком: места, значения, источник, контрольная сумма',
        params: Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{1,100}$' }) }),
        response: { 200: RatingSnapshotView, 404: ErrorBody },
      },
    },
    async (request) => getSnapshot(ctx.db, await ctx.regionId(), request.params.code),
  );
};
