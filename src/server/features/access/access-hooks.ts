import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  findActiveApiTokenByHash,
  setApiTokenLastUsed,
} from '../../../db/repositories/api-token-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { TokenScope } from '../../../domain/access.js';
import type { AccessConfig } from './access-config.js';
import { AccessError, authenticationRequired, ThrottledError } from './access-errors.js';
import { type Actor, ANONYMOUS } from './actor.js';
import { auditContextOf, recordAudit } from './audit.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';
import {
  csrfTokenMatches,
  type ResolvedSession,
  resolveSession,
  sha256,
} from './session-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; set for every request before any handler runs. */
    actor: Actor;
    /** The session behind a cookie, when there is a live one. */
    session: ResolvedSession | null;
    /** The raw session id from the cookie (to derive the CSRF token), when live. */
    sessionId: string | null;
    /** The access clock's time at the start of the request. */
    accessNow: Date;
  }
  interface FastifyContextConfig {
    /** The route answers the anonymous public; every other /api route needs a signed-in caller. */
    publicAccess?: boolean;
    /** The route checks its own bearer credential (the metrics token), not an API token. */
    ownBearer?: boolean;
  }
}

/** The `config` of a route that the anonymous public may call. */
export const PUBLIC_ROUTE = { publicAccess: true } as const;

export interface AccessDeps {
  db: Kysely<Database>;
  config: AccessConfig;
  regionId(): Promise<number>;
}

export interface RegisteredRoute {
  method: string;
  url: string;
}

const routeCatalogues = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route registered on the app (method and URL pattern), for the route × role matrix test. */
export function listRegisteredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return [...(routeCatalogues.get(app) ?? [])];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a user with a one-time password may still do: see the session, change it, leave. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  'GET /api/session',
  'POST /api/session/password',
  'POST /api/session/logout',
  'POST /api/session/logout-all',
]);

export const TOKEN_PREFIX = 'mrk_';

async function resolveToken(deps: AccessDeps, request: FastifyRequest, header: string) {
  const secret = header.slice('bearer '.length).trim();
  const row = secret.startsWith(TOKEN_PREFIX)
    ? await findActiveApiTokenByHash(deps.db, sha256(secret))
    : undefined;
  if (!row) {
    throw new AccessError(401, 'invalid_token', 'Токен API недействителен или отозван.', {
      action: 'auth.token',
    });
  }
  await setApiTokenLastUsed(deps.db, row.id, request.accessNow.toISOString());
  return {
    kind: 'token' as const,
    tokenId: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as TokenScope[],
  };
}

/**
 * An anonymous caller of a staff route learns that signing in is needed before anything else
 * (a 401, not the schema's complaints about a body it may not send at all). Runs before the
 * body is read; unknown addresses are left to answer 404.
 */
function requireSignInUnlessPublic(request: FastifyRequest): void {
  const route = request.routeOptions.url;
  if (route === undefined || !route.startsWith('/api/') || request.routeOptions.config.publicAccess)
    return;
  throw authenticationRequired('auth.required');
}

/**
 * Identifies the caller of every request (session cookie or API token), enforces the CSRF
 * token on state-changing requests made with a cookie, holds users with a one-time password
 * to changing it, and records every denial in the audit trail. Registered on the root
 * instance, before any route, so that it covers all of them.
 */
export function registerAccessControl(app: FastifyInstance, deps: AccessDeps): void {
  const catalogue: RegisteredRoute[] = [];
  routeCatalogues.set(app, catalogue);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) catalogue.push({ method, url: route.url });
  });

  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('accessNow', null as never);

  app.addHook('onRequest', async (request, reply) => {
    request.accessNow = deps.config.now();
    request.actor = ANONYMOUS;
    const authorization = request.headers.authorization;
    if (
      typeof authorization === 'string' &&
      /^bearer /i.test(authorization) &&
      !request.routeOptions.config.ownBearer
    ) {
      request.actor = await resolveToken(deps, request, authorization);
      return;
    }
    const sessionId = readSessionCookie(request);
    if (sessionId === null) {
      if (request.headers.cookie?.includes('munirank_session='))
        request.actor = { kind: 'anonymous', presentedInvalidSession: true };
      return requireSignInUnlessPublic(request);
    }
    const session = await resolveSession(deps.db, deps.config, sessionId);
    if (session === null) {
      request.actor = { kind: 'anonymous', presentedInvalidSession: true };
      clearSessionCookie(request, reply, deps.config);
      return requireSignInUnlessPublic(request);
    }
    request.actor = session.actor;
    request.session = session;
    request.sessionId = sessionId;
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (!SAFE_METHODS.has(request.method)) {
      const presented = request.headers['x-csrf-token'];
      if (!csrfTokenMatches(sessionId, typeof presented === 'string' ? presented : undefined)) {
        throw new AccessError(
          403,
          'csrf',
          'Запрос отклонён: нет действительного CSRF-токена (заголовок x-csrf-token). Обновите страницу и повторите.',
          { action: 'auth.csrf' },
        );
      }
    }
    if (
      session.actor.mustChangePassword &&
      request.url.startsWith('/api/') &&
      !ALLOWED_BEFORE_PASSWORD_CHANGE.has(route)
    ) {
      throw new AccessError(
        403,
        'password_change_required',
        'Смените временный пароль: до смены пароля остальные действия недоступны.',
        { action: 'auth.password-change-required' },
      );
    }
  });

  app.addHook('onError', async (request, reply, error) => {
    if (error instanceof ThrottledError) {
      reply.header('retry-after', String(error.retryAfterSeconds));
      return;
    }
    if (!(error instanceof AccessError) || error.audit === null) return;
    const actor = request.actor ?? ANONYMOUS;
    const replay =
      actor.kind === 'anonymous' && actor.presentedInvalidSession
        ? ' Предъявлена недействительная или завершённая сессия.'
        : '';
    try {
      await recordAudit(deps.db, {
        context: { ...auditContextOf(request), actor, at: request.accessNow ?? deps.config.now() },
        action: error.audit.action,
        entityType: error.audit.entityType ?? null,
        entityId: error.audit.entityId ?? null,
        outcome: 'denied',
        detail: `${request.method} ${request.url.split('?')[0]}: ${error.message}${replay}`.slice(
          0,
          1000,
        ),
      });
    } catch (auditError) {
      request.log.error(auditError);
    }
  });
}
