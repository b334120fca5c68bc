import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NewResponsibleOfficial, ResponsibleOfficial } from '../../../domain/access.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import { addOfficial, listOfficials, removeOfficial } from './responsible-official-service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['Ответственные лица ОМСУ'];

export const responsibleOfficialRoutes: FastifyPluginAsyncTypebox<AppContext> = async (
  app,
  ctx,
) => {
  app.get(
    '/api/municipalities/:code/responsible-officials',
    {
      schema: {
        tags,
        summary: 'Ответственные лица ОМСУ (не публикуются; представитель ОМСУ видит только свои)',
        params: Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{1,100}$' }) }),
        response: { 200: Type.Array(ResponsibleOfficial), ...errors },
      },
    },
    async (request) =>
      listOfficials(ctx.db, await ctx.regionId(), request.params.code, auditContextOf(request)),
  );

  app.post(
    '/api/responsible-officials',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary: 'Добавить ответственное лицо своего ОМСУ',
        body: NewResponsibleOfficial,
        response: { 201: ResponsibleOfficial, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addOfficial(ctx.db, await ctx.regionId(), request.body, auditContextOf(request)),
        ),
  );

  app.delete(
    '/api/responsible-officials/:id',
    {
      schema: {
        tags,
        summary: 'Удалить ответственное лицо своего ОМСУ',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeOfficial(
        ctx.db,
        await ctx.regionId(),
        request.params.id,
        auditContextOf(request),
      );
      return reply.code(204).send(null);
    },
  );
};
