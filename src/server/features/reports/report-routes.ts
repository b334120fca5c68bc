import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  COMMISSION_FORMATS,
  commissionFileName,
  commissionReportFile,
} from '../../../documents/commission-report-file.js';
import { DATE_PATTERN } from '../../../domain/plan-measure.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { sendDownload } from '../../table-export.js';
import { auditContextOf } from '../access/audit.js';
import { gatherCommissionReport } from './commission-report-service.js';

/** The commission's briefing note for a meeting date, as the department hands it over. */
export const reportRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/commission-report',
    {
      schema: {
        tags: ['Выгрузки'],
        summary:
          'Справка к заседанию комиссии (DOCX или PDF): начало и конец рейтинга, наибольшие изменения мест, выполнение плана с прогнозом и ОМСУ под угрозой, мероприятия и просроченные; приложения — Таблица 1 и Таблица 2',
        querystring: Type.Object({
          date: Type.String({ pattern: DATE_PATTERN, description: 'дата заседания, ГГГГ-ММ-ДД' }),
          format: Type.Union([Type.Literal('docx'), Type.Literal('pdf')]),
        }),
        response: { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const { date, format } = request.query;
      const report = await gatherCommissionReport(
        ctx.db,
        await ctx.regionId(),
        date,
        auditContextOf(request),
      );
      const bytes = await commissionReportFile(report, format);
      return sendDownload(
        reply,
        bytes,
        COMMISSION_FORMATS[format],
        commissionFileName(date, format),
      );
    },
  );
};
