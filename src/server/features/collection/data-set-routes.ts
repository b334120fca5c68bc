import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  DATA_SET_CODE_PATTERN,
  DataSet,
  DataSetDeadline,
  DataSetInput,
  IndicatorSummary,
  ISO_DATE_PATTERN,
  NewDataSet,
} from '../../../domain/data-set.js';
import { ENTRY_PERIOD_PATTERN } from '../../../domain/entry-period.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import {
  createDataSet,
  listDataSets,
  listIndicatorSummaries,
  removeDataSet,
  removeDataSetDeadline,
  setDataSetDeadline,
  updateDataSet,
} from './data-set-service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['Сбор данных'];
const SetParams = Type.Object({ code: Type.String({ pattern: DATA_SET_CODE_PATTERN }) });
const DeadlineParams = Type.Object({
  code: Type.String({ pattern: DATA_SET_CODE_PATTERN }),
  period: Type.String({ pattern: ENTRY_PERIOD_PATTERN }),
});

/** The reporting calendar per data set: sets of indicators and their own deadlines. */
export const dataSetRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/indicators',
    {
      schema: {
        tags,
        summary: 'Паспорта показателей региона: код, наименование, единица, периодичность',
        response: { 200: Type.Array(IndicatorSummary), ...errors },
      },
    },
    async (request) =>
      listIndicatorSummaries(ctx.db, await ctx.regionId(), auditContextOf(request)),
  );

  app.get(
    '/api/data-sets',
    {
      schema: {
        tags,
        summary: 'Наборы данных (ЕСИА, ИС СОУ, СЭД и ПОС…): показатели и собственные сроки сдачи',
        response: { 200: Type.Array(DataSet), ...errors },
      },
    },
    async (request) => listDataSets(ctx.db, await ctx.regionId(), auditContextOf(request)),
  );

  app.post(
    '/api/data-sets',
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary: 'Создать набор данных: код, наименование, показатели (аналитик)',
        body: NewDataSet,
        response: { 201: DataSet, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createDataSet(ctx.db, await ctx.regionId(), request.body, auditContextOf(request)),
        ),
  );

  app.put(
    '/api/data-sets/:code',
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary: 'Изменить наименование и показатели набора данных (аналитик)',
        params: SetParams,
        body: DataSetInput,
        response: { 200: DataSet, ...errors },
      },
    },
    async (request) =>
      updateDataSet(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.body,
        auditContextOf(request),
      ),
  );

  app.delete(
    '/api/data-sets/:code',
    {
      schema: {
        tags,
        summary: 'Удалить набор данных и его сроки; значения показателей остаются (аналитик)',
        params: SetParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeDataSet(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        auditContextOf(request),
      );
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/data-sets/:code/deadlines/:period',
    {
      bodyLimit: 4 * 1024,
      schema: {
        tags,
        summary: 'Установить срок сдачи набора данных за период (аналитик)',
        params: DeadlineParams,
        body: Type.Object({ dueDate: Type.String({ pattern: ISO_DATE_PATTERN }) }),
        response: { 200: DataSetDeadline, ...errors },
      },
    },
    async (request) =>
      setDataSetDeadline(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.params.period,
        request.body.dueDate,
        auditContextOf(request),
      ),
  );

  app.delete(
    '/api/data-sets/:code/deadlines/:period',
    {
      schema: {
        tags,
        summary: 'Снять собственный срок набора данных за период: действует срок формы (аналитик)',
        params: DeadlineParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeDataSetDeadline(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.params.period,
        auditContextOf(request),
      );
      return reply.code(204).send(null);
    },
  );
};
