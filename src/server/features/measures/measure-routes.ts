import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AttachmentUpload,
  DATE_PATTERN,
  MeasureAttachment,
  MeasureInput,
  MeasurePlan,
  MeasureReportInput,
  MeasureSummary,
  PlanMeasure,
} from '../../../domain/plan-measure.js';
import type { AppContext } from '../../app-context.js';
import { attachmentDisposition } from '../../content-disposition.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import { deleteAttachment, deleteMeasure } from './measure-deletion-service.js';
import { measureSummary } from './measure-summary-service.js';
import {
  addAttachment,
  addMeasure,
  downloadAttachment,
  editMeasure,
  getMeasurePlan,
  saveReport,
  setPlanApproval,
} from './plan-measure-service.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};
const tags = ['План мероприятий'];
const Code = Type.String({ pattern: '^[a-z0-9-]{1,100}$' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const PlanParams = Type.Object({ code: Code, year: Year });
const Id = Type.Integer({ minimum: 1 });
const ReportParams = Type.Object({ id: Id, quarter: Type.Integer({ minimum: 1, maximum: 4 }) });

/** Plans of measures (мероприятия), quarterly reports with attachments, the department's summary. */
export const measureRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/measure-plans/:code/:year',
    {
      schema: {
        tags,
        summary:
          'План мероприятий ОМСУ на год с квартальными отчётами (представитель ОМСУ — только свой)',
        params: PlanParams,
        response: { 200: MeasurePlan, ...errors },
      },
    },
    async (request) =>
      getMeasurePlan(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.params.year,
        auditContextOf(request),
      ),
  );

  app.post(
    '/api/measure-plans/:code/:year/measures',
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary: 'Добавить мероприятие в план (пока план не утверждён; аналитик — всегда)',
        params: PlanParams,
        body: MeasureInput,
        response: { 201: PlanMeasure, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addMeasure(
            ctx.db,
            await ctx.regionId(),
            request.params.code,
            request.params.year,
            request.body,
            auditContextOf(request),
          ),
        ),
  );

  app.put(
    '/api/measure-plans/:code/:year/approval',
    {
      bodyLimit: 4 * 1024,
      schema: {
        tags,
        summary: 'Утвердить план мероприятий ОМСУ на год или вернуть его в работу (аналитик)',
        params: PlanParams,
        body: Type.Object({ approved: Type.Boolean() }),
        response: { 200: MeasurePlan, ...errors },
      },
    },
    async (request) =>
      setPlanApproval(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.params.year,
        request.body.approved,
        auditContextOf(request),
      ),
  );

  app.put(
    '/api/plan-measures/:id',
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary: 'Изменить мероприятие: наименование, ответственный, срок',
        params: Type.Object({ id: Id }),
        body: MeasureInput,
        response: { 200: PlanMeasure, ...errors },
      },
    },
    async (request) =>
      editMeasure(
        ctx.db,
        await ctx.regionId(),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
  );

  app.delete(
    '/api/plan-measures/:id',
    {
      schema: {
        tags,
        summary:
          'Удалить мероприятие (пока план не утверждён; аналитик — всегда). Мероприятие с квартальными отчётами (статус, комментарий или файлы) не удаляется: 409 с перечнем кварталов',
        params: Type.Object({ id: Id }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteMeasure(ctx.db, await ctx.regionId(), request.params.id, auditContextOf(request));
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/plan-measures/:id/reports/:quarter',
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary: 'Отчёт о мероприятии за квартал: статус и комментарий',
        params: ReportParams,
        body: MeasureReportInput,
        response: { 200: PlanMeasure, ...errors },
      },
    },
    async (request) =>
      saveReport(
        ctx.db,
        await ctx.regionId(),
        request.params.id,
        request.params.quarter,
        request.body,
        auditContextOf(request),
      ),
  );

  app.post(
    '/api/plan-measures/:id/reports/:quarter/attachments',
    {
      bodyLimit: 15 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Приложить файл к отчёту за квартал (base64; PDF, DOCX, XLSX, JPG, PNG по содержимому; до 10 МБ)',
        params: ReportParams,
        body: AttachmentUpload,
        response: { 201: MeasureAttachment, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addAttachment(
            ctx.db,
            await ctx.regionId(),
            request.params.id,
            request.params.quarter,
            request.body,
            auditContextOf(request),
          ),
        ),
  );

  app.get(
    '/api/measure-attachments/:id',
    {
      schema: {
        tags,
        summary: 'Скачать вложение отчёта о мероприятии',
        params: Type.Object({ id: Id }),
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const file = await downloadAttachment(
        ctx.db,
        await ctx.regionId(),
        request.params.id,
        auditContextOf(request),
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(file.content);
    },
  );

  app.delete(
    '/api/measure-attachments/:id',
    {
      schema: {
        tags,
        summary:
          'Удалить вложение отчёта о мероприятии (представитель своего ОМСУ, аналитик); в журнале остаются имя, размер и SHA-256 файла',
        params: Type.Object({ id: Id }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteAttachment(
        ctx.db,
        await ctx.regionId(),
        request.params.id,
        auditContextOf(request),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/measure-summary/:year',
    {
      schema: {
        tags,
        summary:
          'Сводка по мероприятиям для комиссии: по ОМСУ и кварталам — число мероприятий по статусам, просроченные (наблюдатель, аналитик, администратор)',
        params: Type.Object({ year: Year }),
        querystring: Type.Object({ asOf: Type.Optional(Type.String({ pattern: DATE_PATTERN })) }),
        response: { 200: MeasureSummary, ...errors },
      },
    },
    async (request) =>
      measureSummary(
        ctx.db,
        await ctx.regionId(),
        request.params.year,
        request.query.asOf,
        auditContextOf(request),
      ),
  );
};
