import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessDeps } from './access-hooks.js';
import { accountRoutes } from './account-routes.js';
import { apiTokenRoutes } from './api-token-routes.js';
import { auditRoutes } from './audit-routes.js';
import { sessionRoutes } from './session-routes.js';

/** Sessions, accounts, API tokens and the audit trail. */
export const accessRoutes: FastifyPluginAsyncTypebox<AccessDeps> = async (app, deps) => {
  await app.register(sessionRoutes, deps);
  await app.register(accountRoutes, deps);
  await app.register(apiTokenRoutes, deps);
  await app.register(auditRoutes, deps);
};
