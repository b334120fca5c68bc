import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AuditEventView, AuditQuery } from '../../../domain/access.js';
import { ErrorBody } from '../../http-errors.js';
import type { AccessDeps } from './access-hooks.js';
import { auditContextOf } from './audit.js';
import { auditTrailCsv, queryAuditTrail } from './audit-service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const tags = ['Журнал аудита'];

export const auditRoutes: FastifyPluginAsyncTypebox<AccessDeps> = async (app, deps) => {
  app.get(
    '/api/audit-events',
    {
      schema: {
        tags,
        summary:
          'Журнал аудита, от новых к старым; фильтры: пользователь, действие, результат, даты',
        querystring: AuditQuery,
        response: { 200: Type.Array(AuditEventView), ...errors },
      },
    },
    async (request) => queryAuditTrail(deps.db, request.query, auditContextOf(request)),
  );

  app.get(
    '/api/audit-events.csv',
    {
      schema: {
        tags,
        summary: 'Журнал аудита в CSV (UTF-8, разделитель «;») с теми же фильтрами',
        querystring: AuditQuery,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const events = await queryAuditTrail(
        deps.db,
        { limit: 1000, ...request.query },
        auditContextOf(request),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="munirank-audit.csv"')
        .header('cache-control', 'no-store')
        .send(auditTrailCsv(events));
    },
  );
};
