import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Municipality } from '../../../domain/municipality.js';
import type { AppContext } from '../../app-context.js';
import { PUBLIC_ROUTE } from '../access/access-hooks.js';
import { listRegionMunicipalities } from './registry-service.js';

export const registryRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/municipalities',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags: ['Реестр'],
        summary: 'Муниципальные образования региона',
        response: { 200: Type.Array(Municipality) },
      },
    },
    async () => listRegionMunicipalities(ctx.db, await ctx.regionId()),
  );
};
