import { createServer } from 'node:http';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema/index.js';
import { createAppContext } from './app-context.js';
import { concurrentChangeOf } from './concurrent-change.js';
import { type AccessConfig, readAccessConfig } from './features/access/access-config.js';
import { AccessError, RequestError } from './features/access/access-errors.js';
import { PUBLIC_ROUTE, registerAccessControl } from './features/access/access-hooks.js';
import { accessRoutes } from './features/access/access-routes.js';
import { boundaryRoutes } from './features/boundaries/boundary-routes.js';
import { collectionRoutes } from './features/collection/collection-routes.js';
import { crossCheckRoutes } from './features/crosscheck/crosscheck-routes.js';
import { cycleRoutes } from './features/cycle/cycle-routes.js';
import { tableExportRoutes } from './features/exports/table-export-routes.js';
import type { ImportJobs } from './features/imports/import-jobs.js';
import { importRoutes } from './features/imports/import-routes.js';
import { indicatorRoutes } from './features/indicators/indicator-routes.js';
import { measureRoutes } from './features/measures/measure-routes.js';
import { methodologyVersionRoutes } from './features/methodologies/methodology-version-routes.js';
import { responsibleOfficialRoutes } from './features/officials/responsible-official-routes.js';
import { type MetricsAccess, readMetricsAccess } from './features/operations/metrics-access.js';
import { operationsRoutes } from './features/operations/operations-routes.js';
import { planRoutes } from './features/plans/plan-routes.js';
import { planTargetRoutes } from './features/plans/plan-target-routes.js';
import { portalLicenceRoutes } from './features/portal/portal-licence-routes.js';
import { portalRoutes } from './features/portal/portal-routes.js';
import { ratingRoutes } from './features/rating/rating-routes.js';
import { ratingStaffRoutes } from './features/rating/rating-staff-routes.js';
import { referenceRoutes } from './features/reference/reference-routes.js';
import { registryRoutes } from './features/registry/registry-routes.js';
import { reportRoutes } from './features/reports/report-routes.js';
import { httpRequestDuration, type PoolStats } from './metrics/server-metrics.js';
import { ReplayAnswers } from './replay-answers.js';
import { RequestQueue } from './request-queue.js';
import { buildRequestValidator } from './request-validator.js';
import { registerSecurityHeaders } from './security-headers.js';
import { logAnswers, loggerOptions, type ServerLog } from './server-log.js';
import { readTrustProxy } from './trust-proxy.js';
import { russianValidationMessage, type SchemaProblem } from './validation-message.js';
import { DEFAULT_WEB_ROOT, registerWebAssets } from './web-assets.js';

export interface AppOptions {
  db: Kysely<Database>;
  regionCode: string;
  webRoot?: string;
  /** Proxies trusted to name the client (X-Forwarded-For); by default MUNIRANK_TRUST_PROXY. */
  trustProxy?: boolean | string[];
  /** The journal (structured JSON lines); none by default. */
  log?: ServerLog;
  /** Session and login-throttling settings over those read from the environment (tests move the clock). */
  access?: Partial<AccessConfig>;
  /** The store of import jobs with its limits; by default one with limits from the environment. */
  importJobs?: ImportJobs;
  /** Who may read /metrics; by default MUNIRANK_METRICS_TOKEN and MUNIRANK_METRICS_ALLOW. */
  metricsAccess?: MetricsAccess;
  /** The database pool's connections for /metrics (PostgreSQL). */
  poolStats?: () => PoolStats | null;
  /** Statements sent to the database so far, for /metrics. */
  statementsSent?: () => number;
}

/** Framework errors that would otherwise answer in English. */
const PLAIN_ERRORS: Record<number, { error: string; message: string }> = {
  415: { error: 'unsupported_media_type', message: 'Неподдерживаемый тип содержимого запроса.' },
};

/** Builds the HTTP application: the JSON API under /api, its OpenAPI document, the web app. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const logging = loggerOptions(options.log ?? false);
  const genReqId = logging.genReqId as () => string;
  const replay = new ReplayAnswers({
    genReqId,
    observe: (route, status, seconds) =>
      httpRequestDuration.observe({ method: 'GET', route, status: String(status) }, seconds),
  });
  let queue: RequestQueue | undefined;
  const app = Fastify({
    ...logging,
    // Published pages the same for every visitor are given again before routing (decision
    // 0010), at once; every other request waits for its turn of the event loop (decision 0230).
    serverFactory: (handler) => {
      const waiting = new RequestQueue(handler);
      queue = waiting;
      return createServer((req, res) => {
        if (!replay.serve(req, res)) waiting.admit(req, res);
      });
    },
    trustProxy: options.trustProxy ?? readTrustProxy(),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: { buildValidator: buildRequestValidator } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  if (queue === undefined) throw new Error('Fastify did not call serverFactory');
  const requestQueue = queue;
  app.decorate('requestQueue', requestQueue);

  if (options.log !== false && options.log !== undefined) logAnswers(app, requestQueue);
  await registerSecurityHeaders(app);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'munirank API',
        description:
          'Рейтинг муниципальных образований по уровню цифрового развития: данные, рейтинги, планы.',
        version: '0.1.0',
      },
    },
  });

  // The id an administrator looks up in the journal, on every answer.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Durations by route pattern (never by raw URL, which would make a series per address),
  // the wait for the request's turn included.
  app.addHook('onResponse', async (request, reply) => {
    httpRequestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      (reply.elapsedTime + requestQueue.waitedMs(request.raw)) / 1000,
    );
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const conflict = concurrentChangeOf(error);
    if (conflict) {
      request.log.warn({ err: error, requestId: request.id }, 'одновременное изменение');
      return reply.code(409).send(conflict);
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error(
        { err: error, requestId: request.id, route: request.routeOptions.url ?? null },
        'внутренняя ошибка сервера',
      );
      return reply.code(status).send({
        error: 'internal',
        message: `Внутренняя ошибка сервера. Подробности записаны в журнал под номером ${request.id}: сообщите его администратору.`,
        requestId: request.id,
      });
    }
    if (error instanceof RequestError && error.fields)
      return reply
        .code(status)
        .send({ error: error.errorCode, message: error.message, fields: error.fields });
    if (error instanceof AccessError || error instanceof RequestError)
      return reply.code(status).send({ error: error.errorCode, message: error.message });
    if (status === 413) {
      const limit = request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 0;
      return reply.code(413).send({
        error: 'too_large',
        message: `Запрос слишком велик: сюда принимается не больше ${limit >= 1024 * 1024 ? `${Math.floor(limit / 1024 / 1024)} МБ` : `${Math.floor(limit / 1024)} КБ`}. Ничего не записано.`,
      });
    }
    const plain = PLAIN_ERRORS[status];
    if (plain) return reply.code(status).send(plain);
    const code =
      status === 404 ? 'not_found' : error.validation ? 'invalid_request' : 'bad_request';
    const message =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? 'Тело запроса — не корректный JSON.'
        : error.validation
          ? russianValidationMessage(
              error.validation as SchemaProblem[],
              error.validationContext ?? 'body',
            )
          : error.message;
    return reply.code(status).send({ error: code, message });
  });

  const ctx = createAppContext(options.db, options.regionCode);
  const access = {
    db: options.db,
    config: readAccessConfig(process.env, options.access),
    regionId: ctx.regionId,
  };
  registerAccessControl(app, access);
  app.get('/api/health', { schema: { hide: true }, config: PUBLIC_ROUTE }, async () => ({
    status: 'ok',
  }));
  await app.register(operationsRoutes, {
    db: options.db as unknown as Kysely<unknown>,
    metricsAccess: options.metricsAccess ?? readMetricsAccess(),
    poolStats: options.poolStats,
    statementsSent: options.statementsSent,
  });
  await app.register(registryRoutes, ctx);
  await app.register(indicatorRoutes, ctx);
  await app.register(boundaryRoutes, ctx);
  await app.register(portalLicenceRoutes, ctx);
  await app.register(referenceRoutes, ctx);
  await app.register(ratingRoutes, ctx);
  await app.register(ratingStaffRoutes, ctx);
  await app.register(methodologyVersionRoutes, ctx);
  await app.register(planRoutes, ctx);
  await app.register(planTargetRoutes, ctx);
  await app.register(accessRoutes, access);
  await app.register(responsibleOfficialRoutes, ctx);
  await app.register(collectionRoutes, ctx);
  await app.register(cycleRoutes, ctx);
  await app.register(crossCheckRoutes, ctx);
  await app.register(measureRoutes, ctx);
  await app.register(tableExportRoutes, ctx);
  await app.register(reportRoutes, ctx);
  await app.register(importRoutes, { ...ctx, importJobs: options.importJobs });
  app.get('/api/openapi.json', { schema: { hide: true }, config: PUBLIC_ROUTE }, async () =>
    app.swagger(),
  );
  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  if (options.log !== false && options.log !== undefined)
    replay.hooks.log = (line) => app.log.info(line, 'request completed');
  await app.register(portalRoutes, { ...ctx, webRoot, replay });
  await registerWebAssets(app, webRoot);
  return app;
}
