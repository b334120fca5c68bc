import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MonthlyCycle } from '../../../domain/monthly-cycle.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import { monthlyCycle } from './cycle-service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The monthly cycle from data to publication (analysts, administrators; viewers read). */
export const cycleRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/cycle/:period',
    {
      schema: {
        tags: ['Цикл месяца'],
        summary:
          'Цикл месяца: состояние форм ОМСУ, загруженные выгрузки, рейтинги периода и какой следующий шаг можно сделать сейчас (а если нельзя — почему)',
        params: Type.Object({ period: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }) }),
        response: { 200: MonthlyCycle, ...errors },
      },
    },
    async (request) =>
      monthlyCycle(ctx.db, await ctx.regionId(), request.params.period, auditContextOf(request)),
  );
};
