import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  BoardFilterSchema,
  CollectionBoard,
  ReportingDeadline,
} from '../../../domain/collection-board.js';
import { DATA_SET_CODE_PATTERN } from '../../../domain/data-set.js';
import {
  EntryForm,
  EntryRejected,
  EntrySave,
  SubmissionState,
  WorkflowRequest,
} from '../../../domain/entry-form.js';
import { ENTRY_PERIOD_PATTERN } from '../../../domain/entry-period.js';
import { ValueRevision } from '../../../domain/import-preview.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import { collectionBoard, listReportingDeadlines, setReportingDeadline } from './board-service.js';
import { dataSetRoutes } from './data-set-routes.js';
import {
  EntryInvalidError,
  getEntryForm,
  listEntryValueRevisions,
  saveEntryForm,
} from './entry-service.js';
import { valueBrowserRoutes } from './value-browser-routes.js';
import { approveMany, transitionSubmission } from './workflow-service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['Сбор данных'];
const Code = Type.String({ pattern: '^[a-z0-9-]{1,100}$' });
const Period = Type.String({ pattern: ENTRY_PERIOD_PATTERN });
const FormParams = Type.Object({ code: Code, period: Period });

/** `lead` says what was refused: saving (the error's own words) or sending what is saved. */
const rejected = (error: EntryInvalidError, lead?: string) => ({
  error: 'entry_invalid' as const,
  message: lead ? `${lead}: ${error.problems.map((p) => p.message).join('; ')}` : error.message,
  problems: error.problems,
});

/** Entry forms, their workflow, the reporting calendar and the history of a value. */
export const collectionRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  await dataSetRoutes(app, ctx);
  await valueBrowserRoutes(app, ctx);
  app.get(
    '/api/entry-forms/:code/:period',
    {
      schema: {
        tags,
        summary:
          'Форма ввода ОМСУ за период: показатели, значения, прошлый период, статус и история (представитель ОМСУ — только свой)',
        params: FormParams,
        response: { 200: EntryForm, ...errors },
      },
    },
    async (request) =>
      getEntryForm(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.params.period,
        auditContextOf(request),
      ),
  );

  app.put(
    '/api/entry-forms/:code/:period',
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary:
          'Сохранить значения формы: каждая правка — ревизия (было → стало, автор, время, источник «форма ввода»)',
        params: FormParams,
        body: EntrySave,
        response: { 200: EntryForm, 422: EntryRejected, ...errors },
      },
    },
    async (request, reply) => {
      try {
        return await saveEntryForm(
          ctx.db,
          await ctx.regionId(),
          request.params.code,
          request.params.period,
          request.body,
          auditContextOf(request),
        );
      } catch (error) {
        if (error instanceof EntryInvalidError) return reply.code(422).send(rejected(error));
        throw error;
      }
    },
  );

  app.post(
    '/api/entry-forms/:code/:period/transitions',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary:
          'Перевести форму по процессу: отправить, вернуть с комментарием, утвердить, закрыть, открыть',
        params: FormParams,
        body: WorkflowRequest,
        response: { 200: SubmissionState, 422: EntryRejected, ...errors },
      },
    },
    async (request, reply) => {
      try {
        return await transitionSubmission(
          ctx.db,
          await ctx.regionId(),
          request.params.code,
          request.params.period,
          request.body,
          auditContextOf(request),
        );
      } catch (error) {
        // The values are saved; what is refused is sending them as they are.
        if (error instanceof EntryInvalidError)
          return reply.code(422).send(rejected(error, 'Нельзя отправить на проверку'));
        throw error;
      }
    },
  );

  app.get(
    '/api/entry-forms/:code/:period/values/:indicator/revisions',
    {
      schema: {
        tags,
        summary:
          'История значения формы: ревизии было → стало, кто, когда, источник (пакет импорта с файлом или форма ввода)',
        params: Type.Object({
          code: Code,
          period: Period,
          indicator: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,100}$' }),
        }),
        response: { 200: Type.Array(ValueRevision), ...errors },
      },
    },
    async (request) =>
      listEntryValueRevisions(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        request.params.period,
        request.params.indicator,
        auditContextOf(request),
      ),
  );

  app.post(
    '/api/entry-approvals',
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary: 'Утвердить отправленные формы нескольких ОМСУ за период (аналитик)',
        body: Type.Object({
          period: Period,
          municipalityCodes: Type.Array(Code, { minItems: 1, maxItems: 500 }),
        }),
        response: {
          200: Type.Object({
            approved: Type.Array(Type.String()),
            skipped: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
          }),
          ...errors,
        },
      },
    },
    async (request) =>
      approveMany(
        ctx.db,
        await ctx.regionId(),
        request.body.period,
        request.body.municipalityCodes,
        auditContextOf(request),
      ),
  );

  app.get(
    '/api/collection-board/:period',
    {
      schema: {
        tags,
        summary:
          'Полнота и своевременность за период — по всей форме или по набору данных (set): кто отправил, кто опаздывает, кому вернули, доля заполненных показателей; show — отбор строк (представитель ОМСУ — только свои)',
        params: Type.Object({ period: Period }),
        querystring: Type.Object({
          set: Type.Optional(Type.String({ pattern: DATA_SET_CODE_PATTERN })),
          show: Type.Optional(BoardFilterSchema),
        }),
        response: { 200: CollectionBoard, ...errors },
      },
    },
    async (request) =>
      collectionBoard(
        ctx.db,
        await ctx.regionId(),
        request.params.period,
        auditContextOf(request),
        {
          ...(request.query.set === undefined ? {} : { dataSet: request.query.set }),
          ...(request.query.show === undefined ? {} : { filter: request.query.show }),
        },
      ),
  );

  app.get(
    '/api/reporting-deadlines',
    {
      schema: {
        tags,
        summary: 'Календарь отчётности: сроки сдачи форм по периодам',
        response: { 200: Type.Array(ReportingDeadline), ...errors },
      },
    },
    async (request) =>
      listReportingDeadlines(ctx.db, await ctx.regionId(), auditContextOf(request)),
  );

  app.put(
    '/api/reporting-deadlines/:period',
    {
      bodyLimit: 4 * 1024,
      schema: {
        tags,
        summary: 'Установить срок сдачи форм за период (аналитик)',
        params: Type.Object({ period: Period }),
        body: Type.Object({ dueDate: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }) }),
        response: { 200: ReportingDeadline, ...errors },
      },
    },
    async (request) =>
      setReportingDeadline(
        ctx.db,
        await ctx.regionId(),
        request.params.period,
        request.body.dueDate,
        auditContextOf(request),
      ),
  );
};
