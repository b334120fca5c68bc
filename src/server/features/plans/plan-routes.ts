import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PlanExecutionReport } from '../../../domain/plan-execution.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { PUBLIC_ROUTE } from '../access/access-hooks.js';
import { getPlanReport, listPlanReportSummaries } from './plan-service.js';

const PlanReportSummary = Type.Object({
  code: Type.String(),
  title: Type.String(),
  year: Type.Integer(),
  asOf: Type.String({ format: 'date' }),
});

export const planRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/plan-reports',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags: ['Планы'],
        summary: 'Отчёты о выполнении планов',
        response: { 200: Type.Array(PlanReportSummary) },
      },
    },
    async () => listPlanReportSummaries(ctx.db, await ctx.regionId()),
  );

  app.get(
    '/api/plan-reports/:code',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags: ['Планы'],
        summary:
          'Выполнение плана: исходные данные, рассчитанные показатели, напечатанные в источнике значения и предупреждения о расхождениях',
        params: Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{1,100}$' }) }),
        response: { 200: PlanExecutionReport, 404: ErrorBody },
      },
    },
    async (request) => getPlanReport(ctx.db, await ctx.regionId(), request.params.code),
  );
};
