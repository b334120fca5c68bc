import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NewUser, OneTimePassword, RoleSchema, UserView } from '../../../domain/access.js';
import { ErrorBody } from '../../http-errors.js';
import type { AccessDeps } from './access-hooks.js';
import {
  createAccount,
  listAccounts,
  resetAccountPassword,
  setAccountStatus,
  unlockAccount,
  updateAccount,
} from './account-service.js';
import { auditContextOf } from './audit.js';
import { regionIdOrNull } from './session-routes.js';

const SMALL_BODY = 16 * 1024;
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['Учётные записи'];

export const accountRoutes: FastifyPluginAsyncTypebox<AccessDeps> = async (app, deps) => {
  app.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Учётные записи (только администратор)',
        response: { 200: Type.Array(UserView), ...errors },
      },
    },
    async (request) => listAccounts(deps.db, await regionIdOrNull(deps), auditContextOf(request)),
  );

  app.post(
    '/api/users',
    {
      bodyLimit: SMALL_BODY,
      schema: {
        tags,
        summary: 'Создать учётную запись; временный пароль показывается один раз',
        body: NewUser,
        response: { 201: OneTimePassword, ...errors },
      },
    },
    async (request, reply) => {
      const result = await createAccount(
        deps.db,
        await regionIdOrNull(deps),
        request.body,
        auditContextOf(request),
      );
      return reply.code(201).send(result);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      bodyLimit: SMALL_BODY,
      schema: {
        tags,
        summary: 'Изменить имя, роль или муниципальные образования учётной записи',
        params: IdParams,
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            role: Type.Optional(RoleSchema),
            municipalityCodes: Type.Optional(
              Type.Array(Type.String({ pattern: '^[a-z0-9-]{1,100}$' }), { maxItems: 100 }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: UserView, ...errors },
      },
    },
    async (request) =>
      updateAccount(
        deps.db,
        await regionIdOrNull(deps),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
  );

  for (const [verb, status, summary] of [
    ['disable', 'disabled', 'Отключить учётную запись (все её сессии завершаются)'],
    ['enable', 'active', 'Включить отключённую учётную запись'],
  ] as const) {
    app.post(
      `/api/users/:id/${verb}`,
      {
        bodyLimit: SMALL_BODY,
        schema: { tags, summary, params: IdParams, response: { 200: UserView, ...errors } },
      },
      async (request) =>
        setAccountStatus(
          deps.db,
          await regionIdOrNull(deps),
          request.params.id,
          status,
          auditContextOf(request),
        ),
    );
  }

  app.post(
    '/api/users/:id/unlock',
    {
      bodyLimit: SMALL_BODY,
      schema: {
        tags,
        summary: 'Снять блокировку входа после неудачных попыток (со всех адресов)',
        params: IdParams,
        response: {
          200: Type.Object({ user: UserView, failuresCleared: Type.Integer() }),
          ...errors,
        },
      },
    },
    async (request) =>
      unlockAccount(
        deps.db,
        await regionIdOrNull(deps),
        request.params.id,
        auditContextOf(request),
      ),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      bodyLimit: SMALL_BODY,
      schema: {
        tags,
        summary: 'Сбросить пароль: новый временный пароль показывается один раз',
        params: IdParams,
        response: { 200: OneTimePassword, ...errors },
      },
    },
    async (request) =>
      resetAccountPassword(
        deps.db,
        await regionIdOrNull(deps),
        request.params.id,
        auditContextOf(request),
      ),
  );
};
