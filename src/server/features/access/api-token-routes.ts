import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiTokenView, TokenScopeSchema } from '../../../domain/access.js';
import { ErrorBody } from '../../http-errors.js';
import type { AccessDeps } from './access-hooks.js';
import { createToken, listTokens, revokeToken } from './api-token-service.js';
import { auditContextOf } from './audit.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['Токены API'];

export const apiTokenRoutes: FastifyPluginAsyncTypebox<AccessDeps> = async (app, deps) => {
  app.get(
    '/api/api-tokens',
    {
      schema: {
        tags,
        summary: 'Токены API для загрузки данных из информационных систем',
        response: { 200: Type.Array(ApiTokenView), ...errors },
      },
    },
    async (request) => listTokens(deps.db, auditContextOf(request)),
  );

  app.post(
    '/api/api-tokens',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary: 'Создать токен; секрет показывается один раз (заголовок Authorization: Bearer …)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            scopes: Type.Array(TokenScopeSchema, { minItems: 1, maxItems: 10 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: ApiTokenView, secret: Type.String() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createToken(deps.db, request.body, auditContextOf(request))),
  );

  app.post(
    '/api/api-tokens/:id/revoke',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary: 'Отозвать токен',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: ApiTokenView, ...errors },
      },
    },
    async (request) => revokeToken(deps.db, request.params.id, auditContextOf(request)),
  );
};
