import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { PlanMonthReport } from '../../../domain/plan-month.js';
import { ManualTargetInput, PlanRuleInput, PlanTargets } from '../../../domain/plan-targets.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import { getPlanMonth } from './plan-month-service.js';
import { setManualTarget, setPlanRule } from './plan-rule-service.js';
import { getPlanTargets } from './plan-targets-service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['Планы'];
const Indicator = Type.String({ pattern: '^[a-z0-9_]{1,100}$' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const PlanParams = Type.Object({ indicator: Indicator, year: Year });
const TargetParams = Type.Object({
  indicator: Indicator,
  year: Year,
  code: Type.String({ pattern: '^[a-z0-9-]{1,100}$' }),
});

/** Targets by rule or by hand, and Table 2 computed for any month (staff; read: summaries). */
export const planTargetRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  type Params = { indicator: string; year: number };
  const changeRule = async (request: FastifyRequest, p: Params, input: PlanRuleInput | null) =>
    setPlanRule(ctx.db, await ctx.regionId(), p.indicator, p.year, input, auditContextOf(request));
  const changeTarget = async (
    request: FastifyRequest,
    p: Params & { code: string },
    input: ManualTargetInput | null,
  ) =>
    setManualTarget(
      ctx.db,
      await ctx.regionId(),
      p.indicator,
      p.year,
      p.code,
      input,
      auditContextOf(request),
    );

  app.get(
    '/api/plans/:indicator/:year/targets',
    {
      schema: {
        tags,
        summary:
          'Целевые показатели ОМСУ на год: правило, рассчитанные по нему и заданные вручную значения, ОМСУ без исходных данных',
        params: PlanParams,
        response: { 200: PlanTargets, ...errors },
      },
    },
    async (request) =>
      getPlanTargets(
        ctx.db,
        await ctx.regionId(),
        request.params.indicator,
        request.params.year,
        auditContextOf(request),
      ),
  );

  app.put(
    '/api/plans/:indicator/:year/rule',
    {
      schema: {
        tags,
        summary:
          'Задать правило целевых показателей: доля справочного значения, абсолютное значение или прирост к началу года (аналитик, администратор)',
        params: PlanParams,
        body: PlanRuleInput,
        response: { 200: PlanTargets, ...errors },
      },
    },
    async (request) => changeRule(request, request.params, request.body),
  );

  app.delete(
    '/api/plans/:indicator/:year/rule',
    {
      schema: {
        tags,
        summary: 'Удалить правило целевых показателей (заданные вручную значения остаются)',
        params: PlanParams,
        response: { 200: PlanTargets, ...errors },
      },
    },
    async (request) => changeRule(request, request.params, null),
  );

  app.put(
    '/api/plans/:indicator/:year/targets/:code',
    {
      schema: {
        tags,
        summary:
          'Задать целевой показатель ОМСУ вручную: он имеет приоритет над правилом и помечается (аналитик, администратор)',
        params: TargetParams,
        body: ManualTargetInput,
        response: { 200: PlanTargets, ...errors },
      },
    },
    async (request) => changeTarget(request, request.params, request.body),
  );

  app.delete(
    '/api/plans/:indicator/:year/targets/:code',
    {
      schema: {
        tags,
        summary: 'Снять заданный вручную целевой показатель ОМСУ: снова действует правило',
        params: TargetParams,
        response: { 200: PlanTargets, ...errors },
      },
    },
    async (request) => changeTarget(request, request.params, null),
  );

  app.get(
    '/api/plans/:indicator/execution',
    {
      schema: {
        tags,
        summary:
          'Таблица 2 за любой месяц: выполнение плана, рассчитанное по данным за месяцы, прогноз на конец года и статус (наблюдатель, аналитик, администратор)',
        params: Type.Object({ indicator: Indicator }),
        querystring: Type.Object({
          month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' }),
          municipalities: Type.Optional(
            Type.String({ pattern: '^[a-z0-9-]{1,100}(,[a-z0-9-]{1,100})*$', maxLength: 20000 }),
          ),
        }),
        response: { 200: PlanMonthReport, ...errors },
      },
    },
    async (request) =>
      getPlanMonth(
        ctx.db,
        await ctx.regionId(),
        {
          indicatorCode: request.params.indicator,
          month: request.query.month,
          municipalityCodes: request.query.municipalities?.split(','),
        },
        auditContextOf(request),
      ),
  );
};
