import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  FormulaCheck,
  FormulaCheckResult,
  IndicatorEdit,
  IndicatorView,
  NewIndicator,
} from '../../../domain/indicator-passport.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import {
  checkIndicatorFormula,
  createIndicator,
  editIndicator,
  readIndicator,
} from './indicator-service.js';

const tags = ['Показатели'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const CodeParams = Type.Object({ code: Type.String({ maxLength: 100 }) });

/** Indicator passports: read one with its history, create, edit, check a formula as it is typed. */
export const indicatorRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/indicators/:code',
    {
      schema: {
        tags,
        summary: 'Паспорт показателя с прежними версиями (аналитик, администратор)',
        params: CodeParams,
        response: { 200: IndicatorView, ...errors },
      },
    },
    async (request) =>
      readIndicator(ctx.db, await ctx.regionId(), request.params.code, auditContextOf(request)),
  );

  app.post(
    '/api/indicators',
    {
      schema: {
        tags,
        summary: 'Создать паспорт показателя (аналитик, администратор)',
        body: NewIndicator,
        response: { 201: IndicatorView, ...errors },
      },
    },
    async (request, reply) => {
      const view = await createIndicator(
        ctx.db,
        await ctx.regionId(),
        request.body,
        auditContextOf(request),
      );
      ctx.publicChanged();
      return reply.code(201).send(view);
    },
  );

  app.put(
    '/api/indicators/:code',
    {
      schema: {
        tags,
        summary:
          'Изменить паспорт показателя; если его использует опубликованный рейтинг, прежний паспорт сохраняется как версия',
        params: CodeParams,
        body: IndicatorEdit,
        response: { 200: IndicatorView, ...errors },
      },
    },
    async (request) => {
      const view = await editIndicator(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.body,
        auditContextOf(request),
      );
      ctx.publicChanged();
      return view;
    },
  );

  app.post(
    '/api/indicator-formula-checks',
    {
      schema: {
        tags,
        summary: 'Проверить формулу производного показателя (ничего не записывается)',
        body: FormulaCheck,
        response: { 200: FormulaCheckResult, ...errors },
      },
    },
    async (request) =>
      checkIndicatorFormula(ctx.db, await ctx.regionId(), request.body, auditContextOf(request)),
  );
};
