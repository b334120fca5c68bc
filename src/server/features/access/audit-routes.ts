import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AuditEventView, AuditQuery } from '../../../domain/access.js';
import { ErrorBody } from '../../http-errors.js';
import { sendTable, type TableFormat, tableFormatQuery } from '../../table-export.js';
import type { AccessDeps } from './access-hooks.js';
import { auditContextOf } from './audit.js';
import { auditTrailTable, queryAuditTrail } from './audit-service.js';

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

  const exportTrail = async (
    request: { query: Type.Static<typeof AuditQuery> } & Parameters<typeof auditContextOf>[0],
    reply: FastifyReply,
    format: TableFormat,
  ) => {
    const events = await queryAuditTrail(
      deps.db,
      { limit: 1000, ...request.query },
      auditContextOf(request),
    );
    return sendTable(reply, auditTrailTable(events), 'munirank-audit', format);
  };

  app.get(
    '/api/audit-events.csv',
    {
      schema: {
        tags,
        summary: 'Журнал аудита в CSV (UTF-8, разделитель «;») с теми же фильтрами',
        querystring: AuditQuery,
        produces: ['text/csv'],
        response: errors,
      },
    },
    async (request, reply) => exportTrail(request, reply, 'csv'),
  );

  app.get(
    '/api/audit-events/export',
    {
      schema: {
        tags,
        summary:
          'Журнал аудита файлом: XLSX (числа — числами, закреплённая шапка) или CSV для русского Excel; те же фильтры, до 1000 записей',
        querystring: tableFormatQuery(['xlsx', 'csv'], AuditQuery.properties),
        response: errors,
      },
    },
    async (request, reply) => exportTrail(request, reply, request.query.format),
  );
};
