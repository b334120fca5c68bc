import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Password, SessionView } from '../../../domain/access.js';
import { ErrorBody } from '../../http-errors.js';
import type { AccessDeps } from './access-hooks.js';
import { PUBLIC_ROUTE } from './access-hooks.js';
import { changeOwnPassword } from './account-service.js';
import { auditContextOf } from './audit.js';
import { requireSignedIn } from './authorize.js';
import { logIn, logOut, logOutEverywhere } from './login-service.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { csrfTokenFor, describeSessionUser, resolveSession } from './session-service.js';

const SMALL_BODY = 16 * 1024;
const Ok = Type.Object({ ok: Type.Literal(true) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export const regionIdOrNull = async (deps: AccessDeps): Promise<number | null> =>
  deps.regionId().catch(() => null);

export const sessionRoutes: FastifyPluginAsyncTypebox<AccessDeps> = async (app, deps) => {
  app.get(
    '/api/session',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags: ['Доступ'],
        summary:
          'Кто вошёл в систему и CSRF-токен для изменяющих запросов (заголовок x-csrf-token)',
        response: { 200: SessionView },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      if (!request.session || !request.sessionId) return { authenticated: false as const };
      return {
        authenticated: true as const,
        user: await describeSessionUser(deps.db, await regionIdOrNull(deps), request.session),
        csrfToken: csrfTokenFor(request.sessionId),
        idleTimeoutMinutes: deps.config.idleMinutes,
        expiresAt: request.session.expiresAt,
      };
    },
  );

  app.post(
    '/api/session/login',
    {
      config: PUBLIC_ROUTE,
      bodyLimit: SMALL_BODY,
      schema: {
        tags: ['Доступ'],
        summary: 'Вход по имени пользователя и паролю; открывает сессию (cookie)',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 64 }), password: Password },
          { additionalProperties: false },
        ),
        response: { 200: SessionView, ...errors, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { sessionId } = await logIn(
        deps.db,
        deps.config,
        request.body,
        auditContextOf(request),
      );
      setSessionCookie(request, reply, deps.config, sessionId);
      reply.header('cache-control', 'no-store');
      const session = await resolveSession(deps.db, deps.config, sessionId);
      if (!session) throw new Error('A session just created cannot be read back');
      return {
        authenticated: true as const,
        user: await describeSessionUser(deps.db, await regionIdOrNull(deps), session),
        csrfToken: csrfTokenFor(sessionId),
        idleTimeoutMinutes: deps.config.idleMinutes,
        expiresAt: session.expiresAt,
      };
    },
  );

  app.post(
    '/api/session/logout',
    {
      bodyLimit: SMALL_BODY,
      schema: {
        tags: ['Доступ'],
        summary: 'Выход: завершает текущую сессию',
        response: { 200: Ok, ...errors },
      },
    },
    async (request, reply) => {
      requireSignedIn(request.actor, 'auth.logout');
      if (request.actor.kind === 'user' && request.actor.sessionIdHash)
        await logOut(deps.db, request.actor.sessionIdHash, auditContextOf(request));
      clearSessionCookie(request, reply, deps.config);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/session/logout-all',
    {
      bodyLimit: SMALL_BODY,
      schema: {
        tags: ['Доступ'],
        summary: 'Выход на всех устройствах: завершает все сессии пользователя',
        response: {
          200: Type.Object({ ok: Type.Literal(true), sessionsEnded: Type.Integer() }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const actor = requireSignedIn(request.actor, 'auth.logout-all');
      if (actor.kind !== 'user') throw new Error('Only people have sessions');
      const sessionsEnded = await logOutEverywhere(deps.db, actor.userId, auditContextOf(request));
      clearSessionCookie(request, reply, deps.config);
      return { ok: true as const, sessionsEnded };
    },
  );

  app.post(
    '/api/session/password',
    {
      bodyLimit: SMALL_BODY,
      schema: {
        tags: ['Доступ'],
        summary: 'Смена собственного пароля (обязательна после входа с временным паролем)',
        body: Type.Object(
          { currentPassword: Password, newPassword: Password },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      requireSignedIn(request.actor, 'account.password-change');
      await changeOwnPassword(deps.db, request.body, auditContextOf(request));
      return { ok: true as const };
    },
  );
};
