import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BoundaryPreview, BoundaryRecord, BoundaryUpload } from '../../../domain/boundaries.js';
import { Nullable } from '../../../domain/nullable.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import { FILE_BODY_LIMIT } from '../imports/import-body.js';
import { currentBoundaries, previewBoundaries, saveBoundaries } from './boundary-service.js';

const tags = ['Карта'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/** The administrator's upload of the region's map boundaries: preview, save, what is shown. */
export const boundaryRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/boundaries',
    {
      schema: {
        tags,
        summary: 'Границы ОМСУ, которые показывает карта портала (null — ещё не загружены)',
        response: { 200: Nullable(BoundaryRecord), ...errors },
      },
    },
    async (request) => currentBoundaries(ctx.db, await ctx.regionId(), auditContextOf(request)),
  );

  app.post(
    '/api/boundaries/preview',
    {
      bodyLimit: FILE_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Предпросмотр файла границ (GeoJSON или TopoJSON): какие объекты сопоставлены с ОМСУ, какие нет; ничего не сохраняется',
        body: BoundaryUpload,
        response: { 200: BoundaryPreview, ...errors },
      },
    },
    async (request) =>
      previewBoundaries(ctx.db, await ctx.regionId(), request.body, auditContextOf(request)),
  );

  app.post(
    '/api/boundaries',
    {
      bodyLimit: FILE_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Сохранить границы для карты: каждый объект сопоставлен с ОМСУ или отмечен «не показывать»; повторное сохранение того же ничего не меняет',
        body: BoundaryUpload,
        response: { 200: BoundaryRecord, 201: BoundaryRecord, ...errors },
      },
    },
    async (request, reply) => {
      const saved = await saveBoundaries(
        ctx.db,
        await ctx.regionId(),
        request.body,
        auditContextOf(request),
      );
      if (saved.changed) ctx.publicChanged();
      return reply.code(saved.changed ? 201 : 200).send(saved.record);
    },
  );
};
