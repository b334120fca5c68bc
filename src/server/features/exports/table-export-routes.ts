import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { planExecutionTable, ratingTable } from '../../../documents/seed-tables.js';
import {
  collectionBoardTable,
  measureSummaryTables,
  valuesTable,
} from '../../../documents/staff-tables.js';
import { BoardFilterSchema } from '../../../domain/collection-board.js';
import { DATA_SET_CODE_PATTERN } from '../../../domain/data-set.js';
import { ENTRY_PERIOD_PATTERN } from '../../../domain/entry-period.js';
import { DATE_PATTERN } from '../../../domain/plan-measure.js';
import { ValueQuery } from '../../../domain/value-browser.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { sendTable, tableFormatQuery } from '../../table-export.js';
import { PUBLIC_ROUTE } from '../access/access-hooks.js';
import { auditContextOf } from '../access/audit.js';
import { collectionBoard } from '../collection/board-service.js';
import { browseValues } from '../collection/value-browser-service.js';
import { measureSummary } from '../measures/measure-summary-service.js';
import { getPlanMonth } from '../plans/plan-month-service.js';
import { getPlanReport } from '../plans/plan-service.js';
import { getStaffRating } from '../rating/rating-staff-service.js';

const Code = Type.String({ pattern: '^[a-z0-9-]{1,100}$' });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['Выгрузки'];
/** At most this many values in one download of the values browser. */
export const VALUES_EXPORT_LIMIT = 100_000;

/**
 * Every table the department works with as a file: Table 1 (a rating) and Table 2 (a plan's
 * execution) in the layout of the department's briefing note, and the staff tables (values,
 * collection board, measure summary) — XLSX with numeric cells, CSV for Russian Excel, PDF.
 * Each checks the same rights as the table it exports.
 */
export const tableExportRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/ratings/:code/table',
    {
      schema: {
        tags,
        summary:
          'Рейтинг (в том числе черновик) таблицей в макете справки (Таблица 1): место, ОМСУ, значения с точностью публикации — XLSX, CSV или PDF',
        params: Type.Object({ code: Code }),
        querystring: tableFormatQuery(),
        response: errors,
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const snapshot = await getStaffRating(
        ctx.db,
        await ctx.regionId(),
        code,
        auditContextOf(request),
      );
      return sendTable(reply, ratingTable(snapshot), `Таблица 1 ${code}`, request.query.format);
    },
  );

  app.get(
    '/api/plan-reports/:code/table',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags,
        summary:
          'Выполнение плана таблицей в макете справки (Таблица 2), показатели рассчитаны по хранимым данным — XLSX, CSV или PDF',
        params: Type.Object({ code: Code }),
        querystring: tableFormatQuery(),
        response: errors,
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const report = await getPlanReport(ctx.db, await ctx.regionId(), code);
      return sendTable(
        reply,
        planExecutionTable(report),
        `Таблица 2 ${code}`,
        request.query.format,
      );
    },
  );

  app.get(
    '/api/plans/:indicator/execution/table',
    {
      schema: {
        tags,
        summary:
          'Таблица 2 за любой месяц файлом (в макете справки; те же ОМСУ, что у /api/plans/{indicator}/execution) — XLSX, CSV или PDF',
        params: Type.Object({ indicator: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,100}$' }) }),
        querystring: tableFormatQuery(undefined, {
          month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' }),
          municipalities: Type.Optional(
            Type.String({ pattern: '^[a-z0-9-]{1,100}(,[a-z0-9-]{1,100})*$', maxLength: 20000 }),
          ),
        }),
        response: errors,
      },
    },
    async (request, reply) => {
      const { month, municipalities, format } = request.query;
      const report = await getPlanMonth(
        ctx.db,
        await ctx.regionId(),
        {
          indicatorCode: request.params.indicator,
          month,
          municipalityCodes: municipalities?.split(','),
        },
        auditContextOf(request),
      );
      return sendTable(reply, planExecutionTable(report), `Таблица 2 ${month}`, format);
    },
  );

  app.get(
    '/api/values/export',
    {
      schema: {
        tags,
        summary: `Текущие значения с источником файлом (те же отборы, что у /api/values, без разбиения на страницы; до ${VALUES_EXPORT_LIMIT} значений) — XLSX или CSV`,
        querystring: tableFormatQuery(['xlsx', 'csv'], {
          municipality: ValueQuery.properties.municipality,
          indicator: ValueQuery.properties.indicator,
          period: ValueQuery.properties.period,
        }),
        response: errors,
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const page = await browseValues(
        ctx.db,
        await ctx.regionId(),
        { ...filter, page: 1, pageSize: VALUES_EXPORT_LIMIT },
        auditContextOf(request),
      );
      const label = [filter.municipality, filter.indicator, filter.period]
        .filter((x) => x !== undefined)
        .join(', ');
      return sendTable(reply, valuesTable(page, label), 'Значения', format);
    },
  );

  app.get(
    '/api/collection-board/:period/export',
    {
      schema: {
        tags,
        summary: 'Сбор данных за период файлом (те же отборы, что у доски сбора) — XLSX или CSV',
        params: Type.Object({ period: Type.String({ pattern: ENTRY_PERIOD_PATTERN }) }),
        querystring: tableFormatQuery(['xlsx', 'csv'], {
          set: Type.Optional(Type.String({ pattern: DATA_SET_CODE_PATTERN })),
          show: Type.Optional(BoardFilterSchema),
        }),
        response: errors,
      },
    },
    async (request, reply) => {
      const { period } = request.params;
      const { set, show, format } = request.query;
      const board = await collectionBoard(
        ctx.db,
        await ctx.regionId(),
        period,
        auditContextOf(request),
        {
          ...(set === undefined ? {} : { dataSet: set }),
          ...(show === undefined ? {} : { filter: show }),
        },
      );
      return sendTable(reply, collectionBoardTable(board), `Сбор данных ${period}`, format);
    },
  );

  app.get(
    '/api/measure-summary/:year/export',
    {
      schema: {
        tags,
        summary:
          'Сводка по мероприятиям файлом: по ОМСУ и кварталам, затем просроченные — XLSX (два листа), CSV или PDF',
        params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        querystring: tableFormatQuery(undefined, {
          asOf: Type.Optional(Type.String({ pattern: DATE_PATTERN })),
        }),
        response: errors,
      },
    },
    async (request, reply) => {
      const { year } = request.params;
      const summary = await measureSummary(
        ctx.db,
        await ctx.regionId(),
        year,
        request.query.asOf,
        auditContextOf(request),
      );
      return sendTable(
        reply,
        measureSummaryTables(summary),
        `Сводка по мероприятиям ${year}`,
        request.query.format,
      );
    },
  );
};
