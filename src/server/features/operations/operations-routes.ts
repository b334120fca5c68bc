import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { type PoolStats, processMetricsText } from '../../metrics/server-metrics.js';
import { AccessError } from '../access/access-errors.js';
import { PUBLIC_ROUTE } from '../access/access-hooks.js';
import type { MetricsAccess } from './metrics-access.js';
import { metricsRefusal } from './metrics-access.js';
import { readinessProblem } from './readiness.js';

export interface OperationsRoutesOptions {
  db: Kysely<unknown>;
  metricsAccess: MetricsAccess;
  poolStats?: () => PoolStats | null;
  statementsSent?: () => number;
}

/**
 * What a load balancer and a monitoring system ask: /healthz (the process answers), /readyz
 * (the database answers with the expected schema; 503 with the reason otherwise) and
 * /metrics (Prometheus text, for the metrics token and/or listed addresses only).
 */
export async function operationsRoutes(app: FastifyInstance, options: OperationsRoutesOptions) {
  const hidden = { hide: true };
  app.get('/healthz', { schema: hidden, config: PUBLIC_ROUTE, logLevel: 'warn' }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/readyz',
    { schema: hidden, config: PUBLIC_ROUTE, logLevel: 'warn' },
    async (_, reply) => {
      const problem = await readinessProblem(options.db);
      if (problem === null) return { status: 'ready' };
      return reply.code(503).send({ status: 'unavailable', reason: problem });
    },
  );
  app.get(
    '/metrics',
    { schema: hidden, config: { ...PUBLIC_ROUTE, ownBearer: true }, logLevel: 'warn' },
    async (request, reply) => {
      const refusal = metricsRefusal(options.metricsAccess, {
        ip: request.ip,
        authorization: request.headers.authorization,
      });
      if (refusal !== null)
        throw new AccessError(
          request.actor.kind === 'anonymous' ? 401 : 403,
          'metrics_forbidden',
          refusal,
          {
            action: 'metrics.read',
          },
        );
      return reply
        .type('text/plain; version=0.0.4; charset=utf-8')
        .send(processMetricsText(options.poolStats, options.statementsSent));
    },
  );
}
