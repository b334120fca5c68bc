import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Municipality } from '../../../domain/municipality.js';
import {
  MergerResult,
  MunicipalityChanges,
  MunicipalityClosure,
  MunicipalityMerger,
  NewMunicipality,
  NewUnitGroup,
  UnitGroup,
} from '../../../domain/registry.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { PUBLIC_ROUTE } from '../access/access-hooks.js';
import { auditContextOf } from '../access/audit.js';
import { requireSignedIn } from '../access/authorize.js';
import { createMunicipality, editMunicipality } from './registry-edit-service.js';
import { closeMunicipality, removeMunicipality } from './registry-lifecycle-service.js';
import { mergeMunicipalities } from './registry-merge-service.js';
import { listRegionMunicipalities } from './registry-service.js';
import { createGroup, listGroups } from './unit-group-service.js';

const tags = ['Реестр'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const CodeParams = Type.Object({ code: Type.String({ maxLength: 100 }) });

export const registryRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/municipalities',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags,
        summary: 'Муниципальные образования региона',
        response: { 200: Type.Array(Municipality) },
      },
    },
    async () => listRegionMunicipalities(ctx.db, await ctx.regionId()),
  );

  app.post(
    '/api/municipalities',
    {
      schema: {
        tags,
        summary: 'Добавить ОМСУ в реестр (администратор)',
        body: NewMunicipality,
        response: { 201: Municipality, ...errors },
      },
    },
    async (request, reply) => {
      const view = await createMunicipality(
        ctx.db,
        await ctx.regionId(),
        request.body,
        auditContextOf(request),
      );
      ctx.publicChanged();
      return reply.code(201).send(view);
    },
  );

  app.patch(
    '/api/municipalities/:code',
    {
      schema: {
        tags,
        summary: 'Изменить наименование, вид, ОКТМО, дату начала, варианты наименования, группы',
        params: CodeParams,
        body: MunicipalityChanges,
        response: { 200: Municipality, ...errors },
      },
    },
    async (request) => {
      const view = await editMunicipality(
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
    '/api/municipalities/:code/close',
    {
      schema: {
        tags,
        summary: 'Закрыть ОМСУ: последний день действия и, если есть, правопреемник',
        params: CodeParams,
        body: MunicipalityClosure,
        response: { 200: Municipality, ...errors },
      },
    },
    async (request) => {
      const view = await closeMunicipality(
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

  app.delete(
    '/api/municipalities/:code',
    {
      schema: {
        tags,
        summary:
          'Удалить ошибочно добавленное ОМСУ (нельзя, если на него ссылается рейтинг или по нему есть данные)',
        params: CodeParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeMunicipality(
        ctx.db,
        await ctx.regionId(),
        request.params.code,
        auditContextOf(request),
      );
      ctx.publicChanged();
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/municipality-mergers',
    {
      schema: {
        tags,
        summary: 'Объединить ОМСУ: предшественники закрываются, правопреемник действует с даты',
        body: MunicipalityMerger,
        response: { 200: MergerResult, ...errors },
      },
    },
    async (request) => {
      const result = await mergeMunicipalities(
        ctx.db,
        await ctx.regionId(),
        request.body,
        auditContextOf(request),
      );
      ctx.publicChanged();
      return result;
    },
  );

  app.get(
    '/api/unit-groups',
    {
      schema: {
        tags,
        summary: 'Группы ОМСУ (численность, кураторы и другие) с составом',
        response: { 200: Type.Array(UnitGroup), 401: ErrorBody },
      },
    },
    async (request) => {
      requireSignedIn(request.actor, 'registry.read');
      return listGroups(ctx.db, await ctx.regionId());
    },
  );

  app.post(
    '/api/unit-groups',
    {
      schema: {
        tags,
        summary: 'Создать группу ОМСУ (администратор)',
        body: NewUnitGroup,
        response: { 201: UnitGroup, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createGroup(ctx.db, await ctx.regionId(), request.body, auditContextOf(request)),
        ),
  );
};
