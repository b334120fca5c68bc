import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, type TSchema, Type } from 'typebox';
import { ColumnMapping } from '../../../domain/import-mapping.js';
import { ImportPreview, ImportResult, ValueRevision } from '../../../domain/import-preview.js';
import { InputError } from '../../../ingest/input-problem.js';
import { ErrorBody } from '../../http-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, auditContextOf } from '../access/audit.js';
import {
  confirmAliasAs,
  confirmIndicatorAliasAs,
  listImportLog,
  listMappings,
  saveMapping,
} from './import-admin-service.js';
import { FILE_BODY_LIMIT, ImportBody, refuseOtherFile, toRequest } from './import-body.js';
import { importJobRoutes } from './import-job-routes.js';
import type { ImportRoutesContext } from './import-routes-context.js';
import { commitImport, ImportRejectedError, previewImport } from './import-service.js';
import { forThePage, previewForThePage } from './page-wording.js';
import { referenceRevisionRoutes } from './reference-revision-routes.js';
import { listRevisions } from './revision-service.js';

const RejectedBody = Type.Object({
  error: Type.Literal('import_rejected'),
  message: Type.String(),
  preview: ImportPreview,
});

const AliasOutcome = Type.Object({
  outcome: Type.Union([Type.Literal('saved'), Type.Literal('already-known')]),
});
type AliasResult = 'saved' | 'already-known';

const badRequest = (message: string) => Object.assign(new Error(message), { statusCode: 400 });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/**
 * Imports over HTTP: preview, commit, history of imports, saved mappings, alias confirmation
 * and the revision history of a value. The services decide who may do what (officials only
 * for their own municipalities; settings and the log for region-wide importers).
 */
export const importRoutes: FastifyPluginAsyncTypebox<ImportRoutesContext> = async (app, ctx) => {
  await app.register(importJobRoutes, ctx);
  await app.register(referenceRevisionRoutes, ctx);

  app.post(
    '/api/imports/preview',
    {
      bodyLimit: FILE_BODY_LIMIT,
      schema: {
        tags: ['Импорт'],
        summary:
          'Предпросмотр импорта: что будет добавлено и изменено, все ошибки (файл · строка · графа); ничего не записывается',
        body: ImportBody,
        response: { 200: ImportPreview, ...errors },
      },
    },
    async (request) =>
      previewForThePage(
        await previewImport(ctx.db, await ctx.regionId(), toRequest(request.body), {
          context: auditContextOf(request),
        }),
      ),
  );

  app.post(
    '/api/imports',
    {
      bodyLimit: FILE_BODY_LIMIT,
      schema: {
        tags: ['Импорт'],
        summary:
          'Импорт одной транзакцией: всё или ничего; повторный импорт того же файла ничего не меняет',
        body: ImportBody,
        response: { 200: ImportResult, ...errors, 422: RejectedBody },
      },
    },
    async (request, reply) => {
      const body = toRequest(request.body);
      const context = auditContextOf(request);
      refuseOtherFile(body, request.body.expectedSha256);
      try {
        const result = await commitImport(
          ctx.db,
          await ctx.regionId(),
          body,
          actorLabel(context.actor),
          { context },
        );
        return { ...result, preview: previewForThePage(result.preview) };
      } catch (error) {
        if (error instanceof ImportRejectedError) {
          const preview = previewForThePage(error.preview);
          return reply.code(422).send({
            error: 'import_rejected',
            message: preview.summary,
            preview,
          });
        }
        throw error;
      }
    },
  );

  app.get(
    '/api/imports',
    {
      schema: {
        tags: ['Импорт'],
        summary: 'Журнал импортов: файл, SHA-256, источник, автор, время, счётчики',
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        }),
      },
    },
    async (request) =>
      listImportLog(
        ctx.db,
        await ctx.regionId(),
        request.query.limit ?? 100,
        auditContextOf(request),
      ),
  );

  app.get(
    '/api/import-mappings',
    { schema: { tags: ['Импорт'], summary: 'Сохранённые сопоставления граф' } },
    async (request) => listMappings(ctx.db, await ctx.regionId(), auditContextOf(request)),
  );

  app.put(
    '/api/import-mappings/:name',
    {
      schema: {
        tags: ['Импорт'],
        summary: 'Сохранить сопоставление граф для системы-источника',
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        body: Type.Object({
          sourceSystem: Type.Optional(Type.String({ maxLength: 100 })),
          mapping: ColumnMapping,
        }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await saveMapping(
        ctx.db,
        await ctx.regionId(),
        {
          name: request.params.name,
          sourceSystem: request.body.sourceSystem ?? null,
          mapping: request.body.mapping,
        },
        auditContextOf(request),
      );
      return reply.code(204).send(null);
    },
  );

  /** A confirmed spelling, saved for the next imports; a clash is 400 with the reason. */
  const aliasRoute = <B extends TSchema>(
    url: string,
    summary: string,
    body: B,
    confirm: (regionId: number, body: Static<B>, context: AuditContext) => Promise<AliasResult>,
  ) =>
    app.post(
      url,
      { schema: { tags: ['Импорт'], summary, body, response: { 200: AliasOutcome, ...errors } } },
      async (request) => {
        try {
          const outcome = await confirm(
            await ctx.regionId(),
            request.body as Static<B>,
            auditContextOf(request),
          );
          return { outcome };
        } catch (error) {
          if (error instanceof InputError)
            throw badRequest(error.problems.map((p) => forThePage(p.message)).join('; '));
          throw error;
        }
      },
    );
  aliasRoute(
    '/api/municipality-aliases',
    'Подтвердить, что написание означает ОМСУ (по коду или ОКТМО); сохраняется для следующих импортов',
    Type.Object({
      name: Type.String({ minLength: 1, maxLength: 300 }),
      municipality: Type.String({ minLength: 1, maxLength: 100 }),
    }),
    (regionId, body, context) => confirmAliasAs(ctx.db, regionId, body, context),
  );
  aliasRoute(
    '/api/indicator-aliases',
    'Подтвердить, что заголовок графы или название означает показатель (по коду); сохраняется для следующих импортов',
    Type.Object({
      name: Type.String({ minLength: 1, maxLength: 300 }),
      indicator: Type.String({ minLength: 1, maxLength: 100 }),
    }),
    (regionId, body, context) => confirmIndicatorAliasAs(ctx.db, regionId, body, context),
  );

  app.get(
    '/api/observations/:id/revisions',
    {
      schema: {
        tags: ['Импорт'],
        summary:
          'История значения: ревизии было → стало, кто, когда, источник, пакет импорта и строка файла',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: Type.Array(ValueRevision), ...errors, 404: ErrorBody },
      },
    },
    async (request) => listRevisions(ctx.db, request.params.id, auditContextOf(request)),
  );
};
