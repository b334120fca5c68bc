import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ReferenceDataKindSchema,
  ReferenceSetResult,
  ReferenceSettings,
  ReferenceTable,
  ReferenceValueInput,
} from '../../../domain/reference-data.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import { setJumpShare, setReferenceValue } from './reference-edit-service.js';
import { listReferenceYears, readReferenceTable } from './reference-table-service.js';

const tags = ['Справочные данные'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Year = Type.Integer({ minimum: 1900, maximum: 2200 });

/** Reference data per year (population, economically active population): view and edit. */
export const referenceRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/reference-data',
    {
      schema: {
        tags,
        summary: 'Годы, за которые в базе есть справочные данные, от последнего к первому',
        response: { 200: Type.Object({ years: Type.Array(Type.Integer()) }), ...errors },
      },
    },
    async (request) => ({
      years: await listReferenceYears(ctx.db, await ctx.regionId(), auditContextOf(request)),
    }),
  );

  app.get(
    '/api/reference-data/:year',
    {
      schema: {
        tags,
        summary:
          'Справочные данные за год по всем ОМСУ: значение, источник, кто и когда изменил, значение прошлого года и скачок',
        params: Type.Object({ year: Year }),
        response: { 200: ReferenceTable, ...errors },
      },
    },
    async (request) =>
      readReferenceTable(
        ctx.db,
        await ctx.regionId(),
        request.params.year,
        auditContextOf(request),
      ),
  );

  app.put(
    '/api/reference-data/:year/:code/:kind',
    {
      schema: {
        tags,
        summary: 'Задать справочное значение ОМСУ за год вручную, с источником',
        params: Type.Object({
          year: Year,
          code: Type.String({ maxLength: 100 }),
          kind: ReferenceDataKindSchema,
        }),
        body: ReferenceValueInput,
        response: { 200: ReferenceSetResult, ...errors },
      },
    },
    async (request) =>
      setReferenceValue(
        ctx.db,
        await ctx.regionId(),
        request.params,
        request.body,
        auditContextOf(request),
      ),
  );

  app.put(
    '/api/reference-settings',
    {
      schema: {
        tags,
        summary: 'Порог скачка справочных данных от прошлого года (доля: 0,25 — 25 %)',
        body: ReferenceSettings,
        response: { 200: ReferenceSettings, ...errors },
      },
    },
    async (request) => setJumpShare(ctx.db, request.body, auditContextOf(request)),
  );
};
