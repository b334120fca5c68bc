import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { ErrorBody, FieldErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import { SimulationResult } from '../rating/rating-schemas.js';
import { previewMethodology } from './methodology-preview-service.js';
import {
  MethodologyCode,
  MethodologyVersionList,
  PreviewBody,
  SavedVersion,
  SaveVersionBody,
} from './methodology-version-schemas.js';
import { getVersionDocument, listVersions, saveVersion } from './methodology-version-service.js';

const errors = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['Методики: версии и редактор'];
const Version = Type.String({ pattern: '^[0-9]{1,9}$' });

/** Methodology versions in force from a month, and the editor's preview and save: staff. */
export const methodologyVersionRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/methodologies/:code/versions',
    {
      schema: {
        tags,
        summary:
          'Версии методики: с какого месяца действует каждая, примечание об изменении, кто сохранил',
        params: Type.Object({ code: MethodologyCode }),
        response: { 200: MethodologyVersionList, ...errors },
      },
    },
    async (request) =>
      listVersions(ctx.db, await ctx.regionId(), request.params.code, auditContextOf(request)),
  );

  app.get(
    '/api/methodologies/:code/versions/:version',
    {
      schema: {
        tags,
        summary:
          'Документ версии методики в формате JSON (docs/methodology-format.md) для выгрузки',
        params: Type.Object({ code: MethodologyCode, version: Version }),
        response: { 200: Type.Object({}, { additionalProperties: true }), ...errors },
      },
    },
    async (request, reply) => {
      const { code, version } = request.params;
      const document = await getVersionDocument(
        ctx.db,
        await ctx.regionId(),
        code,
        version,
        auditContextOf(request),
      );
      reply.header('content-disposition', `attachment; filename="${code}-v${version}.json"`);
      return document;
    },
  );

  app.post(
    '/api/methodologies/:code/versions',
    {
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Сохранить методику новой версией, действующей с указанного месяца, с примечанием; ' +
          'ошибки называют поле (fields[].path), ничего не сохраняется',
        params: Type.Object({ code: MethodologyCode }),
        body: SaveVersionBody,
        response: { 201: SavedVersion, 400: FieldErrorBody, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await saveVersion(
            ctx.db,
            await ctx.regionId(),
            request.params.code,
            request.body,
            auditContextOf(request),
          ),
        ),
  );

  app.post(
    '/api/methodologies/:code/preview',
    {
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Предпросмотр редактора: таблица по последним данным и сдвиг мест против действующей ' +
          'версии; ничего не сохраняется',
        params: Type.Object({ code: MethodologyCode }),
        body: PreviewBody,
        response: { 200: SimulationResult, 400: FieldErrorBody, 422: ErrorBody, ...errors },
      },
    },
    async (request) =>
      previewMethodology(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.body,
        auditContextOf(request),
      ),
  );
};
