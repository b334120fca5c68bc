import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PortalLicence } from '../../../domain/portal-licence.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { PUBLIC_ROUTE } from '../access/access-hooks.js';
import { auditContextOf } from '../access/audit.js';
import { readLicence, setLicence } from './portal-licence-service.js';

const tags = ['Портал'];

/** The open data licence line of the region's portal: anyone reads it, administrators set it. */
export const portalLicenceRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/portal/licence',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags,
        summary: 'Строка о лицензии открытых данных, которую показывает каждая страница портала',
        response: { 200: PortalLicence },
      },
    },
    async () => ({ licence: await readLicence(ctx.db) }),
  );

  app.put(
    '/api/portal/licence',
    {
      schema: {
        tags,
        summary:
          'Задать строку о лицензии открытых данных региона (администраторы); та же строка ничего не меняет',
        body: PortalLicence,
        response: { 200: PortalLicence, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const saved = await setLicence(
        ctx.db,
        await ctx.regionId(),
        request.body.licence,
        auditContextOf(request),
      );
      if (saved.changed) ctx.publicChanged();
      return { licence: saved.licence };
    },
  );
};
