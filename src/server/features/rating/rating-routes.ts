import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { countPublications } from '../../../db/repositories/snapshot-repository.js';
import { SnapshotDownload } from '../../../domain/snapshot-download.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { PUBLIC_ROUTE } from '../access/access-hooks.js';
import { auditContextOf } from '../access/audit.js';
import { PortalCache, strongEtag } from '../portal/portal-cache.js';
import { snapshotBundleBytes } from '../portal/snapshot-file-answers.js';
import { explainStoredUnit } from './explanation-service.js';
import { listPlaceHistory } from './place-history-service.js';
import {
  RatingPlaceHistory,
  SnapshotSummaryWithErrata,
  SnapshotViewWithErrata,
  UnitExplanationView,
} from './rating-schemas.js';
import { getSnapshot, listSnapshots } from './rating-service.js';

const Code = Type.String({ pattern: '^[a-z0-9-]{1,100}$' });

/** A public view and the strong ETag of its JSON, kept for one publication generation. */
interface CachedView {
  view: SnapshotViewWithErrata;
  etag: string;
}

/** The public portal's ratings: published snapshots only, readable without signing in. */
export const ratingRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  // A published snapshot never changes, but its view names the correction that replaces it:
  // views are read once per publication generation (the portal's cache rule) and answered
  // from memory, with an ETag so that a browser that holds the view gets a 304.
  const views = new PortalCache<CachedView>(() => countPublications(ctx.db));
  ctx.onPublicChange(() => views.invalidate());

  app.get(
    '/api/snapshots',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags: ['Рейтинг'],
        summary: 'Опубликованные рейтинги (снимки), от новых к старым',
        response: { 200: Type.Array(SnapshotSummaryWithErrata) },
      },
    },
    async () => listSnapshots(ctx.db, await ctx.regionId()),
  );

  app.get(
    '/api/snapshots/:code',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags: ['Рейтинг'],
        summary: 'Опубликованный рейтинг целиком: места, значения, источник, контрольная сумма',
        params: Type.Object({ code: Code }),
        response: { 200: SnapshotViewWithErrata, 304: Type.Null(), 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const entry = (await views.get(code, async () => {
        const view = await getSnapshot(ctx.db, await ctx.regionId(), code);
        return { view, etag: strongEtag(Buffer.from(JSON.stringify(view))) };
      })) as CachedView;
      // Revalidated on every use (a 304 is cheap): a correction shows at once in the staff app.
      reply.header('etag', entry.etag).header('cache-control', 'no-cache');
      if (request.headers['if-none-match'] === entry.etag) return reply.code(304).send(null);
      return entry.view;
    },
  );

  app.get(
    '/api/snapshots/:code/download',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags: ['Рейтинг'],
        summary:
          'Опубликованный рейтинг для проверки: методика, исходные данные, все промежуточные ' +
          'значения и контрольная сумма; пересчёт — munirank verify ФАЙЛ',
        params: Type.Object({ code: Code }),
        response: { 200: SnapshotDownload, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      // The very bytes the portal's open data page offers (snapshotBundleBytes).
      const code = request.params.code;
      const bytes = await snapshotBundleBytes(ctx.db, await ctx.regionId(), code);
      return (
        reply
          .header('content-disposition', `attachment; filename="${code}.json"`)
          .type('application/json; charset=utf-8')
          // A Buffer is sent as it is; the schema documents the shape of those bytes.
          .send(bytes as unknown as SnapshotDownload)
      );
    },
  );

  app.get(
    '/api/snapshots/:code/explanations/:municipality',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags: ['Рейтинг'],
        summary:
          'Объяснение места ОМСУ в опубликованном рейтинге: вклад каждого показателя ' +
          '(вес × нормированный балл), сильные и слабые стороны, что поднимет на место выше',
        params: Type.Object({ code: Code, municipality: Code }),
        response: { 200: UnitExplanationView, 404: ErrorBody },
      },
    },
    async (request) =>
      explainStoredUnit(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.params.municipality,
        auditContextOf(request),
        { includeUnpublished: false },
      ),
  );

  app.get(
    '/api/municipalities/:code/rating-places',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags: ['Рейтинг'],
        summary: 'Места ОМСУ во всех опубликованных рейтингах, от новых к старым',
        params: Type.Object({ code: Code }),
        response: { 200: RatingPlaceHistory, 404: ErrorBody },
      },
    },
    async (request) =>
      listPlaceHistory(ctx.db, await ctx.regionId(), request.params.code, auditContextOf(request)),
  );
};
